//go:build unix

package downloads

import "syscall"

// syncDisk writes out what the kernel holds for the disk.
func syncDisk() { syscall.Sync() }

//go:build !unix

package downloads

func syncDisk() {}

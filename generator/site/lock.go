package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// ErrBusy is wrapped by the error of a build that found another build of
// the same site running.
var ErrBusy = errors.New("another build of this site is running")

// lock takes the lock file beside out for the length of a build, so that
// two builds never share a spare or swap at once, and so a build
// may clear what a killed one left behind. The lock is the kernel's: it is
// released when the process ends, however it ends, so a killed build never
// leaves the site locked.
func lock(out string) (unlock func(), err error) {
	path := filepath.Clean(out) + ".lock"
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("lock %s: %w", path, ErrBusy)
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() { f.Close() }, nil
}

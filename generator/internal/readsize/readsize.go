// Package readsize tells how many bytes a reader holds, when it can say,
// so that a reader of a whole file can allocate for it once rather than
// grow as it reads.
package readsize

import (
	"io"
	"io/fs"
)

// Of returns the size of what r reads: a file's (an *os.File, a file in a
// zip or any fs.File), or the length of a bytes.Reader or strings.Reader.
// It is 0 when r cannot say. It is a hint: r may hold more or less.
func Of(r io.Reader) int64 {
	switch r := r.(type) {
	case interface{ Size() int64 }:
		return r.Size()
	case interface{ Stat() (fs.FileInfo, error) }:
		if info, err := r.Stat(); err == nil {
			return info.Size()
		}
	}
	return 0
}

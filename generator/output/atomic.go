package output

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes path through a hidden temporary file beside it,
// renamed into place when complete, so that the file either exists whole or
// not at all and an interrupted run can be resumed. It returns the bytes
// written.
func WriteFileAtomic(path string, write func(*bufio.Writer) error) (int64, error) {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	fh, err := os.Create(tmp)
	if err != nil {
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	cw := &counter{w: fh}
	bw := bufio.NewWriterSize(cw, 256<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return 0, fmt.Errorf("write %s: %w", path, err)
	}
	return cw.n, nil
}

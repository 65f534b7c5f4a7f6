package source

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// Input is an opened data source: a folder or an archive zip.
type Input struct {
	FS   fs.FS
	Root string // "." for a folder or a zip with months at its top
	Path string // as given, for messages
	c    io.Closer
}

// Close releases the input.
func (in *Input) Close() error {
	if in.c != nil {
		return in.c.Close()
	}
	return nil
}

// Open opens a folder or a .zip in the data.police.uk layout.
func Open(path string) (*Input, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("open input: %w", err)
	}
	if info.IsDir() {
		return &Input{FS: os.DirFS(path), Root: ".", Path: path}, nil
	}
	if !strings.HasSuffix(strings.ToLower(path), ".zip") {
		return nil, fmt.Errorf("open input %s: not a folder or a .zip", path)
	}
	zr, err := zip.OpenReader(path)
	// Names that climb out of the archive are not usable as fs paths, and
	// zip.Reader's fs view leaves them out; we never extract, so reading on
	// is safe.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("open input %s: %w", path, err)
	}
	return &Input{FS: zr, Root: ".", Path: path, c: zr}, nil
}

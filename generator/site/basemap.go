package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/crimemap/crimemap/generator/basemap"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/source"
)

// BasemapName is the basemap's file name in the reference data, used when
// --basemap is not given.
const BasemapName = "basemap.pmtiles"

// basemapFile is the street basemap the site publishes.
type basemapFile struct {
	path string       // in the site; "" when the build has none
	info basemap.Info // what the check read from it
}

// openBasemap opens the basemap a build is given: --basemap, or else
// basemap.pmtiles in the reference data. name says where it is, for
// messages; ok is false when there is none.
func openBasemap(cfg Config, in *source.Input) (open func() (io.ReadCloser, error), name string, ok bool) {
	if cfg.Basemap != "" {
		return func() (io.ReadCloser, error) { return os.Open(cfg.Basemap) }, cfg.Basemap, true
	}
	return refFile(cfg, in, BasemapName)
}

// basemap publishes the street basemap under tiles/, named by its content
// so it can be cached for good, and checks it reads as a vector basemap
// in the Protomaps schema. The previous site's copy is reused when the
// content is the same. A build without one says so: the map then draws
// the boundaries alone. Out: base.
func (b *build) basemap(context.Context) (string, error) {
	b.base = &basemapFile{}
	open, name, ok := openBasemap(b.cfg, b.in)
	if !ok {
		return fmt.Sprintf("none: the map shows the boundaries without streets (give --basemap FILE.pmtiles, or put %s in the reference data)", BasemapName), nil
	}
	key, err := hashOf(open)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	b.base.path = "tiles/basemap-" + key[:keyChars] + ".pmtiles"
	reused, err := b.out.Make(b.base.path, key, func(w io.Writer) error {
		r, err := open()
		if err != nil {
			return err
		}
		defer r.Close()
		_, err = io.Copy(w, r)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	// The published copy is what is checked, once, whether the basemap
	// came from a file, from inside a zip or from the previous site; the
	// message names the file the user gave.
	size, err := checkBasemap(b.base.file(b.out), &b.base.info)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	how := "published"
	if reused {
		how = "reused"
	}
	return fmt.Sprintf("%s, zooms %d-%d, %s, %s", b.base.path, b.base.info.MinZoom, b.base.info.MaxZoom, megabytes(size), how), nil
}

// checkBasemap checks the archive at path into info, and gives its size.
func checkBasemap(path string, info *basemap.Info) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	*info, err = basemap.Check(f, st.Size())
	return st.Size(), err
}

// hashOf is the hex SHA-256 of what open gives.
func hashOf(open func() (io.ReadCloser, error)) (string, error) {
	r, err := open()
	if err != nil {
		return "", err
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// file is the published basemap on disk, for the pages' maps; "" for none.
func (b *basemapFile) file(out *output.Dir) string {
	if b.path == "" {
		return ""
	}
	return filepath.Join(out.Root(), filepath.FromSlash(b.path))
}

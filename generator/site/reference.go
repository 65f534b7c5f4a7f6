package site

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/source"
)

// refFS finds the reference data: --ref when given, else a "reference"
// folder inside the input (folder or zip). ok is false when there is none.
func refFS(cfg Config, in *source.Input) (fsys fs.FS, name string, ok bool) {
	if cfg.Ref != "" {
		return os.DirFS(cfg.Ref), cfg.Ref, true
	}
	if info, err := fs.Stat(in.FS, "reference"); err == nil && info.IsDir() {
		sub, err := fs.Sub(in.FS, "reference")
		if err == nil {
			return sub, in.Path + "/reference", true
		}
	}
	return nil, "", false
}

// refFile finds one file of the reference data by its path there (rel,
// slash-separated): the same answer for a reference folder, the input's
// own folder or a zip, so that nothing found in one form is missed in
// another. name says where it is, for messages; ok is false when there
// is none.
func refFile(cfg Config, in *source.Input, rel string) (open func() (io.ReadCloser, error), name string, ok bool) {
	fsys, ref, ok := refFS(cfg, in)
	if !ok {
		return nil, "", false
	}
	if info, err := fs.Stat(fsys, rel); err != nil || info.IsDir() {
		return nil, "", false
	}
	return func() (io.ReadCloser, error) { return fsys.Open(rel) }, ref + "/" + rel, true
}

// reference loads the optional reference data. Its problems are reported
// like the data's; none of them stops a build unless --strict. Out: ref
// (empty without reference data), bounds.
func (b *build) reference(context.Context) (string, error) {
	b.ref = &reference.Data{}
	fsys, name, ok := refFS(b.cfg, b.in)
	if !ok {
		return "", errSkip
	}
	ref, err := reference.Load(fsys, ".", b.report)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	b.ref = ref
	b.bounds = ref.Boundaries()
	return fmt.Sprintf("%d neighbourhood boundaries, %d details, %d force boundaries, %d LSOAs, %d populations, %d postcodes",
		len(ref.Neighbourhoods), len(ref.Details), len(ref.Forces), len(ref.LSOAs), len(ref.Population), len(ref.Postcodes)), nil
}

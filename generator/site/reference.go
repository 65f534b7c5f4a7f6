package site

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/progress"
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

// reference loads the optional reference data. Its problems are reported
// like the data's; none of them stops a build unless --strict.
func (res *Result) reference(cfg Config, in *source.Input, p *progress.Reporter) (*reference.Data, []index.Boundary, error) {
	fsys, name, ok := refFS(cfg, in)
	if !ok {
		return &reference.Data{}, nil, nil
	}
	if cfg.Ref != "" {
		if info, err := os.Stat(cfg.Ref); err != nil || !info.IsDir() {
			return nil, nil, fmt.Errorf("reference: %s is not a folder", cfg.Ref)
		}
	}
	p.Start("reference")
	ref, err := reference.Load(fsys, ".", res.Report)
	if err != nil {
		return nil, nil, fmt.Errorf("reference: %s: %w", name, err)
	}
	bounds := make([]index.Boundary, 0, len(ref.Neighbourhoods))
	for _, a := range ref.Neighbourhoods {
		bounds = append(bounds, index.Boundary{Force: a.Force, ID: a.ID, Name: a.Name, Shape: a.Shape})
	}
	res.stage("reference", p.Done("%d neighbourhood boundaries, %d details, %d force boundaries, %d LSOAs, %d populations, %d postcodes",
		len(ref.Neighbourhoods), len(ref.Details), len(ref.Forces), len(ref.LSOAs), len(ref.Population), len(ref.Postcodes)))
	return ref, bounds, nil
}

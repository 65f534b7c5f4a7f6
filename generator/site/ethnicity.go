package site

import (
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/validate"
)

// ethnicity reads the optional residents-by-ethnic-group file from the
// reference folder, for stop-and-search rates by group; nil without one.
func ethnicity(cfg Config, in *source.Input, r *validate.Report) map[string]reference.EthnicCounts {
	fsys, _, ok := refFS(cfg, in)
	if !ok {
		return nil
	}
	return reference.LoadEthnicity(fsys, ".", r)
}

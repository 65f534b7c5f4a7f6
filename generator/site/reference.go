package site

import (
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/progress"
)

// reference loads the optional reference data.
func (res *Result) reference(cfg Config, p *progress.Reporter) ([]index.Boundary, error) {
	return nil, nil
}

package site

import (
	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/downloads"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/progress"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
)

// downloads writes the archives, per-area files and the static API. Their
// pages are rendered with the others.
func (res *Result) downloads(cfg Config, in *source.Input, st *store.Store, ix *index.Index, agg *aggregate.Aggregates,
	ref *reference.Data, out *output.Dir, p *progress.Reporter) (*downloads.Result, error) {
	p.Start("downloads")
	excluded := map[string][]downloads.Exclusion{}
	for _, f := range st.Inputs {
		for _, x := range f.Excluded {
			excluded[f.Path] = append(excluded[f.Path], downloads.Exclusion{From: int(x.From), To: int(x.To), Reason: x.Reason})
		}
	}
	d, err := downloads.Write(&downloads.Input{
		Store: st, Index: ix, Agg: agg, Details: ref.Details, Source: in.FS,
		Excluded: func(path string) []downloads.Exclusion { return excluded[path] },
		Prev:     cfg.Out, BaseURL: cfg.BaseURL,
	}, out)
	if err != nil {
		return nil, err
	}
	s := d.Stats
	res.stage("downloads", p.Done("%d files, %.1f MB; %d month archives (%d reused), %d zip entries compressed, %d copied compressed, %d API files",
		s.Files, float64(s.Bytes)/1e6, len(d.Months), len(d.Reused), s.Compressed, s.RawCopied, s.APIFiles))
	return d, nil
}

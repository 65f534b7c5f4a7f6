package site

import (
	"context"
	"fmt"

	"github.com/crimemap/crimemap/generator/downloads"
)

// downloads writes the archives, per-area files and the static API. Their
// pages are rendered with the others. In: st, ix, agg, ref. Out: dl.
func (b *build) downloads(context.Context) (string, error) {
	excluded := map[string][]downloads.Exclusion{}
	for _, f := range b.st.Inputs {
		for _, x := range f.Excluded {
			excluded[f.Path] = append(excluded[f.Path], downloads.Exclusion{From: int(x.From), To: int(x.To), Reason: x.Reason})
		}
	}
	d, err := downloads.Write(&downloads.Input{
		Store: b.st, Index: b.ix, Agg: b.agg, Details: b.ref.Details, Source: b.in.FS,
		Excluded: func(path string) []downloads.Exclusion { return excluded[path] },
		BaseURL:  b.cfg.BaseURL,
	}, b.out)
	if err != nil {
		return "", err
	}
	b.dl = d
	b.res.Downloads, b.res.DownloadMonths, b.res.DownloadMonthsReused = d.Stats, len(d.Months), len(d.Reused)
	s := d.Stats
	return fmt.Sprintf("%d files, %.1f MB; %d month archives (%d reused), %d zip entries compressed, %d copied compressed, %d API files",
		s.Files, float64(s.Bytes)/1e6, len(d.Months), len(d.Reused), s.Compressed, s.RawCopied, s.APIFiles), nil
}

package site

import (
	"context"
	"fmt"

	"github.com/crimemap/crimemap/generator/downloads"
	"github.com/crimemap/crimemap/generator/hosting"
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
	rules, err := b.rewrites(d)
	if err != nil {
		return "", err
	}
	s := d.Stats
	return fmt.Sprintf("%d files, %.1f MB; %d month archives (%d reused), %d zip entries compressed, %d copied compressed, %d API files, %d rewrite rules",
		s.Files, float64(s.Bytes)/1e6, len(d.Months), len(d.Reused), s.Compressed, s.RawCopied, s.APIFiles, rules), nil
}

// rewrites writes the rules that answer the live API's paths and query
// strings with the API's files, in the forms the hosts read: _redirects
// (Netlify, Cloudflare Pages, crimemap serve) and a CloudFront Function.
// A rule whose target names no file of the site (the stops rules of a
// site without stop and search) is left out, and the rules are compiled
// first, so that a rule no host could apply fails the build, not the site.
func (b *build) rewrites(d *downloads.Result) (int, error) {
	var files []string
	for _, e := range b.out.Entries() { // sorted by path
		files = append(files, e.Path)
	}
	rules := hosting.Answered(d.Rewrites(), files)
	if _, err := hosting.NewRewriter(rules); err != nil {
		return 0, fmt.Errorf("rewrite rules: %w", err)
	}
	fn := hosting.CloudFrontFunction(rules)
	if len(fn) > hosting.CloudFrontMaxBytes {
		return 0, fmt.Errorf("the CloudFront function is %d bytes, over CloudFront's %d", len(fn), hosting.CloudFrontMaxBytes)
	}
	if err := b.out.Write(hosting.RedirectsName, hosting.RedirectsFile(rules)); err != nil {
		return 0, err
	}
	if err := b.out.Write(hosting.CloudFrontName, fn); err != nil {
		return 0, err
	}
	return len(rules), nil
}

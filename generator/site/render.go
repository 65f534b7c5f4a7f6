package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/crimemap/crimemap/content"
	"github.com/crimemap/crimemap/generator/bundle"
	"github.com/crimemap/crimemap/generator/changes"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/hosting"
	"github.com/crimemap/crimemap/generator/i18n"
	"github.com/crimemap/crimemap/generator/markdown"
	"github.com/crimemap/crimemap/generator/pages"
	"github.com/crimemap/crimemap/generator/search"
)

// assets bundles the stylesheets and scripts (or takes the bundle built
// into the binary) and writes the hosting headers that say how long each
// kind of file may be cached. Out: assetMap.
func (b *build) assets(context.Context) (string, error) {
	var (
		m     bundle.Manifest
		files []bundle.File
		err   error
	)
	if b.cfg.Assets == "" {
		m, files, err = bundle.FromEmbedded(b.out)
	} else {
		m, files, err = bundle.Build(b.cfg.Assets, b.out)
	}
	if err != nil {
		return "", err
	}
	b.assetMap = m
	if err := b.out.Write(hosting.HeadersName, hosting.HeadersFile(hosting.Options{MapStyle: b.cfg.MapStyle})); err != nil {
		return "", err
	}
	var n int
	for _, f := range files {
		n += f.Bytes
	}
	return fmt.Sprintf("%d files, %.0f KB (%s, %s)", len(files), float64(n)/1e3, m["site.css"], m["site.js"]), nil
}

// render writes every page, the changes file and the build report. In:
// everything before it but the month archives, whose names it has.
func (b *build) render(context.Context) (string, error) {
	pagesContent, err := markdown.LoadDir(content.FS, ".")
	if err != nil {
		return "", fmt.Errorf("content: %w", err)
	}
	welshContent, err := markdown.LoadDir(content.FS, "cy")
	if err != nil {
		return "", fmt.Errorf("content: %w", err)
	}
	cat, err := loadCatalogue(b.cfg.Messages)
	if err != nil {
		return "", err
	}
	s, st := &b.shown, b.st
	if err := changes.WriteCSV(b.out, st, s.changes); err != nil {
		return "", err
	}
	load := b.res.Load
	ps, err := pages.Render(&pages.Input{
		Site:  pages.SiteInfo{Name: b.cfg.SiteName, BaseURL: b.cfg.BaseURL},
		Store: st, Index: b.ix, Agg: b.agg,
		Population: s.population, Ethnicity: s.ethnicity, Details: b.ref.Details,
		Content: pagesContent, Assets: b.assetMap,
		MapMonths: mapMonths(st), Tiles: func(m crime.Month) string { return b.tilePaths[m] },
		Boundaries: s.boundaries.path, MapStyle: b.cfg.MapStyle,
		Basemap: b.base.path, BasemapAttribution: b.base.info.Attribution, BasemapFile: b.base.file(b.out),
		Catchments: s.catchments.path, CatchmentsBoxed: s.catchments.boxed, NbhdSnaps: s.catchments.nbhdSnaps,
		Downloads: b.dl, NbhdCentres: s.nbhdCentres, ForceCentres: s.forceCentres, Districts: s.placed.Districts,
		Report: b.report, Files: load.Files, Rows: load.Rows, Excluded: load.Excluded, Changes: s.changes,
		ForceShapes: forceShapes(b.ref, st), Catalogue: cat,
		LangContent: map[i18n.Lang][]*markdown.Page{i18n.Welsh: welshContent},
	}, b.out)
	if err != nil {
		return "", err
	}
	if n := len(ps.Problems); n > 0 && b.cfg.Strict {
		return "", fmt.Errorf("%s (--strict fails on them): %w", format.Noun(int64(n), "message lacks a translation", "messages lack a translation"), errors.Join(problemErrors(ps.Problems)...))
	}
	rep, err := reportJSON(st, load, b.report, ps.Problems)
	if err != nil {
		return "", fmt.Errorf("build report: %w", err)
	}
	if err := b.out.Write(ReportPath, rep); err != nil {
		return "", err
	}
	b.res.Pages = ps.Pages
	b.release()
	gaps := ""
	if n := len(ps.Problems); n > 0 {
		gaps = fmt.Sprintf(", %d %s (see the build report)", n, format.Noun(int64(n), "missing translation", "missing translations"))
	}
	return fmt.Sprintf("%d pages in %d languages, %.1f MB of HTML%s", ps.Pages, len(i18n.Langs()), float64(ps.Bytes)/1e6, gaps), nil
}

// loadCatalogue reads the message catalogues: those embedded in the
// binary, or those in fsys.
func loadCatalogue(fsys fs.FS) (*i18n.Catalogue, error) {
	if fsys == nil {
		return i18n.Load()
	}
	cat, err := i18n.LoadFS(fsys)
	if err != nil {
		return nil, fmt.Errorf("message catalogues: %w", err)
	}
	return cat, nil
}

// problemErrors lists translation problems as errors, for errors.Join.
func problemErrors(ps []i18n.Problem) []error {
	errs := make([]error, len(ps))
	for i, p := range ps {
		errs[i] = p
	}
	return errs
}

// release lets go of what no stage after the render reads: the aggregates,
// the reference data and what the pages show beside them. The month
// archives, the catchments and the manifest still to come hold much of
// the build's memory, and a field of the build's context would otherwise
// keep these alive until the build returns.
func (b *build) release() {
	b.agg, b.ref, b.dl = nil, nil, nil
	s := &b.shown
	s.changes, s.population, s.ethnicity = nil, nil, nil
	s.nbhdCentres, s.forceCentres = nil, nil
}

// search writes the search index: places, and postcodes in shards.
func (b *build) search(context.Context) (string, error) {
	ss, err := search.Write(b.out, b.st, b.ix, b.shown.placed)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d places, %d postcodes in %d files (%d outside every boundary)", ss.Places, ss.Postcodes, ss.Shards, ss.Unplaced), nil
}

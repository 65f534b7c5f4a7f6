package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/crimemap/crimemap/content"
	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/bundle"
	"github.com/crimemap/crimemap/generator/catchment"
	"github.com/crimemap/crimemap/generator/changes"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/downloads"
	"github.com/crimemap/crimemap/generator/hosting"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/manifest"
	"github.com/crimemap/crimemap/generator/markdown"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/pages"
	"github.com/crimemap/crimemap/generator/population"
	"github.com/crimemap/crimemap/generator/progress"
	"github.com/crimemap/crimemap/generator/search"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/tiles"
	"github.com/crimemap/crimemap/generator/validate"
)

// Config says what to build.
type Config struct {
	Data     string // the data.police.uk layout: a folder or a .zip
	Ref      string // reference data folder; "" means <Data>/reference when present
	Out      string // the site folder, replaced when the build succeeds
	Strict   bool   // any problem with the data fails the build
	SiteName string
	// BaseURL is the site's public address, for canonical links, the
	// sitemap and feeds; "" leaves them out.
	BaseURL string
	// Assets is the folder with the stylesheet and script sources and
	// their installed npm packages, bundled at each build; "" uses the
	// bundle embedded in the binary (make build), which needs neither the
	// folder nor Node.js.
	Assets string
	// MapStyle is a MapLibre style URL for the map's basemap; "" uses the
	// offline style drawn from the boundaries, which needs no network.
	MapStyle string
	// Basemap is the street basemap, a PMTiles archive in the Protomaps
	// schema; "" uses <ref>/basemap.pmtiles when present.
	Basemap string
	// AllowShrink lets a build replace a site with a smaller one: fewer
	// forces or months, or MaxShrink (0 means DefaultMaxShrink) fewer
	// rows, pages or files. Without it such a build fails and leaves the
	// site as it was.
	AllowShrink bool
	MaxShrink   float64
	// Gazetteer is the snap-point gazetteer to check every published
	// location against; "" uses <ref>/exact/gazetteer.csv when present.
	Gazetteer string
	// Cache is the folder that keeps each input file's parse between
	// builds, so unchanged months are not parsed again; "" for none. It
	// must be outside Out.
	Cache    string
	Progress *progress.Reporter // nil for silence
	// Context stops the build when done (Ctrl-C); the previous site and
	// the cache are left as they were. nil means never.
	Context context.Context
	// OnStage, if set, is called as each stage ends, so a benchmark can
	// take its own measures (CPU time, peak memory) stage by stage.
	OnStage func(Stage)
}

// Stage is one stage's timing.
type Stage struct {
	Name string
	Wall time.Duration
}

// Result says what a build did.
type Result struct {
	Load     source.Stats
	Problems int
	Forces   int
	Nbhds    int
	Snaps    int
	Pages    int
	Files    int
	Bytes    int64
	Stages   []Stage
	Report   *validate.Report
	// Tiles are the month archives written; TilesReused the months whose
	// archive was taken from the previous site unchanged.
	Tiles       []tiles.Stats
	TilesReused []crime.Month
	// CachePruned are the cache entries removed after the build because it
	// no longer needed them.
	CachePruned int
	// Kinds count the site's files and bytes by kind (see KindOf).
	Kinds map[string]Count
	// Downloads says what the downloads stage wrote and reused, and
	// DownloadMonths how many month archives it has, DownloadMonthsReused
	// how many were linked from the previous site.
	Downloads                            downloads.Stats
	DownloadMonths, DownloadMonthsReused int
	// eligible are the gazetteer's eligible snap points, when it has one:
	// those that published nothing still take their share of catchments.
	eligible []catchment.Point

	onStage func(Stage)
}

// ErrData is wrapped by the error of a build stopped by problems in the data.
var ErrData = errors.New("the data has problems")

// Build builds the site.
func Build(cfg Config) (*Result, error) {
	res := &Result{Report: validate.NewReport(), onStage: cfg.OnStage}
	// The stages are timed by the reporter whether or not anyone reads
	// its lines: without a printer it writes them nowhere, and the times
	// in Result.Stages and OnStage are still true.
	p := cfg.Progress
	if p == nil {
		p = progress.New(io.Discard)
	}
	ctx := cfg.Context
	if ctx == nil {
		ctx = context.Background()
	}
	in, err := source.Open(cfg.Data)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	unlock, err := lock(cfg.Out)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := recoverOld(cfg.Out); err != nil {
		return nil, err
	}

	var cache *source.Cache
	if cfg.Cache != "" {
		if within(cfg.Cache, cfg.Out) {
			return nil, fmt.Errorf("cache %s is inside the site folder %s, which each build replaces", cfg.Cache, cfg.Out)
		}
		if cache, err = source.OpenCache(cfg.Cache); err != nil {
			return nil, err
		}
	}
	// The rows wait on disk beside the site while the build runs, so that
	// its memory does not grow with them (store.Spill).
	spill, err := store.NewSpill(filepath.Dir(filepath.Clean(cfg.Out)))
	if err != nil {
		return nil, err
	}
	defer spill.Close()
	st, err := res.load(cfg, in, cache, spill, p)
	if err != nil {
		return res, err
	}
	if err := interrupted(ctx); err != nil {
		return res, err
	}
	ref, bounds, err := res.reference(cfg, in, p)
	if err != nil {
		return res, err
	}
	if err := res.checkSnapPoints(cfg, in, st, p); err != nil {
		return res, err
	}
	if err := res.check(cfg); err != nil {
		return res, err
	}

	p.Start("index")
	ix, err := index.Build(st, bounds)
	if err != nil {
		return res, err
	}
	res.Nbhds, res.Snaps, res.Forces = len(ix.Neighbourhoods), ix.SnapCount, len(st.Forces)
	res.stage("index", p.Done("%d forces, %d neighbourhoods, %d locations at %d snap points",
		len(st.Forces), len(ix.Neighbourhoods), st.Locs.Len(), ix.SnapCount))

	p.Start("aggregate")
	agg, err := aggregate.Build(st, ix)
	if err != nil {
		return res, err
	}
	// What changed since the last build is timed with the aggregates: it
	// reads the re-issued months' earlier parses from the cache, which the
	// prune after this build may remove.
	chg, chgRecord, err := changes.FromCache(cache, st)
	if err != nil {
		return res, fmt.Errorf("aggregate: %w", err)
	}
	// The rest of what the pages show beside the aggregates, so that the
	// render stage only renders: map centres, residents, and which force's
	// map each snap point is on.
	nbC, fC := search.Centres(st, ix)
	// Postcodes are placed once, for the search index and for the pages
	// that list postcode districts.
	placed := search.PlacePostcodes(st, ix, ref.Postcodes)
	pop := population.Build(st, ix, ref.Details, ref.Population)
	eth := population.BuildEthnic(st, ix, ethnicity(cfg, in, res.Report))
	bset := boundaryAreas(ref, st, ix)
	cset := catchmentForces(ref, st, ix, res.eligible)
	res.stage("aggregate", p.Done("%d months, %s to %s", agg.Months, st.First, st.Last))
	if err := interrupted(ctx); err != nil {
		return res, err
	}

	staging, err := newStaging(cfg.Out)
	if err != nil {
		return res, err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(staging)
		}
	}()
	out := output.New(staging)
	// The previous site's manifest, read once: for the files a build can
	// link instead of writing, and for the guard against a smaller site.
	prev, err := manifest.ReadFile(filepath.Join(cfg.Out, manifest.Name))
	if err == nil {
		out.SetPrevious(cfg.Out, prev)
	}
	base, err := res.basemap(cfg, in, out, p)
	if err != nil {
		return res, err
	}

	// The month archives are made beside the downloads, render and search,
	// which wait on the disk for much of their time while tiles keep the
	// processors busy. They join before the boundaries; a failed build
	// stops them before its staging folder goes.
	tilePaths := tilePaths(st)
	tilesCtx, stopTiles := context.WithCancel(ctx)
	tilesDone := make(chan error, 1)
	var tilesLine string
	var tilesWall time.Duration
	go func() {
		t0 := time.Now()
		line, err := res.tiles(tilesCtx, cfg, st, ix, tilePaths, out)
		tilesLine, tilesWall = line, time.Since(t0)
		tilesDone <- err
	}()
	tilesJoined := false
	joinTiles := func() error {
		tilesJoined = true
		return <-tilesDone
	}
	defer func() {
		if !tilesJoined {
			stopTiles()
			joinTiles()
		}
		stopTiles()
	}()

	p.Start("assets")
	var manifest bundle.Manifest
	var files []bundle.File
	if cfg.Assets == "" {
		manifest, files, err = bundle.FromEmbedded(out)
	} else {
		manifest, files, err = bundle.Build(cfg.Assets, out)
	}
	if err != nil {
		return res, err
	}
	var assetBytes int
	for _, f := range files {
		assetBytes += f.Bytes
	}
	res.stage("assets", p.Done("%d files, %.0f KB (%s, %s)", len(files), float64(assetBytes)/1e3, manifest["site.css"], manifest["site.js"]))

	dl, err := res.downloads(cfg, in, st, ix, agg, ref, out, p)
	if err != nil {
		return res, err
	}
	res.Downloads, res.DownloadMonths, res.DownloadMonthsReused = dl.Stats, len(dl.Months), len(dl.Reused)
	if err := interrupted(ctx); err != nil {
		return res, err
	}

	p.Start("render")
	pagesContent, err := markdown.LoadDir(content.FS, ".")
	if err != nil {
		return res, fmt.Errorf("render: content: %w", err)
	}
	name := cfg.SiteName
	if name == "" {
		name = "crimemap"
	}
	if err := changes.WriteCSV(out, st, chg); err != nil {
		return res, fmt.Errorf("render: %w", err)
	}
	ps, err := pages.Render(&pages.Input{Site: pages.SiteInfo{Name: name, BaseURL: cfg.BaseURL}, Store: st, Index: ix, Agg: agg,
		Population: pop, Ethnicity: eth, Details: ref.Details,
		Content: pagesContent, Assets: manifest,
		MapMonths: mapMonths(st), Tiles: func(m crime.Month) string { return tilePaths[m] }, Boundaries: bset.path, MapStyle: cfg.MapStyle,
		Basemap: base.path, BasemapAttribution: base.info.Attribution,
		Catchments: cset.path, CatchmentsBoxed: cset.boxed, NbhdSnaps: cset.nbhdSnaps, Downloads: dl, NbhdCentres: nbC, ForceCentres: fC, Districts: placed.Districts,
		Report: res.Report, Files: res.Load.Files, Rows: res.Load.Rows, Excluded: res.Load.Excluded, Changes: chg,
		ForceShapes: forceShapes(ref, st), BasemapFile: base.file(out)}, out)
	if err != nil {
		return res, fmt.Errorf("render: %w", err)
	}
	rep, err := reportJSON(st, res.Load, res.Report)
	if err != nil {
		return res, fmt.Errorf("render: build report: %w", err)
	}
	if err := out.Write(ReportPath, rep); err != nil {
		return res, fmt.Errorf("render: %w", err)
	}
	res.Pages = ps.Pages
	res.stage("render", p.Done("%d pages, %.1f MB of HTML", res.Pages, float64(ps.Bytes)/1e6))
	if err := interrupted(ctx); err != nil {
		return res, err
	}

	p.Start("search")
	ss, err := search.Write(out, st, ix, placed)
	if err != nil {
		return res, err
	}
	res.stage("search", p.Done("%d places, %d postcodes in %d files (%d outside every boundary)", ss.Places, ss.Postcodes, ss.Shards, ss.Unplaced))

	// The boundaries and catchments while the month archives finish: the
	// tiles alone leave part of a processor idle.
	if err := res.boundaries(cfg, bset, out, p); err != nil {
		return res, err
	}
	if err := res.catchments(cfg, cset, out, p); err != nil {
		return res, err
	}
	if err := joinTiles(); err != nil {
		return res, err
	}
	res.stage("tiles", p.Line("tiles", tilesWall, "%s", tilesLine))
	if err := out.Write(hosting.HeadersName, hosting.HeadersFile(hosting.Options{MapStyle: cfg.MapStyle})); err != nil {
		return res, err
	}
	res.Files, res.Bytes = out.Stats()
	res.Kinds = countKinds(out.Entries())
	if err := res.guard(cfg, st, prev, out.Entries()); err != nil {
		return res, err
	}
	if err := out.WriteManifest(); err != nil {
		return res, err
	}
	checkpoint("manifest")
	if err := interrupted(ctx); err != nil {
		return res, err
	}

	p.Start("swap")
	if err := swap(staging, cfg.Out); err != nil {
		return res, fmt.Errorf("swap: %w", err)
	}
	ok = true
	res.stage("swap", p.Done("site in %s", cfg.Out))
	if cache != nil {
		// Only now: a failed build must leave the cache able to serve
		// the previous build's input again. The record of this build's
		// input goes first, so that a kill between the two leaves a record
		// whose files the cache still holds.
		if err := cache.SaveInputs(chgRecord); err != nil {
			return res, err
		}
		n, err := cache.Prune()
		if err != nil {
			return res, err
		}
		res.CachePruned = n
	}
	return res, nil
}

// within says whether path is dir or inside it.
func within(path, dir string) bool {
	a, err1 := filepath.Abs(path)
	b, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	r, err := filepath.Rel(b, a)
	return err == nil && filepath.IsLocal(r)
}

func (res *Result) stage(name string, d time.Duration) {
	res.Stages = append(res.Stages, Stage{name, d})
	if res.onStage != nil {
		res.onStage(Stage{name, d})
	}
	checkpoint(name)
}

// ErrInterrupted is wrapped by the error of a build stopped by its context.
var ErrInterrupted = errors.New("build interrupted")

// interrupted returns an error once ctx is done.
func interrupted(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w (%v); the previous site is unchanged", ErrInterrupted, err)
	}
	return nil
}

// testPoint, set only by tests, is called at each checkpoint of a build,
// so that a test can stop the build there as a crash or a kill would.
var testPoint func(name string)

func checkpoint(name string) {
	if testPoint != nil {
		testPoint(name)
	}
}

func (res *Result) load(cfg Config, in *source.Input, cache *source.Cache, spill *store.Spill, p *progress.Reporter) (*store.Store, error) {
	p.Start("load")
	st, stats, err := source.Load(in, res.Report, source.Options{
		Progress: func(done, total int, _ int64) { p.Update(done, total) },
		Cache:    cache,
		Spill:    spill,
	})
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	res.Load = stats
	if err := source.NoData(in, stats, res.Report); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	cached := ""
	if cache != nil {
		cached = fmt.Sprintf("; %d parsed, %d from the cache", stats.Files-stats.Cached, stats.Cached)
		if stats.CacheFailures > 0 {
			cached += fmt.Sprintf(" (%d could not be cached: %v)", stats.CacheFailures, stats.CacheErr)
		}
	}
	d := p.Done("%d files, %d rows (%d excluded), %.1f MB%s", stats.Files, stats.Rows, stats.Excluded, float64(stats.Bytes)/1e6, cached)
	res.stage("load", d)
	return st, nil
}

// check stops the build for fatal problems, and for any problem when strict.
func (res *Result) check(cfg Config) error {
	r := res.Report
	res.Problems = r.Len()
	if fatal := r.Fatal(); len(fatal) > 0 {
		return fmt.Errorf("validate: %w: %d fatal, first: %v", ErrData, len(fatal), fatal[0])
	}
	if cfg.Strict && r.Len() > 0 {
		ex := r.Examples()
		return fmt.Errorf("validate: %w: %d problems with --strict, first: %v", ErrData, r.Len(), ex[0])
	}
	return nil
}

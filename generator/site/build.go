package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/bundle"
	"github.com/crimemap/crimemap/generator/catchment"
	"github.com/crimemap/crimemap/generator/changes"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/downloads"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/population"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/search"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/tiles"
	"github.com/crimemap/crimemap/generator/validate"
)

// Result says what a build did.
type Result struct {
	// Unchanged says the build found nothing new and left the site as it
	// was (unchanged.go); the counts are then the last build's.
	Unchanged bool
	Load      source.Stats
	Problems  int
	Forces    int
	Nbhds     int
	Snaps     int
	Pages     int
	Files     int
	Bytes     int64
	Stages    []Stage
	Report    *validate.Report
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
}

// ErrData is wrapped by the error of a build stopped by problems in the data.
var ErrData = errors.New("the data has problems")

// Build builds the site: the stages below, in order, the previous site's
// records and the gazetteer read beside the load, and the month archives
// made beside the stages from the assets to the catchments. The site is
// written into the spare, the tree of the site before the live one, and
// swapped in only when complete (swap.go).
func Build(cfg Config) (*Result, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	b, err := open(cfg)
	if err != nil {
		return nil, err
	}
	defer b.close()
	pl := &pipeline{rep: cfg.Progress, onStage: cfg.OnStage}
	err = pl.run(cfg.Context, []stage{
		{name: "unchanged", run: b.unchanged},
		// The records of the live site and the spare, and the gazetteer,
		// are read while the data loads, whose merge keeps only one core
		// busy.
		{name: "previous", run: b.previous, beside: true},
		{name: "gazetteer", run: b.gazetteer, beside: true},
		{name: "load", run: b.load},
		{name: "reference", run: b.reference},
		{name: "privacy", run: b.privacy, after: []string{"gazetteer"}},
		{name: "validate", run: b.validate},
		{name: "index", run: b.index},
		{name: "aggregate", run: b.aggregate},
		{name: "basemap", run: b.basemap, after: []string{"previous"}},
		// The month archives keep the processors busy while the stages
		// after them wait on the disk for much of their time.
		{name: "tiles", run: b.tiles, beside: true},
		{name: "assets", run: b.assets},
		{name: "downloads", run: b.downloads},
		{name: "render", run: b.render},
		{name: "search", run: b.search},
		{name: "boundaries", run: b.boundaries},
		{name: "catchments", run: b.catchments},
		{name: "guard", run: b.guard, after: []string{"tiles"}, waiting: func() { close(b.tilesAlone) }},
		{name: "manifest", run: b.manifest},
		{name: "swap", run: b.swap},
	})
	b.res.Stages = pl.done
	return b.res, err
}

// build is one build's context: what it was given and opened (the first
// group of fields), and what each stage makes for the stages after it
// (the second group): each of those is written by the stage named beside
// it and only read by later ones. The month archives, which run beside
// other stages, write nothing here but their own results.
type build struct {
	cfg     Config
	in      *source.Input
	cache   *source.Cache // nil without one
	spill   *store.Spill
	unlock  func()
	report  *validate.Report
	res     *Result
	work    string      // the archive writers' spill files
	out     *output.Dir // writes into the spare
	set     settings
	swapped bool
	key     string // of this build's settings, program and input; "" unknown
	// tilesAlone is closed when the month archives are all that is left
	// to wait for, so that they may take both cores (tiles.go).
	tilesAlone chan struct{}

	st        *store.Store           // load
	ref       *reference.Data        // reference
	bounds    []index.Boundary       // reference
	gaz       *gazetteerCheck        // gazetteer, until privacy
	eligible  []catchment.Point      // gazetteer: its eligible snap points
	ix        *index.Index           // index
	agg       *aggregate.Aggregates  // aggregate
	shown     shown                  // aggregate
	tilePaths map[crime.Month]string // aggregate
	before    *siteFacts             // previous: nil without a previous site
	base      *basemapFile           // basemap
	assetMap  bundle.Manifest        // assets
	dl        *downloads.Result      // downloads
}

// shown is what the pages show beside the aggregates, made once before
// the render, so that it only renders.
type shown struct {
	changes      *changes.Result
	changeRecord *source.Inputs // this build's input, saved once it is swapped in
	nbhdCentres  [][3]float64
	forceCentres [][3]float64
	placed       *search.Placed
	population   *population.Figures
	ethnicity    *population.Ethnic
	boundaries   *boundarySet
	catchments   *catchmentSet
}

// open opens the input, takes the site's lock, puts back a site a killed
// swap left aside, and makes the spare the site is written to if there
// is none.
func open(cfg Config) (_ *build, err error) {
	b := &build{cfg: cfg, report: validate.NewReport(), tilesAlone: make(chan struct{})}
	b.res = &Result{Report: b.report}
	defer func() {
		if err != nil {
			b.close()
		}
	}()
	if b.in, err = source.Open(cfg.Data); err != nil {
		return nil, err
	}
	if b.unlock, err = lock(cfg.Out); err != nil {
		return nil, err
	}
	if err := recoverOld(cfg.Out); err != nil {
		return nil, err
	}
	if cfg.Cache != "" {
		if b.cache, err = source.OpenCache(cfg.Cache); err != nil {
			return nil, err
		}
	}
	// The rows wait on disk beside the site while the build runs, so that
	// its memory does not grow with them (store.Spill).
	if b.spill, err = store.NewSpill(filepath.Dir(filepath.Clean(cfg.Out))); err != nil {
		return nil, err
	}
	if b.work, err = newWork(cfg.Out); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(sparePath(cfg.Out), 0o755); err != nil {
		return nil, fmt.Errorf("create the spare: %w", err)
	}
	b.out = output.New(sparePath(cfg.Out))
	b.set = newSettings(b.work)
	return b, nil
}

// close removes the work folder and lets go of what open took. A spare
// left half written is not removed: its journal names what changed, and
// the next build starts from it.
func (b *build) close() {
	if b.out != nil {
		b.out.Close()
	}
	if b.work != "" {
		os.RemoveAll(b.work)
	}
	if b.spill != nil {
		b.spill.Close()
	}
	if b.unlock != nil {
		b.unlock()
	}
	if b.in != nil {
		b.in.Close()
	}
}

package downloads

import (
	"cmp"
	"io/fs"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
)

// FormatVersion changes whenever the same input would give different
// files, so that nothing from an older build is reused.
const FormatVersion = 2

// Exclusion is a run of lines the loader left out of an input file: lines
// From to To-1, counted from 1 as the build report counts them. To is 0
// when the run goes to the end of the file; {From: 1, To: 0} is a file
// left out whole.
type Exclusion struct {
	From, To int
	Reason   string // the validate reason, e.g. "bad-coordinates"
}

// Input is what the downloads are made from.
type Input struct {
	Store   *store.Store
	Index   *index.Index
	Agg     *aggregate.Aggregates
	Details map[string]*reference.Details // by "force/id", may be nil
	// Source is the input the store was loaded from (source.Input.FS):
	// the archives copy its files.
	Source fs.FS
	// Excluded returns the exclusions of an input file, by its path in
	// Source (store.Input.Path), in any order; they do not overlap. Nil
	// means none anywhere.
	Excluded func(path string) []Exclusion
	// BaseURL is the site's public address ending in "/", for the
	// schema.org markup; "" leaves absolute links out.
	BaseURL string
	// Workers compress in parallel; 0 means one per CPU.
	Workers int
}

// Kind is the kind of a download.
type Kind string

// The kinds of download.
const (
	MonthArchive  Kind = "month-archive"
	LatestArchive Kind = "latest-archive"
	CrimesCSV     Kind = "crimes-csv"
	CrimesGeoJSON Kind = "crimes-geojson"
	CountsCSV     Kind = "counts-csv"
	ExcludedList  Kind = "excluded-list"
	Manifest      Kind = "manifest"
)

// Download is one file under data/.
type Download struct {
	Path          string `json:"path"` // from the site root, e.g. "data/2025-01.zip"
	Kind          Kind   `json:"kind"`
	Month         string `json:"month,omitempty"` // YYYY-MM, for month files
	Force         string `json:"force,omitempty"` // force slug, for area files
	Neighbourhood string `json:"neighbourhood,omitempty"`
	Bytes         int64  `json:"bytes"`
	Rows          int    `json:"rows"` // data rows (CSV records, features)
	SHA256        string `json:"sha256"`
	// Key identifies what an archive was made from; equal keys, equal
	// bytes.
	Key string `json:"key,omitempty"`
	// Reused is true when the file was taken from the previous site.
	Reused bool `json:"-"`
}

// Stats say what Write did, for the build's summary and benchmarks.
type Stats struct {
	Files int   // files put in the site, API included
	Bytes int64 // their bytes
	// Linked files were taken whole from the previous site.
	Linked int
	// Compressed counts zip entries compressed by this build, and
	// RawCopied entries copied still compressed (from a previous archive,
	// or from a month archive into latest.zip).
	Compressed, RawCopied int
	// APIGroups counts a force's month of API files; APIGroupsReused those
	// linked from the previous site.
	APIGroups, APIGroupsReused int
	APIFiles                   int
	APIBytes                   int64
	// Skipped are API paths not written because another file had taken
	// them (a force whose slug is a reserved name).
	Skipped []string
	// Parts time the parts of the work, for benchmarks. The archives run
	// beside the others, so the parts add up to more than the whole.
	Parts []Part
}

// Part is the wall time of one part of Write.
type Part struct {
	Name string
	Wall time.Duration
}

// Result is what Write wrote.
type Result struct {
	// Downloads are every file under data/ but SHA256SUMS, sorted by path.
	Downloads []Download
	// Months are the months with an archive, oldest first; Reused the
	// months whose archive was linked from the previous site.
	Months, Reused []crime.Month
	// Excluded lists the input files with lines cut from their archive
	// entries, or left out whole.
	Excluded []ExcludedFile
	// Latest is the month of the per-area crimes files.
	Latest crime.Month
	Stats  Stats

	in    *Input
	seg   map[int32]string // neighbourhood → its API path segment
	plans []monthPlan
	// byArea indexes Downloads by force and neighbourhood for the pages.
	byArea map[[2]string][]Download
}

// ExcludedFile is an input file with exclusions.
type ExcludedFile struct {
	Path       string // in the input
	Entry      string // in the archives; "" when the file is left out whole
	Month      crime.Month
	Force      string
	Whole      bool // left out whole
	Exclusions []Exclusion
}

// Write writes every download into out. in.Store, in.Index, in.Agg and
// in.Source are required. An error names the part (archives, areas, api)
// and the file at fault; the caller says that it came from the downloads.
func Write(in *Input, out *output.Dir) (*Result, error) {
	cp := *in
	in = &cp
	if in.Workers <= 0 {
		in.Workers = runtime.GOMAXPROCS(0)
	}
	res := &Result{in: in, Latest: in.Store.Last}
	res.seg = apiSegments(in.Store, in.Index)
	res.plans = res.plan()

	// The three parts write different files and read only the input, so
	// they run side by side: the archives are mostly compression, the
	// areas and the API mostly creating and linking small files, which is
	// waiting on the file system as much as work for the processors.
	var (
		wg                 sync.WaitGroup
		archives, areas    []Download
		api                apiStats
		archErr, areaErr   error
		apiErr             error
		archTime, areaTime time.Duration
		count              counters
	)
	timed := func(d *time.Duration, fn func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			fn()
			*d = time.Since(start)
		}()
	}
	timed(&archTime, func() { archives, archErr = res.writeArchives(out, &count) })
	timed(&areaTime, func() { areas, areaErr = res.writeAreas(out) })
	api, apiErr = res.writeAPI(out)
	wg.Wait()
	res.Stats.Parts = append(res.Stats.Parts, Part{"archives", archTime}, Part{"areas", areaTime})
	res.Stats.Parts = append(res.Stats.Parts, api.parts...)
	if err := cmp.Or(archErr, areaErr, apiErr); err != nil {
		return nil, err
	}

	start := time.Now()
	excl, err := res.writeExcluded(out)
	if err != nil {
		return nil, err
	}
	res.Downloads = slices.Concat(archives, areas, []Download{excl})
	byPath := func(a, b Download) int { return cmp.Compare(a.Path, b.Path) }
	slices.SortFunc(res.Downloads, byPath)
	man, err := res.writeManifest(out, api.groups)
	if err != nil {
		return nil, err
	}
	res.Downloads = append(res.Downloads, man)
	slices.SortFunc(res.Downloads, byPath)
	sums, err := writeSums(out, res.Downloads)
	if err != nil {
		return nil, err
	}
	res.indexAreas()
	res.Stats.Parts = append(res.Stats.Parts, Part{"lists and sums", time.Since(start)})

	s := &res.Stats
	s.Compressed, s.RawCopied = int(count.compressed.Load()), int(count.rawCopied.Load())
	s.APIGroups, s.APIGroupsReused = len(api.groups), api.reused
	s.APIFiles, s.APIBytes, s.Skipped = api.files, api.bytes, api.skipped
	s.Linked = api.linked
	s.Files, s.Bytes = s.APIFiles+1, s.APIBytes+sums
	for _, d := range res.Downloads {
		s.Files++
		s.Bytes += d.Bytes
		if d.Reused {
			s.Linked++
		}
	}
	return res, nil
}

package downloads

import (
	"cmp"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"sync"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
)

// FormatVersion changes whenever the same input would give different
// files, so that nothing from an older build is reused.
const FormatVersion = 1

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
	// Source (store.Input.Path), in line order. Nil means none anywhere.
	Excluded func(path string) []Exclusion
	// Prev is the folder of the previous site, whose archives and API
	// files are reused where their keys match; "" for none.
	Prev string
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
	// them (a neighbourhood whose id is a reserved name, say).
	Skipped []string
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
// in.Source are required.
func Write(in *Input, out *output.Dir) (*Result, error) {
	if in.Workers <= 0 {
		in.Workers = runtime.GOMAXPROCS(0)
	}
	res := &Result{in: in, Latest: in.Store.Last}
	prev := readManifest(in.Prev)
	res.seg = apiSegments(in.Store, in.Index)
	res.plans = res.plan()

	// The archives are mostly compression and the API mostly small files;
	// doing them side by side keeps both the processors and the disk busy.
	var (
		wg       sync.WaitGroup
		archives []Download
		archErr  error
		count    counters
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		archives, archErr = res.writeArchives(out, prev, &count)
	}()
	areas, err := res.writeAreas(out)
	var api apiStats
	if err == nil {
		api, err = res.writeAPI(out, prev)
	}
	wg.Wait()
	if err := cmp.Or(archErr, err); err != nil {
		return nil, fmt.Errorf("downloads: %w", err)
	}

	excl, err := res.writeExcluded(out)
	if err != nil {
		return nil, fmt.Errorf("downloads: %w", err)
	}
	res.Downloads = slices.Concat(archives, areas, []Download{excl})
	byPath := func(a, b Download) int { return cmp.Compare(a.Path, b.Path) }
	slices.SortFunc(res.Downloads, byPath)
	man, err := res.writeManifest(out, api.groups)
	if err != nil {
		return nil, fmt.Errorf("downloads: %w", err)
	}
	res.Downloads = append(res.Downloads, man)
	slices.SortFunc(res.Downloads, byPath)
	sums, err := writeSums(out, res.Downloads)
	if err != nil {
		return nil, fmt.Errorf("downloads: %w", err)
	}

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

package downloads

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/internal/buildtest"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// readFixture returns testdata/fixture.txtar as a file system, with the
// changes its comment describes: CRLF line ends for February's alpha
// street file, and no final line end for March's.
func readFixture(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := buildtest.FS(t, buildtest.Fixture(t, filepath.Join("testdata", "fixture.txtar")))
	for name, f := range fsys {
		switch name {
		case "2025-02/2025-02-alpha-street.csv":
			f.Data = bytes.ReplaceAll(f.Data, []byte("\n"), []byte("\r\n"))
		case "2025-03/2025-03-alpha-street.csv", "2025-03/2025-03-beta-street.csv":
			f.Data = bytes.TrimSuffix(f.Data, []byte("\n"))
		}
	}
	return fsys
}

func square(x0, y0, x1, y1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
}

// fixture is a loaded dataset and the input it came from.
type fixture struct {
	fsys   fs.FS
	in     *Input
	report *validate.Report
}

// load loads fsys as the build does, with alpha's two neighbourhoods and
// N1's details.
func load(t testing.TB, fsys fs.FS) *fixture {
	t.Helper()
	report := validate.NewReport()
	st, _, err := source.Load(&source.Input{FS: fsys, Root: "."}, report, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build(st, []index.Boundary{
		{Force: "alpha", ID: "N1", Name: "West", Shape: square(-2, 53, -1, 54)},
		{Force: "alpha", ID: "N2", Name: "East", Shape: square(-1, 53, 0, 54)},
	})
	if err != nil {
		t.Fatal(err)
	}
	details := map[string]*reference.Details{}
	if f, err := fsys.Open("reference/neighbourhoods/alpha/N1.json"); err == nil {
		d, err := reference.ReadDetails(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		details["alpha/N1"] = d
	}
	agg, err := aggregate.Build(st, ix)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{fsys: fsys, report: report, in: &Input{
		Store: st, Index: ix, Agg: agg, Details: details, Source: fsys,
		Excluded: StoreExclusions(st), Workers: 2,
	}}
}

// StoreExclusions is how the build passes the loader's record of the
// lines it left out.
func StoreExclusions(st *store.Store) func(string) []Exclusion {
	m := map[string][]Exclusion{}
	for _, in := range st.Inputs {
		for _, x := range in.Excluded {
			m[in.Path] = append(m[in.Path], Exclusion{From: int(x.From), To: int(x.To), Reason: x.Reason})
		}
	}
	return func(path string) []Exclusion { return m[path] }
}

// exclusionsFromReport makes the exclusions independently of the loader's
// record of them, from the report's problems: the fixture has fewer than
// validate.ExamplesPerReason problems of each kind, so the report lists
// them all. A record's end is found by scanning its quotes.
func exclusionsFromReport(t testing.TB, fsys fs.FS, r *validate.Report) map[string][]Exclusion {
	t.Helper()
	out := map[string][]Exclusion{}
	for _, c := range r.Counts() {
		if c.Severity == validate.Excluded && c.Count >= validate.ExamplesPerReason {
			t.Fatalf("%d problems of %s: the report does not list them all", c.Count, c.Reason)
		}
	}
	for _, p := range r.Examples() {
		if p.Severity != validate.Excluded {
			continue
		}
		if p.Line <= 1 {
			out[p.File] = append(out[p.File], Exclusion{From: 1, To: 0, Reason: string(p.Reason)})
			continue
		}
		data, err := fs.ReadFile(fsys, p.File)
		if err != nil {
			t.Fatal(err)
		}
		out[p.File] = append(out[p.File], Exclusion{From: p.Line, To: recordEnd(data, p.Line), Reason: string(p.Reason)})
	}
	return out
}

// recordEnd returns the line after the CSV record that starts on line.
func recordEnd(data []byte, line int) int {
	n, i := 1, 0
	for n < line {
		i += bytes.IndexByte(data[i:], '\n') + 1
		n++
	}
	quoted := false
	for ; i < len(data); i++ {
		switch data[i] {
		case '"':
			quoted = !quoted
		case '\n':
			n++
			if !quoted {
				return n
			}
		}
	}
	return 0
}

// write writes the downloads of f into a new folder and returns it; prev
// is the folder of the build before, if any.
func write(t testing.TB, f *fixture, prev string) (buildtest.Output, *Result) {
	t.Helper()
	dir := t.TempDir()
	res, err := writeSite(f.in, dir, prev)
	if err != nil {
		t.Fatal(err)
	}
	return buildtest.Open(t, dir), res
}

// writeSite writes in's downloads into dir as a build does: with prev
// ("" for none) as the previous site, and the content keys and manifest
// last, for the next build to reuse.
func writeSite(in *Input, dir, prev string) (*Result, error) {
	out := output.New(dir)
	if prev != "" {
		if _, err := out.ReadPrevious(prev); err != nil {
			return nil, err
		}
	}
	res, err := Write(in, out)
	if err != nil {
		return nil, err
	}
	return res, out.WriteManifest()
}

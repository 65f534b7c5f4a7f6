package downloads

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/sample"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/validate"
)

// loadDir loads a dataset folder with its reference boundaries and
// details, as the build does. Exclusions come from the report's examples,
// which hold every problem when there are few (the samples plant a
// handful); the loader's own record of them is a proposed change.
func loadDir(b *testing.B, fsys fs.FS) *Input {
	b.Helper()
	report := validate.NewReport()
	st, _, err := source.Load(&source.Input{FS: fsys, Root: "."}, report, source.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ref, err := reference.Load(fsys, "reference", validate.NewReport())
	if err != nil {
		b.Fatal(err)
	}
	bounds := ref.Boundaries()
	ix, err := index.Build(st, bounds)
	if err != nil {
		b.Fatal(err)
	}
	ex := map[string][]Exclusion{}
	for _, p := range report.Examples() {
		if p.Severity != validate.Excluded {
			continue
		}
		x := Exclusion{From: p.Line, To: p.Line + 1, Reason: string(p.Reason)}
		if p.Line <= 1 {
			x = Exclusion{From: 1, Reason: string(p.Reason)}
		} else if data, err := fs.ReadFile(fsys, p.File); err == nil {
			x.To = recordEnd(data, p.Line)
		}
		ex[p.File] = append(ex[p.File], x)
	}
	agg, err := aggregate.Build(st, ix)
	if err != nil {
		b.Fatal(err)
	}
	return &Input{Store: st, Index: ix, Agg: agg, Details: ref.Details, Source: fsys,
		Excluded: func(p string) []Exclusion { return ex[p] }}
}

func smallSample(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	if _, err := sample.Generate(dir, sample.Options{}); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkWrite writes every download of the small sample from scratch.
func BenchmarkWrite(b *testing.B) {
	in := loadDir(b, os.DirFS(smallSample(b)))
	b.ResetTimer()
	var res *Result
	for b.Loop() {
		dir := b.TempDir()
		var err error
		if res, err = Write(in, output.New(dir)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Stats.Bytes)/1e6, "MB")
	b.ReportMetric(float64(res.Stats.Files), "files")
}

// BenchmarkWriteReused writes the small sample's downloads with an earlier
// build of the same input as the previous site: nothing is compressed.
func BenchmarkWriteReused(b *testing.B) {
	in := loadDir(b, os.DirFS(smallSample(b)))
	prev := b.TempDir()
	if _, err := writeSite(in, prev, ""); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		res, err := writeSite(in, b.TempDir(), prev)
		if err != nil {
			b.Fatal(err)
		}
		if res.Stats.Compressed != 0 {
			b.Fatalf("%d entries compressed", res.Stats.Compressed)
		}
	}
}

// withoutMonth hides one month's folder of a dataset, to stand for the
// previous month's input.
type withoutMonth struct {
	fs.FS
	month string
}

func (w withoutMonth) hidden(name string) bool {
	return name == w.month || path.Dir(name) == w.month
}

func (w withoutMonth) Open(name string) (fs.File, error) {
	if w.hidden(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return w.FS.Open(name)
}

func (w withoutMonth) ReadDir(name string) ([]fs.DirEntry, error) {
	if w.hidden(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	es, err := fs.ReadDir(w.FS, name)
	return slices.DeleteFunc(es, func(e fs.DirEntry) bool { return w.hidden(path.Join(name, e.Name())) }), err
}

// nationalDir is where make bench keeps the national sample;
// CRIMEMAP_NATIONAL overrides it.
func nationalDir() string {
	if d := os.Getenv("CRIMEMAP_NATIONAL"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "crimemap", "national")
}

// BenchmarkNational times the downloads of the national sample: all of
// them from scratch for every month but the last (the previous site), and
// then the monthly rebuild with the last month added, which reuses what
// did not change. It reports both times, and the bytes and files each adds
// to the site. It runs once whatever -benchtime says, and is skipped when
// the national sample is not there (make bench makes it).
func BenchmarkNational(b *testing.B) {
	dir := nationalDir()
	if _, err := os.Stat(filepath.Join(dir, "reference")); err != nil {
		b.Skipf("no national sample in %s (make bench generates it)", dir)
	}
	fsys := os.DirFS(dir)
	months, _ := fs.Glob(fsys, "20[0-9][0-9]-[01][0-9]")
	if len(months) < 2 {
		b.Skip("the national sample has fewer than two months")
	}
	last := months[len(months)-1]
	out := b.TempDir()
	prevDir, nextDir := filepath.Join(out, "prev"), filepath.Join(out, "next")
	os.Mkdir(prevDir, 0o755)
	os.Mkdir(nextDir, 0o755)

	in := loadDir(b, withoutMonth{fsys, last})
	b.ResetTimer()
	start := time.Now()
	res, err := writeSite(in, prevDir, "")
	if err != nil {
		b.Fatal(err)
	}
	scratch := time.Since(start)
	b.StopTimer()
	first := res.Stats
	in, res = nil, nil // the first store is not needed any more
	runtime.GC()

	in = loadDir(b, fsys)
	// Write the first build's files out, so that the disk's catching up
	// does not slow the monthly build down.
	syncDisk()
	b.StartTimer()
	start = time.Now()
	res, err = writeSite(in, nextDir, prevDir)
	if err != nil {
		b.Fatal(err)
	}
	monthly := time.Since(start)
	b.StopTimer()
	next := res.Stats

	m, _ := crime.ParseMonth([]byte(last))
	b.Logf("from scratch (%d months): %v, %d files, %.2f GB (API %d files, %.2f GB); %d entries compressed",
		len(months)-1, scratch.Round(time.Millisecond), first.Files, float64(first.Bytes)/1e9,
		first.APIFiles, float64(first.APIBytes)/1e9, first.Compressed)
	b.Logf("monthly rebuild adding %s: %v, %d files, %.2f GB, %d linked; %d entries compressed, %d copied raw; API groups %d of %d reused",
		m, monthly.Round(time.Millisecond), next.Files, float64(next.Bytes)/1e9, next.Linked,
		next.Compressed, next.RawCopied, next.APIGroupsReused, next.APIGroups)
	for _, p := range next.Parts {
		b.Logf("  %s: %v", p.Name, p.Wall.Round(time.Millisecond))
	}
	b.ReportMetric(scratch.Seconds(), "scratch-s")
	b.ReportMetric(monthly.Seconds(), "monthly-s")
	b.ReportMetric(float64(next.Bytes)/1e9, "site-GB")
	b.ReportMetric(float64(next.Files), "site-files")
	b.ReportMetric(float64(next.Compressed), "monthly-compressed")
}

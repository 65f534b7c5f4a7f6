package pages

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/crimemap/crimemap/content"
	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/bundle"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/markdown"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/population"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/sample"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// benchInput loads a dataset as the build does, for the pages alone: the
// small sample, or the folder in CRIMEMAP_BENCH_DATA (the national sample,
// say, which takes a minute to load). Downloads, catchments and changes are
// left out: they need stages of their own.
func benchInput(b *testing.B) *Input {
	b.Helper()
	dir := os.Getenv("CRIMEMAP_BENCH_DATA")
	if dir == "" {
		dir = b.TempDir()
		if _, err := sample.Generate(dir, sample.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	fsys := os.DirFS(dir)
	// Rows go to a spill file, as in a build, so the heap the collector
	// walks while pages render is the build's size.
	spill, err := store.NewSpill(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { spill.Close() })
	st, _, err := source.Load(&source.Input{FS: fsys, Root: "."}, validate.NewReport(), source.Options{Spill: spill})
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
	agg, err := aggregate.Build(st, ix)
	if err != nil {
		b.Fatal(err)
	}
	pagesContent, err := markdown.LoadDir(content.FS, ".")
	if err != nil {
		b.Fatal(err)
	}
	return &Input{Site: SiteInfo{Name: "crimemap", BaseURL: "https://crime.example/"}, Store: st, Index: ix, Agg: agg,
		Population: population.Build(st, ix, ref.Details, ref.Population), Ethnicity: population.BuildEthnic(st, ix, nil),
		Details: ref.Details, Content: pagesContent,
		Assets: bundle.Manifest{"site.css": "assets/site.css", "site.js": "assets/site.js", "map.js": "assets/map.js",
			"map.css": "assets/map.css", "area.css": "assets/area.css", "area.js": "assets/area.js"},
		Report: validate.NewReport()}
}

// BenchmarkRender renders every page of a dataset into a new folder, and
// reports pages a second and the processor time a run takes, which the
// machine's other work disturbs less than the wall time.
func BenchmarkRender(b *testing.B) {
	in := benchInput(b)
	var st Stats
	var cpu time.Duration
	b.ResetTimer()
	for b.Loop() {
		dir := filepath.Join(b.TempDir(), "site")
		if err := os.Mkdir(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		before := cpuTime()
		var err error
		if st, err = Render(in, output.New(dir)); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - before
	}
	b.ReportMetric(float64(st.Pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// cpuTime is the processor time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

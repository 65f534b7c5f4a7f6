// Command bench measures the build's stages on a dataset, by default the
// national sample, and prints one table: wall and CPU time per stage,
// records and bytes per second, and the process's peak memory. It also
// writes the figures as JSON so they can be compared between commits.
//
//	go run ./cmd/bench --data ~/.cache/crimemap/national
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/crimemap/crimemap/content"
	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/bundle"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/markdown"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/pages"
	"github.com/crimemap/crimemap/generator/population"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/tiles"
	"github.com/crimemap/crimemap/generator/validate"
)

// Stage is one measured stage.
type Stage struct {
	Name    string  `json:"name"`
	WallS   float64 `json:"wall_s"`
	CPUS    float64 `json:"cpu_s"`
	Records int     `json:"records,omitempty"`
	Bytes   int64   `json:"bytes,omitempty"`
	// PeakMiB is the peak resident memory during the stage; GrowthMiB how
	// far above the memory at its start that peak went.
	PeakMiB   float64 `json:"peak_mib"`
	GrowthMiB float64 `json:"growth_mib"`
}

// Figures are what a run measured.
type Figures struct {
	Data       string  `json:"data"`
	CPUs       int     `json:"cpus"`
	Stages     []Stage `json:"stages"`
	PeakRSSMiB float64 `json:"peak_rss_mib"`
	// LiveHeapMiB is the Go heap still in use after the stages, with the
	// store, index and aggregates alive: what the data costs to hold.
	LiveHeapMiB float64 `json:"live_heap_mib"`
	Records     int     `json:"records"`
	Locations   int     `json:"locations"`
	SnapPoints  int     `json:"snap_points"`
	Forces      int     `json:"forces"`
	Nbhds       int     `json:"neighbourhoods"`
	Months      int     `json:"months"`
	Problems    int     `json:"problems"`
	// Pages is how many pages the render stage wrote (its records/s is
	// pages per second).
	Pages int `json:"pages"`
	// Tiles describes the latest month's archive.
	Tiles *tiles.Stats `json:"tiles,omitempty"`
}

func main() {
	data := pflag.String("data", "", "dataset folder or zip (required)")
	jsonOut := pflag.String("json", "", "also write the figures as JSON to this file")
	cpuProfile := pflag.String("cpuprofile", "", "write a CPU profile of the run to this file")
	pflag.Parse()
	if *cpuProfile != "" {
		pf, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if *data == "" {
		fmt.Fprintln(os.Stderr, "bench: --data is required")
		os.Exit(2)
	}
	f, err := run(*data)
	if err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	print(os.Stdout, f)
	if *jsonOut != "" {
		b, _ := json.MarshalIndent(f, "", "  ")
		if err := os.WriteFile(*jsonOut, append(b, '\n'), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
	}
}

func run(data string) (*Figures, error) {
	f := &Figures{Data: data, CPUs: runtime.GOMAXPROCS(0)}
	in, err := source.Open(data)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	report := validate.NewReport()

	var (
		st        *store.Store
		stats     source.Stats
		ix        *index.Index
		agg       *aggregate.Aggregates
		tileStats tiles.Stats
		pageStats pages.Stats
		ref       *reference.Data
		bounds    []index.Boundary
	)
	stages := []struct {
		name string
		fn   func() error
	}{
		{"load+validate", func() (err error) {
			st, stats, err = source.Load(in, report, source.Options{})
			return err
		}},
		{"reference", func() (err error) {
			ref, err = reference.Load(os.DirFS(data), "reference", report)
			if err != nil {
				return err
			}
			for _, a := range ref.Neighbourhoods {
				bounds = append(bounds, index.Boundary{Force: a.Force, ID: a.ID, Name: a.Name, Shape: a.Shape})
			}
			return nil
		}},
		{"index", func() error { ix = index.Build(st, bounds); return nil }},
		{"aggregate", func() error { agg = aggregate.Build(st, ix); return nil }},
		{"render pages", func() (err error) {
			dir, err := os.MkdirTemp("", "crimemap-bench-pages-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			docs, err := markdown.LoadDir(content.FS, ".")
			if err != nil {
				return err
			}
			pageStats, err = pages.Render(&pages.Input{Site: pages.SiteInfo{Name: "crimemap", BaseURL: "https://crime.example/"},
				Store: st, Index: ix, Agg: agg, Population: population.Build(st, ix, ref.Details, ref.Population),
				Details: ref.Details, Content: docs, Report: report,
				Assets: bundle.Manifest{"site.css": "assets/site.css", "site.js": "assets/site.js"}}, output.New(dir))
			return err
		}},
		{"tiles (1 month)", func() (err error) {
			f, err := os.CreateTemp("", "crimemap-bench-*.pmtiles")
			if err != nil {
				return err
			}
			defer os.Remove(f.Name())
			defer f.Close()
			bw := bufio.NewWriterSize(f, 1<<20)
			opt := tiles.DefaultOptions
			tileStats, err = tiles.WriteMonth(bw, st, ix, st.Last, opt)
			if err == nil {
				err = bw.Flush()
			}
			return err
		}},
	}
	var total Stage
	total.Name = "total"
	for _, s := range stages {
		m, err := measure(s.name, s.fn)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		switch s.name {
		case "load+validate":
			m.Records, m.Bytes = stats.Rows, stats.Bytes
		case "render pages":
			m.Records, m.Bytes = pageStats.Pages, pageStats.Bytes
			f.Pages = pageStats.Pages
			f.Stages = append(f.Stages, m)
			continue
		case "tiles (1 month)":
			m.Records, m.Bytes = tileStats.Mapped, tileStats.Bytes
			f.Tiles = &tileStats
			f.Stages = append(f.Stages, m)
			continue // a different kind of work from the build's total
		}
		total.PeakMiB = max(total.PeakMiB, m.PeakMiB)
		total.WallS += m.WallS
		total.CPUS += m.CPUS
		f.Stages = append(f.Stages, m)
	}
	total.Records, total.Bytes = stats.Rows, stats.Bytes
	f.Stages = append(f.Stages, total)
	for _, s := range f.Stages {
		f.PeakRSSMiB = max(f.PeakRSSMiB, s.PeakMiB)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	f.LiveHeapMiB = float64(ms.HeapAlloc) / (1 << 20)
	f.Records = stats.Rows
	f.Locations, f.SnapPoints = st.Locs.Len(), ix.SnapCount
	runtime.KeepAlive(agg)
	f.Forces, f.Nbhds, f.Months = len(st.Forces), len(ix.Neighbourhoods), agg.Months
	f.Problems = report.Len()
	return f, nil
}

// measure runs fn and returns its wall and CPU time, and its peak memory:
// Linux's peak resident size is reset before the stage, so each stage's
// figure is its own.
func measure(name string, fn func() error) (Stage, error) {
	rss0 := procStatus("VmRSS:")
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // resets VmHWM; harmless where unsupported
	c0 := cpu()
	t0 := time.Now()
	err := fn()
	s := Stage{Name: name, WallS: time.Since(t0).Seconds(), CPUS: (cpu() - c0).Seconds()}
	s.PeakMiB = procStatus("VmHWM:")
	s.GrowthMiB = s.PeakMiB - rss0
	return s, err
}

// cpu returns the process's user and system time so far.
func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procStatus returns a memory figure of /proc/self/status in MiB, such as
// VmHWM (the peak resident size: what the machine had to give, not only the
// Go heap) or VmRSS.
func procStatus(field string) float64 {
	fh, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

func print(w io.Writer, f *Figures) {
	fmt.Fprintf(w, "dataset     %s\n", f.Data)
	fmt.Fprintf(w, "size        %d records, %d forces, %d neighbourhoods, %d months, %d locations at %d snap points, %d problems\n",
		f.Records, f.Forces, f.Nbhds, f.Months, f.Locations, f.SnapPoints, f.Problems)
	fmt.Fprintf(w, "\n%-16s %8s %8s %12s %8s %10s %10s\n", "stage", "wall s", "cpu s", "records/s", "MB/s", "peak MiB", "+MiB")
	for _, s := range f.Stages {
		rate, mbs := "", ""
		if s.Records > 0 && s.WallS > 0 {
			rate = strconv.FormatFloat(float64(s.Records)/s.WallS, 'f', 0, 64)
			mbs = strconv.FormatFloat(float64(s.Bytes)/1e6/s.WallS, 'f', 1, 64)
		}
		fmt.Fprintf(w, "%-16s %8.2f %8.2f %12s %8s %10.0f %10.0f\n", s.Name, s.WallS, s.CPUS, rate, mbs, s.PeakMiB, s.GrowthMiB)
	}
	if t := f.Tiles; t != nil {
		fmt.Fprintf(w, "\ntiles for %s: %d mapped crimes at %d snap points, archive %.1f MB\n", t.Month, t.Mapped, t.Points, float64(t.Bytes)/1e6)
		fmt.Fprintf(w, "%5s %8s %12s %12s %10s %10s\n", "zoom", "tiles", "bytes", "largest", "sum n", "stops n")
		for _, z := range t.Zooms {
			fmt.Fprintf(w, "%5d %8d %12d %12d %10d %10d\n", z.Zoom, z.Tiles, z.Bytes, z.Largest, z.Crimes, z.Stops)
		}
	}
	fmt.Fprintf(w, "\npeak memory %.0f MiB (VmHWM; the total row is load to aggregate), live heap after the stages %.0f MiB, on %d CPUs\n",
		f.PeakRSSMiB, f.LiveHeapMiB, f.CPUs)
}

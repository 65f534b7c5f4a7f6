// Command bench measures whole builds of a dataset, by default the national
// sample, and prints one table: wall and CPU time and peak memory per
// stage, records per second, and the output's files and bytes by kind, for
//
//   - a full build from an empty cache and no previous site,
//   - a monthly build: the latest month added to a site and cache holding
//     the months before it,
//   - the same with nothing new,
//   - a rolling build: from the same start, the latest month added as the
//     oldest rolls off, as every monthly build does once the site holds
//     all the months it keeps,
//   - the latest month alone, for the floor a monthly build cannot beat,
//   - and, with --scaling, full builds of the latest 12 and 24 months, to
//     show how memory grows with the months held.
//
// Each build runs in a process of its own, so each peak memory figure is
// that build's alone. The figures are also written as JSON, to compare
// between commits.
//
//	go run ./cmd/bench --data ~/.cache/crimemap/national --work ~/.cache/crimemap/bench
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/crimemap/crimemap/generator/progress"
	"github.com/crimemap/crimemap/generator/site"
)

// childEnv marks the process that runs one build for the parent.
const childEnv = "CRIMEMAP_BENCH_CHILD"

func main() {
	if os.Getenv(childEnv) != "" {
		os.Exit(child(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Stage is one stage of one build.
type Stage struct {
	Name    string  `json:"name"`
	WallS   float64 `json:"wall_s"`
	CPUS    float64 `json:"cpu_s"`
	PeakMiB float64 `json:"peak_mib"`
	// LiveMiB is the heap still in use when the stage ended, after a
	// collection: what the build holds, without the garbage that the
	// peak includes. Only for the stages in heldAfter.
	LiveMiB float64 `json:"live_mib,omitempty"`
}

// heldAfter are the stages after which the bench measures the live heap:
// the store, then the index and aggregates, everything later stages keep.
var heldAfter = []string{"load", "aggregate"}

// Build is what one build measured.
type Build struct {
	Name       string                `json:"name"`
	Months     int                   `json:"months"`
	WallS      float64               `json:"wall_s"`
	CPUS       float64               `json:"cpu_s"`
	PeakMiB    float64               `json:"peak_mib"`
	Records    int                   `json:"records"`
	Cached     int                   `json:"files_from_cache"`
	Files      int                   `json:"input_files"`
	Pages      int                   `json:"pages"`
	Locations  int                   `json:"snap_points"`
	Nbhds      int                   `json:"neighbourhoods"`
	Stages     []Stage               `json:"stages"`
	Output     map[string]site.Count `json:"output"`
	Objects    int                   `json:"objects"`
	Bytes      int64                 `json:"bytes"`
	TilesBuilt int                   `json:"tile_archives_written"`
	TilesKept  int                   `json:"tile_archives_reused"`
	// LargestTile is the largest tile of any archive written.
	LargestTile int `json:"largest_tile_bytes"`
	// Largest page and a neighbourhood page's weight over the wire.
	Pages200 PageSizes `json:"page_sizes"`
}

// Figures are a run's builds, and the machine.
type Figures struct {
	Data   string  `json:"data"`
	CPUs   int     `json:"cpus"`
	Date   string  `json:"date"`
	Builds []Build `json:"builds"`
	// Floor is what a monthly build cannot do without: see floor.
	Floor *Floor `json:"floor,omitempty"`
}

// Floor is the least a monthly build must do, measured: parse the new
// month and tile it (the load and tiles stages of a build of that month
// alone, from nothing), and render the pages (the monthly build's render
// stage). Each build's wall time is shown against it.
type Floor struct {
	ParseS  float64 `json:"parse_s"`
	TilesS  float64 `json:"tiles_s"`
	RenderS float64 `json:"render_s"`
}

// Total is the floor in seconds.
func (f Floor) Total() float64 { return f.ParseS + f.TilesS + f.RenderS }

// stage returns the named stage of b.
func (b Build) stage(name string) (Stage, bool) {
	for _, s := range b.Stages {
		if s.Name == name {
			return s, true
		}
	}
	return Stage{}, false
}

// floor works out the floor from the builds named "latest month" and
// "monthly"; nil when either is missing.
func floor(builds []Build) *Floor {
	var one, monthly *Build
	for i := range builds {
		switch builds[i].Name {
		case floorBuild:
			one = &builds[i]
		case "monthly":
			monthly = &builds[i]
		}
	}
	if one == nil || monthly == nil {
		return nil
	}
	load, _ := one.stage("load")
	tiles, _ := one.stage("tiles")
	render, _ := monthly.stage("render")
	return &Floor{ParseS: load.WallS, TilesS: tiles.WallS, RenderS: render.WallS}
}

// floorBuild is the build of the latest month alone that measures the
// floor's parse and tiles.
const floorBuild = "latest month"

func run(args []string, stdout, stderr io.Writer) int {
	fl := pflag.NewFlagSet("bench", pflag.ContinueOnError)
	data := fl.String("data", "", "dataset folder in the data.police.uk layout (required)")
	work := fl.String("work", "", "folder for the sites, caches and dataset views the builds use (required; emptied)")
	jsonOut := fl.String("json", "", "also write the figures as JSON to this file")
	scaling := fl.Bool("scaling", false, "also build the latest 12 and 24 months from nothing")
	assets := fl.String("assets", "assets", "the assets folder, with its npm packages installed")
	fl.SetOutput(stderr)
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *data == "" || *work == "" {
		fmt.Fprintln(stderr, "bench: --data and --work are required")
		return 2
	}
	// The figures are written after every build, so a long run that is
	// stopped still leaves what it measured.
	save := func(f *Figures) error {
		if *jsonOut == "" {
			return nil
		}
		b, _ := json.MarshalIndent(f, "", "  ")
		return os.WriteFile(*jsonOut, append(b, '\n'), 0o644)
	}
	f, err := runAll(*data, *work, *assets, *scaling, stderr, save)
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 1
	}
	printTable(stdout, f)
	return 0
}

func runAll(data, work, assets string, scaling bool, log io.Writer, save func(*Figures) error) (*Figures, error) {
	months, err := monthDirs(data)
	if err != nil {
		return nil, err
	}
	if len(months) < 3 {
		return nil, fmt.Errorf("%s has %d months; a monthly build needs three or more", data, len(months))
	}
	if err := os.RemoveAll(work); err != nil {
		return nil, err
	}
	assets, err = filepath.Abs(assets)
	if err != nil {
		return nil, err
	}
	f := &Figures{Data: data, CPUs: runtime.GOMAXPROCS(0), Date: time.Now().UTC().Format(time.DateOnly)}
	// view is the latest n months; first the first n.
	view := func(n int) (string, error) {
		return makeView(data, filepath.Join(work, "views", strconv.Itoa(n)), months[len(months)-n:])
	}
	first := func(n int) (string, error) {
		return makeView(data, filepath.Join(work, "views", "first-"+strconv.Itoa(n)), months[:n])
	}
	one := func(name string, n int, out, cache string) error {
		dir, err := view(n)
		if err != nil {
			return err
		}
		fmt.Fprintf(log, "bench: %s build of %d months\n", name, n)
		b, err := buildInChild(name, dir, out, cache, assets, log)
		if err != nil {
			return fmt.Errorf("%s build: %w", name, err)
		}
		b.Months = n
		f.Builds = append(f.Builds, *b)
		return save(f)
	}
	all := len(months)
	// The input is read once first, so that the builds measure crimemap
	// and not a cold read of the disk, which the removal of the last
	// run's work folder makes likely.
	fmt.Fprintf(log, "bench: reading %s once\n", data)
	if err := readAll(data); err != nil {
		return nil, err
	}
	full := filepath.Join(work, "full")
	if err := one("full", all, filepath.Join(full, "public"), filepath.Join(full, "cache")); err != nil {
		return nil, err
	}
	// The monthly build starts as a maintainer's does: the live site and
	// cache of the months before the latest, and the site of the month
	// before that as the spare. They are made from the full build's by
	// two builds (not measured) of the months before the latest but one,
	// then before the latest, which also prune the cache.
	monthly := filepath.Join(work, "monthly")
	if err := os.Rename(full, monthly); err != nil {
		return nil, err
	}
	prepare := func(what string) error {
		for _, n := range []int{all - 2, all - 1} {
			dir, err := first(n)
			if err != nil {
				return err
			}
			fmt.Fprintf(log, "bench: preparing the %s build: a build of %d months\n", what, n)
			if _, err := buildInChild("prepare", dir, filepath.Join(monthly, "public"), filepath.Join(monthly, "cache"), assets, log); err != nil {
				return fmt.Errorf("preparing the %s build: %w", what, err)
			}
		}
		return nil
	}
	if err := prepare("monthly"); err != nil {
		return nil, err
	}
	if err := one("monthly", all, filepath.Join(monthly, "public"), filepath.Join(monthly, "cache")); err != nil {
		return nil, err
	}
	// The same again: the floor of a rebuild, and the page renderer's rate
	// with nothing beside it (every tile archive is reused).
	if err := one("unchanged", all, filepath.Join(monthly, "public"), filepath.Join(monthly, "cache")); err != nil {
		return nil, err
	}
	// The monthly build once the site holds every month it keeps: from the
	// same start, the latest month added as the oldest rolls off, so that
	// every month's position, the site's extent and every 36-month figure
	// move, as they do each month for a maintainer. Its view of the data
	// is made first: a new hard link changes a file's change time, and the
	// build would read every file again to hash it, as a maintainer's
	// build, whose input files were not touched, does not.
	if _, err := view(all - 1); err != nil {
		return nil, err
	}
	if err := prepare("rolling"); err != nil {
		return nil, err
	}
	if err := one("rolling", all-1, filepath.Join(monthly, "public"), filepath.Join(monthly, "cache")); err != nil {
		return nil, err
	}
	// The floor: the latest month alone, from nothing.
	lone := filepath.Join(work, "latest")
	if err := one(floorBuild, 1, filepath.Join(lone, "public"), ""); err != nil {
		return nil, err
	}
	os.RemoveAll(lone)
	f.Floor = floor(f.Builds)
	if err := save(f); err != nil {
		return nil, err
	}
	if scaling {
		for _, n := range []int{12, 24} {
			if n >= all {
				continue
			}
			d := filepath.Join(work, "scaling-"+strconv.Itoa(n))
			if err := one(fmt.Sprintf("full %d", n), n, filepath.Join(d, "public"), filepath.Join(d, "cache")); err != nil {
				return nil, err
			}
			os.RemoveAll(d)
		}
	}
	return f, nil
}

// readAll reads every file under dir.
func readAll(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(io.Discard, f)
		return err
	})
}

// monthDirs lists the dataset's month folders, oldest first.
func monthDirs(data string) ([]string, error) {
	entries, err := os.ReadDir(data)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && len(e.Name()) == 7 && e.Name()[4] == '-' {
			out = append(out, e.Name())
		}
	}
	slices.Sort(out)
	return out, nil
}

// makeView makes a dataset of some months of data, and all its reference
// data, out of hard links, so it costs no copy.
func makeView(data, dir string, months []string) (string, error) {
	if _, err := os.Stat(dir); err == nil {
		return dir, nil
	}
	keep := map[string]bool{"reference": true}
	for _, m := range months {
		keep[m] = true
	}
	err := filepath.WalkDir(data, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(data, p)
		if rel == "." {
			return os.MkdirAll(dir, 0o755)
		}
		top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		if !keep[top] {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		dst := filepath.Join(dir, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		return os.Link(p, dst)
	})
	if err != nil {
		return "", fmt.Errorf("dataset view: %w", err)
	}
	return dir, nil
}

// buildInChild runs one build in a new process of this program and reads
// back its figures.
func buildInChild(name, data, out, cache, assets string, log io.Writer) (*Build, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, childArgs(name, data, out, cache, assets)...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, log
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	var b Build
	if err := json.Unmarshal(stdout.Bytes(), &b); err != nil {
		return nil, fmt.Errorf("reading the build's figures: %w", err)
	}
	return &b, nil
}

func childArgs(name, data, out, cache, assets string) []string {
	return []string{"--name", name, "--data", data, "--out", out, "--cache", cache, "--assets", assets}
}

// child runs one build and prints its figures as JSON; the stage lines go
// to stderr, for the person waiting.
func child(args []string, stdout, stderr io.Writer) int {
	fl := pflag.NewFlagSet("bench child", pflag.ContinueOnError)
	name := fl.String("name", "", "")
	var cfg site.Config
	fl.StringVar(&cfg.Data, "data", "", "")
	fl.StringVar(&cfg.Out, "out", "", "")
	fl.StringVar(&cfg.Cache, "cache", "", "")
	fl.StringVar(&cfg.Assets, "assets", "", "")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	// The preparation of the monthly build takes the latest month out of
	// the full site on purpose; the guard against a shrinking site would
	// rightly hold it back.
	cfg.AllowShrink = *name == "prepare"
	cfg.Progress = progress.New(stderr)
	b := &Build{Name: *name}
	resetPeak()
	c0, t0 := cpu(), time.Now()
	last := c0
	cfg.OnStage = func(s site.Stage) {
		c := cpu()
		stage := Stage{Name: s.Name, WallS: s.Wall.Seconds(), CPUS: (c - last).Seconds(), PeakMiB: peakMiB()}
		if slices.Contains(heldAfter, s.Name) {
			// The collection's own time is left out of every stage.
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			stage.LiveMiB = float64(m.HeapAlloc) / (1 << 20)
			c = cpu()
		}
		b.Stages = append(b.Stages, stage)
		last = c
		resetPeak()
	}
	res, err := site.Build(cfg)
	if err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 1
	}
	b.WallS, b.CPUS = time.Since(t0).Seconds(), (cpu() - c0).Seconds()
	for _, s := range b.Stages {
		b.PeakMiB = max(b.PeakMiB, s.PeakMiB)
	}
	b.Records, b.Cached, b.Files = res.Load.Rows, res.Load.Cached, res.Load.Files
	b.Pages, b.Locations, b.Nbhds = res.Pages, res.Snaps, res.Nbhds
	b.Output, b.Objects, b.Bytes = res.Kinds, res.Files+1, res.Bytes // +1: the manifest
	b.TilesBuilt, b.TilesKept = len(res.Tiles), len(res.TilesReused)
	for _, t := range res.Tiles {
		for _, z := range t.Zooms {
			b.LargestTile = max(b.LargestTile, z.Largest)
		}
	}
	if b.Pages200, err = pageSizes(cfg.Out); err != nil {
		fmt.Fprintln(stderr, "bench:", err)
		return 1
	}
	if err := json.NewEncoder(stdout).Encode(b); err != nil {
		return 1
	}
	return 0
}

// cpu returns the process's user and system time so far.
func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeak starts Linux's peak resident size afresh, so each stage's
// figure is its own.
func resetPeak() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // harmless where unsupported
}

// peakMiB returns the peak resident size since the last reset: what the
// machine had to give, not only the Go heap.
func peakMiB() float64 {
	fh, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

var errNoPages = errors.New("the site has no pages")

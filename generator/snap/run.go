package snap

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"github.com/crimemap/crimemap/generator/output"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/crimemap/crimemap/generator/progress"
	"github.com/crimemap/crimemap/generator/validate"
)

// Config says what to snap.
type Config struct {
	In        string // folder of exact files: In/YYYY-MM/YYYY-MM-<force>-exact.csv
	Gazetteer string // gazetteer file; default In/gazetteer.csv
	Out       string // folder for the published street files and the privacy report
	Rules     Rules
	// Strict makes any problem with the input a failure: nothing is
	// written to Out and Run returns ErrData.
	Strict bool
	// Workers is the number of files snapped at once; 0 means GOMAXPROCS.
	Workers int
	// Progress, if set, shows the stages.
	Progress *progress.Reporter
}

// ErrData is returned (wrapped) when Strict is set and the input has
// problems; the report lists them.
var ErrData = errors.New("the input has problems")

// Report file names, in Config.Out.
const (
	ReportJSON = "privacy-report.json"
	ReportText = "privacy-report.txt"
)

// Run snaps every exact file in cfg.In and writes the published street
// files and the privacy report into cfg.Out. Problems with the data are in
// the report (and make a strict run fail); the error is for what stops the
// run: an unusable gazetteer, no input files, an unwritable output.
//
// Files are snapped in parallel, each by one goroutine that reads, snaps
// and writes its rows in order; the figures are put together in file order
// afterwards, so nothing depends on scheduling. Street files appear under
// their names only when every file is done.
func Run(cfg Config) (*Report, error) {
	rep, err := run(cfg)
	if err != nil {
		return rep, fmt.Errorf("snap: %w", err)
	}
	return rep, nil
}

func run(cfg Config) (*Report, error) {
	if cfg.In == "" || cfg.Out == "" {
		return nil, errors.New("the input and output folders are required")
	}
	if cfg.Gazetteer == "" {
		cfg.Gazetteer = filepath.Join(cfg.In, "gazetteer.csv")
	}
	p := cfg.Progress
	problems := validate.NewReport()

	p.Start("gazetteer")
	start := time.Now()
	gazName := relPath(cfg.In, cfg.Gazetteer)
	g, err := LoadGazetteer(cfg.Gazetteer, gazName, problems)
	if err != nil {
		return nil, err
	}
	s, err := New(g, cfg.Rules)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", gazName, err)
	}
	sum := s.summary(gazName)
	p.Done("%d points: %d snap points (%d streets with at least %d addresses, %d key locations), %d never used",
		sum.Points, sum.SnapPoints, sum.EligibleStreets, cfg.Rules.MinAddresses, sum.KeyLocations, sum.NeverUsed)

	gazTime := time.Since(start)
	p.Start("snap")
	start = time.Now()
	files, err := discover(cfg.In, problems)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no exact-location files (YYYY-MM/YYYY-MM-<force>-exact.csv) in %s", cfg.In)
	}
	var made []string // folders this run made, removed again if it fails
	for _, dir := range append([]string{cfg.Out}, monthDirs(cfg.Out, files)...) {
		if _, err := os.Stat(dir); err == nil {
			continue
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("make %s: %w", dir, err)
		}
		made = append(made, dir)
	}
	results, workers, err := snapAll(cfg, s, files)
	removeTemps := func() {
		for _, r := range results {
			if r.tmp != "" {
				os.Remove(r.tmp)
			}
		}
		for i := len(made) - 1; i >= 0; i-- {
			os.Remove(made[i]) // only if empty
		}
	}
	if err != nil {
		removeTemps()
		return nil, err
	}
	// Problems go into the report in file order, each file's in line order,
	// so the examples kept are the same on every run.
	for _, r := range results {
		for _, pr := range r.problems {
			problems.Add(pr)
		}
	}
	rep := buildReport(s, gazName, results, workers, problems)
	rep.Timing = Timing{Gazetteer: gazTime, Snap: time.Since(start)}
	if cfg.Strict && problems.Len() > 0 {
		removeTemps()
		return rep, fmt.Errorf("%w (%d)", ErrData, problems.Len())
	}
	for _, r := range results {
		if r.tmp == "" {
			continue
		}
		final := filepath.Join(cfg.Out, filepath.FromSlash(r.file.OutPath()))
		if err := os.Rename(r.tmp, final); err != nil {
			removeTemps()
			return nil, fmt.Errorf("write %s: %w", r.file.OutPath(), err)
		}
	}
	if err := writeReport(cfg.Out, rep); err != nil {
		return nil, err
	}
	t := rep.Total
	p.Done("%d records in %d files: %d snapped (%d past streets with too few addresses, %d at key locations), %d at journeys' end, %d not mapped (beyond %s), %d without location, %d bad rows; fewest records at a point in a month: %d",
		t.Records, rep.Files, t.Snapped, t.PastIneligible, t.AtKeyLocation, t.Train, t.Unmapped,
		metresText(cfg.Rules.MaxDistance), t.NoLocation, t.Excluded, t.MinPerPoint)
	return rep, nil
}

// monthDirs lists the output's month folders, in order.
func monthDirs(out string, files []exactFile) []string {
	var dirs []string
	for i, f := range files {
		if i == 0 || f.Month != files[i-1].Month {
			dirs = append(dirs, filepath.Join(out, f.Month.String()))
		}
	}
	return dirs
}

// snapAll snaps the files on cfg.Workers goroutines, biggest first so that
// the workers finish together, and returns the results in file order.
func snapAll(cfg Config, s *Snapper, files []exactFile) ([]fileResult, []*worker, error) {
	n := cfg.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	n = min(n, len(files))
	order := make([]int, len(files))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(files[b].Size, files[a].Size) })
	results := make([]fileResult, len(files))
	workers := make([]*worker, n)
	var (
		mu       sync.Mutex
		done     int
		firstErr error
		wg       sync.WaitGroup
	)
	next := make(chan int)
	for k := range workers {
		w := newWorker(s)
		workers[k] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				mu.Lock()
				failed := firstErr != nil
				mu.Unlock()
				if failed {
					continue
				}
				res, err := w.snapFile(cfg.In, cfg.Out, files[i])
				mu.Lock()
				results[i] = res
				if err != nil && firstErr == nil {
					firstErr = err
				}
				done++
				cfg.Progress.Update(done, len(files))
				mu.Unlock()
			}
		}()
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()
	return results, workers, firstErr
}

// writeReport writes the JSON and text reports, each through a temporary
// file so that a report on disk is always whole.
func writeReport(dir string, r *Report) error {
	for _, f := range []struct {
		name  string
		write func(*bufio.Writer) error
	}{
		{ReportJSON, func(w *bufio.Writer) error { return r.WriteJSON(w) }},
		{ReportText, func(w *bufio.Writer) error { return r.WriteText(w) }},
	} {
		if _, err := output.WriteFileAtomic(filepath.Join(dir, f.name), f.write); err != nil {
			return err
		}
	}
	return nil
}

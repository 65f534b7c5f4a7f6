package sample

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"github.com/crimemap/crimemap/generator/output"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/crimemap/crimemap/generator/crime"
)

// gen holds what every file job shares. It is read-only once built, apart
// from the event-mask cache, which has its own lock.
type gen struct {
	w           *world
	first, end  crime.Month
	months      int
	cats        [][]float64 // per force: cumulative category weights
	res         [][crime.NumCategories]cumulative
	forceNames  [][]byte // per force: "Reported by,Falls within,"
	plants      []plant
	plantByFile map[string][]plant

	masksMu sync.Mutex
	masks   map[[2]int]*maskEntry

	exactMonths int // the last exactMonths months get exact-location files
	exactOnce   sync.Once
	exactGeo    *exactGeo
}

func newGen(w *world, opt Options) *gen {
	g := &gen{w: w, first: opt.End.Add(1 - opt.Months), end: opt.End, months: opt.Months, plantByFile: map[string][]plant{},
		masks: map[[2]int]*maskEntry{}, exactMonths: opt.ExactMonths}
	for _, f := range w.forces {
		s := f.plan.spec
		g.cats = append(g.cats, forceCategories(w.seed, f.idx, s))
		g.res = append(g.res, forceResolutions(w.statusFactor[f.idx]))
		b := appendField(nil, s.Name)
		b = append(b, ',')
		b = appendField(b, s.Name)
		g.forceNames = append(g.forceNames, append(b, ','))
	}
	g.plants = planPlants(&w.sc, g.first, g.months)
	for _, p := range g.plants {
		rel := dataPath(p.month, w.sc.plans[p.force].spec.Slug, p.file)
		g.plantByFile[rel] = append(g.plantByFile[rel], p)
	}
	return g
}

// count is the number of crimes of a force in a month, zero in the months
// it published nothing. Months before the dataset are counted too: their
// crimes have outcomes in the dataset's first outcomes files.
func (g *gen) count(f *forceGeo, m crime.Month) int {
	if idx := int(m - g.first); idx >= 0 && idx < g.months && missingMonth(f.plan.spec, idx, g.months) {
		return 0
	}
	return monthCount(g.w.seed, f.idx, f.plan.rows, m, "street")
}

// tally is what a job wrote.
type tally struct {
	files                                   int
	bytes                                   int64
	street, outcomes, stops, planted, exact int
}

type job struct {
	name  string
	cost  int
	files int
	run   func(done func()) (tally, error)
}

// Generate writes a synthetic dataset in the data.police.uk layout into
// dir, with reference data in dir/reference. The same options always give
// byte-identical files. dir is created if missing; a non-empty dir must be
// an earlier sample (it has a .crimemap-sample marker): one made with the
// same options is resumed, keeping the files already complete, and one made
// with other options is replaced.
func Generate(dir string, opt Options) (Summary, error) {
	opt, err := opt.normalise()
	if err != nil {
		return Summary{}, fmt.Errorf("sample: %w", err)
	}
	planted, err := Planted(opt)
	if err != nil {
		return Summary{}, fmt.Errorf("sample: %w", err)
	}
	mk := newMarker(opt, planted)
	resume, err := prepareDir(dir, mk)
	if err != nil {
		return Summary{}, fmt.Errorf("sample: %w", err)
	}
	data, err := json.MarshalIndent(mk, "", "  ")
	if err != nil {
		return Summary{}, fmt.Errorf("sample: %w", err)
	}
	if _, err := writeAtomic(dir, markerName, func(bw *bufio.Writer) error {
		_, err := bw.Write(append(data, '\n'))
		return err
	}); err != nil {
		return Summary{}, fmt.Errorf("sample: %w", err)
	}
	w, err := buildWorld(uint64(opt.Seed), opt.Scale)
	if err != nil {
		return Summary{}, fmt.Errorf("sample: %w", err)
	}
	g := newGen(w, opt)
	jobs, err := g.jobs(dir, resume)
	if err != nil {
		return Summary{}, fmt.Errorf("sample: %w", err)
	}
	t, err := runJobs(jobs, opt.Progress)
	if err != nil {
		return Summary{}, fmt.Errorf("sample: %w", err)
	}
	gazetteer := 0
	if g.exactMonths > 0 {
		gazetteer = len(w.snaps) + len(g.exact().inelPts)
	}
	return Summary{
		ExactRows:       t.exact,
		GazetteerPoints: gazetteer,
		Forces:          len(w.forces),
		Neighbourhoods:  len(w.nbs),
		SnapPoints:      len(w.snaps),
		Months:          opt.Months,
		StreetRows:      t.street,
		OutcomeRows:     t.outcomes,
		StopRows:        t.stops,
		BadRows:         t.planted,
		Bytes:           t.bytes,
	}, nil
}

// jobs lists the work: one job per data file, one per force's reference
// files, and the two reference tables. Folders are made up front.
func (g *gen) jobs(dir string, resume bool) ([]job, error) {
	var jobs []job
	mkdir := func(rel string) error {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(rel)), 0o755); err != nil {
			return fmt.Errorf("make %s: %w", rel, err)
		}
		return nil
	}
	for idx := range g.months {
		m := g.first.Add(idx)
		if err := mkdir(m.String()); err != nil {
			return nil, err
		}
		for _, f := range g.w.forces {
			p := f.plan
			if missingMonth(p.spec, idx, g.months) {
				continue
			}
			kinds := []fileKind{kindStreet}
			if p.spec.hasIDs() {
				kinds = append(kinds, kindOutcomes)
			}
			if p.stops > 0 {
				kinds = append(kinds, kindStops)
			}
			for _, k := range kinds {
				jobs = append(jobs, g.dataJob(dir, f, m, k, resume))
			}
		}
	}
	for _, rel := range []string{"reference/forces", "reference/neighbourhoods"} {
		if err := mkdir(rel); err != nil {
			return nil, err
		}
	}
	for _, f := range g.w.forces {
		if !f.plan.spec.territorial() {
			continue
		}
		if err := mkdir("reference/neighbourhoods/" + f.plan.spec.Slug); err != nil {
			return nil, err
		}
		jobs = append(jobs, job{
			name:  "reference for " + f.plan.spec.Slug,
			cost:  len(f.cells) / 4,
			files: 1 + 2*len(f.nbs),
			run: func(done func()) (tally, error) {
				n, b, err := g.writeForceReference(dir, f, done)
				return tally{files: n, bytes: b}, err
			},
		})
	}
	table := func(rel string, write func(*bufio.Writer) error) job {
		return job{name: rel, cost: len(g.w.nbs), files: 1, run: func(done func()) (tally, error) {
			n, err := writeAtomic(dir, rel, write)
			done()
			return tally{files: 1, bytes: n}, err
		}}
	}
	if g.w.sc.basemap {
		// The basemap is one of the longest jobs: start it among the first.
		jobs = append(jobs, job{name: BasemapFile, cost: 4 * len(g.w.snaps), files: 1, run: func(done func()) (tally, error) {
			n, err := writeAtomic(dir, BasemapFile, g.writeBasemap)
			done()
			return tally{files: 1, bytes: n}, err
		}})
	}
	jobs = append(jobs, table("reference/population.csv", g.writePopulation), table("reference/postcodes.csv", g.writePostcodes),
		table("reference/population-ethnicity.csv", g.writeEthnicity))
	if g.exactMonths > 0 {
		jobs = append(jobs, table(ExactDir+"/gazetteer.csv", g.writeGazetteer))
		for idx := g.months - g.exactMonths; idx < g.months; idx++ {
			m := g.first.Add(idx)
			if err := mkdir(ExactDir + "/" + m.String()); err != nil {
				return nil, err
			}
			for _, f := range g.w.forces {
				if !missingMonth(f.plan.spec, idx, g.months) {
					jobs = append(jobs, g.exactJob(dir, f, m, resume))
				}
			}
		}
	}
	// Longest first, so that two workers finish together.
	slices.SortStableFunc(jobs, func(a, b job) int { return cmp.Compare(b.cost, a.cost) })
	return jobs, nil
}

// dataJob writes one crime data file. When resuming, a file that already
// exists is complete (files appear only by rename) and is counted instead.
func (g *gen) dataJob(dir string, f *forceGeo, m crime.Month, k fileKind, resume bool) job {
	rel := dataPath(m, f.plan.spec.Slug, k)
	plants := g.plantByFile[rel]
	cost := f.plan.rows
	switch k {
	case kindOutcomes:
		cost = f.plan.rows * 3 / 2
	case kindStops:
		cost = f.plan.stops * 2
	}
	return job{name: rel, cost: cost, files: 1, run: func(done func()) (tally, error) {
		defer done()
		t := tally{files: 1, planted: len(plants)}
		add := func(rows int) {
			switch k {
			case kindStreet:
				t.street = rows
			case kindOutcomes:
				t.outcomes = rows
			default:
				t.stops = rows
			}
		}
		if resume {
			if rows, size, ok := countRows(filepath.Join(dir, filepath.FromSlash(rel))); ok {
				add(rows - len(plants))
				t.bytes = size
				return t, nil
			}
		}
		var rows int
		n, err := writeAtomic(dir, rel, func(bw *bufio.Writer) error {
			var err error
			switch k {
			case kindStreet:
				rows, err = g.writeStreet(bw, f, m, plants)
			case kindOutcomes:
				rows, err = g.writeOutcomes(bw, f, m, plants)
			default:
				rows, err = g.writeStops(bw, f, m, plants)
			}
			return err
		})
		add(rows)
		t.bytes = n
		return t, err
	}}
}

// exactJob writes one exact-location file, or counts it when resuming.
func (g *gen) exactJob(dir string, f *forceGeo, m crime.Month, resume bool) job {
	ms := m.String()
	rel := ExactDir + "/" + ms + "/" + ms + "-" + f.plan.spec.Slug + "-exact.csv"
	return job{name: rel, cost: f.plan.rows, files: 1, run: func(done func()) (tally, error) {
		defer done()
		if resume {
			if rows, size, ok := countRows(filepath.Join(dir, filepath.FromSlash(rel))); ok {
				return tally{files: 1, bytes: size, exact: rows}, nil
			}
		}
		var rows int
		n, err := writeAtomic(dir, rel, func(bw *bufio.Writer) error {
			var err error
			rows, err = g.writeExact(bw, f, m)
			return err
		})
		return tally{files: 1, bytes: n, exact: rows}, err
	}}
}

// countRows counts the data rows (lines after the header) of a file.
func countRows(path string) (rows int, size int64, ok bool) {
	fh, err := os.Open(path)
	if err != nil {
		return 0, 0, false
	}
	defer fh.Close()
	buf := make([]byte, 1<<20)
	lines := 0
	for {
		n, err := fh.Read(buf)
		lines += bytes.Count(buf[:n], []byte{'\n'})
		size += int64(n)
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, false
		}
	}
	return lines - 1, size, true
}

// runJobs runs jobs on GOMAXPROCS workers and adds up their tallies. The
// first error stops the remaining jobs.
func runJobs(jobs []job, progress func(done, total int)) (tally, error) {
	total := 0
	for _, j := range jobs {
		total += j.files
	}
	var (
		mu       sync.Mutex
		sum      tally
		done     int
		firstErr error
		wg       sync.WaitGroup
	)
	tick := func() {
		mu.Lock()
		defer mu.Unlock()
		done++
		if progress != nil {
			progress(done, total)
		}
	}
	next := make(chan job)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				mu.Lock()
				failed := firstErr != nil
				mu.Unlock()
				if failed {
					continue
				}
				t, err := j.run(tick)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				sum.files += t.files
				sum.bytes += t.bytes
				sum.street += t.street
				sum.outcomes += t.outcomes
				sum.stops += t.stops
				sum.planted += t.planted
				sum.exact += t.exact
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	return sum, firstErr
}

// writeAtomic writes dir/rel whole or not at all, so that an interrupted
// run can be resumed. It returns the bytes written.
func writeAtomic(dir, rel string, write func(*bufio.Writer) error) (int64, error) {
	return output.WriteFileAtomic(filepath.Join(dir, filepath.FromSlash(rel)), write)
}

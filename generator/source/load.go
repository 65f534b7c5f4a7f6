package source

import (
	"cmp"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"sync"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// Options tune loading.
type Options struct {
	// Workers parse files in parallel; 0 means one per CPU.
	Workers int
	// Progress, if set, is called after each file is merged.
	Progress func(done, total int, bytes int64)
	// Cache, if set, gives the parse of files it has seen, and keeps the
	// parse of those it has not.
	Cache *Cache
	// Spill, if set, takes each file's row columns as soon as it is
	// merged, so that the store holds no rows (see store.Spill); a stage
	// reads them back with Rows.
	Spill *store.Spill
	// Rehash reads every input file to hash it, even one whose size,
	// times and inode are those the cache recorded with its hash.
	Rehash bool
}

// Stats describe a load.
type Stats struct {
	Files    int   // files read
	Rows     int   // data rows read, good or bad
	Kept     int   // rows in the store
	Excluded int   // rows left out, each reported
	Bytes    int64 // bytes of CSV read (uncompressed)
	// Cached files came from the cache instead of being parsed;
	// CacheFailures are files whose parse could not be cached (the next
	// build parses them again), with the first such error.
	Cached        int
	CacheFailures int
	CacheErr      error
}

// Load reads every data file under in.Root into a new store. Problems with
// the data are added to report; the error is only for failing to read the
// input at all (see NoData for input with nothing in it).
func Load(in *Input, report *validate.Report, opt Options) (*store.Store, Stats, error) {
	files, err := Discover(in.FS, in.Root, report)
	if err != nil {
		return nil, Stats{}, err
	}
	st := store.New()
	forceIdx := forces(st, files)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	// Files are parsed in parallel and merged in file order, so that the
	// store's numbering does not depend on which worker finished first. The
	// window bounds how many parsed files wait in memory.
	type slot struct {
		p      *parsed
		cached bool  // the parse came from the cache
		kept   bool  // the cache holds the parse
		err    error // from keeping the parse in the cache
		done   chan struct{}
	}
	slots := make([]slot, len(files))
	for i := range slots {
		slots[i].done = make(chan struct{})
	}
	window := make(chan struct{}, 2*workers)
	jobs := make(chan int)
	var wg sync.WaitGroup
	if opt.Cache != nil {
		opt.Cache.rehash = opt.Rehash
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if opt.Cache != nil {
					slots[i].p, slots[i].cached, slots[i].kept, slots[i].err = opt.Cache.parseCached(in.FS, files[i])
				} else {
					slots[i].p = parseOne(in.FS, files[i])
				}
				close(slots[i].done)
			}
		}()
	}
	go func() {
		for i := range files {
			window <- struct{}{}
			jobs <- i
		}
		close(jobs)
	}()

	var stats Stats
	m := merger{st: st, forceIdx: forceIdx, names: map[string]string{},
		forceLocs: make([]map[store.LocKey]store.LocID, len(st.Forces))}
	for i := range slots {
		<-slots[i].done
		p := slots[i].p
		slots[i].p = nil
		<-window
		if slots[i].cached {
			stats.Cached++
		}
		if err := slots[i].err; err != nil {
			stats.CacheFailures++
			if stats.CacheErr == nil {
				stats.CacheErr = err
			}
		}
		m.merge(p, report)
		if slots[i].kept {
			opt.Cache.releaseIDs(p)
		}
		if opt.Spill != nil {
			if err := p.release(opt.Spill); err != nil {
				// Drain the workers before giving up.
				for j := i + 1; j < len(slots); j++ {
					<-slots[j].done
					<-window
				}
				wg.Wait()
				return nil, stats, fmt.Errorf("load %s: %w", p.file.Path, err)
			}
		}
		st.Inputs = append(st.Inputs, store.Input{Path: p.file.Path, Force: p.file.Force, Month: p.file.Month,
			Kind: p.file.Kind.String(), Size: p.bytes, Hash: p.hash, Excluded: p.excluded})
		stats.Files++
		stats.Rows += p.rows
		stats.Bytes += p.bytes
		if opt.Progress != nil {
			opt.Progress(i+1, len(files), stats.Bytes)
		}
	}
	wg.Wait()
	if opt.Cache != nil {
		// The cache holds this load's files now: a later load with it
		// looks them up, by the hashes kept here when their files are
		// unchanged.
		opt.Cache.empty.Store(false)
		if err := opt.Cache.known.save(opt.Cache.dir); err != nil {
			stats.CacheFailures++
			if stats.CacheErr == nil {
				stats.CacheErr = err
			}
		}
	}

	for i := range st.Forces {
		f := &st.Forces[i]
		if n := m.names[f.Slug]; n != "" {
			f.Name = n
		}
	}
	finish(st, files, report)
	stats.Kept = st.CrimeRows() + st.OutcomeRows() + st.StopRows()
	stats.Excluded = stats.Rows - stats.Kept
	return st, stats, nil
}

// release moves the file's merged rows to the spill.
func (p *parsed) release(sp *store.Spill) error {
	switch {
	case p.skipped:
		return nil
	case p.crimes != nil:
		return p.crimes.Release(sp)
	case p.outcomes != nil:
		return p.outcomes.Release(sp)
	case p.stops != nil:
		return p.stops.Release(sp)
	}
	return nil
}

func parseOne(fsys fs.FS, f File) *parsed {
	r, err := fsys.Open(f.Path)
	if err != nil {
		p := &parsed{file: f, skipped: true}
		p.problem(0, validate.UnreadableFile, validate.Excluded, "%v", err)
		p.exclude(1, 0, validate.UnreadableFile)
		return p
	}
	defer r.Close()
	return parseFile(f, r)
}

// forces gives every force seen in a file name its id, in slug order.
func forces(st *store.Store, files []File) map[string]store.ForceID {
	var slugs []string
	for _, f := range files {
		slugs = append(slugs, f.Force)
	}
	slices.Sort(slugs)
	slugs = slices.Compact(slugs)
	idx := make(map[string]store.ForceID, len(slugs))
	for i, s := range slugs {
		st.Forces = append(st.Forces, store.Force{Slug: s, Name: forceTitle(s)})
		idx[s] = store.ForceID(i)
	}
	return idx
}

// merger renumbers parsed files into the store.
type merger struct {
	st       *store.Store
	forceIdx map[string]store.ForceID
	names    map[string]string // force slug → name from the rows
	strMap   []store.StrID
	locMap   []store.LocID
	// forceLocs holds each force's locations met so far, by force: a
	// force's files repeat its locations month after month, and a map of
	// one force's locations stays in the processor's caches where the
	// store's map of every location does not. A location goes to the
	// store's map only the first time its force meets it, which is never
	// after the first time any force does, so the ids are the same.
	forceLocs []map[store.LocKey]store.LocID
}

func (m *merger) merge(p *parsed, report *validate.Report) {
	slices.SortStableFunc(p.problems, func(a, b validate.Problem) int { return cmp.Compare(a.Line, b.Line) })
	for _, pr := range p.problems {
		report.Add(pr)
	}
	if p.skipped {
		return
	}
	st := m.st
	fid := m.forceIdx[p.file.Force]
	if p.forceName != "" && m.names[p.file.Force] == "" {
		m.names[p.file.Force] = p.forceName
	}
	m.strMap = m.strMap[:0]
	for i := range p.strs.Len() {
		m.strMap = append(m.strMap, st.Strings.IDString(p.strs.Str(store.StrID(i))))
	}
	m.locMap = m.locMap[:0]
	known := m.forceLocs[fid]
	if known == nil {
		known = make(map[store.LocKey]store.LocID, p.locs.Len())
		m.forceLocs[fid] = known
	}
	for _, l := range p.locs.All() {
		l.Street, l.LSOA, l.LSOAName = m.strMap[l.Street], m.strMap[l.LSOA], m.strMap[l.LSOAName]
		id, ok := known[l]
		if !ok {
			id = st.Locs.ID(l)
			known[l] = id
		}
		m.locMap = append(m.locMap, id)
	}
	remap := func(locs []store.LocID) {
		for i, l := range locs {
			if l != store.NoLoc {
				locs[i] = m.locMap[l]
			}
		}
	}
	switch {
	case p.crimes != nil:
		p.crimes.Force = fid
		remap(p.crimes.Loc)
		st.Crimes = append(st.Crimes, p.crimes)
	case p.outcomes != nil:
		p.outcomes.Force = fid
		remap(p.outcomes.Loc)
		st.Outcomes = append(st.Outcomes, p.outcomes)
	case p.stops != nil:
		p.stops.Force = fid
		remap(p.stops.Loc)
		vmap := make([]store.StrID, p.stopVals.Len())
		for i := range vmap {
			vmap[i] = st.StopValues.IDString(p.stopVals.Str(store.StrID(i)))
		}
		for f := range p.stops.Fields {
			col := p.stops.Fields[f]
			for i, v := range col {
				col[i] = vmap[v]
			}
		}
		st.Stops = append(st.Stops, p.stops)
	}
}

// finish sorts the tables, sets the dataset's month range and records the
// months each force is missing.
func finish(st *store.Store, files []File, report *validate.Report) {
	byForceMonth := func(af store.ForceID, am crime.Month, bf store.ForceID, bm crime.Month) int {
		return cmp.Or(cmp.Compare(af, bf), cmp.Compare(am, bm))
	}
	slices.SortFunc(st.Crimes, func(a, b *store.Crimes) int { return byForceMonth(a.Force, a.Month, b.Force, b.Month) })
	slices.SortFunc(st.Outcomes, func(a, b *store.Outcomes) int { return byForceMonth(a.Force, a.Month, b.Force, b.Month) })
	slices.SortFunc(st.Stops, func(a, b *store.Stops) int { return byForceMonth(a.Force, a.Month, b.Force, b.Month) })
	for _, f := range files {
		if st.First == 0 || f.Month < st.First {
			st.First = f.Month
		}
		st.Last = max(st.Last, f.Month)
	}
	for _, c := range st.Crimes {
		f := &st.Forces[c.Force]
		f.Months = append(f.Months, c.Month)
	}
	// A force's record starts with its first street file; from then on a
	// month without one is missing, never zero.
	for i := range st.Forces {
		f := &st.Forces[i]
		if len(f.Months) == 0 {
			continue
		}
		have := f.Months
		for m := have[0]; m <= st.Last; m++ {
			if _, ok := slices.BinarySearch(have, m); !ok {
				f.Missing = append(f.Missing, m)
				report.Add(validate.Problem{File: m.String() + "/", Reason: validate.MissingMonth,
					Severity: validate.Warning, Force: f.Slug, Month: m.String(),
					Detail: fmt.Sprintf("no street file for %s in %s; shown as missing, not as zero", f.Slug, m)})
			}
		}
	}
}

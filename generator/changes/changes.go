// Package changes finds what a build's data changed in the months an
// earlier build had already published: data.police.uk re-issues earlier
// months with crimes added and removed and last outcomes updated.
//
// Crimes are followed from one version of a force's month to the next by
// their persistent Crime ID; rows without one (anti-social behaviour, and
// forces that publish none) cannot be followed and are only counted. A
// month new in this build is new data, not a change, and a month whose
// street file has the same bytes has none, so only re-issued files are
// read. The result is deterministic: months in order, then changes by
// kind and Crime ID.
package changes

import (
	"bytes"
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
)

// Kind is what happened to a crime.
type Kind uint8

// The kinds of change, in the order pages and files list them.
const (
	Added Kind = iota
	Removed
	OutcomeUpdate
)

// String names the kind as the CSV spells it.
func (k Kind) String() string { return [...]string{"added", "removed", "outcome"}[k] }

// Change is one crime added to, removed from or with a new last outcome
// in a re-issued month.
type Change struct {
	Month crime.Month
	Kind  Kind
	// ID is the Crime ID; OddID the published text of one that is not 64
	// hex digits (ID is then zero).
	ID    store.CrimeID
	OddID string
	// Category is the crime's category now, or, for a removed crime, as
	// it was.
	Category crime.Category
	// Previous is the last outcome before (none for an added crime) and
	// Outcome the last outcome now (none for a removed one).
	Previous, Outcome crime.Outcome
}

// IDText is the Crime ID as the files spell it.
func (c *Change) IDText() string {
	if c.OddID != "" {
		return c.OddID
	}
	return c.ID.String()
}

// Month sums up one re-issued month of a force.
type Month struct {
	Month                    crime.Month
	Added, Removed, Outcomes int
	// NoIDBefore and NoIDNow are the rows without a Crime ID in the
	// previous version and in this one: what changed among them cannot
	// be told, only the difference in count.
	NoIDBefore, NoIDNow int
	// Unavailable, when set, says why the month could not be compared;
	// its counts are then zero.
	Unavailable string
}

// Pair counts outcome updates from one last outcome to another.
type Pair struct {
	From, To crime.Outcome
	Count    int
}

// Force is what changed in one force's data.
type Force struct {
	// Months are the force's re-issued months, oldest first.
	Months []Month
	// New are months this build has and the one compared with had not.
	New []crime.Month
	// Changes are every change, by month, kind and Crime ID.
	Changes []Change
	// Pairs are the outcome updates by previous and current outcome,
	// most first.
	Pairs                    []Pair
	Added, Removed, Outcomes int
}

// Result is what changed, by force.
type Result struct {
	// NotCompared, when set, says why nothing was compared: no cache, or
	// no earlier data.
	NotCompared string
	Forces      []Force // by store.ForceID
}

// Reasons for not comparing, as pages print them.
const (
	NoCache    = "This build was made without a cache, so there is nothing to compare with."
	FirstBuild = "This is the first build with a cache, so there is nothing to compare with. (A build of the same data again keeps this page as it is.)"
)

// Previous is the data a build compares with.
type Previous struct {
	// Inputs are the files of the build compared with.
	Inputs []store.Input
	// Crimes gives the crimes, with their IDs, of one of those files, or
	// false when they are no longer to be had.
	Crimes func(store.Input) (*store.Crimes, bool)
}

// Unavailable reasons.
const (
	notCached = "the earlier version is no longer in the cache (after an update of crimemap, or a cache cleared)"
	notRead   = "this build could not read the file"
)

// Messages names, for each reason above (NotCompared and a month's
// Unavailable), its message in the site's catalogues
// (content/messages/<lang>/data.json), so that a page can give it in its
// own language. The constants are the messages' English text; Result
// keeps the English, which the build's log and tests read.
var Messages = map[string]string{
	NoCache:    "changes.reason.no-cache",
	FirstBuild: "changes.reason.first-build",
	NoRecord:   "changes.reason.no-record",
	notCached:  "changes.unavailable.not-cached",
	notRead:    "changes.unavailable.not-read",
}

// Compute compares st's street files with prev's, or, with prev nil,
// says notCompared.
func Compute(st *store.Store, prev *Previous, notCompared string) (*Result, error) {
	res := &Result{Forces: make([]Force, len(st.Forces))}
	if prev == nil {
		res.NotCompared = notCompared
		return res, nil
	}
	before := map[string]store.Input{}
	for _, in := range prev.Inputs {
		if in.Kind == "street" {
			before[in.Path] = in
		}
	}
	// Months compared by force and month, not by path alone, so that a
	// month counts as new only when the force had no file for it.
	had := map[string]bool{}
	for _, in := range before {
		had[in.Force+"/"+in.Month.String()] = true
	}
	type task struct {
		f        store.ForceID
		old, now store.Input
		month    Month
		changes  []Change
		err      error
	}
	var tasks []*task
	for _, in := range st.Inputs {
		if in.Kind != "street" {
			continue
		}
		f, ok := st.Force(in.Force)
		if !ok {
			continue
		}
		old, ok := before[in.Path]
		if !ok {
			if !had[in.Force+"/"+in.Month.String()] {
				res.Forces[f].New = append(res.Forces[f].New, in.Month)
			}
			continue
		}
		if old.Hash == in.Hash {
			continue
		}
		tasks = append(tasks, &task{f: f, old: old, now: in})
	}

	// Each task reads two versions of a month back from disk; two at a
	// time keep both processors busy without holding many months' IDs.
	var wg sync.WaitGroup
	next := make(chan *task)
	for range min(runtime.GOMAXPROCS(0), 2) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range next {
				t.month, t.changes, t.err = compare(st, t.f, t.old, t.now, prev.Crimes)
			}
		}()
	}
	for _, t := range tasks {
		next <- t
	}
	close(next)
	wg.Wait()

	for _, t := range tasks {
		if t.err != nil {
			return nil, fmt.Errorf("changes: %s: %w", t.now.Path, t.err)
		}
		fc := &res.Forces[t.f]
		fc.Months = append(fc.Months, t.month)
		fc.Changes = append(fc.Changes, t.changes...)
	}
	for i := range res.Forces {
		finishForce(&res.Forces[i])
	}
	return res, nil
}

// compare diffs one force's month against its earlier version.
func compare(st *store.Store, f store.ForceID, old, now store.Input, crimes func(store.Input) (*store.Crimes, bool)) (Month, []Change, error) {
	m := Month{Month: now.Month}
	cur := st.CrimesOf(f, now.Month)
	if cur == nil {
		m.Unavailable = notRead
		return m, nil, nil
	}
	cur, err := cur.WithIDs()
	if err != nil {
		return m, nil, err
	}
	was, ok := crimes(old)
	if !ok {
		m.Unavailable = notCached
		return m, nil, nil
	}
	changes, m := Diff(was, cur)
	return m, changes, nil
}

// finishForce orders a force's months and changes and counts them.
func finishForce(fc *Force) {
	slices.SortFunc(fc.Months, func(a, b Month) int { return cmp.Compare(a.Month, b.Month) })
	slices.Sort(fc.New)
	slices.SortStableFunc(fc.Changes, compareChanges)
	pairs := map[[2]crime.Outcome]int{}
	for _, c := range fc.Changes {
		switch c.Kind {
		case Added:
			fc.Added++
		case Removed:
			fc.Removed++
		case OutcomeUpdate:
			fc.Outcomes++
			pairs[[2]crime.Outcome{c.Previous, c.Outcome}]++
		}
	}
	for k, n := range pairs {
		fc.Pairs = append(fc.Pairs, Pair{From: k[0], To: k[1], Count: n})
	}
	slices.SortFunc(fc.Pairs, func(a, b Pair) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
}

func compareChanges(a, b Change) int {
	return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Kind, b.Kind), compareIDs(a.ID, a.OddID, b.ID, b.OddID))
}

// compareIDs orders Crime IDs: 64-hex IDs first, in the order of their
// text (the same as of their bytes), then odd ones by their text.
func compareIDs(a store.CrimeID, aOdd string, b store.CrimeID, bOdd string) int {
	if (aOdd != "") != (bOdd != "") {
		if aOdd == "" {
			return -1
		}
		return 1
	}
	if aOdd != "" {
		return cmp.Compare(aOdd, bOdd)
	}
	return bytes.Compare(a[:], b[:])
}

// row is a crime of one version by its Crime ID.
type row struct {
	id  store.CrimeID
	odd string
	cat crime.Category
	out crime.Outcome
}

// rows returns c's rows with a Crime ID, sorted by ID, category and
// outcome, and the count of those without.
func rows(c *store.Crimes) ([]row, int) {
	var rs []row
	noID := 0
	for i := range c.Len() {
		r := row{cat: c.Cat[i], out: c.Out[i]}
		if i < len(c.ID) {
			r.id = c.ID[i]
		}
		if r.id == (store.CrimeID{}) {
			r.odd = c.OddID[int32(i)]
			if r.odd == "" {
				noID++
				continue
			}
		}
		rs = append(rs, r)
	}
	slices.SortFunc(rs, func(a, b row) int {
		return cmp.Or(compareIDs(a.id, a.odd, b.id, b.odd), cmp.Compare(a.cat, b.cat), cmp.Compare(a.out, b.out))
	})
	return rs, noID
}

// Diff compares two versions of one force's month. A Crime ID that
// appears more than once (it happens in real files) is matched copy for
// copy: identical rows first, then the rest in order as outcome updates,
// with any left over added or removed. A change of category alone is not
// reported: what is followed is crimes and their outcomes.
func Diff(before, after *store.Crimes) ([]Change, Month) {
	m := Month{Month: after.Month}
	b, nb := rows(before)
	a, na := rows(after)
	m.NoIDBefore, m.NoIDNow = nb, na
	var out []Change
	add := func(k Kind, r row, prev crime.Outcome) {
		c := Change{Month: after.Month, Kind: k, ID: r.id, OddID: r.odd, Category: r.cat}
		switch k {
		case Added:
			c.Outcome = r.out
			m.Added++
		case Removed:
			c.Previous = r.out
			m.Removed++
		case OutcomeUpdate:
			c.Previous, c.Outcome = prev, r.out
			m.Outcomes++
		}
		out = append(out, c)
	}
	i, j := 0, 0
	for i < len(b) || j < len(a) {
		var c int
		switch {
		case i == len(b):
			c = 1
		case j == len(a):
			c = -1
		default:
			c = compareIDs(b[i].id, b[i].odd, a[j].id, a[j].odd)
		}
		if c < 0 {
			add(Removed, b[i], 0)
			i++
			continue
		}
		if c > 0 {
			add(Added, a[j], 0)
			j++
			continue
		}
		ie, je := i, j
		for ie < len(b) && compareIDs(b[ie].id, b[ie].odd, b[i].id, b[i].odd) == 0 {
			ie++
		}
		for je < len(a) && compareIDs(a[je].id, a[je].odd, a[j].id, a[j].odd) == 0 {
			je++
		}
		matchGroup(b[i:ie], a[j:je], add)
		i, j = ie, je
	}
	slices.SortStableFunc(out, compareChanges)
	return out, m
}

// matchGroup matches the copies of one Crime ID, both sorted by category
// and outcome.
func matchGroup(b, a []row, add func(Kind, row, crime.Outcome)) {
	var lb, la []row
	i, j := 0, 0
	for i < len(b) && j < len(a) {
		switch c := cmp.Or(cmp.Compare(b[i].cat, a[j].cat), cmp.Compare(b[i].out, a[j].out)); {
		case c == 0:
			i, j = i+1, j+1
		case c < 0:
			lb = append(lb, b[i])
			i++
		default:
			la = append(la, a[j])
			j++
		}
	}
	lb, la = append(lb, b[i:]...), append(la, a[j:]...)
	n := min(len(lb), len(la))
	for k := range n {
		if lb[k].out != la[k].out {
			add(OutcomeUpdate, la[k], lb[k].out)
		}
	}
	for _, r := range la[n:] {
		add(Added, r, 0)
	}
	for _, r := range lb[n:] {
		add(Removed, r, 0)
	}
}

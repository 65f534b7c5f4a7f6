package source

import (
	"time"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// rowParser turns records of one file into rows of the file's table.
type rowParser struct {
	p    *parsed
	seen map[string]store.LocID // location columns, NUL-joined → location
	key  []byte
}

// bytesPerRow is a row's length in each kind of file, a little below the
// usual (street rows run 230–240 bytes). The columns are sized from the
// file's size with it, so they rarely grow by copying and rarely need
// trimming; twenty million rows grown by doubling would leave much of the
// memory they take unused, and make as much again in garbage.
var bytesPerRow = [...]int64{Street: 215, OutcomesKind: 205, StopAndSearch: 200}

// maxPreallocRows caps the rows sized for in advance. The size is only a
// claim (a zip entry's header says what it likes), and a tiny archive
// claiming gigabytes must not make every file it names allocate hundreds
// of megabytes; the largest real month file (the Met's) has about 100,000
// rows, and columns past the cap grow as they fill.
const maxPreallocRows = 1 << 20

func newRowParser(p *parsed) *rowParser {
	n := 16
	if p.file.Size > 0 {
		n = int(min(p.file.Size/bytesPerRow[p.file.Kind], maxPreallocRows)) + 16
	}
	switch p.file.Kind {
	case Street:
		p.crimes = &store.Crimes{Month: p.file.Month, Loc: make([]store.LocID, 0, n),
			Cat: make([]crime.Category, 0, n), Out: make([]crime.Outcome, 0, n), ID: make([]store.CrimeID, 0, n)}
	case OutcomesKind:
		p.outcomes = &store.Outcomes{Month: p.file.Month, Loc: make([]store.LocID, 0, n),
			Out: make([]crime.Outcome, 0, n), ID: make([]store.CrimeID, 0, n)}
	case StopAndSearch:
		p.stops = &store.Stops{Month: p.file.Month}
		p.stopVals = store.NewStrings()
	}
	// A file's distinct locations are most of its rows: sized for half of
	// them, the map grows once at most rather than a dozen times.
	return &rowParser{p: p, seen: make(map[string]store.LocID, n/2)}
}

// month checks a row's Month column against the file's month.
func (r *rowParser) month(line int, b []byte) bool {
	m, err := crime.ParseMonth(b)
	if err != nil {
		r.p.problem(line, validate.BadMonth, validate.Excluded, "%v", err)
		return false
	}
	if m != r.p.file.Month {
		r.p.problem(line, validate.MonthMismatch, validate.Excluded, "row is for %s but the file is for %s", m, r.p.file.Month)
		return false
	}
	return true
}

// force notes the force's name from "Falls within", warning once per file
// when rows disagree.
func (r *rowParser) force(line int, b []byte) {
	switch {
	case r.p.forceName == "":
		r.p.forceName = string(b)
	case r.p.forceName != string(b):
		r.p.problem(line, validate.ForceMismatch, validate.Warning,
			"row falls within %q, earlier rows within %q", b, r.p.forceName)
	}
}

// location resolves the coordinate and description columns of a row. It
// returns NoLoc for a row published without a location, and false for one
// that cannot be used.
func (r *rowParser) location(line int, lonB, latB, street, lsoa, lsoaName []byte) (store.LocID, bool) {
	if len(lonB) == 0 && len(latB) == 0 {
		return store.NoLoc, true
	}
	// Rows repeat places: look the five columns up together, which costs
	// one map lookup where resolving them costs four.
	k := append(r.key[:0], lonB...)
	for _, b := range [][]byte{latB, street, lsoa, lsoaName} {
		k = append(k, 0)
		k = append(k, b...)
	}
	r.key = k
	if id, ok := r.seen[string(k)]; ok {
		return id, true
	}
	lon, lat, reason, detail := checkPoint(lonB, latB)
	if reason != "" {
		r.p.problem(line, reason, validate.Excluded, "%s", detail)
		return 0, false
	}
	id := r.p.locs.ID(store.Location{
		Lon: lon, Lat: lat,
		Street:   r.p.strs.ID(street),
		LSOA:     r.p.strs.ID(lsoa),
		LSOAName: r.p.strs.ID(lsoaName),
	})
	r.seen[string(k)] = id
	return id, true
}

// crimeID decodes a Crime ID column; odd IDs are kept as text under the row.
func crimeID(b []byte, row int, odd *map[int32]string) store.CrimeID {
	if len(b) == 0 {
		return store.CrimeID{}
	}
	id, ok := store.ParseCrimeID(b)
	if !ok {
		if *odd == nil {
			*odd = map[int32]string{}
		}
		(*odd)[int32(row)] = string(b)
	}
	return id
}

func (r *rowParser) street(line int, rec [][]byte) {
	if !r.month(line, rec[1]) {
		return
	}
	cat, ok := crime.ParseCategory(rec[9])
	if !ok {
		r.p.problem(line, validate.UnknownCategory, validate.Excluded, "crime type %q is not a data.police.uk category", rec[9])
		return
	}
	out, ok := crime.ParseOutcome(rec[10])
	if !ok {
		r.p.problem(line, validate.UnknownOutcome, validate.Excluded, "last outcome %q is not a data.police.uk outcome", rec[10])
		return
	}
	loc, ok := r.location(line, rec[4], rec[5], rec[6], rec[7], rec[8])
	if !ok {
		return
	}
	r.force(line, rec[3])
	c := r.p.crimes
	c.ID = append(c.ID, crimeID(rec[0], len(c.Cat), &c.OddID))
	c.Loc = append(c.Loc, loc)
	c.Cat = append(c.Cat, cat)
	c.Out = append(c.Out, out)
}

func (r *rowParser) outcome(line int, rec [][]byte) {
	if !r.month(line, rec[1]) {
		return
	}
	out, ok := crime.ParseOutcome(rec[9])
	if !ok || out == crime.NoOutcome {
		r.p.problem(line, validate.UnknownOutcome, validate.Excluded, "outcome type %q is not a data.police.uk outcome", rec[9])
		return
	}
	loc, ok := r.location(line, rec[4], rec[5], rec[6], rec[7], rec[8])
	if !ok {
		return
	}
	r.force(line, rec[3])
	o := r.p.outcomes
	o.ID = append(o.ID, crimeID(rec[0], len(o.Out), &o.OddID))
	o.Loc = append(o.Loc, loc)
	o.Out = append(o.Out, out)
}

// stopColumns maps each kept stop-and-search field to its column.
var stopColumns = [store.NumStopFields]int{
	store.StopType: 0, store.StopObject: 11, store.StopOutcome: 12, store.StopAge: 7,
	store.StopGender: 6, store.StopSelfEthnicity: 8, store.StopOfficerEthnicity: 9,
	store.StopLegislation: 10, store.StopLinked: 13, store.StopRemoval: 14,
}

func (r *rowParser) stop(line int, rec [][]byte) {
	t, err := time.Parse(time.RFC3339, string(rec[1]))
	if err != nil {
		r.p.problem(line, validate.BadDate, validate.Excluded, "date %q is not an ISO 8601 time", rec[1])
		return
	}
	// Forces publish in UTC: a stop just after midnight in British Summer
	// Time is dated 23:xx on the last day of the previous month and belongs
	// to this file's month. Anything else outside the month is suspect but
	// still this file's to count.
	first := time.Date(r.p.file.Month.Year(), time.Month(r.p.file.Month.Num()), 1, 0, 0, 0, 0, time.UTC)
	if t.Before(first.Add(-time.Hour)) || !t.Before(first.AddDate(0, 1, 0)) {
		r.p.problem(line, validate.MonthMismatch, validate.Warning, "stop dated %s in the file for %s; counted in %s",
			rec[1], r.p.file.Month, r.p.file.Month)
	}
	// Stop-and-search has latitude before longitude.
	loc, ok := r.location(line, rec[5], rec[4], nil, nil, nil)
	if !ok {
		return
	}
	s := r.p.stops
	s.Loc = append(s.Loc, loc)
	s.Time = append(s.Time, t.Unix())
	for f, col := range stopColumns {
		v := rec[col]
		var id store.StrID
		if n, ok := crime.StopWording(store.StopField(f) == store.StopOutcome, v); ok {
			id = r.p.stopVals.IDString(n)
		} else {
			id = r.p.stopVals.ID(v)
		}
		s.Fields[f] = append(s.Fields[f], id)
	}
}

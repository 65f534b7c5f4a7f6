package downloads

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"hash/fnv"
	"math"
	"strings"
	"time"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/slug"
	"github.com/crimemap/crimemap/generator/store"
)

// A force's month of API files: each neighbourhood's street crimes and
// stops, the force's crimes with no location and all its stops. They
// depend only on that month's street and stop-and-search files and the
// force's neighbourhoods, so a month that did not change is linked from
// the previous site by its key.

// CrimesPath is a neighbourhood's street crimes of a month.
func CrimesPath(force, seg string, m crime.Month) string {
	return APIPath(force + "/" + seg + "/crimes/" + m.String())
}

// StopsPath is a neighbourhood's stops and searches of a month.
func StopsPath(force, seg string, m crime.Month) string {
	return APIPath(force + "/" + seg + "/stops/" + m.String())
}

// NoLocationPath is a force's crimes with no location in a month, the
// live API's crimes-no-location?force=<force>&date=<month>.
func NoLocationPath(force string, m crime.Month) string {
	return APIPath("crimes-no-location/" + force + "/" + m.String())
}

// NoLocationCategoryPath is a force's crimes of one category with no
// location in a month, the live API's crimes-no-location?category=
// <category>&force=<force>&date=<month>. It sits in a folder beside
// NoLocationPath's file, which answers category=all-crime.
func NoLocationCategoryPath(force string, c crime.Category, m crime.Month) string {
	return APIPath("crimes-no-location/" + force + "/" + m.String() + "/" + c.Slug())
}

// StopsForcePath is a force's stops and searches in a month, the live
// API's stops-force?force=<force>&date=<month>.
func StopsForcePath(force string, m crime.Month) string {
	return APIPath("stops-force/" + force + "/" + m.String())
}

// StopsNoLocationPath is a force's stops and searches with no location in
// a month, the live API's stops-no-location?force=<force>&date=<month>.
func StopsNoLocationPath(force string, m crime.Month) string {
	return APIPath("stops-no-location/" + force + "/" + m.String())
}

// monthTables are the tables of a force's month.
type monthTables struct {
	force  store.ForceID
	month  crime.Month
	crimes *store.Crimes
	stops  *store.Stops
}

// monthPaths lists a month group's files.
func (res *Result) monthPaths(g *monthTables) []string {
	st, ix := res.in.Store, res.in.Index
	force := st.Forces[g.force].Slug
	var out []string
	for _, nb := range ix.ByForce[g.force] {
		if g.crimes != nil {
			out = append(out, CrimesPath(force, res.seg[nb], g.month))
		}
		if g.stops != nil {
			out = append(out, StopsPath(force, res.seg[nb], g.month))
		}
	}
	if g.crimes != nil {
		out = append(out, NoLocationPath(force, g.month))
		for _, c := range crime.Categories() {
			out = append(out, NoLocationCategoryPath(force, c, g.month))
		}
	}
	if g.stops != nil {
		out = append(out, StopsForcePath(force, g.month), StopsNoLocationPath(force, g.month))
	}
	return out
}

// monthGroups are every force's months with street or stop-and-search
// data.
func (res *Result) monthGroups(nbKeys []string) []*apiGroup {
	st := res.in.Store
	nums := forceNumbers(st)
	var groups []*apiGroup
	for _, f := range res.apiForces(&apiStats{}) {
		for _, m := range st.Months() {
			t := &monthTables{force: f, month: m, crimes: st.CrimesOf(f, m), stops: st.StopsOf(f, m)}
			if t.crimes == nil && t.stops == nil {
				continue
			}
			groups = append(groups, &apiGroup{
				force: st.Forces[f].Slug, month: m.String(), key: res.groupKey(t, nums[f], nbKeys[f]),
				paths: func() []string { return res.monthPaths(t) },
				make:  func(put func(string, []byte) error) error { return res.writeMonth(t, nums[f], put) },
			})
		}
	}
	return groups
}

// groupKey identifies what a group's files are made from: the month's
// street and stop-and-search files by the keys of their archive entries
// (content and exclusions), the force's number in crime ids, and its
// neighbourhoods.
func (res *Result) groupKey(g *monthTables, num uint64, nbKey string) string {
	h := sha256.New()
	force := res.in.Store.Forces[g.force].Slug
	fmt.Fprintf(h, "crimemap api v%d %s %s %d %s\n", APIFormatVersion, force, g.month, num, nbKey)
	for _, in := range res.in.Store.Inputs {
		if in.Force == force && in.Month == g.month && in.Kind != "outcomes" {
			var ex []Exclusion
			if res.in.Excluded != nil {
				ex = sortExclusions(res.in.Excluded(in.Path))
			}
			fmt.Fprintf(h, "%s\n", entryKey(entry{name: entryName(in), input: in, excl: ex}))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// neighbourhoodsKey hashes what places a force's rows in neighbourhoods:
// their ids, slugs, segments and shapes.
func (res *Result) neighbourhoodsKey(f store.ForceID) string {
	ix := res.in.Index
	h := sha256.New()
	var buf [8]byte
	for _, nb := range ix.ByForce[f] {
		n := &ix.Neighbourhoods[nb]
		fmt.Fprintf(h, "%q %q %q %v %d\n", n.ID, n.Slug, res.seg[nb], n.FromLSOA, len(n.Shape))
		for _, poly := range n.Shape {
			for _, ring := range poly {
				writeUint(h, &buf, uint64(len(ring)))
				for _, p := range ring {
					writeUint(h, &buf, math.Float64bits(p[0]))
					writeUint(h, &buf, math.Float64bits(p[1]))
				}
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func writeUint(h hash.Hash, buf *[8]byte, v uint64) {
	binary.LittleEndian.PutUint64(buf[:], v)
	h.Write(buf[:])
}

// forceNumbers gives each force an 18-bit number for crime ids, from a
// hash of its slug so that it does not change as forces come and go; two
// forces whose hashes meet are told apart in slug order.
func forceNumbers(st *store.Store) []uint64 {
	out := make([]uint64, len(st.Forces))
	used := map[uint64]bool{}
	for f, force := range st.Forces {
		h := fnv.New64a()
		h.Write([]byte(force.Slug))
		n := h.Sum64() & (1<<18 - 1)
		for used[n] {
			n = (n + 1) & (1<<18 - 1)
		}
		used[n] = true
		out[f] = n
	}
	return out
}

// maxRows bounds the rows of one file that crime ids can number.
const maxRows = 1 << 24

// crimeNumber is the API's "id" of a crime: the month, the force's number
// and the row's place in its file, packed below 2^53. The published data
// has no such number, and the live API's ids are its own; these are
// unique in the site and stable for the same input.
func crimeNumber(m crime.Month, force uint64, row int) uint64 {
	return uint64(m-crime.Earliest)<<42 | force<<24 | uint64(row)
}

// writeMonth makes a month group's files.
func (res *Result) writeMonth(g *monthTables, num uint64, put func(string, []byte) error) error {
	st, ix := res.in.Store, res.in.Index
	force := st.Forces[g.force].Slug
	nbs := ix.ByForce[g.force]
	var b []byte
	// The month's columns are read back here and dropped when it is
	// written.
	c, s := g.crimes, g.stops
	if c != nil {
		if c.Len() > maxRows {
			return fmt.Errorf("%s %s: %d rows, more than crime ids can number", force, g.month, c.Len())
		}
		var err error
		if c, err = c.WithIDs(); err != nil {
			return err
		}
	}
	if s != nil {
		var err error
		if s, err = s.Rows(); err != nil {
			return err
		}
	}
	if c != nil {
		cw := crimeJSON{st: st, c: c, month: g.month.String(), force: num, locationType: locationType(force)}
		for k, rows := range byNeighbourhood(ix, g.force, c.Loc) {
			b = cw.list(b[:0], rows)
			if err := put(CrimesPath(force, res.seg[nbs[k]], g.month), b); err != nil {
				return err
			}
		}
		var err error
		if b, err = cw.noLocation(b, force, g.month, put); err != nil {
			return err
		}
	}
	if s != nil {
		sw := stopJSON{st: st, s: s, streets: streetNames(st, c)}
		// Every stop goes in two files (its neighbourhood's or the
		// no-location list, and the force's): encode each once.
		sw.encodeAll()
		for k, rows := range byNeighbourhood(ix, g.force, s.Loc) {
			b = sw.list(b[:0], rows)
			if err := put(StopsPath(force, res.seg[nbs[k]], g.month), b); err != nil {
				return err
			}
		}
		all := make([]int32, s.Len())
		var none []int32
		for i := range all {
			all[i] = int32(i)
			if s.Loc[i] == store.NoLoc {
				none = append(none, int32(i))
			}
		}
		b = sw.list(b[:0], all)
		if err := put(StopsForcePath(force, g.month), b); err != nil {
			return err
		}
		b = sw.list(b[:0], none)
		if err := put(StopsNoLocationPath(force, g.month), b); err != nil {
			return err
		}
	}
	return nil
}

// locationType is "BTP" for British Transport Police's records and
// "Force" for every other force's, as the live API says; crimes with no
// location have none (crimeJSON writes "" as null).
func locationType(force string) string {
	if force == "btp" || force == "british-transport-police" {
		return "BTP"
	}
	return "Force"
}

// crimeJSON writes street crimes as the live API's crimes-street answers.
type crimeJSON struct {
	st           *store.Store
	c            *store.Crimes
	month        string
	force        uint64
	locationType string
}

func (cw *crimeJSON) list(b []byte, rows []int32) []byte {
	b = append(b, '[')
	for k, i := range rows {
		if k > 0 {
			b = append(b, ',')
		}
		b = cw.crime(b, int(i))
	}
	return append(b, ']')
}

func (cw *crimeJSON) crime(b []byte, i int) []byte {
	c := cw.c
	b = append(b, `{"category":`...)
	b = appendString(b, c.Cat[i].Slug())
	b = append(b, `,"location_type":`...)
	b = appendStringOrNull(b, cw.locationType)
	b = append(b, `,"location":`...)
	b = appendLocation(b, cw.st, c.Loc[i], cw.st.Strings.Str)
	b = append(b, `,"context":"","outcome_status":`...)
	if o := c.Out[i]; o == crime.NoOutcome {
		b = append(b, "null"...)
	} else {
		// The street file gives the last outcome but not its month; the
		// crime's month stands in.
		b = append(b, `{"category":`...)
		b = appendString(b, o.String())
		b = append(b, `,"date":`...)
		b = appendString(b, cw.month)
		b = append(b, '}')
	}
	b = append(b, `,"persistent_id":`...)
	b = appendString(b, crimeID(c, i))
	b = append(b, `,"id":`...)
	b = appendInt(b, int64(crimeNumber(c.Month, cw.force, i)))
	b = append(b, `,"location_subtype":"","month":`...)
	b = appendString(b, cw.month)
	return append(b, '}')
}

// appendLocation writes a location object, or null: latitude and
// longitude as strings of six decimals, the street's id (the snap point's
// number) and its "On or near" name.
func appendLocation(b []byte, st *store.Store, l store.LocID, name func(store.StrID) string) []byte {
	if l == store.NoLoc {
		return append(b, "null"...)
	}
	loc := st.Locs.Get(l)
	b = append(b, `{"latitude":"`...)
	b = appendMicro(b, loc.Lat)
	b = append(b, `","street":{"id":`...)
	b = appendInt(b, int64(pointID(loc)))
	b = append(b, `,"name":`...)
	b = appendString(b, name(loc.Street))
	b = append(b, `},"longitude":"`...)
	b = appendMicro(b, loc.Lon)
	return append(b, `"}`...)
}

// streetNames finds a name for the snap points of stops, whose files give
// none: the first in order of the names crimes of the same force and month
// give the same point.
func streetNames(st *store.Store, c *store.Crimes) map[[2]store.Micro]string {
	out := map[[2]store.Micro]string{}
	if c == nil {
		return out
	}
	for _, l := range c.Loc {
		if l == store.NoLoc {
			continue
		}
		loc := st.Locs.Get(l)
		name := st.Strings.Str(loc.Street)
		k := [2]store.Micro{loc.Lon, loc.Lat}
		if old, ok := out[k]; name != "" && (!ok || name < old) {
			out[k] = name
		}
	}
	return out
}

// stopJSON writes stops and searches as the live API's stops-street and
// stops-force answer.
type stopJSON struct {
	st      *store.Store
	s       *store.Stops
	streets map[[2]store.Micro]string
	// enc holds every stop encoded by encodeAll, stop i at
	// enc[offs[i]:offs[i+1]]; without it list encodes each stop it lists.
	enc  []byte
	offs []int
}

// encodeAll encodes every stop once, for list to copy.
func (sw *stopJSON) encodeAll() {
	sw.offs = make([]int, sw.s.Len()+1)
	for i := range sw.s.Len() {
		sw.enc = sw.stop(sw.enc, i)
		sw.offs[i+1] = len(sw.enc)
	}
}

func (sw *stopJSON) list(b []byte, rows []int32) []byte {
	b = append(b, '[')
	for k, i := range rows {
		if k > 0 {
			b = append(b, ',')
		}
		if sw.offs != nil {
			b = append(b, sw.enc[sw.offs[i]:sw.offs[i+1]]...)
		} else {
			b = sw.stop(b, int(i))
		}
	}
	return append(b, ']')
}

// value returns a field's value, "" where the file gave none.
func (sw *stopJSON) value(f store.StopField, i int) string {
	v := sw.st.StopValues.Str(sw.s.Fields[f][i])
	if v == crime.NotStated {
		return ""
	}
	return v
}

func (sw *stopJSON) stop(b []byte, i int) []byte {
	typ := sw.value(store.StopType, i)
	outcome := sw.value(store.StopOutcome, i)
	b = append(b, `{"age_range":`...)
	b = appendStringOrNull(b, sw.value(store.StopAge, i))
	b = append(b, `,"outcome":`...)
	b = appendString(b, outcome)
	b = append(b, `,"involved_person":`...)
	b = appendBool(b, strings.Contains(typ, "Person"))
	b = append(b, `,"self_defined_ethnicity":`...)
	b = appendStringOrNull(b, sw.value(store.StopSelfEthnicity, i))
	b = append(b, `,"gender":`...)
	b = appendStringOrNull(b, sw.value(store.StopGender, i))
	b = append(b, `,"legislation":`...)
	b = appendStringOrNull(b, sw.value(store.StopLegislation, i))
	b = append(b, `,"outcome_linked_to_object_of_search":`...)
	b = appendTriState(b, sw.value(store.StopLinked, i))
	b = append(b, `,"datetime":`...)
	b = appendString(b, time.Unix(sw.s.Time[i], 0).UTC().Format("2006-01-02T15:04:05+00:00"))
	b = append(b, `,"removal_of_more_than_outer_clothing":`...)
	b = appendTriState(b, sw.value(store.StopRemoval, i))
	// A stop with no outcome has an empty outcome and an outcome object
	// of empty strings, as the live API's stops-no-location example shows.
	id := ""
	if outcome != "" {
		id = outcomeID(outcome)
	}
	b = append(b, `,"outcome_object":{"id":`...)
	b = appendString(b, id)
	b = append(b, `,"name":`...)
	b = appendString(b, outcome)
	b = append(b, '}')
	b = append(b, `,"location":`...)
	b = appendLocation(b, sw.st, sw.s.Loc[i], func(store.StrID) string {
		loc := sw.st.Locs.Get(sw.s.Loc[i])
		return sw.streets[[2]store.Micro{loc.Lon, loc.Lat}]
	})
	// The store does not keep the policing operation columns.
	b = append(b, `,"operation":null,"officer_defined_ethnicity":`...)
	b = appendStringOrNull(b, sw.value(store.StopOfficerEthnicity, i))
	b = append(b, `,"type":`...)
	b = appendStringOrNull(b, typ)
	b = append(b, `,"operation_name":null,"object_of_search":`...)
	b = appendStringOrNull(b, sw.value(store.StopObject, i))
	return append(b, '}')
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, "true"...)
	}
	return append(b, "false"...)
}

// appendTriState writes a True/False column as a boolean, or null when
// the file says neither.
func appendTriState(b []byte, v string) []byte {
	switch strings.ToLower(v) {
	case "true":
		return append(b, "true"...)
	case "false":
		return append(b, "false"...)
	}
	return append(b, "null"...)
}

// outcomeIDs are the live API's ids of the stop-and-search outcomes whose
// id is not "bu-" and the name made into a slug.
var outcomeIDs = map[string]string{
	"A no further action disposal":    "bu-no-further-action",
	"Caution (simple or conditional)": "bu-caution",
	"Penalty Notice for Disorder":     "bu-penalty-notice",
	"Summons / charged by post":       "bu-summons",
}

func outcomeID(name string) string {
	if id, ok := outcomeIDs[name]; ok {
		return id
	}
	return "bu-" + slug.Make(name)
}

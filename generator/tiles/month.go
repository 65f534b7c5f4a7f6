package tiles

import (
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/store"
)

// pair is a count of crimes with one category and last outcome, for the
// popup of a snap point.
type pair struct {
	cat crime.Category
	out crime.Outcome
	n   uint32
}

// detail is what a snap point's popup shows.
type detail struct {
	loc   store.LocID // for its "On or near …" text
	pairs []pair
}

// monthData is a month's features at the highest zoom.
type monthData struct {
	crimes  *level
	details []detail
	stops   *level
	mapped  int // crimes with a location
	stopped int // stops with a location
}

// pointKey identifies a snap point by its coordinates, so a feature's id is
// the same whatever else is in the data: a month's archive depends on that
// month's rows alone, and can be reused when they do not change. Offsets
// from the published area's corner need 24 bits each, so the key stays
// below 2^53 and survives JavaScript's numbers in the browser.
func pointKey(l store.Location) uint64 {
	return uint64(l.Lon-store.MinLon)<<24 | uint64(l.Lat-store.MinLat)
}

// TransportForce is British Transport Police's slug. Its crimes are also
// counted in a feature's "btp" property, so the map can show them as a
// layer of their own.
const TransportForce = "btp"

// btpKey is the count key of the "btp" property: above every category.
// btpKey+1+c counts British Transport Police's crimes of category c, its
// "btp.<slug>" property, so the map can leave them out category by
// category when their layer is off.
const btpKey = 1 << 20

// stopKey packs a stop-and-search field and value into a count key.
func stopKey(f store.StopField, v store.StrID) uint32 { return uint32(f)<<24 | uint32(v) }

// stopFields are the breakdowns the stops layer carries.
var stopFields = []store.StopField{store.StopObject, store.StopOutcome}

// collect gathers a month's crimes and stops by snap point, projected to
// the highest zoom. Features come out in the order of their snap points'
// first rows, which depends only on the data.
func collect(st *store.Store, ix *index.Index, m crime.Month, maxZoom uint8) (*monthData, error) {
	d := &monthData{}
	slot := make([]int32, ix.SnapCount)
	reset := func() {
		for i := range slot {
			slot[i] = -1
		}
	}
	reset()
	// Counts grow a feature at a time here, in a slice per feature, and
	// go into the level's one array at the end.
	var counts [][]kv
	// at counts a record at location l in list, the feature of l's snap
	// point, which it adds (with a popup detail for crimes) when new. It
	// returns the feature's index.
	at := func(list *[]feature, l store.LocID, withDetail bool) int32 {
		s := ix.Snap[l]
		k := slot[s]
		if k < 0 {
			k = int32(len(*list))
			slot[s] = k
			loc := st.Locs.Get(l)
			x, y := WorldPixel(loc.Lon, loc.Lat, maxZoom)
			f := feature{px: x, py: y, rep: pointKey(loc), detail: -1, place: -1}
			if withDetail {
				f.detail = int32(len(d.details))
				f.place = f.detail
				d.details = append(d.details, detail{loc: l})
			}
			*list = append(*list, f)
			counts = append(counts, nil)
		}
		f := &(*list)[k]
		f.n++
		f.repN = f.n
		return k
	}
	transport := make([]bool, len(st.Forces))
	for i, f := range st.Forces {
		transport[i] = f.Slug == TransportForce
	}
	var crimes []feature
	for _, c := range st.Crimes {
		if c.Month != m {
			continue
		}
		c, err := c.Rows()
		if err != nil {
			return nil, err
		}
		for i, l := range c.Loc {
			if l == store.NoLoc {
				continue
			}
			k := at(&crimes, l, true)
			counts[k] = count(counts[k], uint32(c.Cat[i]))
			if transport[c.Force] {
				counts[k] = count(counts[k], btpKey)
				counts[k] = count(counts[k], btpKey+1+uint32(c.Cat[i]))
			}
			dt := &d.details[crimes[k].detail]
			dt.pairs = addPair(dt.pairs, c.Cat[i], c.Out[i])
			d.mapped++
		}
	}
	d.crimes = gather(crimes, counts)
	reset()
	counts = counts[:0]
	var stops []feature
	for _, t := range st.Stops {
		if t.Month != m {
			continue
		}
		t, err := t.Rows()
		if err != nil {
			return nil, err
		}
		for i, l := range t.Loc {
			if l == store.NoLoc {
				continue
			}
			k := at(&stops, l, false)
			for _, field := range stopFields {
				counts[k] = count(counts[k], stopKey(field, t.Fields[field][i]))
			}
			d.stopped++
		}
	}
	d.stops = gather(stops, counts)
	return d, nil
}

// gather makes a level of features and their counts, counts[i] being
// feats[i]'s.
func gather(feats []feature, counts [][]kv) *level {
	n := 0
	for _, c := range counts {
		n += len(c)
	}
	l := &level{feats: feats, counts: make([]kv, 0, n)}
	for i, c := range counts {
		l.feats[i].off, l.feats[i].ncount = uint32(len(l.counts)), uint32(len(c))
		l.counts = append(l.counts, c...)
	}
	return l
}

func addPair(ps []pair, c crime.Category, o crime.Outcome) []pair {
	for i := range ps {
		if ps[i].cat == c && ps[i].out == o {
			ps[i].n++
			return ps
		}
	}
	return append(ps, pair{c, o, 1})
}

package tiles

import (
	"cmp"
	"math/bits"
	"slices"
	"strconv"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/slug"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/vtile"
)

// Layer names, in the order they are written in every tile.
const (
	CrimesLayer = "crimes"
	StopsLayer  = "stops"
)

// names turns count keys into property names, once per build, so that
// encoding a feature makes no strings but its popup.
type names struct {
	st   *store.Store
	stop map[uint32]string
	// btp names British Transport Police's count of a category, by
	// category: "btp." and its slug, made once rather than per feature.
	btp []string
	// crimeProps are every property a crimes feature can have, in the
	// order of their names, which is the order vtile writes them in:
	// given in that order, they need no sorting per feature.
	crimeProps []propSlot
	// rank is the place in crimeProps of a count's slot, by denseIndex,
	// -1 for none; rankN and the others those of the other properties.
	rank                                      [denseLen]int8
	rankN, rankLocation, rankCrimes, rankNear int
}

// propSlot is a property of the crimes layer: a count, by its
// denseIndex, or one of the others.
type propSlot struct {
	name  string
	what  uint8
	dense int
}

// What a propSlot holds.
const (
	slotCount = iota
	slotN
	slotLocation
	slotCrimes
	slotNear
)

// denseLen is the length of names.rank: a count for each category,
// British Transport Police's count, and its count of each category.
const denseLen = 2*int(crime.NumCategories) + 1

// denseIndex is a crime count key's place in names.rank, or -1 for
// a key outside it.
func denseIndex(key uint32) int {
	switch {
	case key < uint32(crime.NumCategories):
		return int(key)
	case key == btpKey:
		return int(crime.NumCategories)
	case key > btpKey && key-btpKey-1 < uint32(crime.NumCategories):
		return int(crime.NumCategories) + 1 + int(key-btpKey-1)
	}
	return -1
}

func newNames(st *store.Store) *names {
	n := &names{st: st, stop: map[uint32]string{}}
	prefix := map[store.StopField]string{store.StopObject: "object.", store.StopOutcome: "outcome."}
	for _, f := range stopFields {
		for v := range st.StopValues.Len() {
			n.stop[stopKey(f, store.StrID(v))] = prefix[f] + slug.Make(st.StopValues.Str(store.StrID(v)))
		}
	}
	for _, c := range crime.Categories() {
		for int(c) >= len(n.btp) {
			n.btp = append(n.btp, "")
		}
		n.btp[c] = "btp." + c.Slug()
		n.crimeProps = append(n.crimeProps,
			propSlot{name: c.Slug(), dense: denseIndex(uint32(c))},
			propSlot{name: n.btp[c], dense: denseIndex(btpKey + 1 + uint32(c))})
	}
	n.crimeProps = append(n.crimeProps,
		propSlot{name: "btp", dense: denseIndex(btpKey)},
		propSlot{name: "n", what: slotN}, propSlot{name: "location", what: slotLocation},
		propSlot{name: "crimes", what: slotCrimes}, propSlot{name: "near", what: slotNear})
	slices.SortFunc(n.crimeProps, func(a, b propSlot) int { return cmp.Compare(a.name, b.name) })
	for i := range n.rank {
		n.rank[i] = -1
	}
	if len(n.crimeProps) > 64 {
		// More than a mask holds: leave every count unranked, for
		// crimeProps to hand to vtile unsorted.
		return n
	}
	for r, s := range n.crimeProps {
		switch s.what {
		case slotCount:
			n.rank[s.dense] = int8(r)
		case slotN:
			n.rankN = r
		case slotLocation:
			n.rankLocation = r
		case slotCrimes:
			n.rankCrimes = r
		case slotNear:
			n.rankNear = r
		}
	}
	return n
}

// btpName returns the property of British Transport Police's count of
// category c.
func (n *names) btpName(c crime.Category) string {
	if int(c) < len(n.btp) && n.btp[c] != "" {
		return n.btp[c]
	}
	return "btp." + c.Slug()
}

// tileEncoder encodes tiles, one at a time, with buffers it keeps from
// tile to tile: one per worker.
type tileEncoder struct {
	nm            *names
	d             *monthData
	crimes, stops *vtile.Layer
	props         []vtile.Prop
	pairs         []pair
	popup         []byte
	out           []byte
	val           [64]uint32 // a crimes feature's counts by their slot's rank
}

func newTileEncoder(nm *names, d *monthData) *tileEncoder {
	return &tileEncoder{nm: nm, d: d, crimes: vtile.NewLayer(CrimesLayer, Extent), stops: vtile.NewLayer(StopsLayer, Extent)}
}

// encode encodes one tile's features. local converts a feature's pixel to
// the tile's coordinates. The result is valid until the next call.
func (e *tileEncoder) encode(j *tileJob, local func(*feature) (x, y int32)) []byte {
	nm := e.nm
	crimes, stops := j.crimes, j.stops
	out := e.out[:0]
	props := e.props
	if len(crimes) > 0 {
		l := e.crimes
		l.Reset(CrimesLayer, Extent)
		for _, f := range crimes {
			props = e.crimeProps(props[:0], f, j.crimeLevel.countsOf(f))
			x, y := local(f)
			l.Point(f.rep, x, y, props)
		}
		out = l.AppendTo(out)
	}
	if len(stops) > 0 {
		l := e.stops
		l.Reset(StopsLayer, Extent)
		for _, f := range stops {
			props = append(props[:0], vtile.Prop{Key: "n", U: f.n})
			// Two stop values may share a slug: their counts add up.
			for _, c := range j.stopLevel.countsOf(f) {
				k := nm.stop[c.key]
				if i := slices.IndexFunc(props, func(p vtile.Prop) bool { return p.Key == k }); i >= 0 {
					props[i].U += c.n
				} else {
					props = append(props, vtile.Prop{Key: k, U: c.n})
				}
			}
			x, y := local(f)
			l.Point(f.rep, x, y, props)
		}
		out = l.AppendTo(out)
	}
	e.props, e.out = props, out
	return out
}

// crimeProps appends a crimes feature's properties to props, in the order
// of their names: it marks the slots the feature fills in a mask and
// walks the mask.
func (e *tileEncoder) crimeProps(props []vtile.Prop, f *feature, counts []kv) []vtile.Prop {
	nm, d := e.nm, e.d
	mask := uint64(1) << nm.rankN
	for _, c := range counts {
		i := denseIndex(c.key)
		if i < 0 || nm.rank[i] < 0 {
			// Not a count the table knows: give the properties in any
			// order, for vtile to sort.
			return e.crimePropsUnsorted(props, f, counts)
		}
		r := nm.rank[i]
		mask |= 1 << r
		e.val[r] = c.n
	}
	if f.detail >= 0 {
		mask |= 1<<nm.rankLocation | 1<<nm.rankCrimes
	} else if f.place >= 0 {
		mask |= 1 << nm.rankNear
	}
	for ; mask != 0; mask &= mask - 1 {
		r := bits.TrailingZeros64(mask)
		s := &nm.crimeProps[r]
		switch s.what {
		case slotCount:
			props = append(props, vtile.Prop{Key: s.name, U: e.val[r]})
		case slotN:
			props = append(props, vtile.Prop{Key: s.name, U: f.n})
		case slotLocation:
			props = append(props, vtile.Prop{Key: s.name, IsStr: true, S: nm.st.Strings.Str(nm.st.Locs.Get(d.details[f.detail].loc).Street)})
		case slotCrimes:
			props = append(props, vtile.Prop{Key: s.name, IsStr: true, S: e.popupList(d.details[f.detail].pairs)})
		case slotNear:
			props = append(props, vtile.Prop{Key: s.name, IsStr: true, S: nm.st.Strings.Str(nm.st.Locs.Get(d.details[f.place].loc).Street)})
		}
	}
	return props
}

// crimePropsUnsorted appends a crimes feature's properties to props in
// the order of its counts.
func (e *tileEncoder) crimePropsUnsorted(props []vtile.Prop, f *feature, counts []kv) []vtile.Prop {
	nm, d := e.nm, e.d
	props = append(props, vtile.Prop{Key: "n", U: f.n})
	for _, c := range counts {
		switch {
		case c.key == btpKey:
			props = append(props, vtile.Prop{Key: "btp", U: c.n})
		case c.key > btpKey:
			props = append(props, vtile.Prop{Key: nm.btpName(crime.Category(c.key - btpKey - 1)), U: c.n})
		default:
			props = append(props, vtile.Prop{Key: crime.Category(c.key).Slug(), U: c.n})
		}
	}
	if f.detail >= 0 {
		dt := &d.details[f.detail]
		props = append(props,
			vtile.Prop{Key: "location", IsStr: true, S: nm.st.Strings.Str(nm.st.Locs.Get(dt.loc).Street)},
			vtile.Prop{Key: "crimes", IsStr: true, S: e.popupList(dt.pairs)})
	} else if f.place >= 0 {
		props = append(props, vtile.Prop{Key: "near", IsStr: true, S: nm.st.Strings.Str(nm.st.Locs.Get(d.details[f.place].loc).Street)})
	}
	return props
}

// popupList writes a snap point's crimes as "category|outcome|count" items
// joined by ";", most common first: the category's slug and the outcome's
// code, both named in the archive's metadata. Compact, because the busiest
// snap points hold hundreds of crimes.
func (e *tileEncoder) popupList(ps []pair) string {
	e.pairs = append(e.pairs[:0], ps...)
	ps = e.pairs
	slices.SortFunc(ps, func(a, b pair) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.cat, b.cat), cmp.Compare(a.out, b.out))
	})
	b := e.popup[:0]
	for i, p := range ps {
		if i > 0 {
			b = append(b, ';')
		}
		b = append(b, p.cat.Slug()...)
		b = append(b, '|')
		b = append(b, p.out.Info().Code...)
		b = append(b, '|')
		b = strconv.AppendUint(b, uint64(p.n), 10)
	}
	e.popup = b
	return string(b)
}

package tiles

import (
	"cmp"
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
}

func newTileEncoder(nm *names, d *monthData) *tileEncoder {
	return &tileEncoder{nm: nm, d: d, crimes: vtile.NewLayer(CrimesLayer, Extent), stops: vtile.NewLayer(StopsLayer, Extent)}
}

// encode encodes one tile's features. local converts a feature's pixel to
// the tile's coordinates. The result is valid until the next call.
func (e *tileEncoder) encode(j *tileJob, local func(*feature) (x, y int32)) []byte {
	nm, d := e.nm, e.d
	crimes, stops := j.crimes, j.stops
	out := e.out[:0]
	props := e.props
	if len(crimes) > 0 {
		l := e.crimes
		l.Reset(CrimesLayer, Extent)
		for _, f := range crimes {
			props = append(props[:0], vtile.Prop{Key: "n", U: f.n})
			for _, c := range j.crimeLevel.countsOf(f) {
				if c.key == btpKey {
					props = append(props, vtile.Prop{Key: "btp", U: c.n})
					continue
				}
				if c.key > btpKey {
					props = append(props, vtile.Prop{Key: nm.btpName(crime.Category(c.key - btpKey - 1)), U: c.n})
					continue
				}
				props = append(props, vtile.Prop{Key: crime.Category(c.key).Slug(), U: c.n})
			}
			if f.detail >= 0 {
				dt := &d.details[f.detail]
				props = append(props,
					vtile.Prop{Key: "location", IsStr: true, S: nm.st.Strings.Str(nm.st.Locs.Get(dt.loc).Street)},
					vtile.Prop{Key: "crimes", IsStr: true, S: e.popupList(dt.pairs)})
			} else if f.place >= 0 {
				props = append(props, vtile.Prop{Key: "near", IsStr: true, S: nm.st.Strings.Str(nm.st.Locs.Get(d.details[f.place].loc).Street)})
			}
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

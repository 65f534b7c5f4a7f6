package tiles

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

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

// names turns count keys into property names, once per build.
type names struct {
	st   *store.Store
	stop map[uint32]string
}

func newNames(st *store.Store) *names {
	n := &names{st: st, stop: map[uint32]string{}}
	prefix := map[store.StopField]string{store.StopObject: "object.", store.StopOutcome: "outcome."}
	for _, f := range stopFields {
		for v := range st.StopValues.Len() {
			n.stop[stopKey(f, store.StrID(v))] = prefix[f] + slug.Make(st.StopValues.Str(store.StrID(v)))
		}
	}
	return n
}

// encodeTile encodes one tile's features. local converts a feature's pixel
// to the tile's coordinates.
func encodeTile(nm *names, d *monthData, crimes, stops []*feature, local func(*feature) (x, y int32)) ([]byte, error) {
	var out []byte
	var props []vtile.Prop
	if len(crimes) > 0 {
		l := vtile.NewLayer(CrimesLayer, Extent)
		for _, f := range crimes {
			props = append(props[:0], vtile.Prop{Key: "n", U: f.n})
			for _, c := range f.counts {
				if c.key == btpKey {
					props = append(props, vtile.Prop{Key: "btp", U: c.n})
					continue
				}
				if c.key > btpKey {
					props = append(props, vtile.Prop{Key: "btp." + crime.Category(c.key-btpKey-1).Slug(), U: c.n})
					continue
				}
				props = append(props, vtile.Prop{Key: crime.Category(c.key).Slug(), U: c.n})
			}
			if f.detail >= 0 {
				dt := &d.details[f.detail]
				props = append(props,
					vtile.Prop{Key: "location", IsStr: true, S: nm.st.Strings.Str(nm.st.Locs.Get(dt.loc).Street)},
					vtile.Prop{Key: "crimes", IsStr: true, S: popupList(dt.pairs)})
			} else if f.place >= 0 {
				props = append(props, vtile.Prop{Key: "near", IsStr: true, S: nm.st.Strings.Str(nm.st.Locs.Get(d.details[f.place].loc).Street)})
			}
			x, y := local(f)
			l.Point(f.rep, x, y, props)
		}
		out = l.AppendTo(out)
	}
	if len(stops) > 0 {
		l := vtile.NewLayer(StopsLayer, Extent)
		for _, f := range stops {
			props = append(props[:0], vtile.Prop{Key: "n", U: f.n})
			// Two stop values may share a slug: their counts add up.
			for _, c := range f.counts {
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
	return out, nil
}

// popupList writes a snap point's crimes as "category|outcome|count" items
// joined by ";", most common first: the category's slug and the outcome's
// code, both named in the archive's metadata. Compact, because the busiest
// snap points hold hundreds of crimes.
func popupList(ps []pair) string {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b pair) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.cat, b.cat), cmp.Compare(a.out, b.out))
	})
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteString(p.cat.Slug())
		b.WriteByte('|')
		b.WriteString(p.out.Info().Code)
		b.WriteByte('|')
		b.WriteString(strconv.FormatUint(uint64(p.n), 10))
	}
	return b.String()
}

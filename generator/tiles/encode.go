package tiles

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/slug"
	"github.com/crimemap/crimemap/generator/store"
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
func encodeTile(nm *names, d *monthData, crimes, stops []*feature, local func(*feature) orb.Point) ([]byte, error) {
	var layers mvt.Layers
	if len(crimes) > 0 {
		l := &mvt.Layer{Name: CrimesLayer, Version: 2, Extent: Extent}
		for _, f := range crimes {
			props := geojson.Properties{"n": f.n}
			for _, c := range f.counts {
				if c.key == btpKey {
					props["btp"] = c.n
					continue
				}
				props[crime.Category(c.key).Slug()] = c.n
			}
			if f.detail >= 0 {
				dt := &d.details[f.detail]
				props["location"] = nm.st.Strings.Str(nm.st.Locs.Get(dt.loc).Street)
				props["crimes"] = popupList(dt.pairs)
			}
			l.Features = append(l.Features, &geojson.Feature{ID: f.rep, Geometry: local(f), Properties: props})
		}
		layers = append(layers, l)
	}
	if len(stops) > 0 {
		l := &mvt.Layer{Name: StopsLayer, Version: 2, Extent: Extent}
		for _, f := range stops {
			by := map[string]uint32{} // two values may share a slug
			for _, c := range f.counts {
				by[nm.stop[c.key]] += c.n
			}
			props := geojson.Properties{"n": f.n}
			for k, v := range by {
				props[k] = v
			}
			l.Features = append(l.Features, &geojson.Feature{ID: f.rep, Geometry: local(f), Properties: props})
		}
		layers = append(layers, l)
	}
	return mvt.Marshal(layers)
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

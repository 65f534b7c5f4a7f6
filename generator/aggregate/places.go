package aggregate

import (
	"cmp"
	"slices"

	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/store"
)

// Place is a snap point with its crimes in the latest month: what an area
// page's map draws as a dot and its table of places lists, so both come
// from the same numbers.
type Place struct {
	Name     string // the street description of the point's first location
	Lon, Lat float64
	Count    uint32
}

// TopPlaces is how many places an area keeps.
const TopPlaces = 10

// placeKey is a snap point in an area: a neighbourhood, or -1-force.
type placeKey struct {
	area int32
	snap uint32
}

// places finds each area's snap points with most crimes in the latest
// month. perLoc counts the latest month's crimes by force and location;
// locations with the same coordinates are one snap point, named by the
// street of its lowest-numbered location so the name is the same every
// build.
func (a *Aggregates) places(st *store.Store, ix *index.Index, perLoc []map[store.LocID]uint32) {
	counts := map[placeKey]uint32{}
	first := map[uint32]store.LocID{} // snap point → its lowest location used, by any force
	for fi, locs := range perLoc {
		f := store.ForceID(fi)
		for l, n := range locs {
			s := ix.Snap[l]
			if old, ok := first[s]; !ok || l < old {
				first[s] = l
			}
			counts[placeKey{-1 - int32(f), s}] += n
			if nb := ix.Neighbourhood(f, l); nb != index.None {
				counts[placeKey{nb, s}] += n
			}
		}
	}
	lists := map[int32][]Place{}
	for k, n := range counts {
		loc := st.Locs.Get(first[k.snap])
		lists[k.area] = append(lists[k.area], Place{Name: st.Strings.Str(loc.Street),
			Lon: loc.Lon.Float(), Lat: loc.Lat.Float(), Count: n})
	}
	for area, list := range lists {
		slices.SortFunc(list, func(x, y Place) int {
			return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Name, y.Name),
				cmp.Compare(x.Lon, y.Lon), cmp.Compare(x.Lat, y.Lat))
		})
		list = slices.Clip(list[:min(len(list), TopPlaces)])
		if area < 0 {
			a.Forces[-1-area].Places = list
		} else {
			a.Neighbourhoods[area].Places = list
		}
	}
}

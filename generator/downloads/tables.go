package downloads

import (
	"cmp"
	"slices"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/store"
)

// crimesOf returns a force's street rows for a month, or nil.
func crimesOf(st *store.Store, f store.ForceID, m crime.Month) *store.Crimes {
	i, ok := slices.BinarySearchFunc(st.Crimes, [2]int{int(f), int(m)}, func(c *store.Crimes, k [2]int) int {
		return cmp.Or(cmp.Compare(int(c.Force), k[0]), cmp.Compare(int(c.Month), k[1]))
	})
	if !ok {
		return nil
	}
	return st.Crimes[i]
}

// stopsOf returns a force's stop-and-search rows for a month, or nil.
func stopsOf(st *store.Store, f store.ForceID, m crime.Month) *store.Stops {
	i, ok := slices.BinarySearchFunc(st.Stops, [2]int{int(f), int(m)}, func(s *store.Stops, k [2]int) int {
		return cmp.Or(cmp.Compare(int(s.Force), k[0]), cmp.Compare(int(s.Month), k[1]))
	})
	if !ok {
		return nil
	}
	return st.Stops[i]
}

// crimeID returns a row's Crime ID as published.
func crimeID(c *store.Crimes, i int) string {
	if s, ok := c.OddID[int32(i)]; ok {
		return s
	}
	return c.ID[i].String()
}

// byNeighbourhood splits rows among a force's neighbourhoods: out[k] holds
// the rows of the force's k-th neighbourhood (ix.ByForce order), in row
// order. Rows in no neighbourhood are left out.
func byNeighbourhood(ix *index.Index, f store.ForceID, locs []store.LocID) [][]int32 {
	nbs := ix.ByForce[f]
	out := make([][]int32, len(nbs))
	if len(nbs) == 0 {
		return out
	}
	local := make(map[int32]int, len(nbs))
	for k, nb := range nbs {
		local[nb] = k
	}
	for i, l := range locs {
		if nb := ix.Neighbourhood(f, l); nb != index.None {
			if k, ok := local[nb]; ok {
				out[k] = append(out[k], int32(i))
			}
		}
	}
	return out
}

// pointID is the number a snap point goes by: its coordinates' offsets
// from the published area's corner, packed. It is the map's feature id for
// the same point, depends on nothing else, and stays below 2^53 so
// JavaScript reads it exactly.
func pointID(l store.Location) uint64 {
	return uint64(l.Lon-store.MinLon)<<24 | uint64(l.Lat-store.MinLat)
}

package downloads

import (
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/store"
)

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

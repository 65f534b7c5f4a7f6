package site

import (
	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
)

// forceShapes are the reference data's force boundaries by force, for the
// area maps; a force without one has none.
func forceShapes(ref *reference.Data, st *store.Store) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, len(st.Forces))
	for _, f := range ref.Forces {
		if id, ok := st.Force(f.ID); ok {
			out[id] = f.Shape
		}
	}
	return out
}

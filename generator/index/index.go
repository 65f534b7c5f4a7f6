package index

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/slug"
	"github.com/crimemap/crimemap/generator/spatial"
	"github.com/crimemap/crimemap/generator/store"
)

// None is the neighbourhood of a record that has none.
const None int32 = -1

// Boundary is a neighbourhood's shape from reference data.
type Boundary struct {
	Force string // force slug
	ID    string // police.uk neighbourhood id
	Name  string // "" when the data gives none
	Shape orb.MultiPolygon
}

// Neighbourhood is a neighbourhood of a force.
type Neighbourhood struct {
	Force store.ForceID
	ID    string // police.uk id, or the LSOA-derived name
	Slug  string // safe and unique within the force
	Name  string
	// FromLSOA is true for neighbourhoods derived from LSOA names, which
	// have no boundary.
	FromLSOA bool
	Shape    orb.MultiPolygon
}

// Index places locations in neighbourhoods and snap points.
type Index struct {
	// Neighbourhoods sorted by force, then slug; numbered by position.
	Neighbourhoods []Neighbourhood
	// ByForce lists each force's neighbourhoods.
	ByForce [][]int32
	// Snap numbers each location's snap point: locations with the same
	// coordinates share one.
	Snap      []uint32
	SnapCount int
	// CrimesAt counts the street crimes at each location over every month.
	CrimesAt []uint32

	st        *store.Store
	nb        []int32         // by location, for the force that first used it
	owner     []store.ForceID // that force
	other     map[otherKey]int32
	spatial   []*spatial.Index // by force; nil for LSOA-derived forces
	spatialNb [][]int32        // by force: spatial polygon → neighbourhood
}

type otherKey struct {
	f   store.ForceID
	loc store.LocID
}

const unresolved int32 = -2

// Build resolves every location used in the store.
func Build(st *store.Store, bounds []Boundary) (*Index, error) {
	ix := &Index{st: st, ByForce: make([][]int32, len(st.Forces)), other: map[otherKey]int32{},
		spatial: make([]*spatial.Index, len(st.Forces)), spatialNb: make([][]int32, len(st.Forces))}
	if err := ix.scan(); err != nil {
		return nil, err
	}
	todo := ix.used()
	ix.neighbourhoods(bounds, todo)
	ix.snaps()
	ix.resolveAll(todo)
	return ix, nil
}

// scan reads every table's locations once, to learn which forces use each
// location and how many street crimes each has. The first force to use a
// location, in the order street, outcome and stop tables by force and
// month, is its owner; its answer goes in a flat array, and the rare
// location shared with another force (a station that British Transport
// Police and the local force both report) goes in a map.
func (ix *Index) scan() error {
	n := ix.st.Locs.Len()
	ix.nb = make([]int32, n)
	ix.owner = make([]store.ForceID, n)
	ix.CrimesAt = make([]uint32, n)
	for i := range ix.nb {
		ix.nb[i] = unresolved
	}
	use := func(f store.ForceID, locs []store.LocID, crimes bool) {
		for _, l := range locs {
			if l == store.NoLoc {
				continue
			}
			if crimes {
				ix.CrimesAt[l]++
			}
			switch {
			case ix.nb[l] == unresolved:
				ix.nb[l] = None
				ix.owner[l] = f
			case ix.owner[l] != f:
				ix.other[otherKey{f, l}] = None
			}
		}
	}
	for _, c := range ix.st.Crimes {
		c, err := c.Rows()
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		use(c.Force, c.Loc, true)
	}
	for _, o := range ix.st.Outcomes {
		o, err := o.Rows()
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		use(o.Force, o.Loc, false)
	}
	for _, s := range ix.st.Stops {
		s, err := s.Rows()
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		use(s.Force, s.Loc, false)
	}
	return nil
}

// used returns every (force, location) pair the tables use: each used
// location with its owner, in location order, then the shared ones in
// order.
func (ix *Index) used() []otherKey {
	var out []otherKey
	for l, nb := range ix.nb {
		if nb != unresolved {
			out = append(out, otherKey{ix.owner[l], store.LocID(l)})
		}
	}
	shared := make([]otherKey, 0, len(ix.other))
	for k := range ix.other {
		shared = append(shared, k)
	}
	slices.SortFunc(shared, func(a, b otherKey) int { return cmp.Or(cmp.Compare(a.loc, b.loc), cmp.Compare(a.f, b.f)) })
	return append(out, shared...)
}

// neighbourhoods makes the list: boundaries where a force has them, LSOA
// names otherwise.
func (ix *Index) neighbourhoods(bounds []Boundary, todo []otherKey) {
	st := ix.st
	hasBounds := make([]bool, len(st.Forces))
	for _, b := range bounds {
		if f, ok := st.Force(b.Force); ok {
			hasBounds[f] = true
			name := b.Name
			if name == "" {
				name = b.ID
			}
			ix.Neighbourhoods = append(ix.Neighbourhoods, Neighbourhood{Force: f, ID: b.ID, Name: name, Shape: b.Shape})
		}
	}
	// LSOA-derived neighbourhoods of the forces without boundaries.
	names := map[string]bool{}
	for _, k := range todo {
		if hasBounds[k.f] {
			continue
		}
		if n := lsoaGroup(st.Strings.Str(st.Locs.Get(k.loc).LSOAName)); n != "" {
			names[st.Forces[k.f].Slug+"\x00"+n] = true
		}
	}
	for k := range names {
		force, name, _ := strings.Cut(k, "\x00")
		f, _ := st.Force(force)
		ix.Neighbourhoods = append(ix.Neighbourhoods, Neighbourhood{Force: f, ID: name, Name: name, FromLSOA: true})
	}

	// Slugs unique within each force, then a stable order.
	byForce := map[store.ForceID][]string{}
	for _, n := range ix.Neighbourhoods {
		byForce[n.Force] = append(byForce[n.Force], n.ID)
	}
	slugs := map[store.ForceID]map[string]string{}
	for f, ids := range byForce {
		slugs[f] = slug.Unique(ids)
	}
	for i := range ix.Neighbourhoods {
		n := &ix.Neighbourhoods[i]
		n.Slug = slugs[n.Force][n.ID]
	}
	slices.SortFunc(ix.Neighbourhoods, func(a, b Neighbourhood) int {
		return cmp.Or(cmp.Compare(a.Force, b.Force), cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.ID, b.ID))
	})
	// Two boundary files may share an id once made safe; keep the first.
	ix.Neighbourhoods = slices.CompactFunc(ix.Neighbourhoods, func(a, b Neighbourhood) bool {
		return a.Force == b.Force && a.ID == b.ID
	})

	var polys = make([][]orb.MultiPolygon, len(st.Forces))
	for i, n := range ix.Neighbourhoods {
		ix.ByForce[n.Force] = append(ix.ByForce[n.Force], int32(i))
		if n.FromLSOA {
			continue
		}
		polys[n.Force] = append(polys[n.Force], n.Shape)
		ix.spatialNb[n.Force] = append(ix.spatialNb[n.Force], int32(i))
	}
	for f, p := range polys {
		if len(p) > 0 {
			ix.spatial[f] = spatial.New(p)
		}
	}
}

// lsoaGroup returns the neighbourhood an LSOA name belongs to: the name
// without its final letter, "Barnsley 001A" → "Barnsley 001".
func lsoaGroup(name string) string {
	name = strings.TrimSpace(name)
	if n := len(name); n >= 2 && name[n-1] >= 'A' && name[n-1] <= 'Z' && name[n-2] >= '0' && name[n-2] <= '9' {
		return name[:n-1]
	}
	return name
}

// snaps numbers the distinct coordinates.
func (ix *Index) snaps() {
	locs := ix.st.Locs.All()
	ix.Snap = make([]uint32, len(locs))
	ids := make(map[[2]store.Micro]uint32, len(locs))
	for i, l := range locs {
		k := [2]store.Micro{l.Lon, l.Lat}
		id, ok := ids[k]
		if !ok {
			id = uint32(len(ids))
			ids[k] = id
		}
		ix.Snap[i] = id
	}
	ix.SnapCount = len(ids)
}

// resolveAll finds the neighbourhood of every (force, location) pair used.
func (ix *Index) resolveAll(todo []otherKey) {
	// Point-in-polygon tests are the costly part; share them out.
	res := make([]int32, len(todo))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	chunk := (len(todo) + workers - 1) / max(workers, 1)
	for w := range workers {
		lo, hi := w*chunk, min((w+1)*chunk, len(todo))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				if sp := ix.spatial[todo[i].f]; sp != nil {
					l := ix.st.Locs.Get(todo[i].loc)
					res[i] = None
					if k, ok := sp.Locate(orb.Point{l.Lon.Float(), l.Lat.Float()}); ok {
						res[i] = ix.spatialNb[todo[i].f][k]
					}
				}
			}
		}()
	}
	wg.Wait()
	// LSOA-derived forces are placed by name, serially.
	type lsoaKey struct {
		f    store.ForceID
		name string
	}
	lsoaIdx := map[lsoaKey]int32{}
	for i, nb := range ix.Neighbourhoods {
		if nb.FromLSOA {
			lsoaIdx[lsoaKey{nb.Force, nb.ID}] = int32(i)
		}
	}
	for i, k := range todo {
		if ix.spatial[k.f] == nil {
			res[i] = None
			name := lsoaGroup(ix.st.Strings.Str(ix.st.Locs.Get(k.loc).LSOAName))
			if nb, ok := lsoaIdx[lsoaKey{k.f, name}]; ok && name != "" {
				res[i] = nb
			}
		}
		if ix.owner[k.loc] == k.f {
			ix.nb[k.loc] = res[i]
		} else {
			ix.other[k] = res[i]
		}
	}
}

// Locate returns the neighbourhood with a boundary that holds a point, in
// force order, or None. Neighbourhoods derived from LSOA names have no
// boundary and are never found this way.
func (ix *Index) Locate(lon, lat float64) int32 {
	for f, sp := range ix.spatial {
		if sp == nil {
			continue
		}
		if k, ok := sp.Locate(orb.Point{lon, lat}); ok {
			return ix.spatialNb[f][k]
		}
	}
	return None
}

// Owner returns the force that first used a location, whose neighbourhood
// for it is kept in the flat array.
func (ix *Index) Owner(loc store.LocID) store.ForceID { return ix.owner[loc] }

// Neighbourhood returns the neighbourhood of a force's record at loc, or None.
func (ix *Index) Neighbourhood(f store.ForceID, loc store.LocID) int32 {
	if loc == store.NoLoc {
		return None
	}
	if ix.owner[loc] == f {
		return ix.nb[loc]
	}
	if nb, ok := ix.other[otherKey{f, loc}]; ok {
		return nb
	}
	return None
}

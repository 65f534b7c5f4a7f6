// Package population works out how many people live in each force and
// neighbourhood, for rates per 1,000 residents.
//
// A neighbourhood's population is the one its details give, when they give
// one. Otherwise, and for forces, it is the sum of the populations of the
// LSOAs (small census areas) that belong to the area; an LSOA belongs to
// the area where most of its located crimes fall, so each is counted once.
// An area with no known population gets 0 and pages show no rate.
package population

import (
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
)

// Source says where an area's figure came from.
type Source uint8

// Sources of a population figure.
const (
	Unknown Source = iota
	FromDetails
	FromLSOAs
)

// Figures are residents by area.
type Figures struct {
	Forces         []int
	ForceSource    []Source
	Neighbourhoods []int
	NbhdSource     []Source
}

// Build works out the figures. details are keyed "force/id" as the
// reference package gives them; lsoa maps LSOA code → residents.
func Build(st *store.Store, ix *index.Index, details map[string]*reference.Details, lsoa map[string]int) *Figures {
	f := &Figures{
		Forces: make([]int, len(st.Forces)), ForceSource: make([]Source, len(st.Forces)),
		Neighbourhoods: make([]int, len(ix.Neighbourhoods)), NbhdSource: make([]Source, len(ix.Neighbourhoods)),
	}
	nbhdLSOA := make([]int, len(ix.Neighbourhoods))
	if len(lsoa) > 0 {
		for code, o := range owners(st, ix) {
			people, ok := lsoa[code]
			if !ok {
				continue
			}
			if o.nbhd != index.None {
				nbhdLSOA[o.nbhd] += people
			}
			f.Forces[o.force] += people
			f.ForceSource[o.force] = FromLSOAs
		}
	}
	for i, n := range ix.Neighbourhoods {
		if d := details[st.Forces[n.Force].Slug+"/"+n.ID]; d != nil {
			if p, ok := d.Population.Int(); ok && p > 0 {
				f.Neighbourhoods[i], f.NbhdSource[i] = p, FromDetails
				continue
			}
		}
		if nbhdLSOA[i] > 0 {
			f.Neighbourhoods[i], f.NbhdSource[i] = nbhdLSOA[i], FromLSOAs
		}
	}
	// A force without LSOA figures takes its neighbourhoods' total, but
	// only when every one of them is known: a partial sum would understate
	// it and inflate its rate.
	for fo := range st.Forces {
		if f.ForceSource[fo] != Unknown || len(ix.ByForce[fo]) == 0 {
			continue
		}
		sum, all := 0, true
		for _, nb := range ix.ByForce[fo] {
			if f.NbhdSource[nb] == Unknown {
				all = false
				break
			}
			sum += f.Neighbourhoods[nb]
		}
		if all {
			f.Forces[fo], f.ForceSource[fo] = sum, FromDetails
		}
	}
	return f
}

// owner is the force and neighbourhood (index.None for none) an LSOA
// belongs to.
type owner struct {
	force store.ForceID
	nbhd  int32
}

// owners gives each LSOA code with located crimes the force and the
// neighbourhood where most of them fall, so each LSOA is counted once.
func owners(st *store.Store, ix *index.Index) map[string]owner {
	// Votes: for each LSOA code, crimes by neighbourhood and by force.
	type vote struct {
		byNbhd  map[int32]int
		byForce map[store.ForceID]int
	}
	votes := map[store.StrID]*vote{}
	// One vote per location, weighted by its crimes, rather than per crime.
	for l, n := range ix.CrimesAt {
		if n == 0 {
			continue
		}
		loc := store.LocID(l)
		code := st.Locs.Get(loc).LSOA
		if code == 0 {
			continue
		}
		v := votes[code]
		if v == nil {
			v = &vote{byNbhd: map[int32]int{}, byForce: map[store.ForceID]int{}}
			votes[code] = v
		}
		own := ix.Owner(loc)
		v.byForce[own] += int(n)
		if nb := ix.Neighbourhood(own, loc); nb != index.None {
			v.byNbhd[nb] += int(n)
		}
	}
	out := make(map[string]owner, len(votes))
	for code, v := range votes {
		fo, ok := winner(v.byForce)
		if !ok {
			continue
		}
		o := owner{force: fo, nbhd: index.None}
		if nb, ok := winner(v.byNbhd); ok {
			o.nbhd = nb
		}
		out[st.Strings.Str(code)] = o
	}
	return out
}

// winner returns the key with most votes, the lowest key on a tie.
func winner[K int32 | store.ForceID](m map[K]int) (K, bool) {
	var best K
	n, found := -1, false
	for k, v := range m {
		if v > n || (v == n && k < best) {
			best, n, found = k, v, true
		}
	}
	return best, found
}

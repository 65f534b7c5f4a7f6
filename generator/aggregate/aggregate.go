package aggregate

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/internal/parallel"
	"github.com/crimemap/crimemap/generator/store"
)

// Counts holds crimes by category; index 0 holds the total.
type Counts [crime.NumCategories]uint32

// Add counts one crime.
func (c *Counts) Add(cat crime.Category) {
	c[0]++
	c[cat]++
}

// Plus adds other into c.
func (c *Counts) Plus(other *Counts) {
	for i := range c {
		c[i] += other[i]
	}
}

// Total returns the number of crimes.
func (c *Counts) Total() uint32 { return c[0] }

// Street is a place with its number of crimes.
type Street struct {
	Name  string // "On or near …"
	Count uint32
}

// TopStreets is how many streets an area keeps.
const TopStreets = 10

// Area is everything counted for one area. Slices by month are indexed from
// the dataset's first month.
type Area struct {
	Crimes   []Counts
	Unmapped []uint32 // crimes with no location
	// LastOutcome counts each month's crimes by the last outcome the street
	// file gives: [month*NumOutcomes + outcome].
	LastOutcome []uint32
	// Outcomes counts the outcomes recorded in each month (outcomes files),
	// whatever month their crime was in: [month*NumOutcomes + outcome].
	Outcomes []uint32
	Stops    []uint32 // stops and searches
	// StopBy breaks stops down by each field's value, by month.
	StopBy [store.NumStopFields]map[store.StrID][]uint32
	// Streets are the places with most crimes over the last 12 months.
	Streets []Street
	// Places are the snap points with most crimes in the latest month.
	Places []Place
}

// Aggregates are the counts for every area.
type Aggregates struct {
	First          crime.Month
	Months         int // number of months from First
	National       Area
	Forces         []Area // by store.ForceID
	Neighbourhoods []Area // by index into index.Index.Neighbourhoods
	// Have says whether a force published street data for a month; a month
	// without is missing, not zero.
	Have [][]bool
	// Status is each force's months' completeness, by store.ForceID then
	// month (see Judge).
	Status [][]MonthStatus
}

// Month returns the month of a month index.
func (a *Aggregates) Month(i int) crime.Month { return a.First.Add(i) }

// Index returns the month index of m, or -1 if outside the dataset.
func (a *Aggregates) Index(m crime.Month) int {
	i := int(m - a.First)
	if i < 0 || i >= a.Months {
		return -1
	}
	return i
}

func newArea(months int) Area {
	no := crime.NumOutcomes
	return Area{
		Crimes: make([]Counts, months), Unmapped: make([]uint32, months),
		LastOutcome: make([]uint32, months*no), Outcomes: make([]uint32, months*no),
		Stops: make([]uint32, months),
	}
}

// Build counts everything in the store, reading each table's rows once.
func Build(st *store.Store, ix *index.Index) (*Aggregates, error) {
	months := 0
	if len(st.Months()) > 0 {
		months = int(st.Last-st.First) + 1
	}
	a := &Aggregates{First: st.First, Months: months, National: newArea(months),
		Forces: make([]Area, len(st.Forces)), Neighbourhoods: make([]Area, len(ix.Neighbourhoods)),
		Have: make([][]bool, len(st.Forces))}
	for i := range a.Forces {
		a.Forces[i] = newArea(months)
		a.Have[i] = make([]bool, months)
	}
	for i := range a.Neighbourhoods {
		a.Neighbourhoods[i] = newArea(months)
	}
	// Each force's rows count only into the force and its own
	// neighbourhoods, so the forces are counted side by side, the largest
	// first so that it does not finish last.
	tables := byForce(st)
	order := make([]int, len(st.Forces))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(tables[y].rows, tables[x].rows) })
	// perLoc counts each force's crimes by location in the last 12
	// months; latestLoc the same in the latest month.
	perLoc := make([]map[store.LocID]uint32, len(st.Forces))
	latestLoc := make([]map[store.LocID]uint32, len(st.Forces))
	err := parallel.Do(runtime.GOMAXPROCS(0), len(order), func(i int) error {
		f := order[i]
		perLoc[f], latestLoc[f] = map[store.LocID]uint32{}, map[store.LocID]uint32{}
		return a.force(st, ix, &tables[f], perLoc[f], latestLoc[f])
	})
	if err != nil {
		return nil, fmt.Errorf("aggregate: %w", err)
	}
	a.streets(st, ix, perLoc)
	a.places(st, ix, latestLoc)
	a.national()
	a.completeness(st)
	return a, nil
}

// forceTables are one force's tables.
type forceTables struct {
	crimes   []*store.Crimes
	outcomes []*store.Outcomes
	stops    []*store.Stops
	rows     int
}

// byForce groups the store's tables by force.
func byForce(st *store.Store) []forceTables {
	t := make([]forceTables, len(st.Forces))
	for _, c := range st.Crimes {
		t[c.Force].crimes = append(t[c.Force].crimes, c)
		t[c.Force].rows += c.Len()
	}
	for _, o := range st.Outcomes {
		t[o.Force].outcomes = append(t[o.Force].outcomes, o)
		t[o.Force].rows += o.Len()
	}
	for _, s := range st.Stops {
		t[s.Force].stops = append(t[s.Force].stops, s)
		t[s.Force].rows += s.Len()
	}
	return t
}

// force counts one force's rows into the force, its neighbourhoods and
// its maps of crimes by location.
func (a *Aggregates) force(st *store.Store, ix *index.Index, t *forceTables, perLoc, latestLoc map[store.LocID]uint32) error {
	no := crime.NumOutcomes
	from := st.Last.Add(-11)
	for _, c := range t.crimes {
		c, err := c.Rows()
		if err != nil {
			return err
		}
		if c.Month >= from {
			for _, l := range c.Loc {
				if l != store.NoLoc {
					perLoc[l]++
					if c.Month == st.Last {
						latestLoc[l]++
					}
				}
			}
		}
		m := a.Index(c.Month)
		a.Have[c.Force][m] = true
		force := &a.Forces[c.Force]
		for i, cat := range c.Cat {
			out := int(c.Out[i])
			force.Crimes[m].Add(cat)
			force.LastOutcome[m*no+out]++
			if c.Loc[i] == store.NoLoc {
				force.Unmapped[m]++
				continue
			}
			if nb := ix.Neighbourhood(c.Force, c.Loc[i]); nb != index.None {
				n := &a.Neighbourhoods[nb]
				n.Crimes[m].Add(cat)
				n.LastOutcome[m*no+out]++
			}
		}
	}
	for _, o := range t.outcomes {
		o, err := o.Rows()
		if err != nil {
			return err
		}
		m := a.Index(o.Month)
		force := &a.Forces[o.Force]
		for i, out := range o.Out {
			force.Outcomes[m*no+int(out)]++
			if nb := ix.Neighbourhood(o.Force, o.Loc[i]); nb != index.None {
				a.Neighbourhoods[nb].Outcomes[m*no+int(out)]++
			}
		}
	}
	for _, s := range t.stops {
		s, err := s.Rows()
		if err != nil {
			return err
		}
		m := a.Index(s.Month)
		force := &a.Forces[s.Force]
		for i := range s.Loc {
			force.addStop(s, i, m, a.Months)
			if nb := ix.Neighbourhood(s.Force, s.Loc[i]); nb != index.None {
				a.Neighbourhoods[nb].addStop(s, i, m, a.Months)
			}
		}
	}
	return nil
}

func (ar *Area) addStop(s *store.Stops, i, m, months int) {
	ar.Stops[m]++
	for f := range s.Fields {
		if ar.StopBy[f] == nil {
			ar.StopBy[f] = map[store.StrID][]uint32{}
		}
		v := s.Fields[f][i]
		by := ar.StopBy[f][v]
		if by == nil {
			by = make([]uint32, months)
			ar.StopBy[f][v] = by
		}
		by[m]++
	}
}

// national adds up the forces.
func (a *Aggregates) national() {
	n := &a.National
	for fi := range a.Forces {
		f := &a.Forces[fi]
		for m := range f.Crimes {
			n.Crimes[m].Plus(&f.Crimes[m])
			n.Unmapped[m] += f.Unmapped[m]
			n.Stops[m] += f.Stops[m]
		}
		for i := range f.LastOutcome {
			n.LastOutcome[i] += f.LastOutcome[i]
			n.Outcomes[i] += f.Outcomes[i]
		}
		for field, vals := range f.StopBy {
			for v, by := range vals {
				if n.StopBy[field] == nil {
					n.StopBy[field] = map[store.StrID][]uint32{}
				}
				dst := n.StopBy[field][v]
				if dst == nil {
					dst = make([]uint32, len(by))
					n.StopBy[field][v] = dst
				}
				for m, c := range by {
					dst[m] += c
				}
			}
		}
	}
}

// streets finds each area's places with most crimes over the last 12
// months from the crimes counted per (force, location) as they were read,
// so each row cost one increment.
func (a *Aggregates) streets(st *store.Store, ix *index.Index, perLoc []map[store.LocID]uint32) {
	type key struct {
		area   int32 // neighbourhood, or -1-force for a force
		street store.StrID
	}
	byStreet := map[key]uint32{}
	for fi, locs := range perLoc {
		f := store.ForceID(fi)
		for l, n := range locs {
			street := st.Locs.Get(l).Street
			byStreet[key{-1 - int32(f), street}] += n
			if nb := ix.Neighbourhood(f, l); nb != index.None {
				byStreet[key{nb, street}] += n
			}
		}
	}
	lists := map[int32][]Street{}
	for k, n := range byStreet {
		lists[k.area] = append(lists[k.area], Street{Name: st.Strings.Str(k.street), Count: n})
	}
	for area, list := range lists {
		slices.SortFunc(list, func(x, y Street) int {
			return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Name, y.Name))
		})
		list = list[:min(len(list), TopStreets)]
		if area < 0 {
			a.Forces[-1-area].Streets = list
		} else {
			a.Neighbourhoods[area].Streets = list
		}
	}
}

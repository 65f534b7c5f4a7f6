package store

import (
	"cmp"
	"slices"

	"github.com/crimemap/crimemap/generator/crime"
)

// ForceID numbers a force in the store, in order of slug.
type ForceID uint16

// Force is a police force as the files name it.
type Force struct {
	Slug string // from the file names, e.g. "city-of-london"
	Name string // from the rows' "Falls within", e.g. "City of London Police"
	// Months with a street file, and months missing between the force's
	// first month and the latest month of the whole dataset.
	Months  []crime.Month
	Missing []crime.Month
}

// Input is a data file that was read.
type Input struct {
	Path  string // within the input
	Force string
	Month crime.Month
	Kind  string   // "street", "outcomes" or "stop-and-search"
	Size  int64    // bytes read
	Hash  [32]byte // SHA-256 of its bytes
	// Excluded are the runs of lines left out of the site, in order, so
	// that downloads can copy the file less exactly those lines.
	Excluded []Exclusion
}

// Exclusion is a run of lines left out of an input file: lines From to
// To-1, counted from 1. To is 0 when the run goes to the end of the file,
// so {1, 0} is a file left out whole.
type Exclusion struct {
	From, To int32
	Reason   string
}

// Store is everything loaded.
type Store struct {
	// Inputs are the files read, in path order of month, force and kind,
	// with their hashes: what later builds compare to reuse work.
	Inputs     []Input
	Strings    *Strings // street names, LSOA codes and names
	StopValues *Strings // stop-and-search wording
	Locs       *Locations
	Forces     []Force
	Crimes     []*Crimes   // sorted by force, then month
	Outcomes   []*Outcomes // sorted by force, then month
	Stops      []*Stops    // sorted by force, then month
	// First and Last bound every month seen in a street file.
	First, Last crime.Month
}

// New returns an empty store.
func New() *Store {
	return &Store{Strings: NewStrings(), StopValues: NewStrings(), Locs: NewLocations()}
}

// Months returns First..Last, every month of the dataset in order.
func (s *Store) Months() []crime.Month {
	if s.Last < s.First || s.First == 0 {
		return nil
	}
	out := make([]crime.Month, 0, s.Last-s.First+1)
	for m := s.First; m <= s.Last; m++ {
		out = append(out, m)
	}
	return out
}

// Force returns the id of a force by slug.
func (s *Store) Force(slug string) (ForceID, bool) {
	i, ok := slices.BinarySearchFunc(s.Forces, slug, func(f Force, slug string) int {
		return cmp.Compare(f.Slug, slug)
	})
	return ForceID(i), ok
}

// CrimeRows returns the number of street rows held.
func (s *Store) CrimeRows() int {
	n := 0
	for _, c := range s.Crimes {
		n += c.Len()
	}
	return n
}

// OutcomeRows returns the number of outcome rows held.
func (s *Store) OutcomeRows() int {
	n := 0
	for _, o := range s.Outcomes {
		n += o.Len()
	}
	return n
}

// StopRows returns the number of stop-and-search rows held.
func (s *Store) StopRows() int {
	n := 0
	for _, t := range s.Stops {
		n += t.Len()
	}
	return n
}

// CrimesOf returns a force's street table for a month, or nil.
func (s *Store) CrimesOf(f ForceID, m crime.Month) *Crimes {
	return tableOf(s.Crimes, f, m, func(c *Crimes) (ForceID, crime.Month) { return c.Force, c.Month })
}

// StopsOf returns a force's stop-and-search table for a month, or nil.
func (s *Store) StopsOf(f ForceID, m crime.Month) *Stops {
	return tableOf(s.Stops, f, m, func(t *Stops) (ForceID, crime.Month) { return t.Force, t.Month })
}

// tableOf finds force f's month m in tables sorted by force, then month.
func tableOf[T any](tables []*T, f ForceID, m crime.Month, key func(*T) (ForceID, crime.Month)) *T {
	i, ok := slices.BinarySearchFunc(tables, f, func(t *T, f ForceID) int {
		tf, tm := key(t)
		return cmp.Or(cmp.Compare(tf, f), cmp.Compare(tm, m))
	})
	if !ok {
		return nil
	}
	return tables[i]
}

package store

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"unsafe"

	"github.com/crimemap/crimemap/generator/crime"
)

// Spill holds row columns on disk for the length of a build, so that the
// store's memory grows with the distinct locations and areas, not with the
// number of rows: a loaded table writes its columns here and keeps only
// its size, and a stage that needs a table's rows reads them back for as
// long as it works on them (Rows).
//
// The file is removed as soon as it is made and lives while it is open,
// so a build that is killed leaves nothing behind. Its bytes are this
// process's own columns as they lie in memory: nothing else reads it.
type Spill struct {
	mu  sync.Mutex
	f   *os.File
	off int64
	err error // the first failed write: every later release fails with it
}

// NewSpill makes a spill file in dir.
func NewSpill(dir string) (*Spill, error) {
	f, err := os.CreateTemp(dir, "spill-*")
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, fmt.Errorf("spill: %w", err)
	}
	return &Spill{f: f}, nil
}

// Close removes the spill; tables released to it can no longer be read.
func (s *Spill) Close() error { return s.f.Close() }

// Size returns the bytes written so far.
func (s *Spill) Size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.off
}

// put appends the columns' bytes and returns where they went.
func (s *Spill) put(cols ...[]byte) (spilled, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return spilled{}, s.err
	}
	at := spilled{sp: s, off: s.off}
	for _, c := range cols {
		if _, err := s.f.WriteAt(c, s.off); err != nil {
			s.err = fmt.Errorf("spill: %w", err)
			return spilled{}, s.err
		}
		s.off += int64(len(c))
	}
	at.size = s.off - at.off
	return at, nil
}

// spilled is where a released table's columns are.
type spilled struct {
	sp     *Spill
	off    int64
	size   int64
	rows   int
	mapped int // rows with a location
}

// mapped counts the locations that are not NoLoc.
func mapped(locs []LocID) int {
	n := 0
	for _, l := range locs {
		if l != NoLoc {
			n++
		}
	}
	return n
}

var errShortSpill = errors.New("spill: columns do not add up to the bytes written")

// read fills cols, laid out as put wrote them, from the spill.
func (at spilled) read(cols ...[]byte) error {
	off := at.off
	for _, c := range cols {
		if _, err := at.sp.f.ReadAt(c, off); err != nil {
			return fmt.Errorf("spill: %w", err)
		}
		off += int64(len(c))
	}
	if off-at.off != at.size {
		return errShortSpill
	}
	return nil
}

// raw views a column as its bytes in memory, which is all a spill within
// one process needs.
func raw[T LocID | StrID | CrimeID | int64 | crime.Category | crime.Outcome](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(s[0])))
}

// spillIDs writes an ID column that nothing else holds to sp, and returns
// the loader that reads it back.
func spillIDs(sp *Spill, ids []CrimeID) (func() ([]CrimeID, error), error) {
	at, err := sp.put(raw(ids))
	if err != nil {
		return nil, err
	}
	n := len(ids)
	return func() ([]CrimeID, error) {
		back := make([]CrimeID, n)
		return back, at.read(raw(back))
	}, nil
}

// Release writes the table's columns to sp and drops them; Rows reads them
// back. Crime IDs that were not released to the parse cache (ReleaseIDs)
// go to the spill too, and WithIDs reads them back.
func (c *Crimes) Release(sp *Spill) error {
	if c.rows.sp != nil {
		return nil
	}
	if c.ID != nil {
		load, err := spillIDs(sp, c.ID)
		if err != nil {
			return err
		}
		c.ReleaseIDs(load)
	}
	n := c.Len()
	at, err := sp.put(raw(c.Loc), raw(c.Cat), raw(c.Out))
	if err != nil {
		return err
	}
	at.rows, at.mapped = n, mapped(c.Loc)
	c.rows, c.Loc, c.Cat, c.Out = at, nil, nil, nil
	return nil
}

// Mapped returns the number of rows with a location, whether the columns
// are held or not.
func (c *Crimes) Mapped() int {
	if c.rows.sp != nil {
		return c.rows.mapped
	}
	return mapped(c.Loc)
}

// Rows returns the table with its columns, read back if they were
// released. The columns are not kept: the caller holds them as long as it
// needs them. The ID column stays as it was (see WithIDs).
func (c *Crimes) Rows() (*Crimes, error) {
	if c.rows.sp == nil {
		return c, nil
	}
	n := c.rows.rows
	cc := *c
	cc.rows = spilled{}
	cc.Loc, cc.Cat, cc.Out = make([]LocID, n), make([]crime.Category, n), make([]crime.Outcome, n)
	if err := c.rows.read(raw(cc.Loc), raw(cc.Cat), raw(cc.Out)); err != nil {
		return nil, fmt.Errorf("crimes of %s: %w", c.Month, err)
	}
	return &cc, nil
}

// Release writes the table's columns to sp and drops them, and its Crime
// IDs as Crimes.Release does.
func (o *Outcomes) Release(sp *Spill) error {
	if o.rows.sp != nil {
		return nil
	}
	if o.ID != nil {
		load, err := spillIDs(sp, o.ID)
		if err != nil {
			return err
		}
		o.ReleaseIDs(load)
	}
	n := o.Len()
	at, err := sp.put(raw(o.Loc), raw(o.Out))
	if err != nil {
		return err
	}
	at.rows = n
	o.rows, o.Loc, o.Out = at, nil, nil
	return nil
}

// Rows returns the table with its columns, read back if they were
// released, and not kept.
func (o *Outcomes) Rows() (*Outcomes, error) {
	if o.rows.sp == nil {
		return o, nil
	}
	n := o.rows.rows
	oo := *o
	oo.rows = spilled{}
	oo.Loc, oo.Out = make([]LocID, n), make([]crime.Outcome, n)
	if err := o.rows.read(raw(oo.Loc), raw(oo.Out)); err != nil {
		return nil, fmt.Errorf("outcomes of %s: %w", o.Month, err)
	}
	return &oo, nil
}

// Release writes the table's columns to sp and drops them; Rows reads them
// back.
func (s *Stops) Release(sp *Spill) error {
	if s.rows.sp != nil {
		return nil
	}
	n := s.Len()
	cols := [][]byte{raw(s.Loc), raw(s.Time)}
	for f := range s.Fields {
		cols = append(cols, raw(s.Fields[f]))
	}
	at, err := sp.put(cols...)
	if err != nil {
		return err
	}
	at.rows, at.mapped = n, mapped(s.Loc)
	s.rows, s.Loc, s.Time, s.Fields = at, nil, nil, [NumStopFields][]StrID{}
	return nil
}

// Mapped returns the number of rows with a location, whether the columns
// are held or not.
func (s *Stops) Mapped() int {
	if s.rows.sp != nil {
		return s.rows.mapped
	}
	return mapped(s.Loc)
}

// Rows returns the table with its columns, read back if they were
// released, and not kept.
func (s *Stops) Rows() (*Stops, error) {
	if s.rows.sp == nil {
		return s, nil
	}
	n := s.rows.rows
	ss := *s
	ss.rows = spilled{}
	ss.Loc, ss.Time = make([]LocID, n), make([]int64, n)
	cols := [][]byte{raw(ss.Loc), raw(ss.Time)}
	for f := range ss.Fields {
		ss.Fields[f] = make([]StrID, n)
		cols = append(cols, raw(ss.Fields[f]))
	}
	if err := s.rows.read(cols...); err != nil {
		return nil, fmt.Errorf("stops of %s: %w", s.Month, err)
	}
	return &ss, nil
}

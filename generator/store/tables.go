package store

import (
	"encoding/hex"
	"fmt"

	"github.com/crimemap/crimemap/generator/crime"
)

// CrimeID is a crime's persistent ID: 64 hexadecimal digits in the files,
// kept as the 32 bytes they spell. The zero value is "no ID", as for
// anti-social behaviour and for forces that publish none.
type CrimeID [32]byte

// ParseCrimeID decodes a published Crime ID. It reports false for a value
// that is not 64 hex digits; the caller keeps such an ID as text.
func ParseCrimeID(b []byte) (CrimeID, bool) {
	var id CrimeID
	if len(b) != 64 {
		return id, false
	}
	if _, err := hex.Decode(id[:], b); err != nil {
		return CrimeID{}, false
	}
	return id, true
}

// String returns the ID as the files spell it (lower-case hex), or "".
func (id CrimeID) String() string {
	if id == (CrimeID{}) {
		return ""
	}
	return hex.EncodeToString(id[:])
}

// Crimes are the street-level crimes of one force and month, one row per
// index across the columns.
type Crimes struct {
	Force ForceID
	Month crime.Month
	Loc   []LocID
	Cat   []crime.Category
	Out   []crime.Outcome // last outcome as the street file gives it
	ID    []CrimeID
	// OddID keeps, by row, Crime IDs that are not 64 hex digits, so that
	// nothing published is changed.
	OddID map[int32]string

	ids  idLoader
	rows spilled // where the columns are, once released
}

// Len returns the number of rows, whether the columns are held or not.
func (c *Crimes) Len() int {
	if c.rows.sp != nil {
		return c.rows.rows
	}
	return len(c.Cat)
}

// idLoader gives back an ID column that the loader released: IDs are 32
// bytes a row, most of a loaded store, and only the downloads read them,
// a force's month at a time.
type idLoader func() ([]CrimeID, error)

// read gives a released column back, checked against the rows it is for.
func (load idLoader) read(what string, m crime.Month, rows int) ([]CrimeID, error) {
	ids, err := load()
	if err != nil {
		return nil, fmt.Errorf("%s ids of %s: %w", what, m, err)
	}
	if len(ids) != rows {
		return nil, fmt.Errorf("%s ids of %s: %d for %d rows", what, m, len(ids), rows)
	}
	return ids, nil
}

// ReleaseIDs drops the ID column; load must give it back on demand.
func (c *Crimes) ReleaseIDs(load func() ([]CrimeID, error)) { c.ID, c.ids = nil, load }

// WithIDs returns c whole: its columns (see Rows) and its ID column, read
// back where they were released. They are not kept: the caller holds them
// as long as it needs them.
func (c *Crimes) WithIDs() (*Crimes, error) {
	c, err := c.Rows()
	if err != nil || c.ids == nil {
		return c, err
	}
	ids, err := c.ids.read("crime", c.Month, c.Len())
	if err != nil {
		return nil, err
	}
	cc := *c
	cc.ID, cc.ids = ids, nil
	return &cc, nil
}

// Outcomes are the outcomes recorded in one force's month, for crimes of
// that month or earlier ones.
type Outcomes struct {
	Force ForceID
	Month crime.Month
	Loc   []LocID
	Out   []crime.Outcome
	ID    []CrimeID
	OddID map[int32]string

	ids  idLoader
	rows spilled
}

// Len returns the number of rows, whether the columns are held or not.
func (o *Outcomes) Len() int {
	if o.rows.sp != nil {
		return o.rows.rows
	}
	return len(o.Out)
}

// ReleaseIDs drops the ID column; load must give it back on demand.
func (o *Outcomes) ReleaseIDs(load func() ([]CrimeID, error)) { o.ID, o.ids = nil, load }

// WithIDs returns o whole, its columns and IDs read back where they were
// released.
func (o *Outcomes) WithIDs() (*Outcomes, error) {
	o, err := o.Rows()
	if err != nil || o.ids == nil {
		return o, err
	}
	ids, err := o.ids.read("outcome", o.Month, o.Len())
	if err != nil {
		return nil, err
	}
	oo := *o
	oo.ID, oo.ids = ids, nil
	return &oo, nil
}

// StopField names the columns of a stop-and-search breakdown.
type StopField uint8

// The stop-and-search fields kept, in the order pages show them.
const (
	StopType StopField = iota
	StopObject
	StopOutcome
	StopAge
	StopGender
	StopSelfEthnicity
	StopOfficerEthnicity
	StopLegislation
	StopLinked  // outcome linked to object of search
	StopRemoval // removal of more than outer clothing
	NumStopFields
)

var stopFieldNames = [NumStopFields]string{
	"Type of search", "Object of search", "Outcome", "Age range", "Gender",
	"Self-defined ethnicity", "Officer-defined ethnicity", "Legislation",
	"Outcome linked to object of search", "Removal of more than just outer clothing",
}

// String names the field for people.
func (f StopField) String() string { return stopFieldNames[f] }

// Stops are the stops and searches of one force and month. Field values are
// interned in the store's StopValues table.
type Stops struct {
	Force  ForceID
	Month  crime.Month
	Loc    []LocID
	Time   []int64 // Unix seconds, UTC
	Fields [NumStopFields][]StrID

	rows spilled
}

// Len returns the number of rows, whether the columns are held or not.
func (s *Stops) Len() int {
	if s.rows.sp != nil {
		return s.rows.rows
	}
	return len(s.Loc)
}

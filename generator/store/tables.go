package store

import (
	"encoding/hex"

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
}

// Len returns the number of rows.
func (c *Crimes) Len() int { return len(c.Cat) }

// Outcomes are the outcomes recorded in one force's month, for crimes of
// that month or earlier ones.
type Outcomes struct {
	Force ForceID
	Month crime.Month
	Loc   []LocID
	Out   []crime.Outcome
	ID    []CrimeID
	OddID map[int32]string
}

// Len returns the number of rows.
func (o *Outcomes) Len() int { return len(o.Out) }

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
}

// Len returns the number of rows.
func (s *Stops) Len() int { return len(s.Loc) }

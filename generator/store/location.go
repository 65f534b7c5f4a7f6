package store

import "github.com/crimemap/crimemap/generator/crime"

// Micro is a coordinate in millionths of a degree. Published coordinates have
// six decimals, so this is exact, and integers compare and hash reliably
// where floats would not.
type Micro int32

// The area the published data can cover: England, Wales and Northern
// Ireland with their islands, and a margin. The loader rejects locations
// outside it, so later stages can count on it.
const (
	MinLon Micro = -8_700_000
	MaxLon Micro = 1_900_000
	MinLat Micro = 49_800_000
	MaxLat Micro = 60_900_000
)

// Float returns the coordinate in degrees.
func (m Micro) Float() float64 { return float64(m) / 1e6 }

// LocID numbers a distinct location. NoLoc marks a row without one.
type LocID uint32

// NoLoc is the location of a "No Location" row.
const NoLoc LocID = ^LocID(0)

// Location is one distinct published location: a snap point with the
// description and LSOA the rows give it.
type Location struct {
	Lon, Lat Micro
	Street   StrID // "On or near …" as published
	LSOA     StrID // LSOA code, 0 when absent
	LSOAName StrID // LSOA name, 0 when absent
}

// LocKey is what makes a location distinct.
type LocKey = Location

// Locations is the table of distinct locations.
type Locations struct {
	ids  map[LocKey]LocID
	list []Location
}

// NewLocations returns an empty table.
func NewLocations() *Locations { return &Locations{ids: map[LocKey]LocID{}} }

// LocationList returns a table holding list, whose locations must be
// distinct. Its index is built on first lookup, so a table that is only
// read costs no map.
func LocationList(list []Location) *Locations { return &Locations{list: list} }

// ID returns the id of l, adding it if new.
func (t *Locations) ID(l Location) LocID {
	if t.ids == nil {
		t.ids = make(map[LocKey]LocID, len(t.list))
		for i, l := range t.list {
			t.ids[l] = LocID(i)
		}
	}
	if id, ok := t.ids[l]; ok {
		return id
	}
	id := LocID(len(t.list))
	t.list = append(t.list, l)
	t.ids[l] = id
	return id
}

// Get returns a location.
func (t *Locations) Get(id LocID) Location { return t.list[id] }

// Len returns the number of distinct locations.
func (t *Locations) Len() int { return len(t.list) }

// All returns the locations in id order. The caller must not modify it.
func (t *Locations) All() []Location { return t.list }

// MonthKey names one force's month.
type MonthKey struct {
	Force ForceID
	Month crime.Month
}

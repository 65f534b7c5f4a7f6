package areamap

import (
	"github.com/paulmach/orb"
)

// Map is what an area's map shows, in longitude/latitude.
type Map struct {
	// Title and Desc are the SVG's <title> and <desc>: what the map is,
	// and what it shows, for those who cannot see it.
	Title, Desc string
	// Area is the area's boundary; empty when it has none, and the map
	// is then framed on its places.
	Area orb.MultiPolygon
	// Neighbours are drawn faintly, with their names where there is room.
	Neighbours []Area
	// Places are drawn as numbered dots, in this order.
	Places []Place
	// Roads and Towns come from the basemap, when there is one.
	Roads []Road
	Towns []Town
}

// Area is a named shape.
type Area struct {
	Name  string
	Shape orb.MultiPolygon
}

// Place is a point with a count.
type Place struct {
	Label    string // "High Street"
	Lon, Lat float64
	Count    uint32
}

// Road is a line of the basemap; Major roads are drawn wider.
type Road struct {
	Major bool
	Line  orb.MultiLineString
}

// Town is a place name of the basemap.
type Town struct {
	Name string
	At   orb.Point
}

// Bound is the box the map is framed on: the area's boundary, or else its
// places; ok is false when it has neither.
func (m *Map) Bound() (b orb.Bound, ok bool) {
	if len(m.Area) > 0 {
		return m.Area.Bound(), true
	}
	if len(m.Places) == 0 {
		return orb.Bound{}, false
	}
	b = orb.Bound{Min: orb.Point{m.Places[0].Lon, m.Places[0].Lat}, Max: orb.Point{m.Places[0].Lon, m.Places[0].Lat}}
	for _, p := range m.Places[1:] {
		b = b.Extend(orb.Point{p.Lon, p.Lat})
	}
	return b, true
}

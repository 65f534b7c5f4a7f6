package reference

import (
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// maxVertices bounds one KML file or one GeoJSON feature. Real neighbourhood
// boundaries have thousands of vertices and national force areas a few
// hundred thousand; anything beyond this is a mistake or an attack, and
// would only slow the build down.
const maxVertices = 2_000_000

// ErrNoPolygon is wrapped by the errors for boundaries without any polygon,
// such as a KML file with only a Point or a GeoJSON feature whose geometry
// is a LineString.
var ErrNoPolygon = errors.New("no polygon")

// checkPosition rejects what cannot be a longitude and latitude.
func checkPosition(lon, lat float64) error {
	if math.IsNaN(lon) || math.IsNaN(lat) || math.IsInf(lon, 0) || math.IsInf(lat, 0) {
		return fmt.Errorf("coordinate %g,%g is not a finite number", lon, lat)
	}
	if lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		return fmt.Errorf("coordinate %g,%g is outside longitude -180..180 and latitude -90..90", lon, lat)
	}
	return nil
}

// closeRing closes r, as GeoJSON requires and KML producers often forget,
// and rejects rings too short to enclose an area.
func closeRing(r orb.Ring) (orb.Ring, error) {
	if len(r) > 0 && r[0] != r[len(r)-1] {
		r = append(r, r[0])
	}
	if len(r) < 4 {
		return nil, fmt.Errorf("ring has %d positions; it needs at least 3 different ones", max(len(r)-1, 0))
	}
	return r, nil
}

// ukBound is generous: it holds every UK police area, Channel Islands and
// the Isles of Scilly included, so a boundary outside it is almost certainly
// in the wrong projection or has latitude and longitude swapped.
var ukBound = orb.Bound{Min: orb.Point{-14, 49}, Max: orb.Point{4, 62}}

func outsideUK(shape orb.MultiPolygon) bool {
	return len(shape) > 0 && !shape.Bound().Intersects(ukBound)
}

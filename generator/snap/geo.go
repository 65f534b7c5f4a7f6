package snap

import (
	"math"

	"github.com/crimemap/crimemap/generator/store"
)

// earthRadius is the Earth's mean radius (IUGG), in metres. A sphere is
// accurate to about 0.5% for distances, far better than the thresholds
// need, and makes "nearest" a question about straight lines in 3D.
const earthRadius = 6_371_008.8

// vec is a point on the unit sphere. The chord between two unit vectors
// grows strictly with the great-circle distance between them, so comparing
// squared chords (three subtractions, three products) decides "nearest"
// exactly as haversine would, with no trigonometry per comparison and in a
// space where a k-d tree's pruning is exact.
type vec [3]float64

func unitVec(lon, lat store.Micro) vec {
	const rad = math.Pi / 180e6
	sLat, cLat := math.Sincos(float64(lat) * rad)
	sLon, cLon := math.Sincos(float64(lon) * rad)
	return vec{cLat * cLon, cLat * sLon, sLat}
}

// chord2 is the squared chord between two unit vectors. The explicit
// conversions forbid fused multiply-adds, so every architecture computes
// the same value and makes the same choice between near-equal points.
func chord2(a, b *vec) float64 {
	dx, dy, dz := a[0]-b[0], a[1]-b[1], a[2]-b[2]
	return float64(dx*dx) + float64(dy*dy) + float64(dz*dz)
}

// chordMetres converts a squared chord to a great-circle distance in metres.
func chordMetres(c2 float64) float64 {
	return 2 * earthRadius * math.Asin(min(1, math.Sqrt(c2)/2))
}

// metresChord converts a great-circle distance in metres to a squared chord.
func metresChord(m float64) float64 {
	s := 2 * math.Sin(min(m/earthRadius, math.Pi)/2)
	return s * s
}

// Distance returns the great-circle distance in metres between two points
// given in millionths of a degree.
func Distance(lon1, lat1, lon2, lat2 store.Micro) float64 {
	a, b := unitVec(lon1, lat1), unitVec(lon2, lat2)
	return chordMetres(chord2(&a, &b))
}

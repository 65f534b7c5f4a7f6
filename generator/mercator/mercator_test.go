package mercator

import (
	"math"
	"testing"
)

func TestUnit(t *testing.T) {
	for _, tc := range []struct{ lon, lat, x, y float64 }{
		{0, 0, 0.5, 0.5},
		{-180, MaxLat, 0, 0},
		{180, -MaxLat, 1, 1},
		{180, -89, 1, 1}, // beyond the square world: its edge
		{-90, 0, 0.25, 0.5},
	} {
		x, y := Unit(tc.lon, tc.lat)
		if math.Abs(x-tc.x) > 1e-9 || math.Abs(y-tc.y) > 1e-9 {
			t.Errorf("Unit(%v, %v) = %v, %v; want %v, %v", tc.lon, tc.lat, x, y, tc.x, tc.y)
		}
	}
}

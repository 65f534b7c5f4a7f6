package tiles

import (
	"math"

	"github.com/crimemap/crimemap/generator/store"
)

// Extent is the tiles' coordinate range, the MVT default.
const Extent = 4096

// extentBits is log2(Extent): a world pixel's tile is its pixel >> extentBits.
const extentBits = 12

// WorldPixel projects a coordinate to Web Mercator pixels at zoom z, with
// Extent pixels per tile. At the default maximum zoom 14 the world is 2^26
// pixels wide, well inside uint32. Features are placed with it, so a
// checker that projects a location with it lands on the feature's pixel.
func WorldPixel(lon, lat store.Micro, z uint8) (x, y uint32) {
	n := float64(uint64(1)<<z) * Extent
	lonf, latf := lon.Float(), lat.Float()
	latf = math.Max(-85.05112878, math.Min(85.05112878, latf))
	fx := (lonf + 180) / 360 * n
	s := math.Sin(latf * math.Pi / 180)
	fy := (0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)) * n
	return clampPixel(fx, n), clampPixel(fy, n)
}

func clampPixel(v, n float64) uint32 {
	if v < 0 {
		return 0
	}
	if v >= n {
		return uint32(n - 1)
	}
	return uint32(v)
}

// tileOf returns the tile of a world pixel at the pixel's zoom, and the
// pixel's position within it.
func tileOf(x, y uint32) (tx, ty uint32, lx, ly int) {
	return x >> extentBits, y >> extentBits, int(x & (Extent - 1)), int(y & (Extent - 1))
}

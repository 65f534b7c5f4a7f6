package tiles

import (
	"github.com/crimemap/crimemap/generator/mercator"

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
	ux, uy := mercator.Unit(lon.Float(), lat.Float())
	return clampPixel(ux*n, n), clampPixel(uy*n, n)
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

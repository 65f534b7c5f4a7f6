package pmtiles

import "fmt"

// MaxZoom is the deepest zoom level with tile ids: the ids of zoom 32 would
// not fit in a uint64.
const MaxZoom = 31

// idLimit is one past the largest tile id (the last tile of MaxZoom):
// (4^32 - 1) / 3, the number of tiles in zooms 0..31.
const idLimit = (1<<64 - 1) / 3

// zoomStart returns the id of the first tile of zoom z, the number of tiles in
// all lower zooms: (4^z - 1) / 3.
func zoomStart(z uint8) uint64 {
	return ((uint64(1) << (2 * uint64(z))) - 1) / 3
}

// ZxyToID returns the PMTiles tile id of tile z/x/y: the count of tiles in all
// lower zooms plus the tile's position along the Hilbert curve of zoom z.
// Sorting tiles by id clusters neighbouring tiles, which is why the
// specification orders directories and tile data by it.
//
// It panics if z > MaxZoom or x or y is not below 2^z, as an index out of range
// does: callers handling outside input check with ValidTile first.
func ZxyToID(z uint8, x, y uint32) uint64 {
	if !ValidTile(z, x, y) {
		panic(fmt.Sprintf("pmtiles: tile %d/%d/%d out of range", z, x, y))
	}
	return zoomStart(z) + xyToHilbert(z, uint64(x), uint64(y))
}

// ValidTile reports whether z/x/y names a tile that has an id.
func ValidTile(z uint8, x, y uint32) bool {
	if z > MaxZoom {
		return false
	}
	n := uint64(1) << z
	return uint64(x) < n && uint64(y) < n
}

// IDToZxy is the inverse of ZxyToID. It panics if id is not below the first id
// past MaxZoom; ValidID reports that.
func IDToZxy(id uint64) (z uint8, x, y uint32) {
	if !ValidID(id) {
		panic(fmt.Sprintf("pmtiles: tile id %d out of range", id))
	}
	// Zoom starts grow by a factor of four, so the loop runs at most 32 times.
	for z = 0; z < MaxZoom && zoomStart(z+1) <= id; z++ {
	}
	hx, hy := hilbertToXY(z, id-zoomStart(z))
	return z, uint32(hx), uint32(hy)
}

// ValidID reports whether id belongs to a tile of zoom 0..MaxZoom.
func ValidID(id uint64) bool { return id < idLimit }

// xyToHilbert returns the distance along the Hilbert curve filling the
// 2^z × 2^z grid to cell (x, y). It walks from the largest quadrant down: each
// level adds the quadrant's offset and then rotates/reflects the coordinates
// into that quadrant's frame, so the curve's orientation matches the
// specification's (and Wikipedia's) xy2d.
func xyToHilbert(z uint8, x, y uint64) uint64 {
	var d uint64
	for s := (uint64(1) << z) >> 1; s > 0; s >>= 1 {
		var rx, ry uint64
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += s * s * ((3 * rx) ^ ry)
		x, y = rotate(s, x&(s-1), y&(s-1), rx, ry)
	}
	return d
}

// hilbertToXY is the inverse of xyToHilbert: it rebuilds the cell from the
// smallest quadrant up, undoing each level's rotation.
func hilbertToXY(z uint8, d uint64) (x, y uint64) {
	n := uint64(1) << z
	for s := uint64(1); s < n; s <<= 1 {
		rx := 1 & (d / 2)
		ry := 1 & (d ^ rx)
		x, y = rotate(s, x, y, rx, ry)
		x += s * rx
		y += s * ry
		d /= 4
	}
	return x, y
}

// rotate maps a cell of an s × s quadrant into the orientation of the curve in
// the quadrant selected by (rx, ry). The mapping is its own inverse, so both
// directions of the conversion use it.
func rotate(s, x, y, rx, ry uint64) (uint64, uint64) {
	if ry == 0 {
		if rx == 1 {
			x = s - 1 - x
			y = s - 1 - y
		}
		x, y = y, x
	}
	return x, y
}

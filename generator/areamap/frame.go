package areamap

import (
	"math"

	"github.com/paulmach/orb"
)

// The size of the map in pixels: fixed width, a height that follows the
// area's shape within limits, so a long thin area is neither a sliver nor
// a tower on a phone.
const (
	Width     = 480
	MinHeight = 280
	MaxHeight = 420
)

// pad is the share of the area's extent left around it, so its outline and
// its neighbours' edges show.
const pad = 0.08

// Frame places longitude/latitude in the map's pixels.
type Frame struct {
	W, H float64
	// x0, y0 are the Mercator coordinates of the top left corner and
	// scale the pixels per Mercator unit.
	x0, y0, scale float64
}

// mercator projects to Web Mercator in radians of longitude: x grows east,
// y north.
func mercator(lon, lat float64) (x, y float64) {
	lat = math.Max(-85, math.Min(85, lat))
	return lon * math.Pi / 180, math.Log(math.Tan(math.Pi/4 + lat*math.Pi/360))
}

func unmercator(x, y float64) (lon, lat float64) {
	return x * 180 / math.Pi, (2*math.Atan(math.Exp(y)) - math.Pi/2) * 180 / math.Pi
}

// minExtent is the smallest area shown, in Mercator units (about 600 m at
// British latitudes): a single point still gets streets around it.
const minExtent = 0.0001

// NewFrame fits the box b (longitude/latitude) in the map, padded and
// centred.
func NewFrame(b orb.Bound) Frame {
	x0, y0 := mercator(b.Min[0], b.Min[1])
	x1, y1 := mercator(b.Max[0], b.Max[1])
	dx, dy := math.Max(x1-x0, minExtent), math.Max(y1-y0, minExtent)
	cx, cy := (x0+x1)/2, (y0+y1)/2
	dx, dy = dx*(1+2*pad), dy*(1+2*pad)
	h := Width * dy / dx
	switch {
	case h > MaxHeight: // tall: widen to fit
		h = MaxHeight
		dx = dy * Width / h
	case h < MinHeight: // wide: heighten to fit
		h = MinHeight
		dy = dx * h / Width
	}
	return Frame{W: Width, H: h, x0: cx - dx/2, y0: cy + dy/2, scale: Width / dx}
}

// Point is lon/lat in pixels from the top left.
func (f Frame) Point(lon, lat float64) orb.Point {
	x, y := mercator(lon, lat)
	return orb.Point{(x - f.x0) * f.scale, (f.y0 - y) * f.scale}
}

// Bounds are the longitude and latitude of the map's corners: west, south,
// east, north.
func (f Frame) Bounds() [4]float64 {
	w, n := unmercator(f.x0, f.y0)
	e, s := unmercator(f.x0+f.W/f.scale, f.y0-f.H/f.scale)
	return [4]float64{w, s, e, n}
}

// LonLat is the longitude/latitude box the map shows.
func (f Frame) LonLat() orb.Bound {
	b := f.Bounds()
	return orb.Bound{Min: orb.Point{b[0], b[1]}, Max: orb.Point{b[2], b[3]}}
}

package areamap

import (
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/simplify"
)

// margin is how far outside the view shapes are clipped, in pixels, so
// that the cut edges and their strokes lie outside what is seen.
const margin = 8

// tolerance is the simplification's, in pixels.
const tolerance = 0.5

// view is the clipping box in pixels.
func (f Frame) view() orb.Bound {
	return orb.Bound{Min: orb.Point{-margin, -margin}, Max: orb.Point{f.W + margin, f.H + margin}}
}

// polygons projects mp to pixels, clipped to the view and simplified.
func (f Frame) polygons(mp orb.MultiPolygon) orb.MultiPolygon {
	px := make(orb.MultiPolygon, 0, len(mp))
	for _, p := range mp {
		q := make(orb.Polygon, 0, len(p))
		for _, r := range p {
			q = append(q, f.ring(r))
		}
		px = append(px, q)
	}
	px = clip.MultiPolygon(f.view(), px)
	out := px[:0]
	for _, p := range px {
		p = simplify.DouglasPeucker(tolerance).Polygon(p)
		if len(p) > 0 && len(p[0]) >= 4 {
			out = append(out, p)
		}
	}
	return out
}

func (f Frame) ring(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[i] = f.Point(p[0], p[1])
	}
	return out
}

// lines projects lines to pixels, clipped to the view and simplified.
func (f Frame) lines(mls orb.MultiLineString) orb.MultiLineString {
	px := make(orb.MultiLineString, 0, len(mls))
	for _, l := range mls {
		q := make(orb.LineString, len(l))
		for i, p := range l {
			q[i] = f.Point(p[0], p[1])
		}
		px = append(px, q)
	}
	px = clip.MultiLineString(f.view(), px)
	return simplify.DouglasPeucker(tolerance).MultiLineString(px)
}

// pathData writes rings or lines as SVG path data in whole pixels,
// dropping points that round onto the one before, and lines too small to
// see; closed says to close each with Z.
func pathData(b *strings.Builder, lines [][]orb.Point, closed bool) {
	var one []byte
	for _, l := range lines {
		one = one[:0]
		var px, py, n int
		for _, p := range l {
			x, y := round(p[0]), round(p[1])
			if n > 0 && x == px && y == py {
				continue
			}
			if n == 0 {
				one = append(one, 'M')
			} else {
				one = append(one, 'L')
			}
			one = strconv.AppendInt(one, int64(x), 10)
			one = append(one, ' ')
			one = strconv.AppendInt(one, int64(y), 10)
			px, py = x, y
			n++
		}
		if n < 2 || closed && n < 4 {
			continue
		}
		if closed {
			one = append(one, 'Z')
		}
		b.Write(one)
	}
}

func round(v float64) int {
	if v < 0 {
		return -int(-v + 0.5)
	}
	return int(v + 0.5)
}

// polygonPath is the path data of polygons' rings.
func polygonPath(mp orb.MultiPolygon) string {
	var b strings.Builder
	for _, p := range mp {
		rs := make([][]orb.Point, len(p))
		for i, r := range p {
			rs[i] = r
		}
		pathData(&b, rs, true)
	}
	return b.String()
}

// linePath is the path data of lines.
func linePath(mls orb.MultiLineString) string {
	var b strings.Builder
	ls := make([][]orb.Point, len(mls))
	for i, l := range mls {
		ls[i] = l
	}
	pathData(&b, ls, false)
	return b.String()
}

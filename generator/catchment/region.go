package catchment

import (
	"math"

	"github.com/paulmach/orb"
)

// region is a clip area in the plane, with its edges in a grid of buckets:
// most cells are nowhere near the boundary, and the grid tells so, and
// whether they are inside, without looking at the boundary's other
// vertices. Only cells that meet the boundary are clipped.
type region struct {
	rings [][]vec // open: the last vertex is not repeated
	polys [][]int // each polygon's rings, the outer one first
	rbox  [][4]float64
	box   [4]float64 // the bounds of every ring

	nx, ny  int
	sx, sy  float64
	buckets [][]seg
}

type seg struct{ ring, i int32 }

func newRegion(mp orb.MultiPolygon, pl plane) *region {
	r := &region{box: [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}}
	nseg := 0
	for _, poly := range mp {
		var ids []int
		for k, ring := range poly {
			var vs []vec
			for _, p := range ring {
				v := pl.fwd(p[0], p[1])
				if len(vs) == 0 || vs[len(vs)-1] != v {
					vs = append(vs, v)
				}
			}
			if len(vs) > 1 && vs[0] == vs[len(vs)-1] {
				vs = vs[:len(vs)-1]
			}
			if len(vs) < 3 {
				if k == 0 {
					break
				}
				continue
			}
			b := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
			for _, v := range vs {
				b = [4]float64{min(b[0], v.x), min(b[1], v.y), max(b[2], v.x), max(b[3], v.y)}
			}
			r.box = [4]float64{min(r.box[0], b[0]), min(r.box[1], b[1]), max(r.box[2], b[2]), max(r.box[3], b[3])}
			ids = append(ids, len(r.rings))
			r.rings = append(r.rings, vs)
			r.rbox = append(r.rbox, b)
			nseg += len(vs)
		}
		if len(ids) > 0 {
			r.polys = append(r.polys, ids)
		}
	}
	if len(r.rings) == 0 {
		r.box = [4]float64{0, 0, 0, 0}
		return r
	}
	side := min(max(int(math.Sqrt(float64(nseg)/2)), 1), 512)
	r.nx, r.ny = side, side
	r.sx = max((r.box[2]-r.box[0])/float64(side), 1e-9)
	r.sy = max((r.box[3]-r.box[1])/float64(side), 1e-9)
	r.buckets = make([][]seg, side*side)
	for ri, ring := range r.rings {
		for i := range ring {
			a, b := ring[i], ring[(i+1)%len(ring)]
			x0, x1 := r.col(min(a.x, b.x)), r.col(max(a.x, b.x))
			y0, y1 := r.row(min(a.y, b.y)), r.row(max(a.y, b.y))
			for y := y0; y <= y1; y++ {
				for x := x0; x <= x1; x++ {
					r.buckets[y*r.nx+x] = append(r.buckets[y*r.nx+x], seg{int32(ri), int32(i)})
				}
			}
		}
	}
	return r
}

func (r *region) col(x float64) int {
	return min(max(int(math.Floor((x-r.box[0])/r.sx)), 0), r.nx-1)
}

func (r *region) row(y float64) int {
	return min(max(int(math.Floor((y-r.box[1])/r.sy)), 0), r.ny-1)
}

// touched lists the rings with an edge whose bounds meet b.
func (r *region) touched(b [4]float64, into []int) []int {
	into = into[:0]
	if len(r.rings) == 0 || b[2] < r.box[0] || b[0] > r.box[2] || b[3] < r.box[1] || b[1] > r.box[3] {
		return into
	}
	for y := r.row(b[1]); y <= r.row(b[3]); y++ {
		for x := r.col(b[0]); x <= r.col(b[2]); x++ {
			for _, s := range r.buckets[y*r.nx+x] {
				ring := r.rings[s.ring]
				p, q := ring[s.i], ring[(int(s.i)+1)%len(ring)]
				if max(p.x, q.x) < b[0] || min(p.x, q.x) > b[2] || max(p.y, q.y) < b[1] || min(p.y, q.y) > b[3] {
					continue
				}
				found := false
				for _, k := range into {
					if k == int(s.ring) {
						found = true
						break
					}
				}
				if !found {
					into = append(into, int(s.ring))
				}
			}
		}
	}
	return into
}

// crossings counts the edges of ring (every ring when ring < 0) that a ray
// from p towards +x crosses. Each crossing is counted in the one bucket
// that holds its own x, so an edge in several buckets counts once.
func (r *region) crossings(p vec, ring int) int {
	if len(r.rings) == 0 || p.y < r.box[1] || p.y > r.box[3] || p.x > r.box[2] {
		return 0
	}
	n := 0
	y := r.row(p.y)
	for x := r.col(p.x); x < r.nx; x++ {
		for _, s := range r.buckets[y*r.nx+x] {
			if ring >= 0 && int(s.ring) != ring {
				continue
			}
			rg := r.rings[s.ring]
			a, b := rg[s.i], rg[(int(s.i)+1)%len(rg)]
			if (a.y > p.y) == (b.y > p.y) {
				continue
			}
			xi := a.x + (p.y-a.y)*(b.x-a.x)/(b.y-a.y)
			if xi > p.x && r.col(xi) == x {
				n++
			}
		}
	}
	return n
}

// clip returns the part of the convex, counter-clockwise cell c inside the
// region, in degrees.
func (r *region) clip(c []vec, pl plane) orb.MultiPolygon {
	if len(c) < 3 {
		return nil
	}
	b := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	var mid vec
	for _, v := range c {
		b = [4]float64{min(b[0], v.x), min(b[1], v.y), max(b[2], v.x), max(b[3], v.y)}
		mid.x += v.x / float64(len(c))
		mid.y += v.y / float64(len(c))
	}
	touched := r.touched(b, nil)
	if len(touched) == 0 {
		if r.crossings(mid, -1)%2 == 0 {
			return nil
		}
		return orb.MultiPolygon{{ring(c, pl, true)}}
	}
	var out orb.MultiPolygon
	var buf []vec
	isTouched := func(k int) bool {
		for _, t := range touched {
			if t == k {
				return true
			}
		}
		return false
	}
	for _, ids := range r.polys {
		ob := r.rbox[ids[0]]
		if ob[2] < b[0] || ob[0] > b[2] || ob[3] < b[1] || ob[1] > b[3] {
			continue
		}
		var poly orb.Polygon
		for k, id := range ids {
			var part []vec
			if isTouched(id) {
				part = clipConvex(r.rings[id], c, buf)
				if part != nil && math.Abs(area(part)) < 1 {
					part = nil
				}
			} else if r.crossings(mid, id)%2 == 1 {
				part = c // the cell lies wholly inside this ring
			}
			if k == 0 && part == nil {
				break
			}
			if k > 0 && part != nil && !isTouched(id) {
				poly = nil // wholly inside a hole
				break
			}
			if part != nil {
				poly = append(poly, ring(part, pl, k == 0))
			}
		}
		if len(poly) > 0 {
			out = append(out, poly)
		}
	}
	return out
}

// ring converts to degrees, closed, counter-clockwise when outer and
// clockwise when not.
func ring(vs []vec, pl plane, outer bool) orb.Ring {
	ccw := area(vs) > 0
	r := make(orb.Ring, 0, len(vs)+1)
	for i := range vs {
		j := i
		if ccw != outer {
			j = len(vs) - 1 - i
		}
		r = append(r, pl.inv(vs[j]))
	}
	return append(r, r[0])
}

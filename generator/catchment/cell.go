package catchment

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/store"
)

// Point is a snap point in micro-degrees.
type Point struct{ Lon, Lat store.Micro }

// unitsPerMicro is how many plane units a micro-degree of latitude is:
// enough that two points a micro-degree of longitude apart stay apart after
// rounding even where a degree of longitude is short (down to cos 1/16).
const unitsPerMicro = 16

// plane is a local equirectangular projection: x east and y north in the
// same units, true to scale at latitude lat0. Over one force (a few
// hundred kilometres at most) nearest-point questions barely change from
// the sphere's answers, which is all a catchment needs, and the points
// come out as exact integers for the predicates.
type plane struct {
	lon0, lat0 float64 // micro-degrees
	kx         float64 // units per micro-degree of longitude
}

func newPlane(pts []Point, clip orb.MultiPolygon) plane {
	minLon, minLat, maxLat := math.Inf(1), math.Inf(1), math.Inf(-1)
	add := func(lon, lat float64) {
		minLon, minLat, maxLat = min(minLon, lon), min(minLat, lat), max(maxLat, lat)
	}
	for _, p := range pts {
		add(float64(p.Lon), float64(p.Lat))
	}
	if len(clip) > 0 {
		b := clip.Bound()
		add(math.Floor(b.Min[0]*1e6), math.Floor(b.Min[1]*1e6))
		add(math.Floor(b.Min[0]*1e6), math.Ceil(b.Max[1]*1e6))
	}
	if math.IsInf(minLon, 0) {
		minLon, minLat, maxLat = 0, 0, 0
	}
	lat0 := math.Round((minLat + maxLat) / 2)
	return plane{lon0: minLon, lat0: lat0, kx: unitsPerMicro * math.Cos(lat0/1e6*math.Pi/180)}
}

func (p plane) point(q Point) (x, y float64) {
	return math.Round((float64(q.Lon) - p.lon0) * p.kx), (float64(q.Lat) - p.lat0) * unitsPerMicro
}

func (p plane) fwd(lon, lat float64) vec {
	return vec{(lon*1e6 - p.lon0) * p.kx, (lat*1e6 - p.lat0) * unitsPerMicro}
}

func (p plane) inv(v vec) orb.Point {
	return orb.Point{(p.lon0 + v.x/p.kx) / 1e6, (p.lat0 + v.y/unitsPerMicro) / 1e6}
}

type vec struct{ x, y float64 }

// Cells returns each point's catchment: its Voronoi cell among pts and
// others (the rest of the snap points that could have been chosen, whose
// own cells are not wanted), clipped to clip, in degrees, or nil where
// nothing of the cell is inside clip. A nil clip means the bounding box
// of the points, widened by a kilometre or a twentieth of its size. Points
// with the same coordinates share one cell. Outer rings run
// counter-clockwise and holes clockwise. The result depends only on the
// arguments, and each cell only on the plane, the clip area and its own
// Delaunay neighbours (see diagram.cell): a point added far away leaves
// it bit for bit the same.
func Cells(pts, others []Point, clip orb.MultiPolygon) []orb.MultiPolygon {
	if len(pts) == 0 {
		return make([]orb.MultiPolygon, 0)
	}
	if len(clip) == 0 {
		clip = Box(pts)
	}
	return cells(append(slices.Clip(pts), others...), len(pts), clip, newPlane(pts, clip))
}

// cells returns the cells of pts[:drawn] among all of pts, in plane pl.
func cells(pts []Point, drawn int, clip orb.MultiPolygon, pl plane) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, drawn)
	if drawn == 0 {
		return out
	}

	// Distinct plane points, each drawn point's index among them. Sorted by
	// their coordinates, so that an index order is a coordinate order, the
	// same in any build (see diagram.cell).
	type item struct {
		x, y float64
		i    int // index into pts
	}
	items := make([]item, 0, len(pts))
	for i, p := range pts {
		x, y := pl.point(p)
		items = append(items, item{x, y, i})
	}
	slices.SortFunc(items, func(a, b item) int {
		return cmp.Or(cmp.Compare(a.x, b.x), cmp.Compare(a.y, b.y), cmp.Compare(a.i, b.i))
	})
	var xs, ys []float64
	site := make([]int32, drawn) // pts index → distinct point
	for k, it := range items {
		if k == 0 || it.x != items[k-1].x || it.y != items[k-1].y {
			xs, ys = append(xs, it.x), append(ys, it.y)
		}
		if it.i < drawn {
			site[it.i] = int32(len(xs) - 1)
		}
	}

	reg := newRegion(clip, pl)
	box := reg.box
	for i := range xs {
		box[0], box[1] = min(box[0], xs[i]), min(box[1], ys[i])
		box[2], box[3] = max(box[2], xs[i]), max(box[3], ys[i])
	}
	d := newDiagram(triangulate(xs, ys, box))

	// Each distinct site once, shared out over the processors.
	want := slices.Clone(site)
	slices.Sort(want)
	want = slices.Compact(want)
	cells := make([]orb.MultiPolygon, len(xs))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var poly []vec
			var fan []fanVertex
			for k := w; k < len(want); k += workers {
				s := want[k]
				poly, fan = d.cell(s, poly[:0], fan[:0])
				cells[s] = reg.clip(poly, pl)
			}
		}()
	}
	wg.Wait()
	for i, s := range site {
		out[i] = cells[s]
	}
	return out
}

// diagram is the Voronoi diagram of a triangulation: its vertices are the
// triangles' circumcentres, computed once so that neighbouring cells share
// their corners exactly.
type diagram struct {
	t     *triangulation
	cc    []vec
	start []int32 // a half-edge from each point
}

func newDiagram(t *triangulation) *diagram {
	ntri := len(t.v) / 3
	d := &diagram{t: t, cc: make([]vec, ntri), start: make([]int32, len(t.x))}
	for tri := range ntri {
		// From the vertex of the lowest index, that is the lowest
		// coordinates: the rounding then depends on the three points
		// alone, not on which of them the triangulation happened to
		// store first.
		a, b, c := t.v[3*tri], t.v[3*tri+1], t.v[3*tri+2]
		switch {
		case b < a && b < c:
			a, b, c = b, c, a
		case c < a && c < b:
			a, b, c = c, a, b
		}
		d.cc[tri] = circumcentre(t.x[a], t.y[a], t.x[b], t.y[b], t.x[c], t.y[c])
	}
	for e := range t.v {
		d.start[t.v[e]] = int32(e)
	}
	return d
}

type fanVertex struct {
	c   vec
	nbr int32 // the neighbour across the half-edge the vertex came from
}

// cell is site s's Voronoi cell, counter-clockwise, appended to poly.
// It starts at the corner beside s's neighbour of the lowest coordinates,
// so that a cell whose neighbours are unchanged comes out with the same
// vertices in the same order, whatever else the triangulation holds and
// however its triangles are numbered: an archive built again with a few
// points more has the same bytes far from them.
func (d *diagram) cell(s int32, poly []vec, fan []fanVertex) ([]vec, []fanVertex) {
	t := d.t
	e0 := d.start[s]
	e := e0
	first := 0
	for {
		fan = append(fan, fanVertex{d.cc[e/3], t.v[next(e)]})
		if fan[len(fan)-1].nbr < fan[first].nbr {
			first = len(fan) - 1
		}
		e = t.h[prev(e)]
		if e == e0 || e < 0 {
			break
		}
	}
	for k := range fan {
		c := fan[(first+k)%len(fan)].c
		if n := len(poly); n == 0 || math.Abs(c.x-poly[n-1].x)+math.Abs(c.y-poly[n-1].y) > 1e-6 {
			poly = append(poly, c)
		}
	}
	if n := len(poly); n > 1 && math.Abs(poly[0].x-poly[n-1].x)+math.Abs(poly[0].y-poly[n-1].y) <= 1e-6 {
		poly = poly[:n-1]
	}
	return poly, fan
}

// Box is the clip area used without a boundary: the points' bounding box
// widened on each side by a twentieth of its size or 1 km (0.009°),
// whichever is more, so that the outermost points' cells are not slivers.
func Box(pts []Point) orb.MultiPolygon {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, p := range pts {
		b = b.Extend(orb.Point{p.Lon.Float(), p.Lat.Float()})
	}
	dx := max((b.Max[0]-b.Min[0])/20, 0.009/math.Cos(b.Center()[1]*math.Pi/180))
	dy := max((b.Max[1]-b.Min[1])/20, 0.009)
	b = orb.Bound{Min: orb.Point{b.Min[0] - dx, b.Min[1] - dy}, Max: orb.Point{b.Max[0] + dx, b.Max[1] + dy}}
	return orb.MultiPolygon{{b.ToRing()}}
}

func circumcentre(ax, ay, bx, by, cx, cy float64) vec {
	bx, by, cx, cy = bx-ax, by-ay, cx-ax, cy-ay
	d := 2 * (bx*cy - by*cx)
	b2, c2 := bx*bx+by*by, cx*cx+cy*cy
	return vec{ax + (cy*b2-by*c2)/d, ay + (bx*c2-cx*b2)/d}
}

// area is a ring's signed area, positive counter-clockwise.
func area(r []vec) float64 {
	a := 0.0
	for i := range r {
		j := i + 1
		if j == len(r) {
			j = 0
		}
		a += r[i].x*r[j].y - r[j].x*r[i].y
	}
	return a / 2
}

// clipConvex is Sutherland–Hodgman: the part of ring inside the convex,
// counter-clockwise polygon c. Where the part is in pieces they are joined
// by edges of no width along c's edges, which add no area.
func clipConvex(ring, c []vec, buf []vec) []vec {
	in := append(buf[:0], ring...)
	var out []vec
	for i := range c {
		a, b := c[i], c[(i+1)%len(c)]
		side := func(p vec) float64 { return (b.x-a.x)*(p.y-a.y) - (b.y-a.y)*(p.x-a.x) }
		out = make([]vec, 0, len(in)+4)
		for j := range in {
			p, q := in[j], in[(j+1)%len(in)]
			sp, sq := side(p), side(q)
			if sp >= 0 {
				out = append(out, p)
			}
			if (sp >= 0) != (sq >= 0) {
				t := sp / (sp - sq)
				out = append(out, vec{p.x + t*(q.x-p.x), p.y + t*(q.y-p.y)})
			}
		}
		if len(out) < 3 {
			return nil
		}
		in = out
	}
	return in
}

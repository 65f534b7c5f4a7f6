package catchment

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/crimemap/crimemap/generator/store"
)

// square is a clip area in degrees: lon0..lon1 × lat0..lat1.
func square(lon0, lat0, lon1, lat1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}}}}
}

func pt(lon, lat float64) Point {
	return Point{store.Micro(math.Round(lon * 1e6)), store.Micro(math.Round(lat * 1e6))}
}

// planeArea is the area of a shape in the plane of the points, so that
// sums are exact up to rounding whatever the latitude.
func planeArea(mp orb.MultiPolygon, pl plane) float64 {
	a := 0.0
	for _, poly := range mp {
		for k, r := range poly {
			var vs []vec
			for _, p := range r[:len(r)-1] {
				vs = append(vs, pl.fwd(p[0], p[1]))
			}
			if k == 0 {
				a += math.Abs(area(vs))
			} else {
				a -= math.Abs(area(vs))
			}
		}
	}
	return a
}

// checkTiling checks that every cell holds its own point (when the point
// is inside the clip area), that no cell is missing, and that the cells'
// areas add up to the clip area.
func checkTiling(t *testing.T, pts []Point, clip orb.MultiPolygon, cells []orb.MultiPolygon) {
	t.Helper()
	if len(cells) != len(pts) {
		t.Fatalf("%d cells for %d points", len(cells), len(pts))
	}
	pl := newPlane(pts, clip)
	seen := map[Point]bool{}
	sum := 0.0
	for i, p := range pts {
		q := orb.Point{p.Lon.Float(), p.Lat.Float()}
		if planar.MultiPolygonContains(clip, q) && !planar.MultiPolygonContains(cells[i], q) && !onEdge(cells[i], q) {
			t.Errorf("cell %d does not hold its point %v: %v", i, q, cells[i])
		}
		if !seen[p] {
			seen[p] = true
			sum += planeArea(cells[i], pl)
		}
	}
	want := planeArea(clip, pl)
	if math.Abs(sum-want) > 1e-6*want {
		t.Errorf("cells add up to %.6g, the clip area is %.6g", sum, want)
	}
}

// onEdge is true when q is within a millimetre or so of one of mp's edges:
// a point on its cell's edge is held by it in every sense that matters.
func onEdge(mp orb.MultiPolygon, q orb.Point) bool {
	for _, poly := range mp {
		for _, r := range poly {
			for i := 1; i < len(r); i++ {
				if planar.DistanceFromSegment(r[i-1], r[i], q) < 1e-8 {
					return true
				}
			}
		}
	}
	return false
}

func TestSquareOfFour(t *testing.T) {
	// Four points at the middles of the quarters of a square: each cell is
	// its quarter, whichever diagonal the triangulation took.
	clip := square(0, 0, 0.02, 0.02)
	pts := []Point{pt(0.005, 0.005), pt(0.015, 0.005), pt(0.015, 0.015), pt(0.005, 0.015)}
	cells := Cells(pts, nil, clip)
	checkTiling(t, pts, clip, cells)
	pl := newPlane(pts, clip)
	quarter := planeArea(clip, pl) / 4
	for i, c := range cells {
		if a := planeArea(c, pl); math.Abs(a-quarter) > 1e-6*quarter {
			t.Errorf("cell %d has area %.6g, want a quarter, %.6g", i, a, quarter)
		}
		b := c.Bound()
		p := orb.Point{pts[i].Lon.Float(), pts[i].Lat.Float()}
		if math.Abs(b.Center()[0]-p[0]) > 1e-6 || math.Abs(b.Center()[1]-p[1]) > 1e-6 {
			t.Errorf("cell %d is centred on %v, want %v", i, b.Center(), p)
		}
	}
}

func TestCollinear(t *testing.T) {
	// Points on one line: the cells are strips between the perpendicular
	// bisectors.
	clip := square(-0.01, -0.01, 0.05, 0.01)
	var pts []Point
	for i := range 5 {
		pts = append(pts, pt(float64(i)*0.01, 0))
	}
	cells := Cells(pts, nil, clip)
	checkTiling(t, pts, clip, cells)
	for i, c := range cells {
		b := c.Bound()
		lo, hi := float64(i)*0.01-0.005, float64(i)*0.01+0.005
		if i == 0 {
			lo = -0.01
		}
		if i == 4 {
			hi = 0.05
		}
		if math.Abs(b.Min[0]-lo) > 1e-6 || math.Abs(b.Max[0]-hi) > 1e-6 {
			t.Errorf("cell %d spans %.6f..%.6f, want %.6f..%.6f", i, b.Min[0], b.Max[0], lo, hi)
		}
	}
}

func TestDuplicatesShareACell(t *testing.T) {
	clip := square(0, 0, 0.02, 0.02)
	pts := []Point{pt(0.005, 0.005), pt(0.015, 0.015), pt(0.005, 0.005)}
	cells := Cells(pts, nil, clip)
	checkTiling(t, pts, clip, cells)
	if !orb.Equal(cells[0], cells[2]) {
		t.Errorf("duplicates have different cells: %v and %v", cells[0], cells[2])
	}
}

func TestOneAndNone(t *testing.T) {
	clip := square(0, 0, 0.02, 0.02)
	pts := []Point{pt(0.005, 0.005)}
	cells := Cells(pts, nil, clip)
	checkTiling(t, pts, clip, cells)
	if got := Cells(nil, nil, clip); len(got) != 0 {
		t.Errorf("no points gave %d cells", len(got))
	}
}

func TestOthersTakeTheirShare(t *testing.T) {
	// A second snap point that published nothing still takes the half of
	// the square nearer it.
	clip := square(0, 0, 0.02, 0.01)
	pts := []Point{pt(0.005, 0.005)}
	cells := Cells(pts, []Point{pt(0.015, 0.005)}, clip)
	if b := cells[0].Bound(); math.Abs(b.Max[0]-0.01) > 1e-6 {
		t.Errorf("cell reaches %.6f, want 0.01", b.Max[0])
	}
}

func TestHoleAndIslands(t *testing.T) {
	// A square with a hole, and an island apart: the cells cover exactly
	// the land.
	clip := orb.MultiPolygon{
		{
			{{0, 0}, {0.04, 0}, {0.04, 0.04}, {0, 0.04}, {0, 0}},
			{{0.01, 0.01}, {0.01, 0.03}, {0.03, 0.03}, {0.03, 0.01}, {0.01, 0.01}},
		},
		{{{0.06, 0}, {0.07, 0}, {0.07, 0.01}, {0.06, 0.01}, {0.06, 0}}},
	}
	pts := []Point{pt(0.005, 0.005), pt(0.035, 0.035), pt(0.02, 0.02), pt(0.035, 0.005)}
	cells := Cells(pts, nil, clip)
	checkTiling(t, pts, clip, cells)
}

func TestBoxWithoutBoundary(t *testing.T) {
	pts := []Point{pt(-1.5, 53), pt(-1.49, 53.01), pt(-1.48, 53)}
	cells := Cells(pts, nil, nil)
	checkTiling(t, pts, Box(pts), cells)
}

func TestRandom(t *testing.T) {
	// Random points, many on a coarse grid so that lines of three and
	// circles of four are common, in a boundary with a bite out of it.
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 7))
		clip := orb.MultiPolygon{{{{-2, 52}, {-1.8, 52}, {-1.8, 52.2}, {-1.9, 52.1}, {-2, 52.2}, {-2, 52}}}}
		n := 1 + r.IntN(400)
		pts := make([]Point, n)
		for i := range pts {
			if r.IntN(2) == 0 {
				pts[i] = pt(-2+float64(r.IntN(10))*0.02, 52+float64(r.IntN(10))*0.02)
			} else {
				pts[i] = pt(-2.02+r.Float64()*0.24, 51.98+r.Float64()*0.24)
			}
		}
		cells := Cells(pts, nil, clip)
		checkTiling(t, pts, clip, cells)
		again := Cells(pts, nil, clip)
		for i := range cells {
			if !orb.Equal(cells[i], again[i]) {
				t.Fatalf("seed %d: cell %d differs between runs", seed, i)
			}
		}
	}
}

func TestTriangulationIsDelaunay(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	var xs, ys []float64
	seen := map[[2]float64]bool{}
	for len(xs) < 2000 {
		p := [2]float64{float64(r.IntN(60)), float64(r.IntN(60))}
		if !seen[p] {
			seen[p] = true
			xs, ys = append(xs, p[0]), append(ys, p[1])
		}
	}
	tr := triangulate(xs, ys, [4]float64{0, 0, 60, 60})
	for e := range tr.v {
		e := int32(e)
		f := tr.h[e]
		if f < 0 {
			continue
		}
		if tr.h[f] != e || tr.v[f] != tr.v[next(e)] || tr.v[next(f)] != tr.v[e] {
			t.Fatalf("half-edges %d and %d are not twins", e, f)
		}
		a, b, p, q := tr.v[e], tr.v[next(e)], tr.v[prev(e)], tr.v[prev(f)]
		if inCircle(tr.x[a], tr.y[a], tr.x[b], tr.y[b], tr.x[p], tr.y[p], tr.x[q], tr.y[q]) > 0 {
			t.Fatalf("edge %d-%d is not Delaunay", a, b)
		}
	}
	for tri := 0; tri < len(tr.v)/3; tri++ {
		a, b, c := tr.v[3*tri], tr.v[3*tri+1], tr.v[3*tri+2]
		if orient(tr.x[a], tr.y[a], tr.x[b], tr.y[b], tr.x[c], tr.y[c]) <= 0 {
			t.Fatalf("triangle %d is not counter-clockwise", tri)
		}
	}
	if got, want := len(tr.v)/3, 2*(len(xs)+3)-2-3; got != want {
		t.Errorf("%d triangles, want %d (2n-2-h with the enclosing triangle as hull)", got, want)
	}
}

func TestPredicatesExact(t *testing.T) {
	// Nearly on a line and nearly on a circle at the sizes the build uses:
	// the float filter must hand these to the exact test.
	big := float64(1 << 33)
	if o := orient(0, 0, big, big+1, big-1, big); o != 1 {
		t.Errorf("orient = %d, want 1", o)
	}
	if o := orient(0, 0, big, big, big/2, big/2); o != 0 {
		t.Errorf("orient of a line = %d, want 0", o)
	}
	if c := inCircle(0, 0, big, 0, big, big, 0, big); c != 0 {
		t.Errorf("inCircle of a square = %d, want 0", c)
	}
	if c := inCircle(0, 0, big, 0, big, big, 1, big); c != 1 {
		t.Errorf("inCircle just inside = %d, want 1", c)
	}
	if c := inCircle(0, 0, big, 0, big, big, -1, big); c != -1 {
		t.Errorf("inCircle just outside = %d, want -1", c)
	}
}

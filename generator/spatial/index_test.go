package spatial

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func square(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

func TestLocate(t *testing.T) {
	nan := math.NaN()
	withHole := orb.MultiPolygon{{square(0, 0, 10, 10), square(4, 4, 6, 6)}}
	twoParts := orb.MultiPolygon{{square(0, 0, 1, 1)}, {square(5, 5, 6, 6)}}
	open := orb.MultiPolygon{{orb.Ring{{0, 0}, {2, 0}, {2, 2}, {0, 2}}}}
	type query struct {
		p    orb.Point
		want int // -1 for none
	}
	tests := []struct {
		name    string
		polys   []orb.MultiPolygon
		queries []query
	}{
		{"square with a hole", []orb.MultiPolygon{withHole}, []query{
			{orb.Point{1, 1}, 0},
			{orb.Point{5, 5}, -1},    // in the hole
			{orb.Point{4.5, 7}, 0},   // beside the hole
			{orb.Point{11, 5}, -1},   // right of it
			{orb.Point{-1e6, 5}, -1}, // far away
		}},
		{"multipolygon", []orb.MultiPolygon{twoParts}, []query{
			{orb.Point{0.5, 0.5}, 0},
			{orb.Point{5.5, 5.5}, 0},
			{orb.Point{3, 3}, -1},
		}},
		{"overlapping gives the lowest index", []orb.MultiPolygon{
			{{square(2, 2, 8, 8)}},
			{{square(0, 0, 10, 10)}},
			{{square(1, 1, 9, 9)}},
		}, []query{
			{orb.Point{5, 5}, 0},
			{orb.Point{1.5, 1.5}, 1},
			{orb.Point{0.5, 0.5}, 1},
			{orb.Point{11, 11}, -1},
		}},
		{"later polygon inside a hole of an earlier one", []orb.MultiPolygon{
			withHole,
			{{square(4.5, 4.5, 5.5, 5.5)}},
		}, []query{
			{orb.Point{5, 5}, 1},
			{orb.Point{4.2, 4.2}, -1},
			{orb.Point{2, 2}, 0},
		}},
		{"open ring", []orb.MultiPolygon{open}, []query{
			{orb.Point{1, 1}, 0},
			{orb.Point{3, 1}, -1},
		}},
		{"empty input", nil, []query{
			{orb.Point{0, 0}, -1},
			{orb.Point{nan, nan}, -1},
		}},
		{"empty polygons, rings and NaN vertices", []orb.MultiPolygon{
			nil,
			{},
			{{}},
			{{orb.Ring{}}},
			{{orb.Ring{{0, 0}, {1, 1}}}},             // too short to enclose anything
			{{orb.Ring{{0, 0}, {5, 0}, {9, 0}}}},     // only horizontal edges
			{{orb.Ring{{nan, 0}, {1, nan}, {2, 2}}}}, // NaN vertices dropped
			{{orb.Ring{{0, 0}, {4, 0}, {math.Inf(1), 2}, {4, 4}, {nan, nan}, {0, 4}, {0, 0}}}},
		}, []query{
			{orb.Point{1, 1}, 7},
			{orb.Point{5, 1}, -1},
			{orb.Point{nan, 1}, -1},
			{orb.Point{1, nan}, -1},
			{orb.Point{math.Inf(1), 1}, -1},
		}},
		{"point far outside", []orb.MultiPolygon{withHole}, []query{
			{orb.Point{179, 89}, -1},
			{orb.Point{-179, -89}, -1},
			{orb.Point{math.MaxFloat64, 0}, -1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := New(tt.polys)
			if ix.Len() != len(tt.polys) {
				t.Errorf("Len = %d, want %d", ix.Len(), len(tt.polys))
			}
			for _, q := range tt.queries {
				got, ok := ix.Locate(q.p)
				if got != q.want || ok != (q.want >= 0) {
					t.Errorf("Locate(%v) = %d, %v; want %d", q.p, got, ok, q.want)
				}
				if want := bruteForce(tt.polys)(q.p); got != want {
					t.Errorf("Locate(%v) = %d; brute force says %d", q.p, got, want)
				}
			}
		})
	}
}

func TestContains(t *testing.T) {
	ix := New([]orb.MultiPolygon{{{square(0, 0, 10, 10), square(4, 4, 6, 6)}}})
	for _, tt := range []struct {
		k    int
		p    orb.Point
		want bool
	}{
		{0, orb.Point{1, 1}, true},
		{0, orb.Point{5, 5}, false},
		{-1, orb.Point{1, 1}, false},
		{1, orb.Point{1, 1}, false},
	} {
		if got := ix.Contains(tt.k, tt.p); got != tt.want {
			t.Errorf("Contains(%d, %v) = %v, want %v", tt.k, tt.p, got, tt.want)
		}
	}
}

// bruteForce is the specification: scan every polygon in order and apply
// the ray test to every edge of every ring, closing rings as it goes. The
// rings are cleaned once, so that the scan is fast enough to run often.
func bruteForce(polys []orb.MultiPolygon) func(orb.Point) int {
	clean := make([][][]orb.Ring, len(polys))
	for k, mp := range polys {
		for _, poly := range mp {
			var rings []orb.Ring
			for _, ring := range poly {
				var r orb.Ring
				for _, q := range ring {
					if finite(q) {
						r = append(r, q)
					}
				}
				if len(r) >= 3 {
					rings = append(rings, r)
				}
			}
			clean[k] = append(clean[k], rings)
		}
	}
	return func(p orb.Point) int {
		for k, mp := range clean {
			for _, poly := range mp {
				in := false
				for _, r := range poly {
					for i := range r {
						if crosses(r[i], r[(i+1)%len(r)], p) {
							in = !in
						}
					}
				}
				if in {
					return k
				}
			}
		}
		return -1
	}
}

// star returns a random simple polygon, star-shaped around c, with n
// vertices; with a hole, the same star shrunk around c (so the hole lies
// strictly inside and the polygon stays valid).
func star(rng *rand.Rand, c orb.Point, radius float64, n int, hole bool) orb.Polygon {
	outer := make(orb.Ring, 0, n+1)
	radii := make([]float64, n)
	for i := range n {
		radii[i] = radius * (0.3 + 0.7*rng.Float64())
		a := 2 * math.Pi * float64(i) / float64(n)
		outer = append(outer, orb.Point{c[0] + radii[i]*math.Cos(a), c[1] + radii[i]*math.Sin(a)})
	}
	outer = append(outer, outer[0])
	poly := orb.Polygon{outer}
	if hole {
		inner := make(orb.Ring, 0, n+1)
		for i := n - 1; i >= 0; i-- {
			a := 2 * math.Pi * float64(i) / float64(n)
			inner = append(inner, orb.Point{c[0] + 0.5*radii[i]*math.Cos(a), c[1] + 0.5*radii[i]*math.Sin(a)})
		}
		poly = append(poly, append(inner, inner[0]))
	}
	return poly
}

// TestLocateMatchesBruteForce compares Locate with a scan on random,
// overlapping polygons, at random points and at the awkward ones: vertices,
// edge midpoints and points level with vertices.
func TestLocateMatchesBruteForce(t *testing.T) {
	for seed := range uint64(12) {
		rng := rand.New(rand.NewPCG(seed, 7))
		npolys := 1 + rng.IntN(60)
		polys := make([]orb.MultiPolygon, npolys)
		for k := range polys {
			c := orb.Point{-5 + 10*rng.Float64(), 50 + 5*rng.Float64()}
			mp := orb.MultiPolygon{star(rng, c, 0.1+rng.Float64(), 3+rng.IntN(40), rng.IntN(2) == 0)}
			if rng.IntN(3) == 0 {
				c2 := orb.Point{c[0] + 2*rng.Float64(), c[1] + 2*rng.Float64()}
				mp = append(mp, star(rng, c2, 0.5*rng.Float64()+0.01, 3+rng.IntN(10), false))
			}
			polys[k] = mp
		}
		ix := New(polys)
		scan := bruteForce(polys)

		var pts []orb.Point
		for range 5000 {
			pts = append(pts, orb.Point{-7 + 14*rng.Float64(), 48 + 10*rng.Float64()})
		}
		for _, mp := range polys {
			for _, poly := range mp {
				for _, ring := range poly {
					for i := 0; i+1 < len(ring); i++ {
						a, b := ring[i], ring[i+1]
						pts = append(pts, a, orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2},
							orb.Point{a[0] - 1e-12, a[1]}, orb.Point{a[0] + 0.01, a[1]})
					}
				}
			}
		}
		planarChecked := 0
		for i, p := range pts {
			got, ok := ix.Locate(p)
			want := scan(p)
			if got != want || ok != (want >= 0) {
				t.Fatalf("seed %d: Locate(%v) = %d, %v; brute force says %d", seed, p, got, ok, want)
			}
			// An independent check where boundaries cannot interfere:
			// orb/planar counts boundary points as inside, we need not.
			if i < 5000 && onNoBoundary(polys, p) {
				planarChecked++
				if pw := planarLocate(polys, p); pw != got {
					t.Fatalf("seed %d: Locate(%v) = %d; planar says %d", seed, p, got, pw)
				}
			}
		}
		if planarChecked < 4900 {
			t.Fatalf("seed %d: only %d points checked against planar", seed, planarChecked)
		}
	}
}

// TestLocateOnALattice uses polygons with vertices on a coarse lattice and
// queries every lattice point, so that many queries lie exactly on edges
// and vertices, where only exact agreement with the scan will do.
func TestLocateOnALattice(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var polys []orb.MultiPolygon
	for range 40 {
		n := 3 + rng.IntN(8)
		r := make(orb.Ring, n)
		for i := range r {
			r[i] = orb.Point{float64(rng.IntN(20)) * 0.25, float64(rng.IntN(20)) * 0.25}
		}
		polys = append(polys, orb.MultiPolygon{{r}})
	}
	ix := New(polys)
	scan := bruteForce(polys)
	for i := -4; i < 90; i++ {
		for j := -4; j < 90; j++ {
			p := orb.Point{float64(i) * 0.0625, float64(j) * 0.0625}
			got, _ := ix.Locate(p)
			if want := scan(p); got != want {
				t.Fatalf("Locate(%v) = %d; brute force says %d", p, got, want)
			}
		}
	}
}

func planarLocate(polys []orb.MultiPolygon, p orb.Point) int {
	for k, mp := range polys {
		if planar.MultiPolygonContains(mp, p) {
			return k
		}
	}
	return -1
}

// onNoBoundary reports whether p is clear of every edge by a visible margin.
func onNoBoundary(polys []orb.MultiPolygon, p orb.Point) bool {
	for _, mp := range polys {
		for _, poly := range mp {
			for _, ring := range poly {
				for i := 0; i+1 < len(ring); i++ {
					if segmentDistance2(ring[i], ring[i+1], p) < 1e-18 {
						return false
					}
				}
			}
		}
	}
	return true
}

// segmentDistance2 is the squared distance from p to the segment a–b.
func segmentDistance2(a, b, p orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = min(max(((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l, 0), 1)
	}
	ex, ey := p[0]-a[0]-t*dx, p[1]-a[1]-t*dy
	return ex*ex + ey*ey
}

func TestLocateConcurrently(t *testing.T) {
	polys := tessellation(20, 10, 40)
	ix := New(polys)
	rng := rand.New(rand.NewPCG(3, 4))
	pts := randomPoints(rng, 2000)
	want := make([]int, len(pts))
	for i, p := range pts {
		want[i], _ = ix.Locate(p)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i, p := range pts {
				if got, _ := ix.Locate(p); got != want[i] {
					t.Errorf("Locate(%v) = %d concurrently, %d alone", p, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestTessellation checks that a tiling with shared, wiggly boundaries
// assigns each point to exactly the polygon the scan finds, and that points
// inside the tiling always land somewhere.
func TestTessellation(t *testing.T) {
	polys := tessellation(30, 15, 60)
	ix := New(polys)
	scan := bruteForce(polys)
	rng := rand.New(rand.NewPCG(5, 6))
	for _, p := range randomPoints(rng, 10000) {
		got, ok := ix.Locate(p)
		if want := scan(p); got != want {
			t.Fatalf("Locate(%v) = %d; brute force says %d", p, got, want)
		}
		// The outermost sides wiggle too, so only the inner area is tiled
		// for certain.
		inner := p[0] > tileX0+0.3 && p[0] < tileX1-0.3 && p[1] > tileY0+0.3 && p[1] < tileY1-0.3
		if !ok && inner && onNoBoundary(polys, p) {
			t.Fatalf("Locate(%v) found nothing inside the tiling", p)
		}
	}
}

// The tilings cover roughly England and Wales.
const (
	tileX0, tileX1 = -5.7, 1.8
	tileY0, tileY1 = 50.0, 55.8
)

func randomPoints(rng *rand.Rand, n int) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{tileX0 + (tileX1-tileX0)*rng.Float64(), tileY0 + (tileY1-tileY0)*rng.Float64()}
	}
	return pts
}

// wiggle is a side's offset, as a fraction of the tile size: a meander
// along the side plus small jitter from vertex to vertex, as real boundaries
// follow roads and rivers.
func wiggle(side int, t float64, s int) float64 {
	return 0.15*math.Sin(3*math.Pi*t+float64(side)) + 0.01*math.Sin(float64(side+s)*1.7)
}

// tessellation tiles the area with nx×ny polygons whose sides wiggle, each
// side made of perSide edges. Neighbours share their boundary exactly,
// because each wiggle is a function of the global position alone, as with
// real neighbourhood boundaries.
func tessellation(nx, ny, perSide int) []orb.MultiPolygon {
	dx, dy := (tileX1-tileX0)/float64(nx), (tileY1-tileY0)/float64(ny)
	// Corners stay put; in between, a vertical side at column i wiggles in
	// x and a horizontal side at row j wiggles in y.
	vertical := func(i, j, s int) orb.Point {
		t := float64(s) / float64(perSide)
		w := dx * math.Sin(math.Pi*t) * wiggle(i*7+j*13, t, s)
		return orb.Point{tileX0 + float64(i)*dx + w, tileY0 + (float64(j)+t)*dy}
	}
	horizontal := func(i, j, s int) orb.Point {
		t := float64(s) / float64(perSide)
		w := dy * math.Sin(math.Pi*t) * wiggle(i*11+j*5, t, s)
		return orb.Point{tileX0 + (float64(i)+t)*dx, tileY0 + float64(j)*dy + w}
	}
	var polys []orb.MultiPolygon
	for j := range ny {
		for i := range nx {
			r := make(orb.Ring, 0, 4*perSide+1)
			for s := range perSide {
				r = append(r, horizontal(i, j, s))
			}
			for s := range perSide {
				r = append(r, vertical(i+1, j, s))
			}
			for s := perSide; s > 0; s-- {
				r = append(r, horizontal(i, j+1, s))
			}
			for s := perSide; s > 0; s-- {
				r = append(r, vertical(i, j, s))
			}
			r = append(r, r[0])
			polys = append(polys, orb.MultiPolygon{{r}})
		}
	}
	return polys
}

// TestExtremeInput checks that absurd coordinates neither panic nor hang.
func TestExtremeInput(t *testing.T) {
	big := math.MaxFloat64
	var zigzag orb.Ring // tall edges that span every band and row
	for i := range 20000 {
		zigzag = append(zigzag, orb.Point{float64(i) * 1e-4, float64(i % 2)})
	}
	zigzag = append(zigzag, orb.Point{0, 2})
	for _, polys := range [][]orb.MultiPolygon{
		{{{zigzag}}},
		{{{square(-big, -big, big, big)}}},
		{{{square(0, 0, 1e-300, 1e-300)}}},
		{{{orb.Ring{{0, 0}, {1e-320, 0}, {0, 1e-320}}}}},
		{{{square(0, 0, 1, 1)}}, {{square(1e300, 1e300, 1e301, 1e301)}}},
		{{{orb.Ring{{0, 0}, {0, 1}, {0, 2}, {0, 0}}}}}, // no area
	} {
		ix := New(polys)
		for _, p := range []orb.Point{{0, 0}, {0.5, 0.5}, {big, big}, {-big, 0}, {1e-321, 1e-321}, {math.NaN(), 0}} {
			ix.Locate(p)
		}
	}
}

package spatial

import (
	"math"

	"github.com/paulmach/orb"
)

// part is one orb.Polygon of a multipolygon. Its edges are bucketed into
// horizontal bands of equal height: a horizontal ray at y can only cross
// edges whose vertical extent includes y, and those are all in y's band.
type part struct {
	minY, maxY float64 // vertical extent of the part's crossing edges
	scale      float64 // bands per unit of y
	nbands     int32
	bands      int32 // offset of this part's band table in Index.bandOff
}

// Band tables are sized for about this many edges per band, and shrunk while
// long edges that span many bands would make the table too big.
const (
	edgesPerBand  = 4
	maxBands      = 1 << 16
	maxDuplicates = 8 // band entries per edge, on average
)

// crosses reports whether the ray from p towards +x crosses the edge a→b.
// The half-open test on y counts a ray through a vertex once, and never
// counts horizontal edges; every containment answer in this package comes
// from this one function, so the grid and a brute-force scan always agree.
func crosses(a, b, p orb.Point) bool {
	if (a[1] > p[1]) == (b[1] > p[1]) {
		return false
	}
	return p[0] < a[0]+(p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1])
}

// band maps y to a band of n bands starting at lo. It is monotonic in y,
// which is what makes bucketing exact: an edge stored in the bands of its
// lowest and highest y is in the band of every y between them.
func band(y, lo, scale float64, n int32) int32 {
	f := (y - lo) * scale
	if !(f > 0) {
		return 0
	}
	if f >= float64(n) {
		return n - 1
	}
	return int32(f)
}

// partContains applies the even-odd rule over the rings of one part.
func (ix *Index) partContains(pt *part, p orb.Point) bool {
	y := p[1]
	// A crossing needs min ≤ y < max for the edge, so nothing outside
	// [minY, maxY) can be inside.
	if !(y >= pt.minY && y < pt.maxY) {
		return false
	}
	b := pt.bands + band(y, pt.minY, pt.scale, pt.nbands)
	in := false
	for _, e := range ix.bandEdges[ix.bandOff[b]:ix.bandOff[b+1]] {
		if crosses(ix.pts[e], ix.pts[e+1], p) {
			in = !in
		}
	}
	return in
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

// builder holds what New needs only while building.
type builder struct {
	ix *Index
	// rings[partRings[j]:partRings[j+1]] are the vertex ranges [start, end)
	// in ix.pts of part j's rings.
	rings     [][2]int32
	partRings []int32
	edges     int // edges kept, for sizing the grid
}

func newBuilder(polys, vertices int) *builder {
	return &builder{
		ix: &Index{
			polyParts: make([]int32, 1, polys+1),
			pts:       make([]orb.Point, 0, vertices),
			// Edges spanning several bands are stored once per band;
			// twice the vertex count is typical.
			bandEdges: make([]int32, 0, 2*vertices),
		},
		partRings: []int32{0},
	}
}

func (b *builder) addMultiPolygon(mp orb.MultiPolygon) {
	for _, poly := range mp {
		b.addPolygon(poly)
	}
	b.ix.polyParts = append(b.ix.polyParts, int32(len(b.ix.parts)))
}

// addPolygon copies one polygon's usable rings and buckets its edges. A part
// that cannot contain anything (no ring of three finite vertices, or only
// horizontal edges) is dropped.
func (b *builder) addPolygon(poly orb.Polygon) {
	ix := b.ix
	start, ringStart := len(ix.pts), len(b.rings)
	for _, ring := range poly {
		rs := len(ix.pts)
		for _, q := range ring {
			if finite(q) {
				ix.pts = append(ix.pts, q)
			}
		}
		if len(ix.pts)-rs < 3 {
			ix.pts = ix.pts[:rs]
			continue
		}
		if ix.pts[rs] != ix.pts[len(ix.pts)-1] {
			ix.pts = append(ix.pts, ix.pts[rs])
		}
		b.rings = append(b.rings, [2]int32{int32(rs), int32(len(ix.pts))})
	}
	rings := b.rings[ringStart:]

	n := 0
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, r := range rings {
		for e := r[0]; e < r[1]-1; e++ {
			y0, y1 := ix.pts[e][1], ix.pts[e+1][1]
			if y0 != y1 {
				n++
				minY, maxY = min(minY, y0, y1), max(maxY, y0, y1)
			}
		}
	}
	if n == 0 {
		ix.pts = ix.pts[:start]
		b.rings = b.rings[:ringStart]
		return
	}

	pt := part{minY: minY, maxY: maxY, bands: int32(len(ix.bandOff))}
	// Tall edges are stored in every band they span; halve the bands until
	// that duplication is bounded, counting spans without visiting them so
	// that even a polygon of tall zig-zags is cheap to size.
	nb := int32(min(max(n/edgesPerBand, 1), maxBands))
	for {
		pt.nbands, pt.scale = nb, float64(nb)/(maxY-minY)
		total := 0
		b.eachCrossingEdge(rings, func(e int32, lo, hi float64) {
			total += int(band(hi, minY, pt.scale, nb)-band(lo, minY, pt.scale, nb)) + 1
		})
		if total <= maxDuplicates*n || nb == 1 {
			break
		}
		nb /= 2
	}
	counts := make([]int32, nb+1)
	b.eachCrossingEdge(rings, func(e int32, lo, hi float64) {
		for k := band(lo, minY, pt.scale, nb); k <= band(hi, minY, pt.scale, nb); k++ {
			counts[k+1]++
		}
	})
	base := int32(len(ix.bandEdges))
	for k := range counts {
		if k > 0 {
			counts[k] += counts[k-1]
		}
		ix.bandOff = append(ix.bandOff, base+counts[k])
	}
	ix.bandEdges = append(ix.bandEdges, make([]int32, counts[nb])...)
	cursor := counts[:nb]
	b.eachCrossingEdge(rings, func(e int32, lo, hi float64) {
		for k := band(lo, minY, pt.scale, nb); k <= band(hi, minY, pt.scale, nb); k++ {
			ix.bandEdges[base+cursor[k]] = e
			cursor[k]++
		}
	})

	ix.parts = append(ix.parts, pt)
	b.partRings = append(b.partRings, int32(len(b.rings)))
	b.edges += n
}

// eachCrossingEdge calls fn for every non-horizontal edge of rings (the only
// edges crosses can count) with the edge's lowest and highest y.
func (b *builder) eachCrossingEdge(rings [][2]int32, fn func(e int32, lo, hi float64)) {
	pts := b.ix.pts
	for _, r := range rings {
		for e := r[0]; e < r[1]-1; e++ {
			y0, y1 := pts[e][1], pts[e+1][1]
			if y0 != y1 {
				fn(e, min(y0, y1), max(y0, y1))
			}
		}
	}
}

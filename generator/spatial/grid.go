package spatial

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// grid is a uniform grid over the bounding box of every kept vertex.
//
// A cell is "touched" by a polygon when one of the polygon's edges passes
// within margin of it. Inside a cell no edge of a polygon touches, that
// polygon's containment answer is the same for every point: the ray test is
// exact for points that far from the boundary, and the cell is connected.
// So the cell's cover (the lowest polygon containing it, or -1) is decided
// once from its centre, and only the touching polygons below the cover are
// listed for an exact test.
type grid struct {
	x0, y0, x1, y1 float64 // extent, padded by the margin
	sx, sy         float64 // cells per unit of x and y
	nx, ny         int
	cover          []int32 // per cell
	cellOff        []int32 // per cell, into cellPolys; len cells+1
	cellPolys      []int32
}

// maxCells bounds the grid's memory (about 12 bytes a cell while building)
// whatever the input.
const (
	maxCells     = 1 << 22
	cellsPerPoly = 64
)

func (g *grid) col(x float64) int {
	f := (x - g.x0) * g.sx
	if !(f > 0) {
		return 0
	}
	if f >= float64(g.nx) {
		return g.nx - 1
	}
	return int(f)
}

func (g *grid) row(y float64) int {
	f := (y - g.y0) * g.sy
	if !(f > 0) {
		return 0
	}
	if f >= float64(g.ny) {
		return g.ny - 1
	}
	return int(f)
}

type touch struct{ cell, poly int32 }

func (b *builder) buildGrid() {
	ix := b.ix
	g := &ix.grid
	if len(ix.pts) == 0 {
		// An extent that rejects every point, NaN included.
		g.x0, g.y0, g.x1, g.y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		return
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, p := range ix.pts {
		minX, maxX = min(minX, p[0]), max(maxX, p[0])
		minY, maxY = min(minY, p[1]), max(maxY, p[1])
	}
	// The margin dwarfs the rounding error of intersecting an edge with a
	// line (a few ulps of the coordinates) and is far below any real
	// feature (1e-9 degrees is 0.1 mm).
	maxAbs := max(1, -minX, maxX, -minY, maxY)
	m := 1e-9 * maxAbs
	g.x0, g.x1 = minX-2*m, maxX+2*m
	g.y0, g.y1 = minY-2*m, maxY+2*m

	// About one cell per edge, so that few edges and few polygons share a
	// cell, with square-ish cells.
	target := min(max(b.edges, cellsPerPoly*ix.Len(), 16), maxCells)
	w, h := g.x1-g.x0, g.y1-g.y0
	f := math.Sqrt(float64(target) * w / h)
	switch {
	case !(f >= 1):
		g.nx = 1
	case f >= float64(target):
		g.nx = target
	default:
		g.nx = int(f)
	}
	g.ny = max(target/g.nx, 1)
	g.sx, g.sy = float64(g.nx)/w, float64(g.ny)/h
	cells := g.nx * g.ny

	g.cover = make([]int32, cells)
	stamp := make([]int32, cells)
	for i := range cells {
		g.cover[i], stamp[i] = -1, -1
	}
	var pairs []touch
	for k := range ix.Len() {
		k32 := int32(k)
		mark := func(cell int) {
			if stamp[cell] != k32 {
				stamp[cell] = k32
				pairs = append(pairs, touch{int32(cell), k32})
			}
		}
		bx0, by0 := math.Inf(1), math.Inf(1)
		bx1, by1 := math.Inf(-1), math.Inf(-1)
		for j := ix.polyParts[k]; j < ix.polyParts[k+1]; j++ {
			for _, r := range b.rings[b.partRings[j]:b.partRings[j+1]] {
				for e := r[0]; e < r[1]-1; e++ {
					p, q := ix.pts[e], ix.pts[e+1]
					g.markEdge(p, q, m, mark)
					bx0, bx1 = min(bx0, p[0]), max(bx1, p[0])
					by0, by1 = min(by0, p[1]), max(by1, p[1])
				}
			}
		}
		if bx0 > bx1 {
			continue // no parts
		}
		g.coverCells(ix, k32, stamp, bx0, by0, bx1, by1)
	}

	// Polygons at or above a cell's cover can never be the answer there.
	g.cellOff = make([]int32, cells+1)
	keep := func(t touch) bool { c := g.cover[t.cell]; return c < 0 || t.poly < c }
	for _, t := range pairs {
		if keep(t) {
			g.cellOff[t.cell+1]++
		}
	}
	for i := 1; i <= cells; i++ {
		g.cellOff[i] += g.cellOff[i-1]
	}
	g.cellPolys = make([]int32, g.cellOff[cells])
	cursor := slices.Clone(g.cellOff[:cells])
	// pairs are in ascending polygon order, so each cell's list is too.
	for _, t := range pairs {
		if keep(t) {
			g.cellPolys[cursor[t.cell]] = t.poly
			cursor[t.cell]++
		}
	}
}

// markEdge calls mark for every cell within m of the edge p→q, row by row:
// for each row the edge spans, it clips the edge to the row's band (widened
// by m) and marks the columns of that piece (widened by m).
func (g *grid) markEdge(p, q orb.Point, m float64, mark func(cell int)) {
	xlo, xhi := min(p[0], q[0]), max(p[0], q[0])
	ylo, yhi := min(p[1], q[1]), max(p[1], q[1])
	r0, r1 := g.row(ylo-m), g.row(yhi+m)
	if r0 == r1 || p[1] == q[1] {
		c0, c1 := g.col(xlo-m), g.col(xhi+m)
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				mark(r*g.nx + c)
			}
		}
		return
	}
	xAt := func(y float64) float64 {
		x := p[0] + (y-p[1])*(q[0]-p[0])/(q[1]-p[1])
		return min(max(x, xlo), xhi)
	}
	for r := r0; r <= r1; r++ {
		lo := min(max(g.y0+float64(r)/g.sy-m, ylo), yhi)
		hi := min(max(g.y0+float64(r+1)/g.sy+m, ylo), yhi)
		xa, xb := xAt(lo), xAt(hi)
		c0, c1 := g.col(min(xa, xb)-m), g.col(max(xa, xb)+m)
		for c := c0; c <= c1; c++ {
			mark(r*g.nx + c)
		}
	}
}

// coverCells sets the cover of the cells in polygon k's bounding box that k
// does not touch and that no lower polygon covers. A run of untouched cells
// along a row is connected and clear of k's boundary, so one centre test
// answers for the whole run.
func (g *grid) coverCells(ix *Index, k int32, stamp []int32, x0, y0, x1, y1 float64) {
	c0, c1 := g.col(x0), g.col(x1)
	for r := g.row(y0); r <= g.row(y1); r++ {
		known, in := false, false
		for c := c0; c <= c1; c++ {
			cell := r*g.nx + c
			if stamp[cell] == k {
				known = false
				continue
			}
			if g.cover[cell] >= 0 {
				continue
			}
			if !known {
				centre := orb.Point{
					g.x0 + (float64(c)+0.5)/g.sx,
					g.y0 + (float64(r)+0.5)/g.sy,
				}
				in, known = ix.contains(int(k), centre), true
			}
			if in {
				g.cover[cell] = k
			}
		}
	}
}

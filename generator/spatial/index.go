package spatial

import (
	"github.com/paulmach/orb"
)

// Index locates points in a fixed list of multipolygons. Build it with New;
// it is immutable afterwards, so any number of goroutines may call Locate.
type Index struct {
	// polyParts[k]..polyParts[k+1] are the parts (orb.Polygons) of polygon k.
	polyParts []int32
	parts     []part
	// pts holds every kept ring, closed, one after another; an edge is
	// pts[e]→pts[e+1] for an e that is not the last vertex of its ring.
	pts []orb.Point
	// bandOff holds each part's band table: the edges of band b of part p
	// are bandEdges[bandOff[p.bands+b]:bandOff[p.bands+b+1]].
	bandOff   []int32
	bandEdges []int32
	grid      grid
}

// New builds an index over polys. The slice and its shapes are copied, so the
// caller may change them afterwards.
func New(polys []orb.MultiPolygon) *Index {
	// Sizing the vertex array up front saves copying it as it grows, which
	// for national boundaries is hundreds of megabytes of garbage.
	n := 0
	for _, mp := range polys {
		for _, poly := range mp {
			for _, ring := range poly {
				n += len(ring) + 1
			}
		}
	}
	b := newBuilder(len(polys), n)
	for _, mp := range polys {
		b.addMultiPolygon(mp)
	}
	b.buildGrid()
	return b.ix
}

// Len returns the number of polygons the index was built from.
func (ix *Index) Len() int { return len(ix.polyParts) - 1 }

// Locate returns the lowest index of a polygon containing p, or -1 and false
// when none does (including when p has NaN coordinates).
func (ix *Index) Locate(p orb.Point) (int, bool) {
	g := &ix.grid
	x, y := p[0], p[1]
	// Written so that NaN fails every comparison and is rejected here.
	if !(x >= g.x0 && x <= g.x1 && y >= g.y0 && y <= g.y1) {
		return -1, false
	}
	cell := g.row(y)*g.nx + g.col(x)
	// The list holds only polygons below the cell's cover, in ascending
	// order, so the first hit is the lowest index.
	for _, k := range g.cellPolys[g.cellOff[cell]:g.cellOff[cell+1]] {
		if ix.contains(int(k), p) {
			return int(k), true
		}
	}
	if c := g.cover[cell]; c >= 0 {
		return int(c), true
	}
	return -1, false
}

// Contains reports whether polygon k contains p, by the same test Locate
// uses. It is false for an index k out of range.
func (ix *Index) Contains(k int, p orb.Point) bool {
	if k < 0 || k >= ix.Len() {
		return false
	}
	return ix.contains(k, p)
}

func (ix *Index) contains(k int, p orb.Point) bool {
	for j := ix.polyParts[k]; j < ix.polyParts[k+1]; j++ {
		if ix.partContains(&ix.parts[j], p) {
			return true
		}
	}
	return false
}

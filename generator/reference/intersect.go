package reference

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/paulmach/orb"
)

// crossingBudget bounds the pairs of edges selfCrossing compares, per edge
// of the polygon: real boundaries need a few each, and a hostile one (every
// edge spanning the whole width) must not take quadratic time.
const crossingBudget = 64

// selfCrossing finds where two edges of one polygon of shape properly cross:
// a ring crossing itself (a bow tie), or a hole crossing its outer ring.
// Edges that only touch, at a shared vertex or along a line, are not
// counted. It returns the polygon's index and the crossing point, and
// ok=false when it finds none within its budget; a polygon past the budget
// is not checked further, and checked is false.
//
// Such a shape is still usable: the spatial index counts a point inside by
// the even-odd rule (a ray from it crosses the edges an odd number of
// times), so both loops of a bow tie are inside. It is reported, as a
// warning, because it usually means a broken export.
func selfCrossing(shape orb.MultiPolygon) (poly int, at orb.Point, ok, checked bool) {
	checked = true
	for pi, p := range shape {
		var edges []edge
		for _, r := range p {
			for i := 0; i+1 < len(r); i++ {
				a, b := r[i], r[i+1]
				if a == b {
					continue
				}
				edges = append(edges, edge{a, b, min(a[0], b[0]), max(a[0], b[0])})
			}
		}
		// Sweep along x: only edges whose x ranges overlap can cross.
		slices.SortFunc(edges, func(x, y edge) int { return cmp.Compare(x.minX, y.minX) })
		budget := crossingBudget*len(edges) + 1024
	sweep:
		for i := range edges {
			e := &edges[i]
			for j := i + 1; j < len(edges) && edges[j].minX <= e.maxX; j++ {
				if budget--; budget < 0 {
					checked = false
					break sweep
				}
				if pt, hit := properCrossing(e.a, e.b, edges[j].a, edges[j].b); hit {
					return pi, pt, true, checked
				}
			}
		}
	}
	return 0, orb.Point{}, false, checked
}

type edge struct {
	a, b       orb.Point
	minX, maxX float64
}

// orient is the sign of the turn a→b→c: positive to the left.
func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// properCrossing reports whether segments ab and cd cross at a point inside
// both, and where.
func properCrossing(a, b, c, d orb.Point) (orb.Point, bool) {
	if max(a[1], b[1]) < min(c[1], d[1]) || max(c[1], d[1]) < min(a[1], b[1]) {
		return orb.Point{}, false
	}
	o1, o2 := orient(a, b, c), orient(a, b, d)
	o3, o4 := orient(c, d, a), orient(c, d, b)
	if !(o1 > 0 && o2 < 0 || o1 < 0 && o2 > 0) || !(o3 > 0 && o4 < 0 || o3 < 0 && o4 > 0) {
		return orb.Point{}, false
	}
	t := o3 / (o3 - o4)
	return orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}, true
}

// crossingDetail describes a self-crossing for the report.
func crossingDetail(poly int, at orb.Point) string {
	return fmt.Sprintf("polygon %d crosses itself near %.6f,%.6f; used as it is, inside by the even-odd rule", poly, at[0], at[1])
}

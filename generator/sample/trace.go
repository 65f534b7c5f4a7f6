package sample

import "math"

// A ring is a closed boundary as grid corners (col, row); the first corner
// is not repeated at the end.
type ring [][2]int32

// polygon is an outer ring (counter-clockwise) with holes (clockwise).
type polygon struct {
	outer ring
	holes []ring
}

// tracePolygons returns the boundary of a set of cells as polygons. Every
// cell edge with the set on one side and not on the other becomes a
// directed edge with the set on its left; following edges, turning left
// where two cells meet only at a corner, gives simple rings (cells touching
// at a corner are not joined, matching how neighbourhoods are built).
func tracePolygons(cells []int32, in func(c int32) bool) []polygon {
	type edge struct {
		from, to [2]int32
		dir      int8 // 0 east, 1 north, 2 west, 3 south
	}
	var edges []edge
	out := map[[2]int32][]int32{} // corner → outgoing edges
	add := func(x1, y1, x2, y2 int32, dir int8) {
		out[[2]int32{x1, y1}] = append(out[[2]int32{x1, y1}], int32(len(edges)))
		edges = append(edges, edge{[2]int32{x1, y1}, [2]int32{x2, y2}, dir})
	}
	has := func(col, row int) bool {
		if col < 0 || row < 0 || col >= gridCols || row >= gridRows {
			return false
		}
		return in(cellOf(col, row))
	}
	for _, c := range cells {
		col, row := cellColRow(c)
		x, y := int32(col), int32(row)
		if !has(col, row-1) {
			add(x, y, x+1, y, 0)
		}
		if !has(col+1, row) {
			add(x+1, y, x+1, y+1, 1)
		}
		if !has(col, row+1) {
			add(x+1, y+1, x, y+1, 2)
		}
		if !has(col-1, row) {
			add(x, y+1, x, y, 3)
		}
	}
	// next picks the edge that follows e: the only one, or at a corner where
	// two cells touch diagonally, the left turn.
	next := func(e int32) int32 {
		cands := out[edges[e].to]
		if len(cands) == 1 {
			return cands[0]
		}
		left := (edges[e].dir + 1) % 4
		for _, c := range cands {
			if edges[c].dir == left {
				return c
			}
		}
		return cands[0]
	}
	used := make([]bool, len(edges))
	var outers []ring
	var holes []ring
	var holeCell [][2]int32
	for s := range edges {
		if used[s] {
			continue
		}
		var r ring
		e := int32(s)
		for {
			used[e] = true
			n := next(e)
			if edges[n].dir != edges[e].dir { // keep corners only
				r = append(r, edges[e].to)
			}
			if n == int32(s) {
				break
			}
			e = n
		}
		if ringArea(r) > 0 {
			outers = append(outers, r)
		} else {
			holes = append(holes, r)
			// The cell on the left of the first edge is inside the set,
			// so inside the outer ring this hole belongs to.
			f := edges[s]
			var cx, cy int32
			switch f.dir {
			case 0:
				cx, cy = f.from[0], f.from[1]
			case 1:
				cx, cy = f.from[0]-1, f.from[1]
			case 2:
				cx, cy = f.from[0]-1, f.from[1]-1
			default:
				cx, cy = f.from[0], f.from[1]-1
			}
			holeCell = append(holeCell, [2]int32{cx, cy})
		}
	}
	polys := make([]polygon, len(outers))
	for i, o := range outers {
		polys[i].outer = o
	}
	for hi, h := range holes {
		px, py := float64(holeCell[hi][0])+0.5, float64(holeCell[hi][1])+0.5
		best, bestA := -1, math.Inf(1)
		for i, o := range outers {
			if a := ringArea(o); a < bestA && ringContains(o, px, py) {
				best, bestA = i, a
			}
		}
		if best >= 0 {
			polys[best].holes = append(polys[best].holes, h)
		}
	}
	return polys
}

// ringArea is twice the signed area; positive for counter-clockwise.
func ringArea(r ring) float64 {
	var a float64
	for i := range r {
		j := (i + 1) % len(r)
		a += float64(r[i][0])*float64(r[j][1]) - float64(r[j][0])*float64(r[i][1])
	}
	return a
}

// ringContains is the even-odd ray test in grid units.
func ringContains(r ring, x, y float64) bool {
	in := false
	for i := range r {
		j := (i + len(r) - 1) % len(r)
		xi, yi := float64(r[i][0]), float64(r[i][1])
		xj, yj := float64(r[j][0]), float64(r[j][1])
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}

// vertexCount is the number of corners in a set of polygons.
func vertexCount(ps []polygon) int {
	n := 0
	for _, p := range ps {
		n += len(p.outer)
		for _, h := range p.holes {
			n += len(h)
		}
	}
	return n
}

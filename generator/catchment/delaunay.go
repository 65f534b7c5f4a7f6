package catchment

import (
	"cmp"
	"slices"
)

// triangulation is a Delaunay triangulation built by inserting points one
// at a time (Lawson's flips after each insertion) in Hilbert-curve order,
// each found by walking from the last one's triangle. The walk is short in
// that order, so building is O(n log n) for the sort and close to linear
// after it.
//
// Triangles are stored as half-edges: half-edge e = 3t+i of triangle t
// runs from v[e] to v[next(e)], triangles run counter-clockwise, and h[e]
// is the twin half-edge in the neighbouring triangle (-1 on the outside of
// the enclosing triangle).
//
// Three far points enclosing everything are inserted first and never
// removed. They are placed so far out (see enclose) that every place in
// the clip area is nearer some real point than any of them: so the cells
// of the real points within the clip area are exactly those without them,
// and the hull needs no special case.
type triangulation struct {
	x, y []float64 // the points, then the three enclosing ones
	v, h []int32
	last int32 // a triangle to start the next walk from
	seed uint32
	fix  []int32 // half-edges still to check after an insertion
}

func next(e int32) int32 {
	if e%3 == 2 {
		return e - 2
	}
	return e + 1
}

func prev(e int32) int32 {
	if e%3 == 0 {
		return e + 2
	}
	return e - 1
}

// triangulate triangulates the points (integer coordinates in float64,
// all distinct) with the three enclosing points appended at n, n+1, n+2.
func triangulate(xs, ys []float64, box [4]float64) *triangulation {
	n := len(xs)
	t := &triangulation{x: append(slices.Clip(xs), 0, 0, 0), y: append(slices.Clip(ys), 0, 0, 0), seed: 1}
	enclose(t, n, box)
	t.v = make([]int32, 0, 6*n+3)
	t.h = make([]int32, 0, 6*n+3)
	t.newTri()
	t.setTri(0, int32(n), int32(n+1), int32(n+2), -1, -1, -1)
	for _, i := range hilbertOrder(xs, ys, box) {
		t.insert(int32(i))
	}
	return t
}

// enclose places the three enclosing points around box (the bounds of the
// points and of the clip area): each is at least 29 box sizes from the box,
// farther than any place in the box can be from a real point (1.5 box
// sizes at most).
func enclose(t *triangulation, n int, box [4]float64) {
	cx, cy := float64(int64((box[0]+box[2])/2)), float64(int64((box[1]+box[3])/2))
	m := max(box[2]-box[0], box[3]-box[1], 16)
	m = float64(int64(m) + 1)
	t.x[n], t.y[n] = cx-30*m, cy-30*m
	t.x[n+1], t.y[n+1] = cx+30*m, cy-30*m
	t.x[n+2], t.y[n+2] = cx, cy+30*m
}

func (t *triangulation) newTri() int32 {
	tri := int32(len(t.v) / 3)
	t.v = append(t.v, 0, 0, 0)
	t.h = append(t.h, -1, -1, -1)
	return tri
}

func (t *triangulation) link(e, twin int32) {
	t.h[e] = twin
	if twin >= 0 {
		t.h[twin] = e
	}
}

// setTri makes triangle tri (a, b, c) with the twins of its edges a→b,
// b→c and c→a.
func (t *triangulation) setTri(tri, a, b, c, ha, hb, hc int32) {
	e := 3 * tri
	t.v[e], t.v[e+1], t.v[e+2] = a, b, c
	t.link(e, ha)
	t.link(e+1, hb)
	t.link(e+2, hc)
}

func (t *triangulation) orientEdge(e, p int32) int {
	a, b := t.v[e], t.v[next(e)]
	return orient(t.x[a], t.y[a], t.x[b], t.y[b], t.x[p], t.y[p])
}

// locate walks to the triangle holding p and returns it, with the
// half-edge p lies on (-1 when strictly inside). Starting each step at a
// pseudo-random edge keeps the walk from circling.
func (t *triangulation) locate(p int32) (tri, onEdge int32) {
	tri = t.last
	for steps := 0; ; steps++ {
		t.seed = t.seed*1664525 + 1013904223
		r := int32(t.seed>>16) % 3
		moved := false
		onEdge = -1
		zeros := 0
		for k := int32(0); k < 3; k++ {
			e := 3*tri + (k+r)%3
			switch o := t.orientEdge(e, p); {
			case o < 0:
				if t.h[e] < 0 {
					panic("catchment: point outside the enclosing triangle")
				}
				tri = t.h[e] / 3
				moved = true
			case o == 0:
				onEdge = e
				zeros++
			}
			if moved {
				break
			}
		}
		if !moved {
			if zeros > 1 {
				panic("catchment: duplicate point in triangulation")
			}
			return tri, onEdge
		}
		if steps > len(t.v) {
			panic("catchment: walk does not end")
		}
	}
}

// insert adds point p and restores the Delaunay property.
func (t *triangulation) insert(p int32) {
	tri, on := t.locate(p)
	t.fix = t.fix[:0]
	if on < 0 {
		e := 3 * tri
		a, b, c := t.v[e], t.v[e+1], t.v[e+2]
		h0, h1, h2 := t.h[e], t.h[e+1], t.h[e+2]
		t1, t2 := t.newTri(), t.newTri()
		t.setTri(tri, a, b, p, h0, -1, -1)
		t.setTri(t1, b, c, p, h1, -1, -1)
		t.setTri(t2, c, a, p, h2, -1, -1)
		t.link(3*tri+1, 3*t1+2)
		t.link(3*t1+1, 3*t2+2)
		t.link(3*t2+1, 3*tri+2)
		t.fix = append(t.fix, 3*tri, 3*t1, 3*t2)
	} else {
		// p on the edge a→b between triangles (a, b, c) and (b, a, d):
		// four triangles instead.
		e, f := on, t.h[on]
		a, b, c, d := t.v[e], t.v[next(e)], t.v[prev(e)], t.v[prev(f)]
		hbc, hca, had, hdb := t.h[next(e)], t.h[prev(e)], t.h[next(f)], t.h[prev(f)]
		A, C := e/3, f/3
		B, D := t.newTri(), t.newTri()
		t.setTri(A, c, a, p, hca, -1, -1)
		t.setTri(B, b, c, p, hbc, -1, -1)
		t.setTri(C, a, d, p, had, -1, -1)
		t.setTri(D, d, b, p, hdb, -1, -1)
		t.link(3*A+1, 3*C+2)
		t.link(3*A+2, 3*B+1)
		t.link(3*B+2, 3*D+1)
		t.link(3*C+1, 3*D+2)
		t.fix = append(t.fix, 3*A, 3*B, 3*C, 3*D)
	}
	t.last = tri
	for len(t.fix) > 0 {
		e := t.fix[len(t.fix)-1]
		t.fix = t.fix[:len(t.fix)-1]
		t.legalize(e)
	}
}

// legalize flips edge e (a→b, in triangle (a, b, p) with p the new
// point) when the point across it is inside the circle through a, b, p.
func (t *triangulation) legalize(e int32) {
	f := t.h[e]
	if f < 0 {
		return
	}
	a, b, p, q := t.v[e], t.v[next(e)], t.v[prev(e)], t.v[prev(f)]
	if inCircle(t.x[a], t.y[a], t.x[b], t.y[b], t.x[p], t.y[p], t.x[q], t.y[q]) <= 0 {
		return
	}
	hbp, hpa, haq, hqb := t.h[next(e)], t.h[prev(e)], t.h[next(f)], t.h[prev(f)]
	te, tf := e/3, f/3
	t.setTri(te, p, a, q, hpa, haq, -1)
	t.setTri(tf, q, b, p, hqb, hbp, -1)
	t.link(3*te+2, 3*tf+2)
	t.fix = append(t.fix, 3*te+1, 3*tf)
}

// hilbertOrder sorts point indices along a Hilbert curve over box, so
// that consecutive points are close and each walk is short.
func hilbertOrder(xs, ys []float64, box [4]float64) []int {
	const bits = 16
	w := max(box[2]-box[0], box[3]-box[1], 1)
	scale := float64(1<<bits-1) / w
	keys := make([]uint64, len(xs))
	order := make([]int, len(xs))
	for i := range xs {
		hx := uint32((xs[i] - box[0]) * scale)
		hy := uint32((ys[i] - box[1]) * scale)
		keys[i] = hilbert(hx, hy, bits)
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Or(cmp.Compare(keys[a], keys[b]), cmp.Compare(a, b)) })
	return order
}

// hilbert is the distance along a Hilbert curve of order bits to (x, y).
func hilbert(x, y uint32, bits uint) uint64 {
	var d uint64
	n := uint32(1) << bits
	for s := n >> 1; s > 0; s >>= 1 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += uint64(s) * uint64(s) * uint64((3*rx)^ry)
		if ry == 0 {
			if rx == 1 {
				x, y = n-1-x, n-1-y
			}
			x, y = y, x
		}
	}
	return d
}

package snap

// The index is a k-d tree over the gazetteer's unit vectors. A national
// gazetteer has about 750,000 points, dense in cities and sparse in the
// hills; a tree adapts to that where a fixed grid would either hold hundreds
// of points per city cell or waste memory on empty sea. Working on unit
// vectors in 3D, where distance is the chord, makes the tree's pruning exact:
// a point on the far side of a splitting plane is at least as far away as
// the plane, in floating point as in exact arithmetic, because the split
// value is itself a point's coordinate and rounding is monotonic. So the
// answer is the nearest point, not an approximation, and the tests compare
// it with a scan of every point.

import (
	"cmp"
	"slices"
)

// leafSize is how many points a leaf holds: enough that the descent is
// short, few enough that a leaf scan is a handful of cache lines.
const leafSize = 8

// ipoint is a gazetteer point as the tree keeps it.
type ipoint struct {
	v        vec
	id       int32 // index in the gazetteer, which is id order
	eligible bool
}

// tree is a static, implicitly shaped k-d tree: node i has children 2i+1
// and 2i+2, and covers the points pts[lo:hi] where the root covers all and
// each split is at the middle, so ranges are recomputed while descending
// rather than stored.
type tree struct {
	pts   []ipoint
	split []float64
	axis  []uint8
}

func newTree(pts []ipoint) *tree {
	t := &tree{pts: pts}
	n := 1
	for size := len(pts); size > leafSize; size = (size + 1) / 2 {
		n = 2*n + 1
	}
	t.split = make([]float64, n)
	t.axis = make([]uint8, n)
	t.build(0, 0, len(pts))
	return t
}

func coord(v *vec, axis uint8) float64 {
	switch axis {
	case 0:
		return v.x
	case 1:
		return v.y
	}
	return v.z
}

// build splits pts[lo:hi] at its middle along the axis of widest spread.
// Ties in the coordinate are ordered by id so that the tree, like
// everything else, depends only on the gazetteer's content.
func (t *tree) build(node, lo, hi int) {
	if hi-lo <= leafSize {
		return
	}
	var mn, mx [3]float64
	mn[0], mn[1], mn[2] = t.pts[lo].v.x, t.pts[lo].v.y, t.pts[lo].v.z
	mx = mn
	for i := lo + 1; i < hi; i++ {
		for a := range uint8(3) {
			c := coord(&t.pts[i].v, a)
			mn[a], mx[a] = min(mn[a], c), max(mx[a], c)
		}
	}
	axis := uint8(0)
	for a := uint8(1); a < 3; a++ {
		if mx[a]-mn[a] > mx[axis]-mn[axis] {
			axis = a
		}
	}
	mid := (lo + hi) / 2
	selectNth(t.pts[lo:hi], mid-lo, func(a, b *ipoint) int {
		return cmp.Or(cmp.Compare(coord(&a.v, axis), coord(&b.v, axis)), cmp.Compare(a.id, b.id))
	})
	t.split[node] = coord(&t.pts[mid].v, axis)
	t.axis[node] = axis
	t.build(2*node+1, lo, mid)
	t.build(2*node+2, mid, hi)
}

// selectNth reorders s so that s[k] is the element a full sort would put
// there, with nothing greater before it and nothing less after it
// (Hoare's quickselect, median-of-three pivots).
func selectNth(s []ipoint, k int, less func(a, b *ipoint) int) {
	lo, hi := 0, len(s)-1
	for hi > lo {
		if hi-lo < 16 {
			slices.SortFunc(s[lo:hi+1], func(a, b ipoint) int { return less(&a, &b) })
			return
		}
		m := lo + (hi-lo)/2
		if less(&s[m], &s[lo]) < 0 {
			s[m], s[lo] = s[lo], s[m]
		}
		if less(&s[hi], &s[lo]) < 0 {
			s[hi], s[lo] = s[lo], s[hi]
		}
		if less(&s[hi], &s[m]) < 0 {
			s[hi], s[m] = s[m], s[hi]
		}
		pivot := s[m]
		i, j := lo, hi
		for i <= j {
			for less(&s[i], &pivot) < 0 {
				i++
			}
			for less(&pivot, &s[j]) < 0 {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}

// found is the answer to a nearest query.
type found struct {
	best  int32   // nearest eligible point's gazetteer index, -1 if none within the limit
	d2    float64 // its squared chord
	other bool    // a point that is not eligible is nearer still (or as near, with a smaller id)
}

// nearest finds the nearest eligible point to q no further than the squared
// chord limit, and whether an ineligible point is nearer. Points exactly as
// far as the best are all examined (pruning is strict), so ties go to the
// smallest id.
func (t *tree) nearest(q *vec, limit float64) found {
	type frame struct {
		node, lo, hi int32
		bound        float64 // no point under this node is nearer than this
	}
	var stack [64]frame
	sp := 0
	stack[sp] = frame{0, 0, int32(len(t.pts)), 0}
	sp++
	res := found{best: -1, d2: limit}
	otherD2, otherID := limit, int32(-1)
	for sp > 0 {
		sp--
		f := stack[sp]
		if f.bound > res.d2 {
			continue
		}
		node, lo, hi, bound := f.node, f.lo, f.hi, f.bound
		for hi-lo > leafSize {
			axis := t.axis[node]
			diff := coord(q, axis) - t.split[node]
			mid := (lo + hi) / 2
			far := frame{2*node + 2, mid, hi, max(bound, diff*diff)}
			if diff >= 0 {
				far = frame{2*node + 1, lo, mid, far.bound}
				node, lo = 2*node+2, mid
			} else {
				node, hi = 2*node+1, mid
			}
			if far.bound <= res.d2 {
				stack[sp] = far
				sp++
			}
		}
		for i := lo; i < hi; i++ {
			p := &t.pts[i]
			d := chord2(q, &p.v)
			if p.eligible {
				if d < res.d2 || (d == res.d2 && (res.best < 0 || p.id < res.best)) {
					res.best, res.d2 = p.id, d
				}
			} else if d < otherD2 || (d == otherD2 && (otherID < 0 || p.id < otherID)) {
				otherD2, otherID = d, p.id
			}
		}
	}
	if res.best >= 0 && otherID >= 0 {
		res.other = otherD2 < res.d2 || (otherD2 == res.d2 && otherID < res.best)
	}
	return res
}

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
	"math/bits"
	"runtime"
	"sync"
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

// tree is a static k-d tree. Each node splits its points pts[lo:hi] at the
// middle, so ranges are recomputed while descending rather than stored.
// Nodes are laid out depth first, a node's left child right after it, so
// that the last levels of a descent, the ones that miss the cache, fall in
// a few neighbouring cache lines.
type tree struct {
	pts   []ipoint
	nodes []node
}

type node struct {
	split float64
	right int32 // index of the right child; the left one is next
	axis  uint8
}

func newTree(pts []ipoint) *tree {
	memo := map[int]int{}
	var internal func(n int) int
	internal = func(n int) int {
		if n <= leafSize {
			return 0
		}
		if c, ok := memo[n]; ok {
			return c
		}
		c := 1 + internal(n/2) + internal(n-n/2)
		memo[n] = c
		return c
	}
	t := &tree{pts: pts, nodes: make([]node, internal(len(pts)))}
	t.build(0, 0, len(pts), bits.Len(uint(runtime.GOMAXPROCS(0))), internal)
	return t
}

// build splits pts[lo:hi] at its middle along the axis of widest spread.
// Ties in the coordinate are ordered by id so that the tree, like
// everything else, depends only on the gazetteer's content. The two halves
// of the top few levels are built in parallel: they touch disjoint points
// and nodes.
func (t *tree) build(n, lo, hi, par int, internal func(int) int) {
	if hi-lo <= leafSize {
		return
	}
	mn, mx := t.pts[lo].v, t.pts[lo].v
	for i := lo + 1; i < hi; i++ {
		v := &t.pts[i].v
		for a := range 3 {
			mn[a], mx[a] = min(mn[a], v[a]), max(mx[a], v[a])
		}
	}
	axis := uint8(0)
	for a := uint8(1); a < 3; a++ {
		if mx[a]-mn[a] > mx[axis]-mn[axis] {
			axis = a
		}
	}
	mid := (lo + hi) / 2
	selectNth(t.pts[lo:hi], mid-lo, axis)
	right := n + 1 + internal(mid-lo)
	t.nodes[n] = node{split: t.pts[mid].v[axis], right: int32(right), axis: axis}
	if par > 0 && hi-lo > 20_000 {
		var wg sync.WaitGroup
		wg.Go(func() { t.build(n+1, lo, mid, par-1, internal) })
		t.build(right, mid, hi, par-1, internal)
		wg.Wait()
		return
	}
	t.build(n+1, lo, mid, 0, internal)
	t.build(right, mid, hi, 0, internal)
}

// less orders points along an axis, then by id.
func less(a, b *ipoint, axis uint8) bool {
	ka, kb := a.v[axis], b.v[axis]
	return ka < kb || (ka == kb && a.id < b.id)
}

// selectNth reorders s so that s[k] is the element a full sort along axis
// would put there, with nothing greater before it and nothing less after
// it (Hoare's quickselect with median-of-three pivots).
func selectNth(s []ipoint, k int, axis uint8) {
	lo, hi := 0, len(s)-1
	for hi > lo {
		if hi-lo < 12 {
			for i := lo + 1; i <= hi; i++ {
				for j := i; j > lo && less(&s[j], &s[j-1], axis); j-- {
					s[j], s[j-1] = s[j-1], s[j]
				}
			}
			return
		}
		m := lo + (hi-lo)/2
		if less(&s[m], &s[lo], axis) {
			s[m], s[lo] = s[lo], s[m]
		}
		if less(&s[hi], &s[lo], axis) {
			s[hi], s[lo] = s[lo], s[hi]
		}
		if less(&s[hi], &s[m], axis) {
			s[hi], s[m] = s[m], s[hi]
		}
		pivot := s[m]
		i, j := lo, hi
		for i <= j {
			for less(&s[i], &pivot, axis) {
				i++
			}
			for less(&pivot, &s[j], axis) {
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
//
// A subtree is skipped when even its nearest possible point is further than
// the best so far. That bound is the squared distance from q to the
// subtree's box, from the offsets along each axis of the splits crossed to
// reach it, added in the same order as chord2 adds a point's: each offset is
// no larger than the same difference to any point in the box, and rounding
// is monotonic, so the bound never exceeds a point's computed distance and
// no nearer point is ever skipped.
func (t *tree) nearest(q *vec, limit float64) found {
	s := search{t: t, q: *q, best: -1, d2: limit, otherID: -1, otherD2: limit}
	s.visit(0, 0, int32(len(t.pts)), vec{}, 0)
	res := found{best: s.best, d2: s.d2}
	if s.best >= 0 && s.otherID >= 0 {
		res.other = s.otherD2 < s.d2 || (s.otherD2 == s.d2 && s.otherID < s.best)
	}
	return res
}

// search is one nearest query in progress.
type search struct {
	t       *tree
	q       vec
	best    int32 // nearest eligible point so far, -1 if none
	d2      float64
	otherID int32 // nearest ineligible point so far, -1 if none
	otherD2 float64
}

// visit searches the subtree at node, holding pts[lo:hi], whose box is off
// away from q along each axis and so no nearer than bound. The near child
// is searched first, so that the far one is usually pruned.
func (s *search) visit(node, lo, hi int32, off vec, bound float64) {
	if bound > s.d2 {
		return
	}
	if hi-lo <= leafSize {
		for i := lo; i < hi; i++ {
			p := &s.t.pts[i]
			d := chord2(&s.q, &p.v)
			if p.eligible {
				if d < s.d2 || (d == s.d2 && (s.best < 0 || p.id < s.best)) {
					s.best, s.d2 = p.id, d
				}
			} else if d < s.otherD2 || (d == s.otherD2 && (s.otherID < 0 || p.id < s.otherID)) {
				s.otherD2, s.otherID = d, p.id
			}
		}
		return
	}
	nd := &s.t.nodes[node]
	axis := nd.axis
	diff := s.q[axis] - nd.split
	mid := (lo + hi) / 2
	nearNode, nearLo, nearHi, farNode, farLo, farHi := node+1, lo, mid, nd.right, mid, hi
	if diff >= 0 {
		nearNode, nearLo, nearHi, farNode, farLo, farHi = farNode, farLo, farHi, nearNode, nearLo, nearHi
	} else {
		diff = -diff
	}
	s.visit(nearNode, nearLo, nearHi, off, bound)
	// The far child is checked here rather than on entry: most are pruned,
	// and a call saved per level is much of a query's cost.
	if diff > off[axis] {
		off[axis] = diff
	}
	if fb := float64(off[0]*off[0]) + float64(off[1]*off[1]) + float64(off[2]*off[2]); fb <= s.d2 {
		s.visit(farNode, farLo, farHi, off, fb)
	}
}

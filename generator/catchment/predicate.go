package catchment

import "math/big"

// The triangulation's points have integer coordinates held in float64
// (below 2^40 in size, so every difference is exact). The predicates first
// try floating point with Shewchuk's static error bounds, and decide the
// rare close cases exactly with big integers: a wrong sign from rounding
// could make the walk loop or leave a triangle that is not Delaunay.

const epsilon = 1.1102230246251565e-16 // 2^-53

var (
	orientBound = (3 + 16*epsilon) * epsilon
	circleBound = (10 + 96*epsilon) * epsilon
)

// orient is positive when c is left of the line a→b (a, b, c run
// counter-clockwise), negative when right, zero when the three are on a
// line.
func orient(ax, ay, bx, by, cx, cy float64) int {
	l := (ax - cx) * (by - cy)
	r := (ay - cy) * (bx - cx)
	det := l - r
	bound := orientBound * (abs(l) + abs(r))
	if det > bound {
		return 1
	}
	if -det > bound {
		return -1
	}
	return orientExact(ax, ay, bx, by, cx, cy)
}

func orientExact(ax, ay, bx, by, cx, cy float64) int {
	l := mul(sub(ax, cx), sub(by, cy))
	r := mul(sub(ay, cy), sub(bx, cx))
	return l.Cmp(r)
}

// inCircle is positive when d is inside the circle through a, b, c (which
// run counter-clockwise), negative outside, zero on it.
func inCircle(ax, ay, bx, by, cx, cy, dx, dy float64) int {
	adx, ady := ax-dx, ay-dy
	bdx, bdy := bx-dx, by-dy
	cdx, cdy := cx-dx, cy-dy
	bc := bdx*cdy - cdx*bdy
	ca := cdx*ady - adx*cdy
	ab := adx*bdy - bdx*ady
	al := adx*adx + ady*ady
	bl := bdx*bdx + bdy*bdy
	cl := cdx*cdx + cdy*cdy
	det := al*bc + bl*ca + cl*ab
	perm := (abs(bdx*cdy)+abs(cdx*bdy))*al + (abs(cdx*ady)+abs(adx*cdy))*bl + (abs(adx*bdy)+abs(bdx*ady))*cl
	bound := circleBound * perm
	if det > bound {
		return 1
	}
	if -det > bound {
		return -1
	}
	return inCircleExact(ax, ay, bx, by, cx, cy, dx, dy)
}

func inCircleExact(ax, ay, bx, by, cx, cy, dx, dy float64) int {
	adx, ady := sub(ax, dx), sub(ay, dy)
	bdx, bdy := sub(bx, dx), sub(by, dy)
	cdx, cdy := sub(cx, dx), sub(cy, dy)
	bc := new(big.Int).Sub(mul(bdx, cdy), mul(cdx, bdy))
	ca := new(big.Int).Sub(mul(cdx, ady), mul(adx, cdy))
	ab := new(big.Int).Sub(mul(adx, bdy), mul(bdx, ady))
	al := new(big.Int).Add(mul(adx, adx), mul(ady, ady))
	bl := new(big.Int).Add(mul(bdx, bdx), mul(bdy, bdy))
	cl := new(big.Int).Add(mul(cdx, cdx), mul(cdy, cdy))
	det := new(big.Int).Mul(al, bc)
	det.Add(det, new(big.Int).Mul(bl, ca))
	det.Add(det, new(big.Int).Mul(cl, ab))
	return det.Sign()
}

// sub is exact because the coordinates are integers well inside 2^53.
func sub(a, b float64) *big.Int { return big.NewInt(int64(a) - int64(b)) }

func mul(a, b *big.Int) *big.Int { return new(big.Int).Mul(a, b) }

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

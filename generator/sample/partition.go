package sample

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// partition splits a force's cells into k neighbourhoods of about equal
// weight by recursive bisection along the longer side. Cutting by weight
// (snap points) rather than area gives small city neighbourhoods and large
// rural ones, as on police.uk. Each cut is a staircase rather than a
// straight line, so neighbourhoods are irregular polygons, not rectangles.
func partition(r *rand.Rand, cells []int32, weight func(int32) float64, k int) [][]int32 {
	if k <= 1 || len(cells) <= 1 {
		return [][]int32{cells}
	}
	minC, maxC, minR, maxR := gridCols, -1, gridRows, -1
	for _, c := range cells {
		col, row := cellColRow(c)
		minC, maxC = min(minC, col), max(maxC, col)
		minR, maxR = min(minR, row), max(maxR, row)
	}
	midLat := gridLat0 + float64(minR+maxR)/2*cellLat
	ex := float64(maxC-minC+1) * cellLon * 111.32 * math.Cos(midLat*math.Pi/180)
	ey := float64(maxR-minR+1) * cellLat * 110.574
	byCol := ex >= ey
	if byCol && maxC == minC {
		byCol = false
	} else if !byCol && maxR == minR {
		byCol = true
	}
	coord := func(c int32) int {
		col, row := cellColRow(c)
		if byCol {
			return col
		}
		return row
	}
	lo, hi := minR, maxR
	if byCol {
		lo, hi = minC, maxC
	}
	sums := make([]float64, hi-lo+1)
	var total float64
	for _, c := range cells {
		wt := weight(c)
		sums[coord(c)-lo] += wt
		total += wt
	}
	k1 := k / 2
	target := total * float64(k1) / float64(k)
	cut, bestErr, acc := lo+1, math.Inf(1), 0.0
	for v := lo + 1; v <= hi; v++ {
		acc += sums[v-1-lo]
		if e := math.Abs(acc - target); e < bestErr {
			cut, bestErr = v, e
		}
	}
	// The staircase: the cut moves by up to amp cells every seg cells along
	// its length.
	olo, ohi := minC, maxC
	if byCol {
		olo, ohi = minR, maxR
	}
	amp := max(1, (hi-lo+1)/10)
	seg := max(2, (ohi-olo+1)/5)
	jag := make([]int, (ohi-olo)/seg+1)
	for i := range jag {
		jag[i] = r.IntN(2*amp+1) - amp
	}
	side := func(c int32, jagged bool) bool {
		col, row := cellColRow(c)
		o := col
		if byCol {
			o = row
		}
		v := cut
		if jagged {
			v += jag[(o-olo)/seg]
		}
		return coord(c) < v
	}
	var left, right []int32
	for _, jagged := range []bool{true, false} {
		left, right = left[:0], right[:0]
		for _, c := range cells {
			if side(c, jagged) {
				left = append(left, c)
			} else {
				right = append(right, c)
			}
		}
		if len(left) > 0 && len(right) > 0 {
			break
		}
	}
	return append(partition(r, left, weight, k1), partition(r, right, weight, k-k1)...)
}

// makeConnected makes every neighbourhood one piece. A bisection cut can
// leave a neighbourhood in pieces where the force's border is concave; each
// piece but the largest joins the neighbouring neighbourhood it shares the
// longest border with. nbOf holds leaf indices for this force's cells on
// entry and exit. Only cells owned by force f are read, so forces can be
// processed concurrently.
func makeConnected(owner []int16, f int16, nbOf []int32, leaves [][]int32) [][]int32 {
	mine := func(c int) bool { return c >= 0 && owner[c] == f }
	for pass := 0; pass < 20; pass++ {
		changed := false
		for li := range leaves {
			comps := components(leaves[li], func(c int) bool { return mine(c) && nbOf[c] == int32(li) })
			if len(comps) < 2 {
				continue
			}
			largest := 0
			for i, comp := range comps {
				if len(comp) > len(comps[largest]) {
					largest = i
				}
			}
			keep := comps[largest]
			for i, comp := range comps {
				if i == largest {
					continue
				}
				votes := map[int32]int{}
				for _, c := range comp {
					for _, n := range neighbours4(int(c), gridCols, gridRows) {
						if mine(n) && nbOf[n] != int32(li) {
							votes[nbOf[n]]++
						}
					}
				}
				to, best := int32(-1), 0
				for l, v := range votes {
					if v > best || v == best && l < to {
						to, best = l, v
					}
				}
				if to < 0 {
					keep = append(keep, comp...) // nowhere to go; cannot happen in a connected force
					continue
				}
				for _, c := range comp {
					nbOf[c] = to
				}
				leaves[to] = append(leaves[to], comp...)
				changed = true
			}
			leaves[li] = keep
		}
		if !changed {
			break
		}
	}
	for i := range leaves {
		slices.Sort(leaves[i])
	}
	return leaves
}

// components splits cells into 4-connected pieces, in a stable order.
func components(cells []int32, in func(c int) bool) [][]int32 {
	seen := make(map[int32]bool, len(cells))
	var out [][]int32
	for _, start := range cells {
		if seen[start] {
			continue
		}
		seen[start] = true
		comp := []int32{start}
		for q := 0; q < len(comp); q++ {
			for _, n := range neighbours4(int(comp[q]), gridCols, gridRows) {
				if n >= 0 && !seen[int32(n)] && in(n) {
					seen[int32(n)] = true
					comp = append(comp, int32(n))
				}
			}
		}
		out = append(out, comp)
	}
	return out
}

// splitPoints divides a neighbourhood's snap points into g groups of about
// equal size (LSOAs have similar populations), ordered north to south.
func splitPoints(pts []snapPoint, idx []int32, g int) [][]int32 {
	groups := splitRec(pts, slices.Clone(idx), g)
	centre := func(grp []int32) (float64, float64) {
		var x, y float64
		for _, i := range grp {
			x += pts[i].lon
			y += pts[i].lat
		}
		return x / float64(len(grp)), y / float64(len(grp))
	}
	slices.SortStableFunc(groups, func(a, b []int32) int {
		ax, ay := centre(a)
		bx, by := centre(b)
		if c := cmp.Compare(by, ay); c != 0 {
			return c
		}
		return cmp.Compare(ax, bx)
	})
	return groups
}

func splitRec(pts []snapPoint, idx []int32, g int) [][]int32 {
	if g <= 1 || len(idx) < 2 {
		return [][]int32{idx}
	}
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, i := range idx {
		minX, maxX = min(minX, pts[i].lon), max(maxX, pts[i].lon)
		minY, maxY = min(minY, pts[i].lat), max(maxY, pts[i].lat)
	}
	byX := (maxX-minX)*math.Cos(minY*math.Pi/180) >= maxY-minY
	slices.SortFunc(idx, func(a, b int32) int {
		var c int
		if byX {
			c = cmp.Compare(pts[a].lon, pts[b].lon)
		} else {
			c = cmp.Compare(pts[a].lat, pts[b].lat)
		}
		if c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	g1 := g / 2
	cut := len(idx) * g1 / g
	cut = max(1, min(len(idx)-1, cut))
	return append(splitRec(pts, idx[:cut], g1), splitRec(pts, idx[cut:], g-g1)...)
}

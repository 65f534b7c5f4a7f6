package sample

import "math"

// The geography is built on one fixed grid of small cells covering England,
// Wales and Northern Ireland. Force areas and neighbourhoods are unions of
// cells, so they tile without gaps or overlaps by construction, and their
// boundaries are exact (cell edges), which keeps every point-in-polygon
// question unambiguous.
const (
	gridLon0 = -8.2
	gridLat0 = 49.9
	cellLon  = 0.0125 // about 0.8 km at 53°N
	cellLat  = 0.008  // about 0.9 km
	gridCols = 800
	gridRows = 752
	// Force areas are decided per block of blockCells×blockCells cells,
	// which keeps force boundaries to a reasonable number of vertices.
	blockCells = 8
	blockCols  = gridCols / blockCells
	blockRows  = gridRows / blockCells

	// edgeMargin keeps every generated point this fraction of a cell away
	// from the cell's edges, far more than the rounding of six decimals.
	edgeMargin = 0.03
)

func cellOf(col, row int) int32 { return int32(row*gridCols + col) }

func cellColRow(c int32) (col, row int) { return int(c) % gridCols, int(c) / gridCols }

// cornerLon and cornerLat give the coordinates of grid corner lines.
func cornerLon(col int) float64 { return round6(gridLon0 + float64(col)*cellLon) }
func cornerLat(row int) float64 { return round6(gridLat0 + float64(row)*cellLat) }

// cellCentre returns a cell's centre.
func cellCentre(c int32) (lon, lat float64) {
	col, row := cellColRow(c)
	return gridLon0 + (float64(col)+0.5)*cellLon, gridLat0 + (float64(row)+0.5)*cellLat
}

// locate returns the cell holding a point, or -1 outside the grid or too
// close to a cell edge to be safe.
func locate(lon, lat float64) int32 {
	x := (lon - gridLon0) / cellLon
	y := (lat - gridLat0) / cellLat
	col, row := math.Floor(x), math.Floor(y)
	if col < 0 || row < 0 || col >= gridCols || row >= gridRows {
		return -1
	}
	fx, fy := x-col, y-row
	if fx < edgeMargin || fx > 1-edgeMargin || fy < edgeMargin || fy > 1-edgeMargin {
		return -1
	}
	return cellOf(int(col), int(row))
}

// km converts a displacement in kilometres to degrees at a latitude.
func kmToDeg(dxKm, dyKm, lat float64) (dLon, dLat float64) {
	return dxKm / (111.32 * math.Cos(lat*math.Pi/180)), dyKm / 110.574
}

// distKm is the approximate distance between two nearby points.
func distKm(lon1, lat1, lon2, lat2 float64) float64 {
	dx := (lon2 - lon1) * 111.32 * math.Cos((lat1+lat2)/2*math.Pi/180)
	dy := (lat2 - lat1) * 110.574
	return math.Hypot(dx, dy)
}

// assignAreas decides which force owns each cell. A block goes to the force
// whose box holds it and whose centre is nearest, measured in units of the
// box's half-size, within an ellipse-like limit that rounds the boxes'
// corners off so that areas are not rectangles. Fragments cut off from a
// force's main area are handed to a neighbour, so every force is one piece.
// The City of London, smaller than a block, is carved out of the cells
// inside its box afterwards, leaving a hole in the Metropolitan area as in
// reality.
func assignAreas(specs []*forceSpec) []int16 {
	blocks := make([]int16, blockCols*blockRows)
	for i := range blocks {
		blocks[i] = -1
	}
	city := -1
	for bi := range blocks {
		bc, br := bi%blockCols, bi/blockCols
		lon := gridLon0 + (float64(bc)+0.5)*blockCells*cellLon
		lat := gridLat0 + (float64(br)+0.5)*blockCells*cellLat
		best, bestD := -1, 1.6
		for fi, s := range specs {
			if !s.territorial() || s.Slug == slugCity {
				continue
			}
			if lon < s.MinLon || lon > s.MaxLon || lat < s.MinLat || lat > s.MaxLat {
				continue
			}
			hw, hh := (s.MaxLon-s.MinLon)/2, (s.MaxLat-s.MinLat)/2
			dx, dy := (lon-(s.MinLon+hw))/hw, (lat-(s.MinLat+hh))/hh
			if d := dx*dx + dy*dy; d < bestD {
				best, bestD = fi, d
			}
		}
		blocks[bi] = int16(best)
	}
	for fi, s := range specs {
		if s.Slug == slugCity {
			city = fi
		}
	}
	keepLargestPieces(blocks, blockCols, blockRows, len(specs))

	owner := make([]int16, gridCols*gridRows)
	for c := range owner {
		col, row := c%gridCols, c/gridCols
		owner[c] = blocks[(row/blockCells)*blockCols+col/blockCells]
	}
	if city >= 0 {
		s := specs[city]
		for c := range owner {
			lon, lat := cellCentre(int32(c))
			if lon > s.MinLon && lon < s.MaxLon && lat > s.MinLat && lat < s.MaxLat {
				owner[c] = int16(city)
			}
		}
	}
	return owner
}

// keepLargestPieces reassigns every piece of a force's area except its
// largest to the neighbouring force it shares most edges with (or to no
// force, for an island), until each force is one 4-connected piece.
func keepLargestPieces(g []int16, cols, rows, nForces int) {
	for pass := 0; pass < 10; pass++ {
		changed := false
		seen := make([]bool, len(g))
		type piece struct{ cells []int }
		pieces := make([][]piece, nForces)
		for i := range g {
			if g[i] < 0 || seen[i] {
				continue
			}
			f := g[i]
			var cells []int
			stack := []int{i}
			seen[i] = true
			for len(stack) > 0 {
				c := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				cells = append(cells, c)
				for _, n := range neighbours4(c, cols, rows) {
					if n >= 0 && !seen[n] && g[n] == f {
						seen[n] = true
						stack = append(stack, n)
					}
				}
			}
			pieces[f] = append(pieces[f], piece{cells})
		}
		for f, ps := range pieces {
			if len(ps) < 2 {
				continue
			}
			largest := 0
			for i, p := range ps {
				if len(p.cells) > len(ps[largest].cells) {
					largest = i
				}
			}
			for i, p := range ps {
				if i == largest {
					continue
				}
				votes := make([]int, nForces)
				for _, c := range p.cells {
					for _, n := range neighbours4(c, cols, rows) {
						if n >= 0 && g[n] >= 0 && int(g[n]) != f {
							votes[g[n]]++
						}
					}
				}
				to, best := int16(-1), 0
				for v, n := range votes {
					if n > best {
						to, best = int16(v), n
					}
				}
				for _, c := range p.cells {
					g[c] = to
				}
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// neighbours4 returns the indices of the four edge neighbours, -1 outside.
func neighbours4(c, cols, rows int) [4]int {
	col, row := c%cols, c/cols
	n := [4]int{-1, -1, -1, -1}
	if col > 0 {
		n[0] = c - 1
	}
	if col < cols-1 {
		n[1] = c + 1
	}
	if row > 0 {
		n[2] = c - cols
	}
	if row < rows-1 {
		n[3] = c + cols
	}
	return n
}

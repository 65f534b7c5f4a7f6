package sample

import (
	"bufio"
	"math"
	"strconv"

	"github.com/crimemap/crimemap/generator/crime"
)

// The published street files are anonymised: every location is a snap
// point. The sample also writes what they were made from, so that the
// snap stage can be run on it and checked: exact locations and the
// gazetteer of snap points (crimemap snap --in <dir>/reference/exact).
//
// An exact location must snap back to the point its row was published at.
// It is placed within 0.4 of the distance from that point to its nearest
// other snap point: then, by the triangle inequality, the published point is
// the nearest with a wide margin, whatever small differences there are
// between this package's flat-earth distances and the snap stage's
// great-circle ones.

// ExactDir is where Generate writes the exact-location records and the
// gazetteer, relative to the dataset folder. It is under reference/
// because the build's loader looks for data files in every other folder,
// and would report these as misnamed data.
const ExactDir = "reference/exact"

const exactHeader = streetHeader + ",Journey end station"

const gazetteerHeader = "id,longitude,latitude,name,addresses,kind"

// exactGeo is what placing exact locations needs, computed once per run.
type exactGeo struct {
	// gap is, per snap point, the distance in km to the nearest other snap
	// point, capped at maxGap (the search looks no further).
	gap []float32
	// inel is, per snap point, its ineligible neighbour in inelPts, or -1.
	inel    []int32
	inelPts []inelPoint
}

// inelPoint is a street with too few postal addresses to be a snap point,
// placed near a snap point so that some exact locations are nearer to it:
// the snap stage must go past it to the next eligible street.
type inelPoint struct {
	snap      int32
	lon, lat  float64
	name      string
	addresses int
}

const (
	// maxGap bounds the nearest-neighbour search to the 3×3 cells round a
	// point: anything outside them is at least a cell (0.78 km) away.
	maxGap = 0.75
	// minGap: closer than this (3 m) the exact location is the snap point
	// itself, as rounding to six decimals would eat the margin.
	minGap = 0.003
	// reachShare is how far, as a share of the gap, an exact location may
	// be from its snap point.
	reachShare = 0.4
)

// exact computes the exact-location geometry on first use.
func (g *gen) exact() *exactGeo {
	g.exactOnce.Do(func() { g.exactGeo = g.w.exactGeometry() })
	return g.exactGeo
}

func (w *world) exactGeometry() *exactGeo {
	n := len(w.snaps)
	// Snap points by grid cell, to find each one's nearest neighbour.
	start := make([]int32, gridCols*gridRows+1)
	for _, p := range w.snaps {
		start[p.cell+1]++
	}
	for c := 1; c < len(start); c++ {
		start[c] += start[c-1]
	}
	byCell := make([]int32, n)
	fill := append([]int32(nil), start[:len(start)-1]...)
	for i, p := range w.snaps {
		byCell[fill[p.cell]] = int32(i)
		fill[p.cell]++
	}
	ex := &exactGeo{gap: make([]float32, n), inel: make([]int32, n)}
	const chunk = 4096
	parallel((n+chunk-1)/chunk, func(k int) {
		for i := k * chunk; i < min(n, (k+1)*chunk); i++ {
			p := &w.snaps[i]
			col, row := cellColRow(p.cell)
			kx := 111.32 * math.Cos(p.lat*math.Pi/180)
			best := maxGap * maxGap
			for r := max(row-1, 0); r <= min(row+1, gridRows-1); r++ {
				for c := max(col-1, 0); c <= min(col+1, gridCols-1); c++ {
					cell := cellOf(c, r)
					for _, j := range byCell[start[cell]:start[cell+1]] {
						if int(j) == i {
							continue
						}
						q := &w.snaps[j]
						dx, dy := (q.lon-p.lon)*kx, (q.lat-p.lat)*110.574
						best = min(best, dx*dx+dy*dy)
					}
				}
			}
			ex.gap[i] = float32(math.Sqrt(best))
		}
	})
	// About one street in six has a smaller street beside it, a quarter of
	// the gap away, that is never published.
	for i := range w.snaps {
		ex.inel[i] = -1
		p := &w.snaps[i]
		h := seedOf(w.seed, "ineligible", i)
		if p.key || ex.gap[i] < 0.02 || h%6 != 0 {
			continue
		}
		r := newRand(h, "street")
		theta := 2 * math.Pi * r.Float64()
		d := 0.25 * float64(ex.gap[i])
		dx, dy := kmToDeg(d*math.Cos(theta), d*math.Sin(theta), p.lat)
		nb := w.nbs[p.nb]
		ex.inel[i] = int32(len(ex.inelPts))
		ex.inelPts = append(ex.inelPts, inelPoint{snap: int32(i), lon: round6(p.lon + dx), lat: round6(p.lat + dy),
			name: streetName(r, w.forces[nb.force].plan.spec.Country, nb.town), addresses: 1 + r.IntN(7)})
	}
	return ex
}

// appendPointID appends a snap point's gazetteer id; its ineligible
// neighbour's id starts with q instead of p. Fixed width keeps ids in the
// gazetteer's order when sorted.
func appendPointID(b []byte, prefix byte, i int32) []byte {
	b = append(b, prefix)
	s := strconv.Itoa(int(i))
	for k := len(s); k < 7; k++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// kindOf is a key location's kind in the gazetteer: the snap stage
// describes it by the kind, and "station" reads "Railway Station".
func kindOf(p *snapPoint) string {
	switch {
	case !p.key:
		return "street"
	case p.name == stationName:
		return "station"
	}
	return slugify(p.name)
}

// writeGazetteer writes the snap points, then their ineligible neighbours.
func (g *gen) writeGazetteer(bw *bufio.Writer) error {
	ex := g.exact()
	b := append(make([]byte, 0, 256), gazetteerHeader+"\n"...)
	for i := range g.w.snaps {
		p := &g.w.snaps[i]
		b = appendPointID(b, 'p', int32(i))
		b = append(b, ',')
		b = appendCoord(b, p.lon)
		b = append(b, ',')
		b = appendCoord(b, p.lat)
		b = append(b, ',')
		b = appendField(b, p.name)
		b = append(b, ',')
		addresses := 0
		if !p.key {
			addresses = 8 + int(seedOf(g.w.seed, "addresses", i)%150)
		}
		b = strconv.AppendInt(b, int64(addresses), 10)
		b = append(b, ',')
		b = append(b, kindOf(p)...)
		b = append(b, '\n')
		if len(b) > 64<<10 {
			if _, err := bw.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	for _, q := range ex.inelPts {
		b = appendPointID(b, 'q', q.snap)
		b = append(b, ',')
		b = appendCoord(b, q.lon)
		b = append(b, ',')
		b = appendCoord(b, q.lat)
		b = append(b, ',')
		b = appendField(b, q.name)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(q.addresses), 10)
		b = append(b, ",street\n"...)
	}
	_, err := bw.Write(b)
	return err
}

// offshore are places more than 20 km from any snap point, inside the area
// the data may cover: the North Sea and the Atlantic off Cornwall. A few
// records with no published location have their exact location there, so
// the snap stage's distance limit is exercised.
var offshore = [][2]float64{{1.5, 60.0}, {1.8, 57.0}, {-7.5, 50.5}}

// writeExact writes the exact-location file behind a force's street file:
// the same rows in the same order (without the planted bad rows), each at
// an exact location that snaps back to its published point.
func (g *gen) writeExact(bw *bufio.Writer, f *forceGeo, m crime.Month) (rows int, err error) {
	ex := g.exact()
	w := g.w
	list := g.streetRows(f, m)
	crlf := f.plan.spec.Slug == slugCRLF
	ms := m.String()
	names := g.forceNames[f.idx]
	b := appendEOL(append(make([]byte, 0, 512), exactHeader...), crlf)
	transport := f.plan.spec.transport()
	for _, row := range list {
		if row.hasID {
			b = appendHexID(b, &row.id)
		}
		b = append(b, ',')
		b = append(b, ms...)
		b = append(b, ',')
		b = append(b, names...)
		lon, lat, located, station := ex.place(w, row, transport)
		if located {
			b = appendCoord(b, lon)
			b = append(b, ',')
			b = appendCoord(b, lat)
		} else {
			b = append(b, ',')
		}
		b = append(b, ",,"...) // Location: the snap stage writes it
		if row.snap >= 0 {
			if l := w.snaps[row.snap].lsoa; l >= 0 {
				b = append(b, w.lsoas[l].code...)
				b = append(b, ',')
				b = appendField(b, w.lsoas[l].name)
			} else {
				b = append(b, ',')
			}
		} else {
			b = append(b, ',')
		}
		b = append(b, ',')
		b = append(b, row.cat.String()...)
		b = append(b, ',')
		b = appendField(b, row.out.String())
		b = append(b, ",,"...) // Context is empty
		if station >= 0 {
			b = appendPointID(b, 'p', station)
		}
		b = appendEOL(b, crlf)
		if len(b) > 64<<10 {
			if _, err := bw.Write(b); err != nil {
				return 0, err
			}
			b = b[:0]
		}
	}
	_, err = bw.Write(b)
	return len(list), err
}

// place decides a row's exact location. Its draws come from the row's own
// seed, so each is a pure function of the row.
func (ex *exactGeo) place(w *world, row streetRow, transport bool) (lon, lat float64, located bool, station int32) {
	u := func(k uint64) float64 { return float64(mix(row.ex+k)>>11) / (1 << 53) }
	if row.snap < 0 {
		if u(1) >= 1.0/8 {
			return 0, 0, false, -1
		}
		o := offshore[mix(row.ex+2)%uint64(len(offshore))]
		return round6(o[0] + 0.1*(u(3)-0.5)), round6(o[1] + 0.1*(u(4)-0.5)), true, -1
	}
	p := &w.snaps[row.snap]
	if transport && p.name == stationName && u(1) < 0.25 {
		// A crime on a moving train: somewhere along the journey, placed
		// at the station where it ended.
		d, theta := 3+37*u(2), 2*math.Pi*u(3)
		dx, dy := kmToDeg(d*math.Cos(theta), d*math.Sin(theta), p.lat)
		lon = min(max(p.lon+dx, -8.6), 1.8)
		lat = min(max(p.lat+dy, 49.9), 60.8)
		return round6(lon), round6(lat), true, row.snap
	}
	gap := float64(ex.gap[row.snap])
	cx, cy, reach := p.lon, p.lat, reachShare*gap
	switch {
	case gap < minGap || u(1) < 0.05:
		return p.lon, p.lat, true, -1 // at the snap point itself
	case ex.inel[row.snap] >= 0 && u(2) < 1.0/3:
		// Nearer the small street than the snap point: within 0.08 of the
		// gap of a point a quarter of the gap away.
		q := &ex.inelPts[ex.inel[row.snap]]
		cx, cy, reach = q.lon, q.lat, 0.08*gap
	}
	d, theta := reach*math.Sqrt(u(3)), 2*math.Pi*u(4)
	dx, dy := kmToDeg(d*math.Cos(theta), d*math.Sin(theta), cy)
	return round6(cx + dx), round6(cy + dy), true, -1
}

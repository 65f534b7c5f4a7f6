package sample

import (
	"bufio"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/basemap"
	"github.com/crimemap/crimemap/generator/vtile"
)

// BasemapFile is where the sample's street basemap goes, beside the other
// reference data; builds draw their maps over it.
const BasemapFile = "reference/basemap.pmtiles"

// The basemap is drawn from the synthetic geography itself, so that every
// street snap point lies on a road of its "On or near" name, every town is
// a labelled place and every force's area is land. Anything else on it
// (street grids, main roads, railways, parks, lakes, rivers) draws from
// streams of its own ("basemap", force), never from the data's, so the
// data files are the same with or without it.

// Great Britain and Ireland, roughly: enough coast for a sample map to look
// like these islands at low zooms. Force areas are added as land too, so
// no snap point is ever at sea however rough this is.
var (
	greatBritain = orb.Ring{
		{-5.71, 50.06}, {-5.2, 49.96}, {-4.14, 50.33}, {-3.64, 50.22}, {-3.4, 50.6}, {-2.45, 50.52},
		{-1.9, 50.7}, {-0.79, 50.72}, {-0.14, 50.81}, {0.25, 50.73}, {0.97, 50.91}, {1.38, 51.13},
		{1.45, 51.38}, {0.72, 51.53}, {1.16, 51.79}, {1.35, 51.96}, {1.76, 52.48}, {1.3, 52.93},
		{0.5, 52.95}, {0.25, 52.8}, {0.34, 53.14}, {0.12, 53.58}, {-0.08, 54.12}, {-0.61, 54.49},
		{-1.18, 54.69}, {-1.37, 54.91}, {-2.0, 55.77}, {-2.5, 56.0}, {-3.0, 55.95}, {-2.58, 56.28},
		{-2.9, 56.45}, {-2.45, 56.7}, {-2.07, 57.15}, {-2.0, 57.69}, {-2.95, 57.68}, {-4.2, 57.5},
		{-3.77, 57.86}, {-3.95, 57.9}, {-3.08, 58.44}, {-3.03, 58.64}, {-3.37, 58.67}, {-5.0, 58.62},
		{-5.25, 58.15}, {-5.35, 57.9}, {-5.7, 57.28}, {-5.83, 56.99}, {-6.22, 56.72}, {-5.47, 56.41},
		{-5.8, 55.3}, {-5.6, 55.42}, {-4.65, 55.46}, {-4.86, 54.64}, {-4.05, 54.83}, {-3.5, 54.95},
		{-3.5, 54.71}, {-3.63, 54.49}, {-3.23, 54.08}, {-2.86, 54.07}, {-3.05, 53.82}, {-3.0, 53.64},
		{-3.05, 53.43}, {-3.4, 53.35}, {-3.83, 53.33}, {-4.58, 53.4}, {-4.68, 53.3}, {-4.3, 53.14},
		{-4.78, 52.78}, {-4.42, 52.88}, {-4.05, 52.72}, {-4.08, 52.42}, {-4.67, 52.1}, {-5.3, 51.88},
		{-5.1, 51.7}, {-4.7, 51.67}, {-4.35, 51.72}, {-4.33, 51.56}, {-3.95, 51.6}, {-3.7, 51.47},
		{-3.17, 51.45}, {-2.95, 51.55}, {-2.65, 51.62}, {-2.7, 51.5}, {-2.98, 51.35}, {-3.47, 51.21},
		{-3.83, 51.23}, {-4.53, 51.02}, {-4.55, 50.83}, {-4.94, 50.54}, {-5.08, 50.42}, {-5.48, 50.21},
		{-5.71, 50.06},
	}
	ireland = orb.Ring{
		{-7.37, 55.38}, {-6.15, 55.23}, {-5.9, 54.65}, {-5.43, 54.45}, {-5.65, 54.22}, {-6.1, 54.0},
		{-6.38, 53.99}, {-6.25, 53.72}, {-6.1, 53.35}, {-6.0, 52.98}, {-6.36, 52.17}, {-6.93, 52.12},
		{-7.6, 52.08}, {-8.25, 51.8}, {-9.82, 51.45}, {-10.2, 51.75}, {-10.45, 52.12}, {-9.93, 52.56},
		{-9.05, 53.25}, {-10.2, 53.4}, {-10.1, 53.95}, {-10.0, 54.23}, {-9.2, 54.25}, {-8.6, 54.3},
		{-8.3, 54.55}, {-8.75, 54.62}, {-8.3, 55.15}, {-7.65, 55.28}, {-7.37, 55.38},
	}
)

// Zooms features appear from, close to where Protomaps tiles have them.
const (
	zoomHighway  = 5
	zoomMajor    = 7
	zoomRail     = 8
	zoomRiver    = 8
	zoomLake     = 6
	zoomPark     = 11
	zoomMinor    = 12
	zoomStation  = 12
	zoomParkName = 14
)

// writeBasemap writes the sample's basemap.
func (g *gen) writeBasemap(bw *bufio.Writer) error {
	_, err := basemap.Write(bw, g.w.basemapFeatures(), basemap.Options{
		Name:        "crimemap sample basemap",
		Description: "Synthetic streets, towns and land of the crimemap sample dataset, in the Protomaps basemap schema",
		Attribution: "Synthetic sample data",
		Center:      [3]float64{-2.5, 53.8, 6},
	})
	return err
}

func str(k, v string) vtile.Prop     { return basemap.Str(k, v) }
func num(k string, v int) vtile.Prop { return basemap.Num(k, v) }

// basemapFeatures draws the world: land first, then for each force in
// order its water, parks, roads, railways, stations and towns.
func (w *world) basemapFeatures() []basemap.Feature {
	earth := []vtile.Prop{str("kind", "earth")}
	fs := []basemap.Feature{
		{Layer: basemap.Earth, Geometry: orb.Polygon{greatBritain}, Props: earth},
		{Layer: basemap.Earth, Geometry: orb.Polygon{ireland}, Props: earth},
	}
	for _, f := range w.forces {
		if !f.plan.spec.territorial() || len(f.cells) == 0 {
			continue
		}
		var mp orb.MultiPolygon
		for _, p := range w.forcePolygons(f) {
			poly := orb.Polygon{gridRing(p.outer)}
			for _, h := range p.holes {
				poly = append(poly, gridRing(h))
			}
			mp = append(mp, poly)
		}
		fs = append(fs, basemap.Feature{Layer: basemap.Earth, Geometry: mp, Props: earth})
	}
	for _, f := range w.forces {
		if f.plan.spec.territorial() && len(f.towns) > 0 {
			fs = w.forceBasemap(fs, f)
		}
	}
	return fs
}

// gridRing converts a ring of grid corners to degrees.
func gridRing(r ring) orb.Ring {
	out := make(orb.Ring, 0, len(r)+1)
	for _, v := range r {
		out = append(out, orb.Point{cornerLon(int(v[0])), cornerLat(int(v[1]))})
	}
	return append(out, out[0])
}

// offset returns lon, lat moved by dx, dy kilometres.
func offset(lon, lat, dxKm, dyKm float64) orb.Point {
	dLon, dLat := kmToDeg(dxKm, dyKm, lat)
	return orb.Point{lon + dLon, lat + dLat}
}

// forceBasemap adds one force's features.
func (w *world) forceBasemap(fs []basemap.Feature, f *forceGeo) []basemap.Feature {
	r := newRand(w.seed, "basemap", f.idx)
	country := f.plan.spec.Country

	// Water under everything else: a lake or two away from every snap
	// point, and a river from each.
	for k := range 1 + f.idx%2 {
		fs = w.lake(fs, r, f, k)
	}
	// Parks round the town centres.
	for _, t := range f.towns {
		for range 1 + int(3*t.size) {
			c := offset(t.lon, t.lat, normal(r)*t.sigma*0.6, normal(r)*t.sigma*0.6)
			name := streetBase[r.IntN(len(streetBase))] + " Park"
			fs = append(fs,
				basemap.Feature{Layer: basemap.Landuse, Geometry: orb.Polygon{blob(r, c, 0.15+0.25*r.Float64(), 10)}, MinZoom: zoomPark,
					Props: []vtile.Prop{str("kind", "park"), str("name", name)}},
				basemap.Feature{Layer: basemap.Pois, Geometry: c, MinZoom: zoomParkName,
					Props: []vtile.Prop{str("kind", "park"), str("name", name)}})
		}
	}
	// Each town's street grid round its centre.
	for _, t := range f.towns {
		theta := r.Float64() * math.Pi / 2
		cos, sin := math.Cos(theta), math.Sin(theta)
		n := 8 + int(30*t.size)
		for i := range n {
			across := (float64(i/2) - float64(n/4)) * 0.25 // km between parallel streets
			half := 0.4 + 0.8*r.Float64()*math.Sqrt(t.size)
			var a, b [2]float64
			if i%2 == 0 {
				a, b = [2]float64{-half, across}, [2]float64{half, across}
			} else {
				a, b = [2]float64{across, -half}, [2]float64{across, half}
			}
			p := offset(t.lon, t.lat, a[0]*cos-a[1]*sin, a[0]*sin+a[1]*cos)
			q := offset(t.lon, t.lat, b[0]*cos-b[1]*sin, b[0]*sin+b[1]*cos)
			fs = append(fs, basemap.Feature{Layer: basemap.Roads, Geometry: orb.LineString{p, q}, MinZoom: zoomMinor,
				Props: []vtile.Prop{str("kind", "minor_road"), str("kind_detail", "residential"), str("name", streetName(r, country, t.name))}})
		}
	}
	// Every street of the data, through its snap points in order.
	for _, s := range f.streets {
		pts := make(orb.LineString, 0, s[1]-s[0]+1)
		for i := s[0]; i < s[1]; i++ {
			pts = append(pts, orb.Point{w.snaps[i].lon, w.snaps[i].lat})
		}
		if len(pts) == 1 {
			// A street of one snap point still needs a line through it.
			pts = append(pts, offset(pts[0][0], pts[0][1], 0.06, 0.02))
		}
		fs = append(fs, basemap.Feature{Layer: basemap.Roads, Geometry: pts, MinZoom: zoomMinor,
			Props: []vtile.Prop{str("kind", "minor_road"), str("kind_detail", "residential"), str("name", w.snaps[s[0]].name)}})
	}
	// Main roads from each town to its nearest neighbour, and a motorway
	// between the two biggest towns.
	pairs := townPairs(f.towns)
	for _, p := range pairs {
		a, b := f.towns[p[0]], f.towns[p[1]]
		ref := "A" + strconv.Itoa(1+r.IntN(699))
		fs = append(fs, basemap.Feature{Layer: basemap.Roads, Geometry: bend(r, a, b, 0.12), MinZoom: zoomMajor,
			Props: []vtile.Prop{str("kind", "major_road"), str("kind_detail", "primary"), str("ref", ref), str("shield_text", ref),
				str("name", townRoot(b.name)+" Road")}})
	}
	if len(f.towns) >= 2 {
		ref := "M" + strconv.Itoa(1+r.IntN(99))
		fs = append(fs, basemap.Feature{Layer: basemap.Roads, Geometry: bend(r, f.towns[0], f.towns[1], 0.05), MinZoom: zoomHighway,
			Props: []vtile.Prop{str("kind", "highway"), str("kind_detail", "motorway"), str("ref", ref), str("shield_text", ref)}})
	}
	fs = w.railways(fs, f, pairs)
	// Towns last, so that their labels are drawn over everything.
	for k, t := range f.towns {
		detail, rank, zoom := "village", 7, 9
		switch {
		case k == 0 || t.size >= 0.5:
			detail, rank, zoom = "city", 11, 5
		case t.size >= 0.2:
			detail, rank, zoom = "town", 9, 7
		}
		fs = append(fs, basemap.Feature{Layer: basemap.Places, Geometry: orb.Point{t.lon, t.lat}, MinZoom: zoom,
			Props: []vtile.Prop{str("kind", "locality"), str("kind_detail", detail), str("name", t.name),
				num("population_rank", rank), num("population", int(250000*t.size))}})
	}
	return fs
}

// townPairs joins each town to its nearest other town, each pair once, in
// the order first met.
func townPairs(towns []town) [][2]int {
	seen := map[[2]int]bool{}
	var pairs [][2]int
	for i, a := range towns {
		best, bestD := -1, math.Inf(1)
		for j, b := range towns {
			if d := distKm(a.lon, a.lat, b.lon, b.lat); j != i && d < bestD {
				best, bestD = j, d
			}
		}
		if best < 0 {
			continue
		}
		k := [2]int{min(i, best), max(i, best)}
		if !seen[k] {
			seen[k] = true
			pairs = append(pairs, [2]int{i, best})
		}
	}
	return pairs
}

// bend returns a gently curving line from town a to town b.
func bend(r *rand.Rand, a, b town, amount float64) orb.LineString {
	const n = 12
	d := distKm(a.lon, a.lat, b.lon, b.lat)
	side := amount * d * (2*r.Float64() - 1)
	dx, dy := b.lon-a.lon, b.lat-a.lat
	var ls orb.LineString
	for i := range n + 1 {
		s := float64(i) / n
		bulge := side * math.Sin(math.Pi*s)
		// Perpendicular to a→b, in kilometres.
		px, py := -dy*111.32*math.Cos(a.lat*math.Pi/180), dx*110.574
		if l := math.Hypot(px, py); l > 0 {
			px, py = px/l, py/l
		}
		ls = append(ls, offset(a.lon+dx*s, a.lat+dy*s, px*bulge, py*bulge))
	}
	return ls
}

// blob returns a roundish ring of radius about km round c.
func blob(r *rand.Rand, c orb.Point, km float64, n int) orb.Ring {
	ring := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		rad := km * (0.75 + 0.5*r.Float64())
		ring = append(ring, offset(c[0], c[1], rad*math.Cos(a), rad*math.Sin(a)))
	}
	return append(ring, ring[0])
}

// lake adds a lake where no snap point is, and a river flowing from it.
func (w *world) lake(fs []basemap.Feature, r *rand.Rand, f *forceGeo, k int) []basemap.Feature {
	for range 30 {
		c := f.cells[r.IntN(len(f.cells))]
		lon, lat := cellCentre(c)
		km := 0.5 + 1.5*r.Float64()
		ring := blob(r, orb.Point{lon, lat}, km, 16)
		b := ring.Bound().Pad(0.005)
		clear := true
		for i := f.snapLo; i < f.snapHi && clear; i++ {
			clear = !b.Contains(orb.Point{w.snaps[i].lon, w.snaps[i].lat})
		}
		if !clear {
			continue
		}
		root := townRoot(f.towns[(k+1)%len(f.towns)].name)
		name := root + " Water"
		river := "River " + root
		switch f.plan.spec.Country {
		case 'W':
			name, river = "Llyn "+root, "Afon "+root
		case 'N':
			name = "Lough " + root
		}
		fs = append(fs, basemap.Feature{Layer: basemap.Water, Geometry: orb.Polygon{ring}, MinZoom: zoomLake,
			Props: []vtile.Prop{str("kind", "lake"), str("name", name)}})
		// The river wanders away from the lake for 20 to 40 km.
		heading := r.Float64() * 2 * math.Pi
		p := offset(lon, lat, km*math.Cos(heading), km*math.Sin(heading))
		ls := orb.LineString{p}
		for range 20 + r.IntN(20) {
			heading += 0.5 * normal(r)
			p = offset(p[0], p[1], math.Cos(heading), math.Sin(heading))
			ls = append(ls, p)
		}
		return append(fs, basemap.Feature{Layer: basemap.Water, Geometry: ls, MinZoom: zoomRiver,
			Props: []vtile.Prop{str("kind", "river"), str("name", river)}})
	}
	return fs
}

// railways joins each town's main station (its first) to the main
// stations of neighbouring towns, and every other station of a town to its
// main one; each station is a poi.
func (w *world) railways(fs []basemap.Feature, f *forceGeo, pairs [][2]int) []basemap.Feature {
	main := make([]int32, len(f.towns))
	for i := range main {
		main[i] = -1
	}
	count := make([]int, len(f.towns))
	rail := func(a, b orb.Point, name string) {
		ls := orb.LineString{a, b}
		props := []vtile.Prop{str("kind", "rail"), str("kind_detail", "rail"), str("name", name)}
		fs = append(fs,
			basemap.Feature{Layer: basemap.Roads, Geometry: ls, MinZoom: zoomRail, Props: props},
			basemap.Feature{Layer: basemap.Transit, Geometry: ls, MinZoom: zoomRail, Props: props})
	}
	for i := f.snapLo; i < f.snapHi; i++ {
		p := &w.snaps[i]
		if !p.station || p.name != stationName {
			continue
		}
		ti, bestD := 0, math.Inf(1)
		for j, t := range f.towns {
			if d := distKm(p.lon, p.lat, t.lon, t.lat); d < bestD {
				ti, bestD = j, d
			}
		}
		t := f.towns[ti]
		name := t.name + " station"
		zoom := zoomStation
		if main[ti] < 0 {
			main[ti] = i
		} else {
			name = t.name + " " + localNames[1+count[ti]%(len(localNames)-1)] + " station"
			zoom = zoomStation + 2
			m := &w.snaps[main[ti]]
			rail(orb.Point{m.lon, m.lat}, orb.Point{p.lon, p.lat}, t.name+" branch line")
		}
		count[ti]++
		fs = append(fs, basemap.Feature{Layer: basemap.Pois, Geometry: orb.Point{p.lon, p.lat}, MinZoom: zoom,
			Props: []vtile.Prop{str("kind", "station"), str("name", name)}})
	}
	for _, pr := range pairs {
		a, b := main[pr[0]], main[pr[1]]
		if a < 0 || b < 0 {
			continue
		}
		pa, pb := &w.snaps[a], &w.snaps[b]
		rail(orb.Point{pa.lon, pa.lat}, orb.Point{pb.lon, pb.lat}, townRoot(f.towns[pr[0]].name)+" and "+townRoot(f.towns[pr[1]].name)+" line")
	}
	return fs
}

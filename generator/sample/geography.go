package sample

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// town is a centre of population: snap points and crime cluster round it.
type town struct {
	name     string
	lon, lat float64
	size     float64 // relative; the force's largest town is about 1
	sigma    float64 // spread in km
}

// snapPoint is a place crimes may be published at. Everything the data
// files say about a location is derived from one of these, so no published
// location is ever anything but a snap point.
type snapPoint struct {
	lon, lat float64
	name     string // the street; "" is published as "On or near "
	weight   float64
	cell     int32
	nb       int32 // neighbourhood, global index
	lsoa     int32 // -1 where the force has no LSOAs
	station  bool  // a station the transport police publish at
	key      bool  // a key location (station, supermarket, ...): described by its kind, not a street name
}

type neighbourhood struct {
	force    int
	id, name string
	town     string // nearest town
	district string // the LSOA-name prefix, e.g. "Kirkby" or "Ashby, Holme and Stow"
	msoa     int    // the number in "<district> 001"
	cells    []int32
	snaps    []int32 // global snap indices
	lsoas    []int32
	lon, lat float64 // a centre inside the neighbourhood
	pop      int
}

type lsoa struct {
	code, name string
	nb         int32
	pop        int
	rank       int32 // position in name order, for sorting rows as police files are
}

// forceGeo is one force's part of the world.
type forceGeo struct {
	plan   *forcePlan
	idx    int
	cells  []int32
	towns  []town
	snapLo int32 // snap points of this force are snaps[snapLo:snapHi]
	snapHi int32
	nbs    []int32
	pick   alias // snap points weighted by how much crime they see
	// streets are the force's named streets, each a run of snap points
	// [lo, hi) in the order they lie along the street, for the basemap.
	// Recording them draws nothing, so the data files do not depend on it.
	streets [][2]int32

	// Working state while the force is built, dropped by join.
	local     []snapPoint
	lnbs      []*neighbourhood
	lsoaLocal []lsoa
	builder   *snapBuilder
}

// world is the whole synthetic geography.
type world struct {
	seed     uint64
	sc       scale
	forces   []*forceGeo
	owner    []int16 // force index per grid cell, -1 none
	nbOf     []int32 // neighbourhood per grid cell, -1 none
	snaps    []snapPoint
	nbs      []*neighbourhood
	lsoas    []lsoa
	stations alias   // station snap points, for the transport police
	stnIdx   []int32 // the station snap points behind stations
	// Per force: how often rows have No Location, how much more or less
	// often than usual the force gives no status update, and the forces a
	// crime may be published in by mistake.
	noLocRate    []float64
	statusFactor []float64
	crossForces  []*forceGeo
	// Pre-formatted row fragments per snap point: street/outcomes files'
	// "lon,lat,On or near X,LSOA code,LSOA name" and stop-and-search's
	// "lat,lon".
	frag     []byte
	fragOff  []uint32
	sfrag    []byte
	sfragOff []uint32
}

func (w *world) fragment(i int32) []byte  { return w.frag[w.fragOff[i]:w.fragOff[i+1]] }
func (w *world) sfragment(i int32) []byte { return w.sfrag[w.sfragOff[i]:w.sfragOff[i+1]] }

// planFor returns the scale's plans and the grid ownership they rest on.
func planFor(name string) (scale, []int16, error) {
	switch name {
	case "small":
		sc := smallScale()
		specs := make([]*forceSpec, len(sc.plans))
		for i := range sc.plans {
			specs[i] = sc.plans[i].spec
		}
		return sc, assignAreas(specs), nil
	case "national":
		specs := make([]*forceSpec, len(nationalForces))
		for i := range nationalForces {
			specs[i] = &nationalForces[i]
		}
		owner := assignAreas(specs)
		counts := make(map[string]int, len(specs))
		for _, f := range owner {
			if f >= 0 {
				counts[specs[f].Slug]++
			}
		}
		return nationalScale(func(slug string) int { return counts[slug] }), owner, nil
	}
	return scale{}, nil, fmt.Errorf("unknown scale %q (want small or national)", name)
}

// buildWorld makes the geography. Forces are built in parallel; anything
// numbered across forces (LSOA codes) is numbered afterwards in force order,
// so the result does not depend on scheduling.
func buildWorld(seed uint64, scaleName string) (*world, error) {
	sc, owner, err := planFor(scaleName)
	if err != nil {
		return nil, err
	}
	w := &world{seed: seed, sc: sc, owner: owner, nbOf: make([]int32, len(owner))}
	for i := range w.nbOf {
		w.nbOf[i] = -1
	}
	for i := range sc.plans {
		w.forces = append(w.forces, &forceGeo{plan: &w.sc.plans[i], idx: i})
	}
	for c, f := range owner {
		if f >= 0 {
			w.forces[f].cells = append(w.forces[f].cells, int32(c))
		}
	}
	w.makeTowns()
	parallel(len(w.forces), func(i int) {
		f := w.forces[i]
		if !f.plan.spec.territorial() || len(f.cells) == 0 {
			return
		}
		w.makeSnaps(f)
		w.makeNeighbourhoods(f)
		w.makeLSOAs(f)
	})
	w.join()
	w.makeFragments()
	w.setRates()
	return w, nil
}

// setRates decides the per-force publishing habits.
func (w *world) setRates() {
	for _, f := range w.forces {
		s := f.plan.spec
		rate := 0.015
		switch {
		case s.Slug == slugCity:
			rate = 0.07
		case s.Slug == slugCRLF:
			rate = 0.04
		case s.transport():
			rate = 0.005
		case s.ni():
			rate = 0.01
		}
		w.noLocRate = append(w.noLocRate, rate)
		r := newRand(w.seed, "status", f.idx)
		w.statusFactor = append(w.statusFactor, 0.4+1.6*r.Float64())
		if s.hasIDs() && f.snapHi > f.snapLo {
			w.crossForces = append(w.crossForces, f)
		}
	}
}

// parallel runs fn(0..n-1) on GOMAXPROCS goroutines.
func parallel(n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// makeTowns places towns. Names must be unique across the dataset (they
// become LSOA-name prefixes), so this runs force by force in order.
func (w *world) makeTowns() {
	used := map[string]bool{}
	for _, f := range w.forces {
		s := f.plan.spec
		if !s.territorial() || len(f.cells) == 0 {
			continue
		}
		r := newRand(w.seed, "towns", f.idx)
		cx, cy := (s.MinLon+s.MaxLon)/2, (s.MinLat+s.MaxLat)/2
		areaKm := float64(len(f.cells)) * 0.75
		minSep := math.Sqrt(areaKm/float64(f.plan.towns)) / 2
		for k := range f.plan.towns {
			var name string
			for tries := 0; ; tries++ {
				name = townName(r, s.Country)
				if tries > 50 {
					name += " " + strconv.Itoa(tries)
				}
				if !used[name] {
					break
				}
			}
			used[name] = true
			var lon, lat float64
			if k == 0 {
				// The biggest town sits near the middle of the area, as
				// cities tend to dominate their force.
				bestD := math.Inf(1)
				for range 30 {
					x, y := cellCentre(f.cells[r.IntN(len(f.cells))])
					if d := distKm(x, y, cx, cy); d < bestD {
						lon, lat, bestD = x, y, d
					}
				}
			} else {
				for tries := 0; tries < 40; tries++ {
					lon, lat = cellCentre(f.cells[r.IntN(len(f.cells))])
					ok := true
					for _, t := range f.towns {
						if distKm(lon, lat, t.lon, t.lat) < minSep {
							ok = false
							break
						}
					}
					if ok {
						break
					}
				}
			}
			size := 1 / float64(k+1)
			if k > 0 {
				size *= 0.7 + 0.6*r.Float64()
			}
			sigma := 1.0 + 4.5*math.Sqrt(size)
			if s.Slug == slugMet && k == 0 {
				sigma = 11
			}
			f.towns = append(f.towns, town{name: name, lon: lon, lat: lat, size: size, sigma: sigma})
		}
	}
}

// snapBuilder collects a force's snap points, refusing points outside the
// force, too near a cell edge or on top of another point.
type snapBuilder struct {
	w    *world
	f    *forceGeo
	seen map[[2]int64]bool
}

func (b *snapBuilder) add(lon, lat float64, name string, weight float64, station, keyLoc bool) bool {
	lon, lat = round6(lon), round6(lat)
	c := locate(lon, lat)
	if c < 0 || int(b.w.owner[c]) != b.f.idx {
		return false
	}
	key := [2]int64{int64(math.Round(lon * 1e6)), int64(math.Round(lat * 1e6))}
	if b.seen[key] {
		return false
	}
	b.seen[key] = true
	b.f.local = append(b.f.local, snapPoint{lon: lon, lat: lat, name: name, weight: weight, cell: c, nb: -1, lsoa: -1, station: station, key: keyLoc})
	return true
}

// makeSnaps lays out streets. Most streets cluster round towns with a
// Gaussian falloff (dense centres, sparse edges); the rest are scattered
// through the countryside. A street is a short line of points sharing a
// name, so neighbouring points read like one road.
func (w *world) makeSnaps(f *forceGeo) {
	r := newRand(w.seed, "snaps", f.idx)
	s := f.plan.spec
	b := &snapBuilder{w: w, f: f, seen: map[[2]int64]bool{}}
	townW := make([]float64, len(f.towns))
	for i, t := range f.towns {
		townW[i] = t.size
	}
	// Stations first: at least one per town, more in bigger towns.
	for k := 0; k < f.plan.stations; k++ {
		ti := k
		if k >= len(f.towns) {
			ti = weighted(r, townW)
		}
		t := f.towns[ti]
		name := stationName
		if r.IntN(4) == 0 {
			name = "Parking Area"
		}
		for range 30 {
			dx, dy := kmToDeg(normal(r)*t.sigma*0.5, normal(r)*t.sigma*0.5, t.lat)
			if b.add(t.lon+dx, t.lat+dy, name, 1.5*math.Exp(0.5*normal(r)), true, true) {
				break
			}
		}
	}
	urban := 0.8
	switch {
	case s.Slug == slugMet || s.Slug == slugCity:
		urban = 0.97
	case s.ni():
		urban = 0.75
	}
	first := true
	for len(f.local) < f.plan.snaps {
		var cx, cy, near float64
		var tname string
		if r.Float64() < urban {
			t := f.towns[weighted(r, townW)]
			dx, dy := kmToDeg(normal(r)*t.sigma, normal(r)*t.sigma, t.lat)
			cx, cy, tname = t.lon+dx, t.lat+dy, t.name
			d := distKm(cx, cy, t.lon, t.lat) / t.sigma
			near = math.Exp(-d * d / 2)
		} else {
			c := f.cells[r.IntN(len(f.cells))]
			x, y := cellCentre(c)
			cx = x + (r.Float64()-0.5)*cellLon
			cy = y + (r.Float64()-0.5)*cellLat
			tname = f.towns[r.IntN(len(f.towns))].name
		}
		base := math.Exp(0.9*normal(r)) * (0.25 + 3*near)
		if r.IntN(12) == 0 {
			// A key location: one point, and a busy one.
			b.add(cx, cy, landmarks[r.IntN(len(landmarks))], 4*base, false, true)
			continue
		}
		name := streetName(r, s.Country, tname)
		if first || r.IntN(400) == 0 {
			// Some snap points have no street name at all; the files then
			// say "On or near " with nothing after it. The first street of
			// every force is one, so even the small sample has them.
			name, first = "", false
		}
		n := min(14, 1+geom3.draw(r))
		theta := r.Float64() * math.Pi
		step := 0.08 + 0.07*r.Float64()
		start := len(f.local)
		for j := range n {
			along := (float64(j) - float64(n-1)/2) * step
			dx, dy := kmToDeg(along*math.Cos(theta)+0.01*normal(r), along*math.Sin(theta)+0.01*normal(r), cy)
			b.add(cx+dx, cy+dy, name, base*math.Exp(0.3*normal(r)), false, false)
		}
		if name != "" {
			f.addStreet(start)
		}
	}
	f.builder = b // kept for topping up neighbourhoods
}

// makeNeighbourhoods partitions the force's cells into neighbourhoods of
// similar snap-point counts, makes each one piece, and tops up any with too
// few snap points with a small village.
func (w *world) makeNeighbourhoods(f *forceGeo) {
	r := newRand(w.seed, "neighbourhoods", f.idx)
	count := make(map[int32]float64, len(f.cells))
	for _, p := range f.local {
		count[p.cell]++
	}
	weight := func(c int32) float64 { return count[c] + 0.3 }
	leaves := partition(r, f.cells, weight, f.plan.neighbourhoods)
	for li, cells := range leaves {
		for _, c := range cells {
			w.nbOf[c] = int32(li)
		}
	}
	leaves = makeConnected(w.owner, int16(f.idx), w.nbOf, leaves)
	for li, cells := range leaves {
		f.lnbs = append(f.lnbs, &neighbourhood{force: f.idx, cells: cells})
		for _, c := range cells {
			w.nbOf[c] = int32(li)
		}
	}
	for i := range f.local {
		nb := w.nbOf[f.local[i].cell]
		f.local[i].nb = nb
		f.lnbs[nb].snaps = append(f.lnbs[nb].snaps, int32(i))
	}
	for li, nb := range f.lnbs {
		for tries := 0; len(nb.snaps) < w.sc.minSnaps && tries < 1000; tries++ {
			c := nb.cells[r.IntN(len(nb.cells))]
			x, y := cellCentre(c)
			name := streetName(r, f.plan.spec.Country, f.towns[r.IntN(len(f.towns))].name)
			start := len(f.local)
			for range 1 + r.IntN(4) {
				lon := x + (r.Float64()-0.5)*0.9*cellLon
				lat := y + (r.Float64()-0.5)*0.9*cellLat
				if f.builder.add(lon, lat, name, 0.3*math.Exp(0.5*normal(r)), false, false) {
					i := len(f.local) - 1
					f.local[i].nb = int32(li)
					nb.snaps = append(nb.snaps, int32(i))
				}
			}
			f.addStreet(start)
		}
	}
	f.builder = nil
}

// addStreet records the snap points added since start as one street.
func (f *forceGeo) addStreet(start int) {
	if len(f.local) > start {
		f.streets = append(f.streets, [2]int32{int32(start), int32(len(f.local))})
	}
}

// makeLSOAs names districts, numbers neighbourhoods within them and splits
// each neighbourhood's snap points into LSOAs ("<district> 001A").
func (w *world) makeLSOAs(f *forceGeo) {
	s := f.plan.spec
	r := newRand(w.seed, "lsoas", f.idx)
	// Some real districts have commas in their names ("Bournemouth,
	// Christchurch and Poole"), which forces quoting in the CSV files.
	merged := map[string]string{}
	if f.idx%4 == 0 && len(f.towns) >= 3 && !s.ni() {
		name := f.towns[0].name + ", " + f.towns[1].name + " and " + f.towns[2].name
		for _, t := range f.towns[:3] {
			merged[t.name] = name
		}
	}
	for _, nb := range f.lnbs {
		var sx, sy float64
		for _, i := range nb.snaps {
			sx += f.local[i].lon
			sy += f.local[i].lat
		}
		if len(nb.snaps) > 0 {
			sx /= float64(len(nb.snaps))
			sy /= float64(len(nb.snaps))
		} else {
			sx, sy = cellCentre(nb.cells[0])
		}
		best, bestD := 0, math.Inf(1)
		for ti, t := range f.towns {
			if d := distKm(sx, sy, t.lon, t.lat); d < bestD {
				best, bestD = ti, d
			}
		}
		nb.town = f.towns[best].name
		nb.district = nb.town
		if m, ok := merged[nb.town]; ok {
			nb.district = m
		}
		bestD = math.Inf(1)
		for _, c := range nb.cells {
			x, y := cellCentre(c)
			if d := distKm(sx, sy, x, y); d < bestD {
				nb.lon, nb.lat, bestD = x, y, d
			}
		}
	}
	// Number neighbourhoods north to south within each district, as ONS
	// numbers MSOAs.
	order := slices.Clone(f.lnbs)
	slices.SortStableFunc(order, func(a, b *neighbourhood) int {
		if c := cmp.Compare(a.district, b.district); c != 0 {
			return c
		}
		if c := cmp.Compare(b.lat, a.lat); c != 0 {
			return c
		}
		return cmp.Compare(a.lon, b.lon)
	})
	perTown := map[string]int{}
	for i, nb := range order {
		if i > 0 && order[i-1].district == nb.district {
			nb.msoa = order[i-1].msoa + 1
		} else {
			nb.msoa = 1
		}
		nb.name = nb.town + " " + localName(perTown[nb.town])
		perTown[nb.town]++
	}
	for li, nb := range f.lnbs {
		nb.id = neighbourhoodID(s, f.idx, li)
		if !s.hasIDs() || len(nb.snaps) == 0 {
			continue // no LSOAs in Northern Ireland, nor where nobody lives
		}
		groups := splitPoints(f.local, nb.snaps, min(8, max(1, (len(nb.snaps)+10)/20)))
		for gi, g := range groups {
			l := lsoa{
				name: fmt.Sprintf("%s %03d%c", nb.district, nb.msoa, 'A'+gi),
				nb:   int32(li),
				pop:  1000 + r.IntN(1200) + int(400*math.Abs(normal(r))),
			}
			nb.pop += l.pop
			at := int32(len(f.lsoaLocal))
			f.lsoaLocal = append(f.lsoaLocal, l)
			nb.lsoas = append(nb.lsoas, at)
			for _, i := range g {
				f.local[i].lsoa = at
			}
		}
	}
	if s.ni() {
		for _, nb := range f.lnbs {
			nb.pop = len(nb.snaps)*60 + r.IntN(2000)
		}
	}
}

// neighbourhoodID gives ids in the styles forces use on police.uk: ward-like
// codes, short letter-number codes, or plain numbers.
func neighbourhoodID(s *forceSpec, fi, li int) string {
	switch fi % 3 {
	case 0:
		prefix := "E05"
		if s.Country == 'W' {
			prefix = "W05"
		} else if s.ni() {
			prefix = "N08"
		}
		return fmt.Sprintf("%s%06d", prefix, 1000+fi*1000+li)
	case 1:
		return fmt.Sprintf("%s%02d", s.Areas[0], li+1)
	}
	return strconv.Itoa(100 + li)
}

// join concatenates the forces' parts into global arrays and numbers LSOAs.
func (w *world) join() {
	var eng, wal int
	for _, f := range w.forces {
		f.snapLo = int32(len(w.snaps))
		nbBase := int32(len(w.nbs))
		lsoaBase := int32(len(w.lsoas))
		for _, p := range f.local {
			p.nb += nbBase
			if p.lsoa >= 0 {
				p.lsoa += lsoaBase
			}
			w.snaps = append(w.snaps, p)
		}
		f.snapHi = int32(len(w.snaps))
		for i := range f.streets {
			f.streets[i][0] += f.snapLo
			f.streets[i][1] += f.snapLo
		}
		for _, l := range f.lsoaLocal {
			l.nb += nbBase
			if f.plan.spec.Country == 'W' {
				wal++
				l.code = fmt.Sprintf("W01%06d", wal)
			} else {
				eng++
				l.code = fmt.Sprintf("E01%06d", eng)
			}
			w.lsoas = append(w.lsoas, l)
		}
		for _, nb := range f.lnbs {
			for i := range nb.snaps {
				nb.snaps[i] += f.snapLo
			}
			for i := range nb.lsoas {
				nb.lsoas[i] += lsoaBase
			}
			for _, c := range nb.cells {
				w.nbOf[c] = int32(len(w.nbs))
			}
			f.nbs = append(f.nbs, int32(len(w.nbs)))
			w.nbs = append(w.nbs, nb)
		}
		weights := make([]float64, len(f.local))
		for i, p := range f.local {
			weights[i] = p.weight
		}
		f.pick = newAlias(weights)
		f.local, f.lsoaLocal, f.lnbs = nil, nil, nil
	}
	byName := make([]int32, len(w.lsoas))
	for i := range byName {
		byName[i] = int32(i)
	}
	slices.SortFunc(byName, func(a, b int32) int { return cmp.Compare(w.lsoas[a].name, w.lsoas[b].name) })
	for rank, i := range byName {
		w.lsoas[i].rank = int32(rank + 1) // 0 is "no LSOA"
	}
	var sw []float64
	for i, p := range w.snaps {
		if p.station && w.forces[w.nbs[p.nb].force].plan.spec.hasIDs() {
			w.stnIdx = append(w.stnIdx, int32(i))
			sw = append(sw, p.weight)
		}
	}
	w.stations = newAlias(sw)
}

// makeFragments pre-formats each snap point's part of a row once, so that
// writing twenty million rows is mostly copying.
func (w *world) makeFragments() {
	w.fragOff = make([]uint32, 0, len(w.snaps)+1)
	w.sfragOff = make([]uint32, 0, len(w.snaps)+1)
	for _, p := range w.snaps {
		w.fragOff = append(w.fragOff, uint32(len(w.frag)))
		w.sfragOff = append(w.sfragOff, uint32(len(w.sfrag)))
		b := appendCoord(w.frag, p.lon)
		b = append(b, ',')
		b = appendCoord(b, p.lat)
		b = append(b, ',')
		b = appendField(b, "On or near "+p.name)
		b = append(b, ',')
		if p.lsoa >= 0 {
			l := &w.lsoas[p.lsoa]
			b = append(b, l.code...)
			b = append(b, ',')
			b = appendField(b, l.name)
		} else {
			b = append(b, ',')
		}
		w.frag = b
		s := appendCoord(w.sfrag, p.lat)
		s = append(s, ',')
		w.sfrag = appendCoord(s, p.lon)
	}
	w.fragOff = append(w.fragOff, uint32(len(w.frag)))
	w.sfragOff = append(w.sfragOff, uint32(len(w.sfrag)))
}

// lsoaRank returns the sort rank of a snap point's LSOA name, 0 for none.
func (w *world) lsoaRank(i int32) int32 {
	if l := w.snaps[i].lsoa; l >= 0 {
		return w.lsoas[l].rank
	}
	return 0
}

// randomPointIn returns a point well inside one of a neighbourhood's cells.
func randomPointIn(r *rand.Rand, nb *neighbourhood) (lon, lat float64) {
	for {
		c := nb.cells[r.IntN(len(nb.cells))]
		x, y := cellCentre(c)
		lon = round6(x + (r.Float64()-0.5)*0.9*cellLon)
		lat = round6(y + (r.Float64()-0.5)*0.9*cellLat)
		if locate(lon, lat) == c {
			return lon, lat
		}
	}
}

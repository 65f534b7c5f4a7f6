package snap

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/crimemap/crimemap/generator/store"
)

// randomGazetteer makes n points in clusters of very different spreads (a
// city, a town, the hills), with some points sharing coordinates and some
// listed in id order different from their position, as a real file might.
func randomGazetteer(r *rand.Rand, n int) *Gazetteer {
	type cluster struct{ lon, lat, km float64 }
	var cs []cluster
	for range 1 + r.IntN(6) {
		cs = append(cs, cluster{-5 + 6.5*r.Float64(), 50.5 + 4.5*r.Float64(), []float64{0.3, 2, 10, 60}[r.IntN(4)]})
	}
	kinds := []string{"station", "supermarket", "park", "shopping-centre", "hospital"}
	ids := r.Perm(n)
	g := &Gazetteer{File: "gazetteer.csv"}
	for i := range n {
		p := Point{ID: fmt.Sprintf("g%07d", ids[i]), Addresses: r.IntN(16), Kind: Street, Name: fmt.Sprintf("Street %d", i)}
		if len(g.Points) > 0 && r.IntN(25) == 0 {
			q := g.Points[r.IntN(len(g.Points))]
			p.Lon, p.Lat = q.Lon, q.Lat // same place, another entry
		} else {
			c := cs[r.IntN(len(cs))]
			lon := c.lon + r.NormFloat64()*c.km/(111.2*math.Cos(c.lat*math.Pi/180))
			lat := c.lat + r.NormFloat64()*c.km/111.2
			p.Lon = min(max(store.Micro(math.Round(lon*1e6)), store.MinLon), store.MaxLon)
			p.Lat = min(max(store.Micro(math.Round(lat*1e6)), store.MinLat), store.MaxLat)
		}
		if r.IntN(10) == 0 {
			p.Kind = kinds[r.IntN(len(kinds))]
			p.Addresses = 0
		}
		g.Points = append(g.Points, p)
	}
	slices.SortFunc(g.Points, func(a, b Point) int { return cmp.Compare(a.ID, b.ID) })
	return g
}

// randomQuery returns a point near, at, among or far from the gazetteer,
// always inside the published area.
func randomQuery(r *rand.Rand, g *Gazetteer) (lon, lat store.Micro) {
	p := g.Points[r.IntN(len(g.Points))]
	switch r.IntN(6) {
	case 0:
		lon, lat = p.Lon, p.Lat
	case 1, 2:
		lon, lat = p.Lon+store.Micro(r.IntN(4001)-2000), p.Lat+store.Micro(r.IntN(4001)-2000)
	case 3, 4:
		lon, lat = p.Lon+store.Micro(r.IntN(400_001)-200_000), p.Lat+store.Micro(r.IntN(400_001)-200_000)
	default:
		lon = store.MinLon + store.Micro(r.IntN(int(store.MaxLon-store.MinLon)))
		lat = store.MinLat + store.Micro(r.IntN(int(store.MaxLat-store.MinLat)))
	}
	return min(max(lon, store.MinLon), store.MaxLon), min(max(lat, store.MinLat), store.MaxLat)
}

// brute is the reference: a scan of every point.
func brute(s *Snapper, lon, lat store.Micro) Placement {
	q := unitVec(lon, lat)
	best, bestD := int32(-1), math.Inf(1)
	any, anyD := int32(-1), math.Inf(1)
	for i := range s.g.Points {
		p := &s.g.Points[i]
		v := unitVec(p.Lon, p.Lat)
		d := chord2(&q, &v)
		if d < anyD {
			any, anyD = int32(i), d // points are in id order, so the first of equals wins
		}
		if s.eligible[i] && d < bestD {
			best, bestD = int32(i), d
		}
	}
	m := chordMetres(bestD)
	if best < 0 || m > s.rules.MaxDistance {
		return Placement{Point: -1, Status: TooFar}
	}
	return Placement{Point: best, Status: Snapped, Metres: m, PastIneligible: any != best}
}

// haversine is an independent great-circle distance, to check that the
// chord picks the same nearest point as the textbook formula.
func haversine(lon1, lat1, lon2, lat2 store.Micro) float64 {
	const rad = math.Pi / 180e6
	p1, p2 := float64(lat1)*rad, float64(lat2)*rad
	dp, dl := p2-p1, float64(lon2-lon1)*rad
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * earthRadius * math.Asin(math.Sqrt(h))
}

func TestNearestMatchesBruteForce(t *testing.T) {
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 7))
		n := []int{1, 2, 9, 17, 100, 1000, 5000}[seed%7]
		g := randomGazetteer(r, n)
		rules := DefaultRules()
		rules.MinAddresses = r.IntN(13)
		rules.MaxDistance = []float64{300, 2000, 20_000, 100_000}[r.IntN(4)]
		rules.KeyLocations = r.IntN(4) > 0
		s, err := New(g, rules)
		if err == ErrNoSnapPoints {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for range 400 {
			lon, lat := randomQuery(r, g)
			got, want := s.Nearest(lon, lat), brute(s, lon, lat)
			if got != want {
				t.Fatalf("seed %d (%d points, %+v): nearest to %d,%d is %+v, brute force says %+v",
					seed, n, rules, lon, lat, got, want)
			}
			if !got.Mapped() {
				continue
			}
			// Properties of any answer: a snap point, within the limit, and
			// no eligible point nearer by haversine either.
			p := g.Points[got.Point]
			if !s.Eligible(got.Point) || got.Metres > rules.MaxDistance {
				t.Fatalf("seed %d: %+v is not eligible or too far", seed, got)
			}
			hd := haversine(lon, lat, p.Lon, p.Lat)
			if math.Abs(hd-got.Metres) > 1e-6*hd+1e-6 {
				t.Fatalf("seed %d: distance %v, haversine %v", seed, got.Metres, hd)
			}
			for i := range g.Points {
				if s.Eligible(int32(i)) && haversine(lon, lat, g.Points[i].Lon, g.Points[i].Lat) < hd-1e-6 {
					t.Fatalf("seed %d: %s is nearer than %s by haversine", seed, g.Points[i].ID, p.ID)
				}
			}
		}
	}
}

func TestTieGoesToSmallestID(t *testing.T) {
	// Two snap points at one place, and two at equal distances either side
	// of a query: the smaller id wins whatever the order they are given in.
	g := &Gazetteer{Points: []Point{
		{ID: "a", Lon: -1_000_000, Lat: 53_000_000, Kind: Street, Addresses: 9, Name: "A Street"},
		{ID: "b", Lon: -1_000_000, Lat: 53_000_000, Kind: Street, Addresses: 9, Name: "B Street"},
		{ID: "c", Lon: -1_000_000, Lat: 53_001_000, Kind: Street, Addresses: 9, Name: "C Street"},
		{ID: "d", Lon: -1_000_000, Lat: 52_999_000, Kind: Street, Addresses: 9, Name: "D Street"},
	}}
	s, err := New(g, DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Nearest(-1_000_000, 53_000_000); p.Point != 0 || p.Metres != 0 {
		t.Errorf("at the shared point: %+v, want a at 0 m", p)
	}
	// Half-way between c (north) and a/b: a wins over b and c is further.
	if p := s.Nearest(-1_000_000, 53_000_400); p.Point != 0 {
		t.Errorf("%+v, want a", p)
	}
}

func TestPlaceRules(t *testing.T) {
	g := &Gazetteer{Points: []Point{
		{ID: "busy", Lon: -1_500_000, Lat: 53_500_000, Kind: Street, Addresses: 40, Name: "High Street"},
		{ID: "quiet", Lon: -1_500_000, Lat: 53_500_500, Kind: Street, Addresses: 3, Name: "Quiet Lane"},
		{ID: "shop", Lon: -1_400_000, Lat: 53_500_000, Kind: "supermarket", Name: "Bigmart"},
		{ID: "stn", Lon: -0_100_000, Lat: 51_500_000, Kind: "station", Name: "Central"},
		{ID: "wide", Lon: -1_500_000, Lat: 53_600_000, Kind: Street, Addresses: 8, Name: "Eight Road"},
	}}
	s, err := New(g, DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	idx := func(id string) int32 { i, _ := g.Find([]byte(id)); return i }
	tests := []struct {
		name           string
		lon, lat       store.Micro
		located        bool
		station        int32
		want           string // point id, or "" for none
		status         Status
		pastIneligible bool
	}{
		{"at a snap point it stays", -1_500_000, 53_500_000, true, -1, "busy", Snapped, false},
		{"next to a quiet street it goes past it", -1_500_000, 53_500_450, true, -1, "busy", Snapped, true},
		{"exactly 8 addresses is enough", -1_500_000, 53_599_000, true, -1, "wide", Snapped, false},
		{"key location", -1_401_000, 53_500_000, true, -1, "shop", Snapped, false},
		{"train to its end station", -1_500_000, 53_500_000, true, idx("stn"), "stn", Train, false},
		{"train without a location", 0, 0, false, idx("stn"), "stn", Train, false},
		{"a street is not a station", -1_500_000, 53_500_000, true, idx("busy"), "busy", Snapped, false},
		{"no location", 0, 0, false, -1, "", NoLocation, false},
		{"too far", 1_800_000, 60_800_000, true, -1, "", TooFar, false},
	}
	for _, tt := range tests {
		got := s.Place(tt.lon, tt.lat, tt.located, tt.station)
		id := ""
		if got.Point >= 0 {
			id = g.Points[got.Point].ID
		}
		if id != tt.want || got.Status != tt.status || got.PastIneligible != tt.pastIneligible {
			t.Errorf("%s: %+v (%s), want %s %v", tt.name, got, id, tt.want, tt.status)
		}
	}
	if d := s.Description(idx("shop")); d != "On or near Supermarket" {
		t.Errorf("supermarket described as %q", d)
	}
	if d := s.Description(idx("stn")); d != "On or near Railway Station" {
		t.Errorf("station described as %q", d)
	}
	if d := s.Description(idx("busy")); d != "On or near High Street" {
		t.Errorf("street described as %q", d)
	}
	if s.Eligible(idx("quiet")) {
		t.Error("a street with 3 addresses is a snap point")
	}

	// The limit is inclusive and measured in metres.
	far := Distance(-1_500_000, 53_500_000, -1_500_000, 53_700_000)
	r := DefaultRules()
	r.MaxDistance = far
	s2, _ := New(&Gazetteer{Points: g.Points[:1]}, r)
	if p := s2.Nearest(-1_500_000, 53_700_000); p.Status != Snapped {
		t.Errorf("at exactly the limit: %+v", p)
	}
	if p := s2.Nearest(-1_500_000, 53_700_010); p.Status != TooFar {
		t.Errorf("just beyond the limit: %+v", p)
	}

	// Without key locations and trains, the station is neither.
	r = DefaultRules()
	r.KeyLocations, r.Trains = false, false
	s3, _ := New(g, r)
	if p := s3.Place(-1_401_000, 53_500_000, true, idx("stn")); p.Status != Snapped || g.Points[p.Point].ID != "busy" || !p.PastIneligible {
		t.Errorf("key locations off: %+v", p)
	}
	if _, err := New(&Gazetteer{Points: g.Points[1:2]}, DefaultRules()); err != ErrNoSnapPoints {
		t.Errorf("a gazetteer with no snap point: %v", err)
	}
	for _, bad := range []Rules{{MinAddresses: -1, MaxDistance: 1}, {MaxDistance: 0}, {MaxDistance: math.NaN()}, {MaxDistance: math.Inf(1)}} {
		if _, err := New(g, bad); err == nil {
			t.Errorf("rules %+v accepted", bad)
		}
	}
}

func TestLabels(t *testing.T) {
	r := DefaultRules()
	r.Labels = map[string]string{"park": "Green Space"}
	for kind, want := range map[string]string{
		"supermarket": "Supermarket", "station": "Railway Station", "shopping-centre": "Shopping Centre",
		"sports-recreation-area": "Sports/Recreation Area", "park": "Green Space", "car-wash": "Car Wash",
	} {
		if got := r.Label(kind); got != want {
			t.Errorf("Label(%q) = %q, want %q", kind, got, want)
		}
	}
}

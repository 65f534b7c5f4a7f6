package snap

import (
	"bufio"
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/crimemap/crimemap/generator/store"
)

// nationalGazetteer makes a gazetteer shaped like the national one: about
// 750,000 points round a few hundred towns of very different sizes, with
// a fifth scattered through the countryside, a tenth of the streets too
// small to use and some key locations.
func nationalGazetteer(r *rand.Rand, n int) *Gazetteer {
	type town struct{ lon, lat, km, w float64 }
	towns := make([]town, 400)
	var total float64
	for i := range towns {
		size := 1 / float64(i+1)
		towns[i] = town{-5.5 + 7*r.Float64(), 50.3 + 5*r.Float64(), 1 + 8*math.Sqrt(size), size}
		total += size
	}
	g := &Gazetteer{Points: make([]Point, n)}
	for i := range g.Points {
		var lon, lat float64
		if r.IntN(5) == 0 {
			lon, lat = -5.5+7*r.Float64(), 50.3+5*r.Float64()
		} else {
			u := r.Float64() * total
			t := towns[len(towns)-1]
			for _, c := range towns {
				if u -= c.w; u < 0 {
					t = c
					break
				}
			}
			lon = t.lon + r.NormFloat64()*t.km/(111.2*math.Cos(t.lat*math.Pi/180))
			lat = t.lat + r.NormFloat64()*t.km/111.2
		}
		p := Point{ID: fmt.Sprintf("p%07d", i), Kind: Street, Addresses: 8 + r.IntN(100), Name: "Some Street",
			Lon: min(max(store.Micro(lon*1e6), store.MinLon), store.MaxLon),
			Lat: min(max(store.Micro(lat*1e6), store.MinLat), store.MaxLat)}
		switch r.IntN(20) {
		case 0, 1:
			p.Addresses = r.IntN(8)
		case 2:
			p.Kind, p.Addresses = "supermarket", 0
		}
		g.Points[i] = p
	}
	return g
}

// nationalRecords makes exact locations: most within a couple of hundred
// metres of a point, as crimes are near streets, and some anywhere.
func nationalRecords(r *rand.Rand, g *Gazetteer, n int) [][2]store.Micro {
	out := make([][2]store.Micro, n)
	for i := range out {
		p := g.Points[r.IntN(len(g.Points))]
		d := store.Micro(3000)
		if r.IntN(50) == 0 {
			d = 300_000
		}
		lon := min(max(p.Lon+store.Micro(r.IntN(int(2*d+1)))-d, store.MinLon), store.MaxLon)
		lat := min(max(p.Lat+store.Micro(r.IntN(int(2*d+1)))-d, store.MinLat), store.MaxLat)
		out[i] = [2]store.Micro{lon, lat}
	}
	return out
}

// BenchmarkSnap measures the rules alone: 1,000,000 records against a
// 750,000-point gazetteer, on every CPU, in records per second.
func BenchmarkSnap(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	g := nationalGazetteer(r, 750_000)
	start := time.Now()
	s, err := New(g, DefaultRules())
	if err != nil {
		b.Fatal(err)
	}
	indexTime := time.Since(start)
	recs := nationalRecords(r, g, 1_000_000)
	workers := runtime.GOMAXPROCS(0)
	b.ResetTimer()
	for b.Loop() {
		var wg sync.WaitGroup
		chunk := (len(recs) + workers - 1) / workers
		for w := range workers {
			part := recs[min(w*chunk, len(recs)):min((w+1)*chunk, len(recs))]
			wg.Go(func() {
				for _, rc := range part {
					s.Place(rc[0], rc[1], true, -1)
				}
			})
		}
		wg.Wait()
	}
	b.ReportMetric(float64(len(recs))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(indexTime.Seconds()*1000, "index-ms")
}

// BenchmarkRun measures a whole run as the command does it: read a
// 750,000-point gazetteer and 1,000,000 exact records in 45 files, snap
// them and write the street files and the report.
func BenchmarkRun(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	g := nationalGazetteer(r, 750_000)
	recs := nationalRecords(r, g, 1_000_000)
	in := b.TempDir()
	writeFile := func(name string, fill func(*bufio.Writer)) {
		p := filepath.Join(in, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		f, err := os.Create(p)
		if err != nil {
			b.Fatal(err)
		}
		bw := bufio.NewWriterSize(f, 1<<20)
		fill(bw)
		if err := bw.Flush(); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	writeFile("gazetteer.csv", func(w *bufio.Writer) {
		w.WriteString(gazHead)
		for _, p := range g.Points {
			fmt.Fprintf(w, "%s,%s,%s,%s,%d,%s\n", p.ID, appendMicro(nil, p.Lon), appendMicro(nil, p.Lat), p.Name, p.Addresses, p.Kind)
		}
	})
	const files = 45
	for f := range files {
		writeFile(fmt.Sprintf("2025-12/2025-12-force-%02d-exact.csv", f), func(w *bufio.Writer) {
			w.WriteString(exactHead)
			for i := f; i < len(recs); i += files {
				fmt.Fprintf(w, "%016x%048x,2025-12,Force %d Police,Force %d Police,%s,%s,,E01%06d,Somewhere %03dA,Violence and sexual offences,Unable to prosecute suspect,,\n",
					r.Uint64(), i, f, f, appendMicro(nil, recs[i][0]), appendMicro(nil, recs[i][1]), r.IntN(30000), r.IntN(999))
			}
		})
	}
	b.ResetTimer()
	var gaz, snap time.Duration
	for b.Loop() {
		out := b.TempDir()
		rep, err := Run(Config{In: in, Out: out, Rules: DefaultRules()})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Total.Records != len(recs) {
			b.Fatalf("%d records", rep.Total.Records)
		}
		gaz += rep.Timing.Gazetteer
		snap += rep.Timing.Snap
	}
	// records/s counts the snap stage (read, snap, write); the gazetteer
	// is read once per run, whatever the number of records.
	b.ReportMetric(float64(len(recs))*float64(b.N)/snap.Seconds(), "records/s")
	b.ReportMetric(gaz.Seconds()*1000/float64(b.N), "gazetteer-ms")
}

// BenchmarkSnapNational snaps the national sample's exact month, the
// figure make bench reports: it generates the sample under
// ~/.cache/crimemap/national first (CRIMEMAP_NATIONAL names another
// folder). Without it the benchmark is skipped.
func BenchmarkSnapNational(b *testing.B) {
	dir := os.Getenv("CRIMEMAP_NATIONAL")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".cache", "crimemap", "national")
	}
	in := filepath.Join(dir, "reference", "exact")
	if _, err := os.Stat(filepath.Join(in, "gazetteer.csv")); err != nil {
		b.Skipf("no national sample with exact records in %s (crimemap sample --scale national --out %s)", dir, dir)
	}
	var gaz, snap time.Duration
	records := 0
	for b.Loop() {
		rep, err := Run(Config{In: in, Out: b.TempDir(), Rules: DefaultRules()})
		if err != nil {
			b.Fatal(err)
		}
		gaz += rep.Timing.Gazetteer
		snap += rep.Timing.Snap
		records = rep.Total.Records
	}
	b.ReportMetric(float64(records)*float64(b.N)/snap.Seconds(), "records/s")
	b.ReportMetric(gaz.Seconds()*1000/float64(b.N), "gazetteer-ms")
	b.ReportMetric(float64(records), "records")
}

// BenchmarkReadGazetteer reads a 750,000-point gazetteer file, as the
// build's gazetteer stage does each build.
func BenchmarkReadGazetteer(b *testing.B) {
	g := nationalGazetteer(rand.New(rand.NewPCG(1, 2)), 750_000)
	path := filepath.Join(b.TempDir(), "gazetteer.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "id,longitude,latitude,name,addresses,kind")
	for _, p := range g.Points {
		fmt.Fprintf(w, "%s,%.6f,%.6f,%s,%d,%s\n", p.ID, p.Lon.Float(), p.Lat.Float(), p.Name, p.Addresses, p.Kind)
	}
	if err := cmp.Or(w.Flush(), f.Close()); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		got, err := ReadGazetteer(f, path, nil)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		if len(got.Points) != len(g.Points) {
			b.Fatalf("read %d points, want %d", len(got.Points), len(g.Points))
		}
	}
}

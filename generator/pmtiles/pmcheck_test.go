package pmtiles

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
)

// pmcheckScript is the project's independent PMTiles reader, relative to
// this package.
const pmcheckScript = "../../../shared/tools/pmcheck.py"

// mvtPoints encodes one "crimes" layer of points, given in tile coordinates,
// each with the integer property n.
func mvtPoints(t testing.TB, pts [][3]int) []byte {
	t.Helper()
	layer := &mvt.Layer{Name: "crimes", Version: 2, Extent: mvt.DefaultExtent}
	for _, p := range pts {
		f := geojson.NewFeature(orb.Point{float64(p[0]), float64(p[1])})
		f.Properties["n"] = p[2]
		layer.Features = append(layer.Features, f)
	}
	b, err := mvt.Marshal(mvt.Layers{layer})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pmcheckZoom is one zoom of one layer in pmcheck.py's --json output.
type pmcheckZoom struct {
	Tiles    int `json:"tiles"`
	Features int `json:"features"`
	Sum      int `json:"sum"`
}

type pmcheckReport struct {
	Header       map[string]float64                `json:"header"`
	MetadataKeys []string                          `json:"metadata_keys"`
	Tiles        int                               `json:"tiles"`
	Layers       map[string]map[string]pmcheckZoom `json:"layers"`
}

func TestPmcheckReadsArchive(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found; skipping the independent pmcheck.py check")
	}
	if _, err := os.Stat(pmcheckScript); err != nil {
		t.Skipf("%s not found; skipping the independent check", pmcheckScript)
	}

	// Every tile of z0..z3, then a stretch of z12. A shared body at z3
	// makes runs and de-duplicated contents; the z12 tiles are distinct, and
	// enough of them to need leaf directories.
	shared := mvtPoints(t, [][3]int{{100, 200, 7}})
	want := map[uint8]*pmcheckZoom{}
	var tiles []testTile
	add := func(z uint8, x, y uint32, data []byte, features, sum int) {
		tiles = append(tiles, testTile{z, x, y, data})
		w := want[z]
		if w == nil {
			w = &pmcheckZoom{}
			want[z] = w
		}
		w.Tiles++
		w.Features += features
		w.Sum += sum
	}
	for id := uint64(0); id < zoomStart(4); id++ {
		z, x, y := IDToZxy(id)
		if z == 3 && id%5 != 0 {
			add(z, x, y, shared, 1, 7)
			continue
		}
		n := int(id) + 1
		add(z, x, y, mvtPoints(t, [][3]int{{2048, 2048, n}, {int(x) + 1, 4095 - int(y), 2 * n}}), 2, 3*n)
	}
	// Random point counts and values give irregular tile lengths: regular
	// ones would gzip so well that all the entries fit in the root.
	rng := rand.New(rand.NewPCG(5, 6))
	start := ZxyToID(12, 2000, 1300)
	for i := 0; i < 40000; i++ {
		z, x, y := IDToZxy(start + uint64(i))
		var pts [][3]int
		for k := 0; k < 1+rng.IntN(6); k++ {
			pts = append(pts, [3]int{rng.IntN(4096), rng.IntN(4096), rng.IntN(1000)})
		}
		sum := 0
		for _, p := range pts {
			sum += p[2]
		}
		add(z, x, y, mvtPoints(t, pts), len(pts), sum)
	}

	path := filepath.Join(t.TempDir(), "crimes.pmtiles")
	opt := Options{MaxZoom: 12, Bounds: [4]float64{-8.65, 49.86, 1.77, 55.81}, Center: [3]float64{-1.5, 52.6, 6}}
	b, st := writeArchive(t, opt, tiles, []byte(`{"name":"crimes","vector_layers":[{"id":"crimes","fields":{"n":"Number"}}]}`))
	if st.Leaves == 0 {
		t.Fatalf("stats %+v: want leaf directories, to check pmcheck follows them", st)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}

	out, err := exec.Command(python, pmcheckScript, path, "--json").Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("pmcheck.py: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("pmcheck.py: %v", err)
	}
	var rep pmcheckReport
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("pmcheck.py output: %v\n%s", err, out)
	}

	t.Logf("pmcheck read %d tiles through %d leaf directories: %v", rep.Tiles, st.Leaves, rep.Layers["crimes"])
	if rep.Tiles != len(tiles) {
		t.Errorf("pmcheck read %d tiles, wrote %d", rep.Tiles, len(tiles))
	}
	got := rep.Layers["crimes"]
	if len(got) != len(want) {
		t.Errorf("pmcheck zooms %v, want %d zooms", got, len(want))
	}
	for z, w := range want {
		g := got[strconv.Itoa(int(z))]
		if g != *w {
			t.Errorf("z%d: pmcheck says %+v, want %+v", z, g, *w)
		}
	}
	h := rep.Header
	for _, c := range []struct {
		key  string
		want float64
	}{
		{"addressed", float64(st.AddressedTiles)}, {"entries", float64(st.TileEntries)}, {"contents", float64(st.TileContents)},
		{"clustered", 1}, {"internal_comp", 2}, {"tile_comp", 2}, {"tile_type", 1},
		{"minzoom", 0}, {"maxzoom", 12}, {"min_lon", -8.65}, {"min_lat", 49.86}, {"max_lon", 1.77}, {"max_lat", 55.81},
		{"center_lon", -1.5}, {"center_lat", 52.6}, {"center_zoom", 6}, {"root_off", 127},
	} {
		if math.Abs(h[c.key]-c.want) > 1e-9 {
			t.Errorf("pmcheck header %s = %v, want %v", c.key, h[c.key], c.want)
		}
	}
	if h["root_off"]+h["root_len"] >= RootLimit {
		t.Errorf("pmcheck sees the root end at %v", h["root_off"]+h["root_len"])
	}
	if len(rep.MetadataKeys) != 2 || rep.MetadataKeys[0] != "name" || rep.MetadataKeys[1] != "vector_layers" {
		t.Errorf("pmcheck metadata keys %v", rep.MetadataKeys)
	}
}

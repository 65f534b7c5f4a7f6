package tiles

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/sample"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

var (
	smallOnce sync.Once
	smallSt   *store.Store
	smallIx   *index.Index
	smallErr  error
)

// small loads the small sample once for all tests.
func small(t testing.TB) (*store.Store, *index.Index) {
	t.Helper()
	smallOnce.Do(func() {
		dir, err := os.MkdirTemp("", "crimemap-tiles-sample-")
		if err != nil {
			smallErr = err
			return
		}
		defer os.RemoveAll(dir)
		if _, err := sample.Generate(dir, sample.Options{}); err != nil {
			smallErr = err
			return
		}
		in, err := source.Open(dir)
		if err != nil {
			smallErr = err
			return
		}
		defer in.Close()
		report := validate.NewReport()
		smallSt, _, smallErr = source.Load(in, report, source.Options{})
		if smallErr != nil {
			return
		}
		ref, err := reference.Load(os.DirFS(dir), "reference", report)
		if err != nil {
			smallErr = err
			return
		}
		bounds := ref.Boundaries()
		smallIx, err = index.Build(smallSt, bounds)
		if err != nil {
			smallErr = err
			return
		}
	})
	if smallErr != nil {
		t.Fatal(smallErr)
	}
	return smallSt, smallIx
}

func writeMonth(t testing.TB, m crime.Month) (string, Stats) {
	t.Helper()
	st, ix := small(t)
	path := filepath.Join(t.TempDir(), "crimes-"+m.String()+".pmtiles")
	var buf bytes.Buffer
	stats, err := WriteMonth(&buf, st, ix, m, DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, stats
}

// mappedCrimes counts a month's crimes with a location straight from the store.
func mappedCrimes(st *store.Store, m crime.Month) (crimes, stops int) {
	for _, c := range st.Crimes {
		if c.Month == m {
			for _, l := range c.Loc {
				if l != store.NoLoc {
					crimes++
				}
			}
		}
	}
	for _, s := range st.Stops {
		if s.Month == m {
			for _, l := range s.Loc {
				if l != store.NoLoc {
					stops++
				}
			}
		}
	}
	return crimes, stops
}

// TestCountingRule checks that at every zoom the features count each mapped
// crime and stop exactly once, and that no tile is too big for a phone.
func TestCountingRule(t *testing.T) {
	st, _ := small(t)
	m := st.Last
	_, stats := writeMonth(t, m)
	crimes, stops := mappedCrimes(st, m)
	if crimes == 0 || stops == 0 {
		t.Fatalf("the sample's last month has %d mapped crimes and %d stops", crimes, stops)
	}
	if stats.Mapped != crimes || len(stats.Zooms) != 15 {
		t.Fatalf("stats %+v", stats)
	}
	for _, z := range stats.Zooms {
		if z.Crimes != uint64(crimes) || z.Stops != uint64(stops) {
			t.Errorf("zoom %d: n adds up to %d crimes and %d stops, want %d and %d", z.Zoom, z.Crimes, z.Stops, crimes, stops)
		}
		if z.Largest > 500_000 {
			t.Errorf("zoom %d: a tile of %d bytes", z.Zoom, z.Largest)
		}
	}
}

// TestPMCheck reads the archive with the independent checker.
func TestPMCheck(t *testing.T) {
	checker := filepath.Join("..", "..", "..", "shared", "tools", "pmcheck.py")
	if _, err := os.Stat(checker); err != nil {
		t.Skipf("independent checker not found at %s", checker)
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not found")
	}
	st, _ := small(t)
	m := st.Last
	path, stats := writeMonth(t, m)
	out, err := exec.Command("python3", checker, path, "--json").CombinedOutput()
	if err != nil {
		t.Fatalf("pmcheck: %v\n%s", err, out)
	}
	var got struct {
		Header struct {
			Clustered int `json:"clustered"`
			MinZoom   int `json:"minzoom"`
			MaxZoom   int `json:"maxzoom"`
		} `json:"header"`
		MetadataKeys []string `json:"metadata_keys"`
		MaxTileBytes int      `json:"max_tile_bytes"`
		Layers       map[string]map[string]struct {
			Tiles        int `json:"tiles"`
			Features     int `json:"features"`
			Sum          int `json:"sum"`
			PointsInside int `json:"points_inside"`
		} `json:"layers"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("pmcheck output: %v\n%s", err, out)
	}
	if got.Header.Clustered != 1 || got.Header.MinZoom != 0 || got.Header.MaxZoom != 14 || got.MaxTileBytes > 500_000 {
		t.Errorf("header %+v, largest tile %d", got.Header, got.MaxTileBytes)
	}
	crimes, stops := mappedCrimes(st, m)
	for _, z := range stats.Zooms {
		key := strconv.Itoa(int(z.Zoom))
		c, s := got.Layers[CrimesLayer][key], got.Layers[StopsLayer][key]
		if c.Sum != crimes || s.Sum != stops {
			t.Errorf("zoom %d: the checker sums n to %d crimes and %d stops, want %d and %d", z.Zoom, c.Sum, s.Sum, crimes, stops)
		}
		if c.Features != c.PointsInside || s.Features != s.PointsInside {
			t.Errorf("zoom %d: features outside their tile: %+v %+v", z.Zoom, c, s)
		}
	}
}

// TestNPMReader reads a month's archive with the npm pmtiles package and
// @mapbox/vector-tile, the code the browser runs (assets/test/readback.mjs),
// and checks its counts against the store.
func TestNPMReader(t *testing.T) {
	script := filepath.Join("..", "..", "assets", "test", "readback.mjs")
	if _, err := os.Stat(filepath.Join("..", "..", "assets", "node_modules", "pmtiles")); err != nil {
		t.Skip("assets/node_modules is not installed; make test installs it with npm ci")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not found")
	}
	st, _ := small(t)
	m := st.Last
	path, stats := writeMonth(t, m)
	out, err := exec.Command("node", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("node readback: %v\n%s", err, out)
	}
	var got struct {
		MinZoom, MaxZoom int
		Clustered        bool
		Month            string
		Largest          int
		Layers           map[string]map[string]struct{ Tiles, Features, Sum int }
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("readback output: %v\n%s", err, out)
	}
	if got.MinZoom != 0 || got.MaxZoom != 14 || !got.Clustered || got.Month != m.String() || got.Largest > 500_000 {
		t.Errorf("header and metadata as the browser reads them: %+v", got)
	}
	crimes, stops := mappedCrimes(st, m)
	for _, z := range stats.Zooms {
		key := strconv.Itoa(int(z.Zoom))
		c, s := got.Layers[CrimesLayer][key], got.Layers[StopsLayer][key]
		if c.Sum != crimes || s.Sum != stops {
			t.Errorf("zoom %d: the browser's reader sums n to %d crimes and %d stops, want %d and %d", z.Zoom, c.Sum, s.Sum, crimes, stops)
		}
		if c.Tiles > z.Tiles || s.Tiles > z.Tiles || max(c.Tiles, s.Tiles) == 0 {
			t.Errorf("zoom %d: the browser's reader found %d and %d tiles, the writer wrote %d", z.Zoom, c.Tiles, s.Tiles, z.Tiles)
		}
	}
}

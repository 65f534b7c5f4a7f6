package basemap

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/planar"

	"github.com/crimemap/crimemap/generator/pmtiles"
	"github.com/crimemap/crimemap/generator/vtile"
)

// testFeatures is a small island with a lake, a street, a main road, a
// town and a station.
func testFeatures() []Feature {
	island := orb.Polygon{{{-3.5, 54.0}, {-2.5, 54.0}, {-2.5, 54.8}, {-3.5, 54.8}, {-3.5, 54.0}}}
	lake := orb.Polygon{{{-3.1, 54.4}, {-3.0, 54.4}, {-3.0, 54.45}, {-3.1, 54.45}, {-3.1, 54.4}}}
	street := orb.LineString{{-3.0101, 54.2001}, {-3.0095, 54.2004}, {-3.0090, 54.2010}, {-3.0081, 54.2013}}
	return []Feature{
		{Layer: Earth, Geometry: island, Props: []vtile.Prop{Str("kind", "earth")}},
		{Layer: Water, Geometry: lake, MinZoom: 6, Props: []vtile.Prop{Str("kind", "lake"), Str("name", "Long Water")}},
		{Layer: Roads, Geometry: street, MinZoom: 12, Props: []vtile.Prop{Str("kind", "minor_road"), Str("name", "High Street")}},
		{Layer: Roads, Geometry: orb.LineString{{-3.4, 54.1}, {-2.6, 54.7}}, MinZoom: 6,
			Props: []vtile.Prop{Str("kind", "major_road"), Str("ref", "A591"), Str("shield_text", "A591")}},
		{Layer: Places, Geometry: orb.Point{-3.0, 54.2}, MinZoom: 5, Props: []vtile.Prop{Str("kind", "locality"), Str("name", "Testby"), Num("population_rank", 10)}},
		{Layer: Pois, Geometry: orb.Point{-3.005, 54.205}, MinZoom: 13, Props: []vtile.Prop{Str("kind", "station"), Str("name", "Testby station")}},
	}
}

func writeArchive(t testing.TB, fs []Feature, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Write(&buf, fs, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openArchive(t testing.TB, b []byte) *pmtiles.Reader {
	t.Helper()
	r, err := pmtiles.Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// tileAt returns the decoded tile holding lon/lat at zoom z and the
// point's position in it, in tile units.
func tileAt(t testing.TB, r *pmtiles.Reader, z uint8, lon, lat float64) (mvt.Layers, orb.Point, bool) {
	t.Helper()
	p := project(orb.Point{lon, lat})
	n := float64(uint64(1) << z)
	x, y := uint32(p[0]*n), uint32(p[1]*n)
	data, ok, err := r.Tile(z, x, y)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		return nil, orb.Point{}, false
	}
	layers, err := mvt.Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	return layers, orb.Point{(p[0]*n - float64(x)) * Extent, (p[1]*n - float64(y)) * Extent}, true
}

func layerNamed(ls mvt.Layers, name string) *mvt.Layer {
	for _, l := range ls {
		if l.Name == name {
			return l
		}
	}
	return nil
}

func TestWriteDeterministic(t *testing.T) {
	a := writeArchive(t, testFeatures(), Options{Name: "test"})
	b := writeArchive(t, testFeatures(), Options{Name: "test"})
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same features differ")
	}
}

func TestWriteContents(t *testing.T) {
	fs := testFeatures()
	r := openArchive(t, writeArchive(t, fs, Options{}))
	h := r.Header()
	if h.MinZoom != 0 || h.MaxZoom != 15 || h.TileCompression != pmtiles.Gzip || h.TileType != pmtiles.MVT {
		t.Fatalf("header = %+v", h)
	}

	// Every vertex of the street lies on the street at z15, named.
	for _, v := range fs[2].Geometry.(orb.LineString) {
		ls, at, ok := tileAt(t, r, 15, v[0], v[1])
		if !ok {
			t.Fatalf("no z15 tile at %v", v)
		}
		if d := nearestLine(layerNamed(ls, Roads), "High Street", at); d > 1 {
			t.Errorf("vertex %v is %.2f units from High Street", v, d)
		}
	}
	// The street is absent before its zoom; the main road is there from
	// its own.
	ls, at, _ := tileAt(t, r, 11, -3.0095, 54.2004)
	if d := nearestLine(layerNamed(ls, Roads), "High Street", at); !math.IsInf(d, 1) {
		t.Error("High Street is at zoom 11")
	}
	ls, at, _ = tileAt(t, r, 12, -3.0095, 54.2004)
	if d := nearestLine(layerNamed(ls, Roads), "High Street", at); d > 4 {
		t.Errorf("High Street at zoom 12 is %.1f units away", d)
	}
	for _, z := range []uint8{5, 6} {
		ls, _, _ := tileAt(t, r, z, -3.0, 54.4)
		l := layerNamed(ls, Roads)
		if got := l != nil && len(l.Features) == 1 && l.Features[0].Properties["ref"] == "A591"; got != (z == 6) {
			t.Errorf("z%d: roads %+v", z, l)
		}
	}
	// The town is a place from zoom 5, in exactly one tile.
	for z := uint8(4); z <= 15; z++ {
		count := 0
		if err := r.Walk(func(tz uint8, x, y uint32, data []byte) error {
			if tz != z {
				return nil
			}
			ls, err := mvt.Unmarshal(data)
			if err != nil {
				return err
			}
			if l := layerNamed(ls, Places); l != nil {
				for _, f := range l.Features {
					if f.Properties["name"] == "Testby" {
						count++
					}
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		want := 1
		if z < 5 {
			want = 0
		}
		if count != want {
			t.Errorf("z%d: Testby in %d tiles, want %d", z, count, want)
		}
	}
	// Deep inside the island, tiles at every zoom have earth covering them.
	for z := uint8(0); z <= 15; z++ {
		ls, at, ok := tileAt(t, r, z, -3.3, 54.6)
		if !ok {
			t.Fatalf("z%d: no tile inside the island", z)
		}
		l := layerNamed(ls, Earth)
		if l == nil {
			t.Fatalf("z%d: no earth inside the island", z)
		}
		inside := false
		for _, f := range l.Features {
			if p, ok := f.Geometry.(orb.Polygon); ok && planar.RingContains(p[0], at) {
				inside = true
			}
			if f.Properties["min_zoom"] != float64(0) || f.Properties["kind"] != "earth" {
				t.Errorf("z%d: earth properties %v", z, f.Properties)
			}
		}
		if !inside {
			t.Errorf("z%d: the point is not inside any earth polygon", z)
		}
	}
	// The sea has no tiles at high zoom.
	if _, _, ok := tileAt(t, r, 12, -4.5, 54.5); ok {
		t.Error("a tile in the sea at z12")
	}
	meta, err := r.Metadata()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"type":"baselayer"`, `"id":"transit"`, `"attribution":"© OpenStreetMap contributors"`, `"population_rank":"Number"`} {
		if !strings.Contains(string(meta), want) {
			t.Errorf("metadata lacks %s: %s", want, meta)
		}
	}
}

// nearestLine returns the distance from p to the nearest line of l named
// name, infinite when there is none.
func nearestLine(l *mvt.Layer, name string, p orb.Point) float64 {
	best := math.Inf(1)
	if l == nil {
		return best
	}
	for _, f := range l.Features {
		if f.Properties["name"] == name {
			best = math.Min(best, planar.DistanceFrom(f.Geometry, p))
		}
	}
	return best
}

// TestDescendantsContiguous checks what covered tiles rely on: a tile's
// descendants at any deeper zoom are one run of tile ids.
func TestDescendantsContiguous(t *testing.T) {
	for _, tc := range [][3]uint32{{3, 5, 2}, {2, 0, 3}, {4, 9, 14}} {
		z, x, y := uint8(tc[0]), tc[1], tc[2]
		for d := uint8(1); d <= 3; d++ {
			lo := pmtiles.ZxyToID(z+d, 0, 0) + (pmtiles.ZxyToID(z, x, y)-pmtiles.ZxyToID(z, 0, 0))<<(2*d)
			hi := lo + 1<<(2*d)
			for cx := x << d; cx < (x+1)<<d; cx++ {
				for cy := y << d; cy < (y+1)<<d; cy++ {
					if id := pmtiles.ZxyToID(z+d, cx, cy); id < lo || id >= hi {
						t.Fatalf("%d/%d/%d: descendant %d/%d/%d has id %d outside %d..%d", z, x, y, z+d, cx, cy, id, lo, hi)
					}
				}
			}
		}
	}
}

func TestWriteRejects(t *testing.T) {
	for name, fs := range map[string][]Feature{
		"unknown layer": {{Layer: "streets", Geometry: orb.Point{0, 0}}},
		"bad zooms":     {{Layer: Roads, Geometry: orb.LineString{{0, 0}, {1, 1}}, MinZoom: 16}},
		"no features":   nil,
		"collection":    {{Layer: Earth, Geometry: orb.Collection{orb.Point{0, 0}}}},
	} {
		if _, err := Write(&bytes.Buffer{}, fs, Options{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestCheckFile(t *testing.T) {
	dir := t.TempDir()
	good := writeArchive(t, testFeatures(), Options{Attribution: "Test data"})
	raster := bytes.Clone(good)
	raster[99] = byte(pmtiles.PNG) // the header's tile type
	var missing bytes.Buffer
	pw, err := pmtiles.NewWriter(&missing, pmtiles.Options{MaxZoom: 0})
	if err != nil {
		t.Fatal(err)
	}
	if err := pw.Add(0, 0, 0, []byte{0x1a, 0x00}); err != nil {
		t.Fatal(err)
	}
	if _, err := pw.Finish([]byte(`{"vector_layers":[{"id":"earth"},{"id":"water"},{"id":"roads"},{"id":"places"},{"id":"boundaries"},{"id":"buildings"},{"id":"landcover"}]}`)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string // error text; "" for success
	}{
		{"good.pmtiles", good, ""},
		{"raster.pmtiles", raster, "tiles are png, want mvt vector tiles"},
		{"missing.pmtiles", missing.Bytes(), "missing layers landuse, pois"},
		{"text.pmtiles", []byte("this is not an archive at all, just some text that goes on for a while to be longer than a header; " + strings.Repeat("x", 200)), "not a PMTiles v3 archive"},
		{"truncated.pmtiles", good[:len(good)/2], "basemap"},
		{"short.pmtiles", good[:50], "not a PMTiles v3 archive"},
		{"empty.pmtiles", nil, "not a PMTiles v3 archive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			info, err := CheckFile(path)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if info.MaxZoom != 15 || info.MinZoom != 0 || info.Attribution != "Test data" || len(info.Layers) != 10 || info.Layers[0] != "boundaries" {
					t.Errorf("info = %+v", info)
				}
				if info.Bounds[0] != -3.5 || info.Bounds[3] != 54.8 {
					t.Errorf("bounds = %v", info.Bounds)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "basemap "+path+": ") {
				t.Errorf("error %q, want it to name %s and say %q", err, path, tc.want)
			}
		})
	}
	if _, err := CheckFile(filepath.Join(dir, "absent.pmtiles")); err == nil {
		t.Error("no error for a missing file")
	}
}

func FuzzCheck(f *testing.F) {
	good := writeArchive(f, testFeatures()[:2], Options{MaxZoom: 6})
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("PMTiles\x03"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Check(bytes.NewReader(data), int64(len(data)))
	})
}

package verify

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"

	"github.com/crimemap/crimemap/generator/pmtiles"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/tiles"
)

// feat is a point feature of a test tile.
type feat struct {
	x, y float64
	n    any // nil for none
}

type testTile struct {
	z     uint8
	x, y  uint32
	layer string
	fs    []feat
}

// writeArchive writes an archive of tiles, with metadata declaring an n
// field for the "crimes" layer only.
func writeArchive(t *testing.T, minZ, maxZ uint8, tiles []testTile) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "a.pmtiles")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := pmtiles.NewWriter(f, pmtiles.Options{MinZoom: minZ, MaxZoom: maxZ, Bounds: [4]float64{-8, 49, 2, 61}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	slices.SortFunc(tiles, func(a, b testTile) int {
		return int(pmtiles.ZxyToID(a.z, a.x, a.y)) - int(pmtiles.ZxyToID(b.z, b.x, b.y))
	})
	for _, tt := range tiles {
		fc := geojson.NewFeatureCollection()
		for _, ft := range tt.fs {
			g := geojson.NewFeature(orb.Point{ft.x, ft.y})
			if ft.n != nil {
				g.Properties["n"] = ft.n
			}
			fc.Append(g)
		}
		data, err := mvt.Marshal(mvt.Layers{{Name: tt.layer, Version: 2, Extent: 4096, Features: fc.Features}})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Add(tt.z, tt.x, tt.y, data); err != nil {
			t.Fatal(err)
		}
	}
	meta := `{"vector_layers":[{"id":"crimes","fields":{"n":"Number"}},{"id":"labels","fields":{"name":"String"}}]}`
	if _, err := w.Finish([]byte(meta)); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCheckArchive(t *testing.T) {
	// One input location, and where it falls at zooms 0 and 1.
	st := store.New()
	lon, lat := store.Micro(-1_500_000), store.Micro(53_500_000)
	st.Locs.ID(store.Location{Lon: lon, Lat: lat})
	pts := NewPoints(st)
	px0, py0 := tiles.WorldPixel(lon, lat, 0)
	px1, py1 := tiles.WorldPixel(lon, lat, 1)
	at := func(z uint8, n any) testTile {
		x, y := px0, py0
		if z == 1 {
			x, y = px1, py1
		}
		return testTile{z, x / 4096, y / 4096, "crimes", []feat{{float64(x % 4096), float64(y % 4096), n}}}
	}
	moved := func(tt testTile) testTile { tt.fs[0].x++; return tt }
	label := testTile{1, 0, 0, "labels", []feat{{5000, -3, nil}}} // not counted: anything goes

	tests := []struct {
		name  string
		tiles []testTile
		max   int
		want  []string // problems, without the "a.pmtiles: " prefix
	}{
		{"good", []testTile{at(0, 3.0), at(1, 3.0)}, 0, nil},
		{"uncounted layer", []testTile{at(0, 3.0), label}, 0,
			[]string{"counting rule: layer crimes sums to 3 at zoom 0 but 0 at zoom 1"}},
		{"counts differ", []testTile{at(0, 3.0), at(1, 2.0)}, 0,
			[]string{"counting rule: layer crimes sums to 3 at zoom 0 but 2 at zoom 1"}},
		{"no n", []testTile{at(0, 3.0), at(1, nil)}, 0, []string{
			"tile 1/0/0: crimes feature at " + pointText(at(1, nil)) + " has no count n",
			"counting rule: layer crimes sums to 3 at zoom 0 but 0 at zoom 1"}},
		{"not a location", []testTile{at(0, 1.0), moved(at(1, 1.0))}, 0, []string{
			"tile 1/0/0: crimes feature at " + pixelText(moved(at(1, 1.0))) + " is not at a location of the input"}},
		{"too big", []testTile{at(0, 1.0), at(1, 1.0)}, 10, []string{
			"tile 0/0/0 is 44 bytes decoded, over the limit of 10",
			"tile 1/0/0 is 44 bytes decoded, over the limit of 10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := CheckArchive(writeArchive(t, 0, 1, tt.tiles), "a.pmtiles", pts, tt.max)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range a.Problems {
				got = append(got, strings.TrimPrefix(p.String(), "a.pmtiles: "))
			}
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if a.Tiles != len(tt.tiles) {
				t.Errorf("%d tiles read, want %d", a.Tiles, len(tt.tiles))
			}
		})
	}
}

func pointText(tt testTile) string {
	return fmt.Sprint(orb.Point{tt.fs[0].x, tt.fs[0].y})
}

func pixelText(tt testTile) string {
	return fmt.Sprintf("%d,%d", int(tt.fs[0].x), int(tt.fs[0].y))
}

// TestCheckArchiveUnreadable checks a file that is no archive at all.
func TestCheckArchiveUnreadable(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.pmtiles")
	if err := os.WriteFile(p, []byte("not an archive"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := CheckArchive(p, "x.pmtiles", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Problems) != 1 || !strings.HasPrefix(a.Problems[0].String(), "x.pmtiles: unreadable tile archive: open archive: 14 bytes is shorter than a header") {
		t.Errorf("problems %v", a.Problems)
	}
}

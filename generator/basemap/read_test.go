package basemap

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

// TestReaderFeatures writes a basemap and reads its roads and places back
// for a box: what is in the box comes back named and in longitude/latitude,
// what is not does not, and other layers are left out.
func TestReaderFeatures(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.pmtiles")
	if err := os.WriteFile(path, writeArchive(t, testFeatures(), Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()

	box := orb.Bound{Min: orb.Point{-3.1, 54.1}, Max: orb.Point{-2.9, 54.3}}
	for _, z := range []uint8{12, 20} { // 20 is above the archive's and reads its highest
		fs, err := r.Features(box, z, Places, Roads)
		if err != nil {
			t.Fatal(err)
		}
		var place *Found
		roads := 0
		for i, f := range fs {
			switch f.Layer {
			case Places:
				place = &fs[i]
				if roads > 0 {
					t.Errorf("zoom %d: a place after a road: layers not in the order asked", z)
				}
			case Roads:
				roads++
			default:
				t.Errorf("zoom %d: layer %q not asked for", z, f.Layer)
			}
		}
		if place == nil || place.Name != "Testby" || place.Kind != "locality" {
			t.Fatalf("zoom %d: place %+v, want Testby", z, place)
		}
		if p, ok := place.Geometry.(orb.Point); !ok || abs(p[0]+3.0) > 1e-3 || abs(p[1]-54.2) > 1e-3 {
			t.Errorf("zoom %d: Testby at %v, want about -3.0, 54.2", z, place.Geometry)
		}
		if roads == 0 {
			t.Errorf("zoom %d: no roads in the box", z)
		}
	}
	// Far from everything: nothing.
	fs, err := r.Features(orb.Bound{Min: orb.Point{10, 10}, Max: orb.Point{10.1, 10.1}}, 12, Places, Roads)
	if err != nil || len(fs) != 0 {
		t.Errorf("features far away: %v, %v", fs, err)
	}
	// A box over the whole country needs more than MaxTiles at zoom 12
	// and is read lower, not refused.
	if _, err := r.Features(orb.Bound{Min: orb.Point{-6, 50}, Max: orb.Point{2, 58}}, 12, Roads); err != nil {
		t.Errorf("large box: %v", err)
	}
}

func TestOpenReaderRejects(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.pmtiles")
	if err := os.WriteFile(bad, []byte("not an archive"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{bad, filepath.Join(dir, "missing.pmtiles")} {
		if r, err := OpenReader(p); err == nil {
			r.Close()
			t.Errorf("OpenReader(%s) succeeded", p)
		}
	}
}

func TestZoomFor(t *testing.T) {
	for _, c := range []struct {
		width float64
		want  uint8
	}{{0, 15}, {0.001, 15}, {0.05, 13}, {1, 9}, {360, 1}} {
		if got := ZoomFor(c.width); got != c.want {
			t.Errorf("ZoomFor(%v) = %d, want %d", c.width, got, c.want)
		}
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

package catchment

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"

	"github.com/crimemap/crimemap/generator/pmtiles"
)

func sampleForces(n int) []Force {
	r := rand.New(rand.NewPCG(1, 2))
	var a, b []Point
	for range n {
		a = append(a, pt(-2+r.Float64()*0.1, 52+r.Float64()*0.1))
		b = append(b, pt(-1.8+r.Float64()*0.1, 52+r.Float64()*0.1))
	}
	return []Force{
		{Slug: "one", Shape: square(-2.01, 51.99, -1.89, 52.11), Points: a},
		{Slug: "two", Points: b}, // no boundary: its points' widened box
	}
}

func TestWrite(t *testing.T) {
	forces := sampleForces(300)
	var buf bytes.Buffer
	opt := DefaultOptions
	st, err := Write(&buf, forces, opt)
	if err != nil {
		t.Fatal(err)
	}
	if st.Cells != 600 || st.Tiles == 0 {
		t.Fatalf("stats %+v, want 600 cells in some tiles", st)
	}
	r, err := pmtiles.Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	meta, _ := r.Metadata()
	var m struct{ Input string }
	if err := json.Unmarshal(meta, &m); err != nil || m.Input != Key(forces, opt) {
		t.Errorf("metadata input %q, want the key; %v", m.Input, err)
	}
	zooms := map[uint8]int{}
	err = r.Walk(func(z uint8, x, y uint32, data []byte) error {
		zooms[z]++
		if len(data) > opt.MaxTileBytes {
			t.Errorf("tile %d/%d/%d is %d bytes", z, x, y, len(data))
		}
		layers, err := mvt.Unmarshal(data)
		if err != nil {
			return err
		}
		if len(layers) != 1 || layers[0].Name != Layer || len(layers[0].Features) == 0 {
			t.Errorf("tile %d/%d/%d: %d layers", z, x, y, len(layers))
		}
		for _, f := range layers[0].Features {
			switch g := f.Geometry.(type) {
			case orb.Polygon, orb.MultiPolygon:
			default:
				t.Errorf("tile %d/%d/%d has a %T: the archive must hold areas only, never a location", z, x, y, g)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for z := opt.MinZoom; z <= opt.MaxZoom; z++ {
		if zooms[z] == 0 {
			t.Errorf("no tiles at zoom %d", z)
		}
	}
	if len(zooms) != int(opt.MaxZoom-opt.MinZoom+1) {
		t.Errorf("tiles at zooms %v", zooms)
	}

	// The same input gives the same bytes; another input another key.
	var again bytes.Buffer
	if _, err := Write(&again, forces, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two writes of the same input differ")
	}
	moved := sampleForces(300)
	moved[1].Points[0].Lat++
	if Key(moved, opt) == Key(forces, opt) {
		t.Error("moving a snap point kept the key")
	}
}

func TestWriteCoarsensBigTiles(t *testing.T) {
	// A limit no tile of fine detail meets: tiles are made again on a
	// coarser grid until they fit, and say so.
	forces := sampleForces(2000)
	opt := DefaultOptions
	opt.MinZoom, opt.MaxZoom = 12, 12
	var fine bytes.Buffer
	st0, err := Write(&fine, forces, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.MaxTileBytes = st0.MaxTile * 2 / 3
	var buf bytes.Buffer
	st, err := Write(&buf, forces, opt)
	if err != nil {
		t.Fatal(err)
	}
	if st.Coarsened == 0 || st.MaxTile > opt.MaxTileBytes {
		t.Errorf("stats %+v with a limit of %d", st, opt.MaxTileBytes)
	}
}

func TestTileRingsOriented(t *testing.T) {
	// A square with a hole, both given the wrong way round.
	mp := orb.MultiPolygon{{
		{{0, 0}, {0, 10}, {10, 10}, {10, 0}, {0, 0}},
		{{2, 2}, {8, 2}, {8, 8}, {2, 8}, {2, 2}},
	}}
	for _, p := range []orb.MultiPolygon{mp} {
		got := orientForTile(p)
		if a := ringArea(got[0][0]); a <= 0 {
			t.Errorf("outer ring area %v, want positive", a)
		}
		if a := ringArea(got[0][1]); a >= 0 {
			t.Errorf("hole area %v, want negative", a)
		}
	}
	if math.Abs(ringArea(orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 0}})) != 0.5 {
		t.Error("ringArea")
	}
}

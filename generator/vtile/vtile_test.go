package vtile

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
)

// TestEncoderMatchesOrb encodes random point layers with this encoder and
// with orb's, and checks that orb decodes both to the same
// features: ids, points and properties, numbers and strings, repeated
// values and keys included.
const extent = 4096

func TestEncoderMatchesOrb(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		var ours []byte
		var want mvt.Layers
		for _, name := range []string{"crimes", "stops"} {
			l := NewLayer(name, extent)
			ol := &mvt.Layer{Name: name, Version: 2, Extent: extent}
			for i := range 1 + rng.IntN(40) {
				x, y := int32(rng.IntN(extent)), int32(rng.IntN(extent))
				id := rng.Uint64() >> 11
				var props []Prop
				op := geojson.Properties{}
				for k := range 1 + rng.IntN(6) {
					key := fmt.Sprintf("k%d", rng.IntN(8))
					if _, dup := op[key]; dup {
						continue
					}
					if k%3 == 2 {
						s := fmt.Sprintf("On or near %d|%d", rng.IntN(5), i)
						props = append(props, Prop{Key: key, IsStr: true, S: s})
						op[key] = s
					} else {
						u := uint32(rng.IntN(300))
						props = append(props, Prop{Key: key, U: u})
						op[key] = u
					}
				}
				l.Point(id, x, y, props)
				ol.Features = append(ol.Features, &geojson.Feature{ID: id, Geometry: orb.Point{float64(x), float64(y)}, Properties: op})
			}
			ours = l.AppendTo(ours)
			want = append(want, ol)
		}
		wantBytes, err := mvt.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := mvt.Unmarshal(ours)
		if err != nil {
			t.Fatalf("round %d: orb cannot read our tile: %v", round, err)
		}
		exp, err := mvt.Unmarshal(wantBytes)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, exp) {
			t.Fatalf("round %d: decoded layers differ\nours: %+v\norb:  %+v", round, got[0].Features[0], exp[0].Features[0])
		}
	}
}

// TestPolygon checks a polygon with a hole reads back through orb as the
// same rings.
func TestPolygon(t *testing.T) {
	l := NewLayer("cells", extent)
	var geom []uint32
	var cx, cy int64
	ring := func(pts [][2]int64) {
		for i, p := range pts {
			if i == 0 {
				geom = append(geom, MoveTo(1))
			} else if i == 1 {
				geom = append(geom, LineTo(len(pts)-1))
			}
			geom = append(geom, ZigZag(p[0]-cx), ZigZag(p[1]-cy))
			cx, cy = p[0], p[1]
		}
		geom = append(geom, ClosePath)
	}
	ring([][2]int64{{0, 0}, {100, 0}, {100, 100}, {0, 100}}) // exterior: positive area, y down
	ring([][2]int64{{10, 10}, {10, 20}, {20, 20}, {20, 10}}) // hole
	l.Polygon(geom)
	if l.Len() != 1 {
		t.Fatalf("%d features", l.Len())
	}
	got, err := mvt.Unmarshal(l.AppendTo(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := orb.Polygon{
		{{0, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0}},
		{{10, 10}, {10, 20}, {20, 20}, {20, 10}, {10, 10}},
	}
	if len(got) != 1 || len(got[0].Features) != 1 || !orb.Equal(got[0].Features[0].Geometry, want) {
		t.Fatalf("read back %+v, want %v", got, want)
	}
}

// TestFeatureLinesAndPolygons checks that orb reads back a line and a
// polygon with properties written by Feature.
func TestFeatureLinesAndPolygons(t *testing.T) {
	l := NewLayer("roads", extent)
	line := []uint32{MoveTo(1), ZigZag(10), ZigZag(20), LineTo(2), ZigZag(5), ZigZag(0), ZigZag(0), ZigZag(-7)}
	l.Feature(LineString, line, []Prop{{Key: "name", IsStr: true, S: "High Street"}, {Key: "min_zoom", U: 12}})
	poly := []uint32{MoveTo(1), ZigZag(0), ZigZag(0), LineTo(2), ZigZag(10), ZigZag(0), ZigZag(0), ZigZag(10), ClosePath}
	l.Feature(Polygon, poly, []Prop{{Key: "kind", IsStr: true, S: "park"}})
	got, err := mvt.Unmarshal(l.AppendTo(nil))
	if err != nil {
		t.Fatal(err)
	}
	fs := got[0].Features
	if len(fs) != 2 {
		t.Fatalf("got %d features, want 2", len(fs))
	}
	wantLine := orb.LineString{{10, 20}, {15, 20}, {15, 13}}
	if !orb.Equal(fs[0].Geometry, wantLine) {
		t.Errorf("line = %v, want %v", fs[0].Geometry, wantLine)
	}
	if fs[0].Properties["name"] != "High Street" || fs[0].Properties["min_zoom"] != float64(12) {
		t.Errorf("line properties = %v", fs[0].Properties)
	}
	wantPoly := orb.Polygon{{{0, 0}, {10, 0}, {10, 10}, {0, 0}}}
	if !orb.Equal(fs[1].Geometry, wantPoly) {
		t.Errorf("polygon = %v, want %v", fs[1].Geometry, wantPoly)
	}
	if fs[1].Properties["kind"] != "park" {
		t.Errorf("polygon properties = %v", fs[1].Properties)
	}
}

// TestResetGivesSameBytes fills a layer, resets it and fills it with other
// features: its bytes must be those of a new layer given the same.
func TestResetGivesSameBytes(t *testing.T) {
	fill := func(l *Layer, seed uint64) {
		rng := rand.New(rand.NewPCG(seed, 7))
		for i := range 1 + rng.IntN(30) {
			props := []Prop{
				{Key: fmt.Sprintf("k%d", rng.IntN(5)), U: uint32(rng.IntN(20))},
				{Key: "name", IsStr: true, S: fmt.Sprintf("On or near %d", rng.IntN(4))},
			}
			l.Point(uint64(i), int32(rng.IntN(extent)), int32(rng.IntN(extent)), props)
		}
	}
	reused := NewLayer("first", 512)
	for seed := range uint64(20) {
		fill(reused, seed+100)
		reused.AppendTo(nil)
		reused.Reset("crimes", extent)
		fill(reused, seed)
		fresh := NewLayer("crimes", extent)
		fill(fresh, seed)
		if got, want := reused.AppendTo(nil), fresh.AppendTo(nil); string(got) != string(want) {
			t.Fatalf("seed %d: a reset layer gives %d bytes, a new one %d, not the same", seed, len(got), len(want))
		}
		if reused.Len() != fresh.Len() {
			t.Fatalf("seed %d: Len %d after Reset, want %d", seed, reused.Len(), fresh.Len())
		}
		reused.Reset("other", 512)
	}
}

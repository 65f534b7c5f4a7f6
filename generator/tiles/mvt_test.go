package tiles

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
)

// TestEncoderMatchesOrb encodes random point layers with the tiles' own
// encoder and with orb's, and checks that orb decodes both to the same
// features: ids, points and properties, numbers and strings, repeated
// values and keys included.
func TestEncoderMatchesOrb(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		var ours []byte
		var want mvt.Layers
		for _, name := range []string{CrimesLayer, StopsLayer} {
			l := newLayerEncoder(name)
			ol := &mvt.Layer{Name: name, Version: 2, Extent: Extent}
			for i := range 1 + rng.IntN(40) {
				x, y := int32(rng.IntN(Extent)), int32(rng.IntN(Extent))
				id := rng.Uint64() >> 11
				var props []prop
				op := geojson.Properties{}
				for k := range 1 + rng.IntN(6) {
					key := fmt.Sprintf("k%d", rng.IntN(8))
					if _, dup := op[key]; dup {
						continue
					}
					if k%3 == 2 {
						s := fmt.Sprintf("On or near %d|%d", rng.IntN(5), i)
						props = append(props, prop{key: key, isStr: true, s: s})
						op[key] = s
					} else {
						u := uint32(rng.IntN(300))
						props = append(props, prop{key: key, u: u})
						op[key] = u
					}
				}
				l.point(id, x, y, props)
				ol.Features = append(ol.Features, &geojson.Feature{ID: id, Geometry: orb.Point{float64(x), float64(y)}, Properties: op})
			}
			ours = l.appendTo(ours)
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

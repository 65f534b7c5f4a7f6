package reference

import (
	"bytes"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/validate"
	"github.com/paulmach/orb"
)

// checkShape fails on a shape that breaks the readers' promises: closed
// rings of at least four positions, finite coordinates within range.
func checkShape(t *testing.T, shape orb.MultiPolygon) {
	t.Helper()
	for _, p := range shape {
		if len(p) == 0 {
			t.Fatalf("empty polygon in %v", shape)
		}
		for _, r := range p {
			if len(r) < 4 || r[0] != r[len(r)-1] {
				t.Fatalf("bad ring %v", r)
			}
			for _, q := range r {
				if err := checkPosition(q[0], q[1]); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

func FuzzReadKML(f *testing.F) {
	f.Add(kmlSquare)
	f.Add(kmlMulti)
	f.Add(wrapRing("0,50 1,5<!-- x -->0 1,51"))
	f.Add(wrapRing("0,50 NaN,50 1,51"))
	f.Add(`<kml><Polygon><innerBoundaryIs><LinearRing><coordinates>0,50 1,50 1,51</coordinates></LinearRing></innerBoundaryIs></Polygon></kml>`)
	f.Add(`<?xml version="1.0" encoding="ISO-8859-1"?><kml/>`)
	f.Fuzz(func(t *testing.T, in string) {
		_, shape, err := ReadKML(strings.NewReader(in))
		if err == nil {
			if len(shape) == 0 {
				t.Fatal("no error and no shape")
			}
			checkShape(t, shape)
		}
	})
}

func FuzzReadGeoJSON(f *testing.F) {
	f.Add(forcesGeoJSON)
	f.Add(lsoaA)
	f.Add(`{"type": "GeometryCollection", "geometries": [{"type": "GeometryCollection", "geometries": []}]}`)
	f.Add(`{"type": "Polygon", "coordinates": [[[0,50],null,[1,51],[0,52]]]}`)
	f.Add(`{"type": "Feature", "properties": [1], "geometry": {"type": "MultiPolygon", "coordinates": [[[[0, 50], [1, 50], [1, 51e400]]]]}}`)
	f.Add(`{"features": [1, {"type": "Feature"}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		features, err := ReadGeoJSON(strings.NewReader(in))
		if err != nil {
			return
		}
		for i, feat := range features {
			if (feat.Err == nil) == (feat.Shape == nil) {
				t.Fatalf("feature %d: Err %v with shape %v", i, feat.Err, feat.Shape)
			}
			checkShape(t, feat.Shape)
		}
	})
}

func FuzzReadDetails(f *testing.F) {
	f.Add(detailsJSON)
	f.Add(`{"contact_details": [], "people": [{"contact_details": {"x": 1}}], "population": 5}`)
	f.Add(`{"centre": {"latitude": null}, "events": null}`)
	f.Add("\ufeff{}")
	f.Fuzz(func(t *testing.T, in string) {
		d, err := ReadDetails(strings.NewReader(in))
		if err == nil && d == nil {
			t.Fatal("no error and no details")
		}
	})
}

func FuzzReadPostcodes(f *testing.F) {
	f.Add("postcode,latitude,longitude\nSW1A 1AA,51.5,-0.14\nAB10,57.1,-2.1\n")
	f.Add("\ufeffpcds,lat,long\nsw1a1aa,NaN,0\n\"x,1,2\nB1 1AA,99.999999,0\n")
	f.Add("postcode\n")
	f.Fuzz(func(t *testing.T, in string) {
		r := validate.NewReport()
		pcs, err := ReadPostcodes(strings.NewReader(in), "p.csv", r)
		if err != nil {
			return
		}
		for i, p := range pcs {
			if norm, ok := NormalisePostcode(p.Code); !ok || norm != p.Code {
				t.Fatalf("postcode %q is not normalised", p.Code)
			}
			if err := checkPosition(p.Lon, p.Lat); err != nil {
				t.Fatal(err)
			}
			if i > 0 && pcs[i-1].Code >= p.Code {
				t.Fatalf("postcodes not sorted and unique: %q, %q", pcs[i-1].Code, p.Code)
			}
		}
	})
}

func FuzzReadPopulation(f *testing.F) {
	f.Add("\ufefflsoacd,population\nE01011949,1866\nE01011950,\"1,094\"\n")
	f.Add("LSOA code,population\nx,y\n\"E0\n")
	f.Fuzz(func(t *testing.T, in string) {
		pop, err := ReadPopulation(bytes.NewReader([]byte(in)), "p.csv", validate.NewReport())
		if err != nil {
			return
		}
		for code, n := range pop {
			if !lsoaCode.MatchString(code) || n < 0 {
				t.Fatalf("%q: %d", code, n)
			}
		}
	})
}

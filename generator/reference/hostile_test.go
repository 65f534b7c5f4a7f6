package reference

import (
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/crimemap/crimemap/generator/validate"
	"github.com/paulmach/orb"
)

// The tests in this file feed Load hostile and broken reference data, one
// kind per case, and assert exactly what it reports and what it keeps.

// manyVertices is a regular n-gon (no edge crosses another) near
// Leicester, in KML's or GeoJSON's syntax.
func manyVertices(n int, geojson bool) string {
	b := make([]byte, 0, n*24)
	for i := range n {
		s, c := math.Sincos(2 * math.Pi * float64(i) / float64(n))
		if geojson {
			b = append(b, '[')
		}
		b = strconv.AppendFloat(b, -1.1+0.01*c, 'f', 7, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, 52.6+0.01*s, 'f', 7, 64)
		if geojson {
			b = append(b, "],"...)
		} else {
			b = append(b, ' ')
		}
	}
	if geojson {
		b = b[:len(b)-1]
	}
	return string(b)
}

const leics = "ref/neighbourhoods/leicestershire/"

func geoPolygon(coords string) string {
	return `{"type": "Feature", "properties": {"name": "Castle"}, "geometry": {"type": "Polygon", "coordinates": ` + coords + `}}`
}

// TestHostileBoundaries covers boundary files that are malformed, cross
// themselves, have millions of vertices or an empty polygon.
func TestHostileBoundaries(t *testing.T) {
	square := "-1.2,52.6 -1.1,52.6 -1.1,52.7 -1.2,52.7 -1.2,52.6"
	bowTie := "-1.2,52.6 -1.1,52.7 -1.1,52.6 -1.2,52.7 -1.2,52.6"
	tests := []struct {
		name, file, body string
		kept             bool
		problem          string // file | line | reason | severity | detail, as problems() writes it
	}{
		{"kml not closed", "NC04.kml", placemark("Castle", kmlPolygon(square))[:120], false,
			leics + "NC04.kml | 2 | bad-reference | excluded | unexpected EOF"},
		{"kml not xml", "NC04.kml", "<kml><Placemark></Polygon></kml>", false,
			leics + "NC04.kml | 1 | bad-reference | excluded | element <Placemark> closed by </Polygon>"},
		{"kml empty polygon", "NC04.kml", placemark("Castle", "<Polygon></Polygon>"), false,
			leics + "NC04.kml | 3 | bad-reference | excluded | polygon without an outer boundary"},
		{"kml empty coordinates", "NC04.kml", placemark("Castle", kmlPolygon("")), false,
			leics + "NC04.kml | 3 | bad-reference | excluded | ring has 0 positions; it needs at least 3 different ones"},
		{"kml two points", "NC04.kml", placemark("Castle", kmlPolygon("-1.2,52.6 -1.1,52.6")), false,
			leics + "NC04.kml | 3 | bad-reference | excluded | ring has 2 positions; it needs at least 3 different ones"},
		{"kml NaN", "NC04.kml", placemark("Castle", kmlPolygon("-1.2,52.6 NaN,52.6 -1.1,52.7")), false,
			leics + "NC04.kml | 3 | bad-reference | excluded | coordinate NaN,52.6 is not a finite number"},
		{"kml infinite", "NC04.kml", placemark("Castle", kmlPolygon("-1.2,52.6 1e999,52.6 -1.1,52.7")), false,
			leics + "NC04.kml | 3 | bad-reference | excluded | coordinate \"1e999,52.6\" is not a pair of numbers"},
		{"kml self-intersecting", "NC04.kml", placemark("Castle", kmlPolygon(bowTie)), true,
			leics + "NC04.kml | 0 | self-intersecting | warning | polygon 0 crosses itself near -1.150000,52.650000; used as it is, inside by the even-odd rule"},
		{"kml hole crossing its outer ring", "NC04.kml", placemark("Castle", kmlPolygon(square, "-1.15,52.65 -1.0,52.65 -1.0,52.68 -1.15,52.65")), true,
			leics + "NC04.kml | 0 | self-intersecting | warning | polygon 0 crosses itself near -1.100000"},
		{"kml millions of vertices", "NC04.kml", placemark("Castle", kmlPolygon(manyVertices(maxVertices+1, false))), false,
			leics + "NC04.kml | 3 | bad-reference | excluded | more than 2000000 vertices"},
		{"kml a million vertices", "NC04.kml", placemark("Castle", kmlPolygon(manyVertices(1_000_000, false))), true, ""},
		{"geojson truncated", "NC04.geojson", geoPolygon("[[[-1.2,52.6],[-1.1,52.6],[-1.1,52.7],[-1.2,52.6]]]")[:80], false,
			leics + "NC04.geojson | 0 | bad-reference | excluded | member \"geometry\": unexpected EOF"},
		{"geojson not json", "NC04.geojson", `{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[-1.2,52.6],]]}}`, false,
			leics + "NC04.geojson | 0 | bad-reference | excluded | member \"geometry\": invalid character ']' looking for beginning of value at byte"},
		{"geojson empty polygon", "NC04.geojson", geoPolygon("[]"), false,
			leics + "NC04.geojson | 0 | bad-reference | excluded | feature 0: empty polygon"},
		{"geojson empty ring", "NC04.geojson", geoPolygon("[[]]"), false,
			leics + "NC04.geojson | 0 | bad-reference | excluded | feature 0: ring 0: ring has 0 positions"},
		{"geojson null vertex", "NC04.geojson", geoPolygon("[[[-1.2,52.6],null,[-1.1,52.7],[-1.2,52.6]]]"), false,
			leics + "NC04.geojson | 0 | bad-reference | excluded | feature 0: polygon coordinates: position null is not an array"},
		{"geojson out of range", "NC04.geojson", geoPolygon("[[[-1.2,52.6],[-1.1,152.6],[-1.1,52.7],[-1.2,52.6]]]"), false,
			leics + "NC04.geojson | 0 | bad-reference | excluded | feature 0: ring 0: coordinate -1.1,152.6 is outside longitude -180..180 and latitude -90..90"},
		{"geojson swapped", "NC04.geojson", geoPolygon("[[[52.6,-1.2],[52.6,-1.1],[52.7,-1.1],[52.6,-1.2]]]"), true,
			leics + "NC04.geojson | 0 | outside-uk | warning | boundary (52.6,-1.2 to 52.7,-1.1) is nowhere near the UK; are longitude and latitude swapped?"},
		{"geojson self-intersecting", "NC04.geojson", geoPolygon("[[[-1.2,52.6],[-1.1,52.7],[-1.1,52.6],[-1.2,52.7],[-1.2,52.6]]]"), true,
			leics + "NC04.geojson | 0 | self-intersecting | warning | polygon 0 crosses itself near -1.150000,52.650000"},
		{"geojson millions of vertices", "NC04.geojson", geoPolygon("[[" + manyVertices(maxVertices+1, true) + "]]"), false,
			leics + "NC04.geojson | 0 | bad-reference | excluded | feature 0: more than 2000000 vertices"},
		{"geojson nested too deep", "NC04.geojson", `{"type": "Feature", "geometry": ` + strings.Repeat(`{"type": "GeometryCollection", "geometries": [`, 20) + strings.Repeat(`]}`, 20) + `}`, false,
			leics + "NC04.geojson | 0 | bad-reference | excluded | feature 0: geometry 0: geometry 0: geometry 0: geometry 0: geometry 0: geometry 0: geometry 0: geometry 0: geometry collections nested too deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			report := validate.NewReport()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			d, err := Load(fstest.MapFS{leics + tt.file: {Data: []byte(tt.body)}}, "ref", report)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			// Proportional to the file, which the limits bound; the
			// decoders' garbage included.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 24*uint64(len(tt.body))+64<<20 {
				t.Errorf("allocated %d MiB for a file of %d MiB", alloc>>20, len(tt.body)>>20)
			}
			if kept := len(d.Neighbourhoods) == 1; kept != tt.kept {
				t.Errorf("kept %v, want %v", kept, tt.kept)
			}
			got := problems(report)
			switch {
			case tt.problem == "" && len(got) != 0:
				t.Errorf("problems %q, want none", got)
			case tt.problem != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tt.problem)):
				t.Errorf("problems %q\nwant one starting %q", got, tt.problem)
			}
		})
	}
}

// TestSelfCrossingBudget checks that a polygon built to make the sweep
// compare every pair of edges is given up on in bounded time, not checked
// quadratically.
func TestSelfCrossingBudget(t *testing.T) {
	// A zigzag of 400,000 edges, every one spanning the whole width, so
	// every pair's x ranges overlap; no two cross.
	const teeth = 200_000
	ring := make(orb.Ring, 0, 2*teeth+1)
	for i := range teeth {
		y := float64(i) * 1e-5
		ring = append(ring, orb.Point{float64(i%2) * 1e-9, y}, orb.Point{1, y + 0.5e-5})
	}
	// Close it round the outside, crossing nothing.
	top := ring[len(ring)-1][1]
	ring = append(ring, orb.Point{1.5, top}, orb.Point{1.5, -0.5}, orb.Point{-0.5, -0.5}, ring[0])
	_, _, ok, checked := selfCrossing(orb.MultiPolygon{{ring}})
	if ok || checked {
		t.Errorf("comb: crossing %v, checked %v; want the budget spent", ok, checked)
	}
}

// TestHostileTables covers the CSV reference tables: a 1 GB line and a
// quote never closed are read within a bounded record, reported at the
// line they start on, and the rows before them kept.
func TestHostileTables(t *testing.T) {
	const head = "postcode,latitude,longitude\n"
	tests := []struct {
		name    string
		body    io.Reader
		kept    int
		problem string
	}{
		{"1 GB line", io.MultiReader(strings.NewReader(head+"LE1 1AA,52.6,-1.1\nLE1 1AB,52.6,"), &repeat{b: '1', n: 1 << 30},
			strings.NewReader("\nLE1 1AD,52.6,-1.1\n")), 1,
			"postcodes.csv | 3 | field-too-long | excluded | reading stopped here: the record starting on line 3 is longer than 64 KiB; rows before this line are kept"},
		{"quote never closed", strings.NewReader(head + "LE1 1AA,52.6,-1.1\n\"LE1 1AB,52.6,-1.1\n" + strings.Repeat("LE1 1AC,52.6,-1.1\n", 10_000)), 1,
			"postcodes.csv | 3 | field-too-long | excluded | reading stopped here: the record starting on line 3 is longer than 64 KiB; rows before this line are kept"},
		{"NUL and bad UTF-8", strings.NewReader(head + "LE1 1AA,52.6,-1.1\nLE1\x00 1AB,52.6,-1.1\n\xff,52.6,-1.1\n"), 1,
			"postcodes.csv | 3 | bad-reference | excluded | \"LE1\\x00 1AB\" is not a postcode"},
		{"NaN", strings.NewReader(head + "LE1 1AA,52.6,-1.1\nLE1 1AB,NaN,-1.1\n"), 1,
			"postcodes.csv | 3 | bad-coordinates | excluded | LE1 1AB: coordinate -1.1,NaN is not a finite number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			report := validate.NewReport()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			pcs, err := ReadPostcodes(tt.body, "postcodes.csv", report)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}
			if len(pcs) != tt.kept {
				t.Errorf("kept %v, want %d", pcs, tt.kept)
			}
			got := problems(report)
			if len(got) == 0 || got[0] != tt.problem {
				t.Errorf("problems %q\nwant first %q", got, tt.problem)
			}
		})
	}
}

// repeat yields n copies of b.
type repeat struct {
	b byte
	n int64
}

func (r *repeat) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), r.n)
	for i := range k {
		p[i] = r.b
	}
	r.n -= k
	return int(k), nil
}

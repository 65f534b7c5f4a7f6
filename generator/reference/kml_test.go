package reference

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

const kmlSquare = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document>
  <name>Document name</name>
  <Placemark>
    <name>Castle</name>
    <Polygon>
      <outerBoundaryIs><LinearRing><coordinates>
        -1.0,52.0,0 -0.9,52.0,0
        -0.9,52.1,0	-1.0,52.1,0 -1.0,52.0,0
      </coordinates></LinearRing></outerBoundaryIs>
      <innerBoundaryIs><LinearRing><coordinates>-0.96,52.04 -0.94,52.04 -0.94,52.06 -0.96,52.06</coordinates></LinearRing></innerBoundaryIs>
    </Polygon>
  </Placemark>
</Document>
</kml>`

const kmlMulti = `<kml><Document><Placemark><MultiGeometry>
<Point><coordinates>5,5</coordinates></Point>
<Polygon><outerBoundaryIs><LinearRing><coordinates>0,50 1,50 1,51 0,51 0,50</coordinates></LinearRing></outerBoundaryIs></Polygon>
<Polygon><outerBoundaryIs><LinearRing><coordinates>2,50 3,50 3,51 2,50</coordinates></LinearRing></outerBoundaryIs></Polygon>
</MultiGeometry></Placemark></Document></kml>`

func TestReadKML(t *testing.T) {
	hole := orb.Ring{{-0.96, 52.04}, {-0.94, 52.04}, {-0.94, 52.06}, {-0.96, 52.06}, {-0.96, 52.04}}
	tests := []struct {
		name      string
		in        string
		wantName  string
		wantShape orb.MultiPolygon
		wantErr   string // substring; "" for none
		wantLine  int
	}{
		{name: "polygon with a hole, namespaced", in: kmlSquare, wantName: "Castle",
			wantShape: orb.MultiPolygon{{
				{{-1, 52}, {-0.9, 52}, {-0.9, 52.1}, {-1, 52.1}, {-1, 52}},
				hole,
			}}},
		{name: "multigeometry, point ignored, ring closed", in: kmlMulti,
			wantShape: orb.MultiPolygon{
				{{{0, 50}, {1, 50}, {1, 51}, {0, 51}, {0, 50}}},
				{{{2, 50}, {3, 50}, {3, 51}, {2, 50}}},
			}},
		{name: "document name when the placemark has none",
			in:       `<kml><Document><name> NC04 </name><Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>0,50 1,50 1,51</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>`,
			wantName: "NC04", wantShape: orb.MultiPolygon{{{{0, 50}, {1, 50}, {1, 51}, {0, 50}}}}},
		{name: "kml 2.0 namespace and CDATA name",
			in:       `<kml xmlns="http://earth.google.com/kml/2.0"><Placemark><name><![CDATA[Town & Gown]]></name><Polygon><outerBoundaryIs><LinearRing><coordinates>0,50 1,50 1,51</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>`,
			wantName: "Town & Gown", wantShape: orb.MultiPolygon{{{{0, 50}, {1, 50}, {1, 51}, {0, 50}}}}},
		{name: "no polygon", in: `<kml><Placemark><Point><coordinates>0,50</coordinates></Point></Placemark></kml>`, wantErr: "no polygon"},
		{name: "empty file", in: ``, wantErr: "no polygon"},
		{name: "not xml", in: `{"type": "Feature"}`, wantErr: "no polygon"},
		{name: "broken xml", in: "<kml>\n<Placemark>\n</kml>", wantErr: "element <Placemark> closed by </kml>", wantLine: 3},
		{name: "unclosed", in: "<kml><Placemark>", wantErr: "unexpected EOF"},
		{name: "NaN", in: wrapRing("0,50 NaN,50 1,51"), wantErr: "not a finite number", wantLine: 1},
		{name: "Inf", in: wrapRing("0,50 1,+Inf 1,51"), wantErr: "not a finite number"},
		{name: "longitude out of range", in: wrapRing("0,50 181,50 1,51"), wantErr: "outside longitude"},
		{name: "latitude out of range", in: wrapRing("0,50 1,-91 1,51"), wantErr: "outside longitude"},
		{name: "not numbers", in: wrapRing("0,50 a,b 1,51"), wantErr: `"a,b" is not a pair of numbers`},
		{name: "one number", in: wrapRing("0,50 1 1,51"), wantErr: `"1" is not lon,lat`},
		{name: "four numbers", in: wrapRing("0,50 1,2,3,4 1,51"), wantErr: "is not lon,lat"},
		{name: "too short", in: wrapRing("0,50 1,50"), wantErr: "ring has 2 positions"},
		{name: "empty coordinates", in: wrapRing("  "), wantErr: "ring has 0 positions"},
		{name: "hole without outer",
			in:      `<kml><Polygon><innerBoundaryIs><LinearRing><coordinates>0,50 1,50 1,51</coordinates></LinearRing></innerBoundaryIs></Polygon></kml>`,
			wantErr: "polygon without an outer boundary"},
		{name: "two outers",
			in:      `<kml><Polygon><outerBoundaryIs><LinearRing><coordinates>0,50 1,50 1,51</coordinates></LinearRing></outerBoundaryIs><outerBoundaryIs><LinearRing><coordinates>0,50 1,50 1,51</coordinates></LinearRing></outerBoundaryIs></Polygon></kml>`,
			wantErr: "two outer boundaries"},
		{name: "nested polygon", in: `<kml><Polygon><Polygon></Polygon></Polygon></kml>`, wantErr: "polygon inside a polygon"},
		{name: "latin-1 declared", in: `<?xml version="1.0" encoding="ISO-8859-1"?><kml></kml>`, wantErr: "ISO-8859-1"},
		{name: "too deep", in: strings.Repeat("<a>", maxKMLDepth+1), wantErr: "nested deeper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, shape, err := ReadKML(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				var le *LineError
				if tt.wantLine > 0 && (!errors.As(err, &le) || le.Line != tt.wantLine) {
					t.Errorf("err = %#v, want line %d", err, tt.wantLine)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if name != tt.wantName {
				t.Errorf("name = %q, want %q", name, tt.wantName)
			}
			if !orb.Equal(shape, tt.wantShape) {
				t.Errorf("shape = %v, want %v", shape, tt.wantShape)
			}
		})
	}
}

func wrapRing(coords string) string {
	return `<kml><Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>` + coords +
		`</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>`
}

// TestReadKMLPieces checks tuples cut across text pieces: a comment splits
// the text of <coordinates> into two CharData tokens.
func TestReadKMLPieces(t *testing.T) {
	_, shape, err := ReadKML(strings.NewReader(wrapRing("0,50 1,5<!-- cut -->0 1,51")))
	if err != nil {
		t.Fatal(err)
	}
	want := orb.MultiPolygon{{{{0, 50}, {1, 50}, {1, 51}, {0, 50}}}}
	if !orb.Equal(shape, want) {
		t.Errorf("shape = %v, want %v", shape, want)
	}
}

func TestReadKMLVertexLimit(t *testing.T) {
	var b strings.Builder
	for i := range 20 {
		fmt.Fprintf(&b, "%d,50 ", i%10)
	}
	if _, _, err := readKML(strings.NewReader(wrapRing(b.String())), 25); err != nil {
		t.Fatalf("20 vertices under a limit of 25: %v", err)
	}
	_, _, err := readKML(strings.NewReader(wrapRing(b.String())), 10)
	if err == nil || !strings.Contains(err.Error(), "more than 10 vertices") {
		t.Fatalf("err = %v, want the vertex limit", err)
	}
	// Two rings of 8 under a limit of 12: the limit is per file.
	two := `<kml><MultiGeometry>` + strings.Repeat(`<Polygon><outerBoundaryIs><LinearRing><coordinates>0,50 1,50 1,51 0,51 0,52 1,52 1,53 0,50</coordinates></LinearRing></outerBoundaryIs></Polygon>`, 2) + `</MultiGeometry></kml>`
	if _, _, err := readKML(strings.NewReader(two), 12); err == nil || !strings.Contains(err.Error(), "more than 12 vertices") {
		t.Fatalf("err = %v, want the vertex limit across polygons", err)
	}
}

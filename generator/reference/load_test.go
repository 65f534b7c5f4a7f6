package reference

import (
	"archive/zip"
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/crimemap/crimemap/generator/validate"
	"github.com/paulmach/orb"
)

func placemark(name, polygons string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>` + name + `</name>
` + polygons + `
</Placemark></Document></kml>`
}

func kmlPolygon(outer string, inners ...string) string {
	s := `<Polygon><outerBoundaryIs><LinearRing><coordinates>` + outer + `</coordinates></LinearRing></outerBoundaryIs>`
	for _, in := range inners {
		s += `<innerBoundaryIs><LinearRing><coordinates>` + in + `</coordinates></LinearRing></innerBoundaryIs>`
	}
	return s + `</Polygon>`
}

const forcesGeoJSON = `{"type": "FeatureCollection", "features": [
{"type": "Feature", "id": 1, "properties": {"PFA20CD": "E23000002", "PFA20NM": "Cumbria"}, "geometry": {"type": "Polygon", "coordinates": [[[-3,54],[-2,54],[-2,55],[-3,54]]]}},
{"type": "Feature", "properties": {"PFA20NM": "Devon & Cornwall"}, "geometry": {"type": "MultiPolygon", "coordinates": [[[[-5,50],[-4,50],[-4,51],[-5,50]]]]}},
{"type": "Feature", "properties": {"force": "kent", "name": "Kent Police"}, "geometry": {"type": "Polygon", "coordinates": [[[0,51],[1,51],[1,52],[0,51]]]}},
{"type": "Feature", "properties": {"PFA20NM": "Label"}, "geometry": {"type": "Point", "coordinates": [0, 51]}},
{"type": "Feature", "properties": {"PFA20CD": "E23000099"}, "geometry": {"type": "Polygon", "coordinates": [[[0,51],[1,51],[1,52],[0,51]]]}},
{"type": "Feature", "properties": {"PFA20NM": "Cumbria"}, "geometry": {"type": "Polygon", "coordinates": [[[0,51],[1,51],[1,52],[0,51]]]}},
{"type": "Feature", "properties": {"PFA20NM": "Gwent"}, "geometry": {"type": "Polygon", "coordinates": [[[0,51],[1,51],[1,99],[0,51]]]}}
]}`

const lsoaA = `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"LSOA11CD": "E01000002", "LSOA11NM": "City of London 001B"}, "geometry": {"type": "Polygon", "coordinates": [[[0,51],[1,51],[1,52],[0,51]]]}},
{"type": "Feature", "properties": {"LSOA11CD": "E01000001", "LSOA11NM": "City of London 001A"}, "geometry": {"type": "Polygon", "coordinates": [[[0,51],[1,51],[1,52],[0,51]]]}}
]}`

const lsoaB = `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"LSOA21CD": "E01000002", "LSOA21NM": "again"}, "geometry": {"type": "Polygon", "coordinates": [[[0,51],[1,51],[1,52],[0,51]]]}},
{"type": "Feature", "properties": {"NAME": "nameless"}, "geometry": {"type": "Polygon", "coordinates": [[[0,51],[1,51],[1,52],[0,51]]]}}
]}`

func referenceFS() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	nb := "ref/neighbourhoods/leicestershire/"
	return fstest.MapFS{
		"ref/forces.geojson":      file(forcesGeoJSON),
		"ref/forces/kent.kml":     file(placemark("Kent", kmlPolygon("0.5,51 1.5,51 1.5,52 0.5,51"))),
		"ref/forces/Bad Name.kml": file(placemark("x", kmlPolygon("0,51 1,51 1,52"))),
		"ref/forces/readme.txt":   file("notes"),
		"ref/.DS_Store":           file("junk"),

		nb + "NC04.kml": file(placemark("Castle", kmlPolygon(
			"-1.2,52.6 -1.1,52.6 -1.1,52.7 -1.2,52.7 -1.2,52.6",
			"-1.16,52.64 -1.14,52.64 -1.14,52.66"))),
		nb + "NC04.json": file(detailsJSON),
		nb + "NC05.kml": file(placemark("NC05", `<MultiGeometry>`+
			kmlPolygon("-1.3,52.6 -1.2,52.6 -1.2,52.7")+kmlPolygon("-1.0,52.6 -0.9,52.6 -0.9,52.7")+`</MultiGeometry>`)),
		nb + "NC05.geojson":                 file(`{"type": "Feature", "properties": {"name": "Five"}, "geometry": {"type": "Polygon", "coordinates": [[[-1.3,52.6],[-1.2,52.6],[-1.2,52.7],[-1.3,52.6]]]}}`),
		nb + "NC06.kml":                     file("<kml>\n<Document>\n<Placemark>\n</Document>\n</kml>"),
		nb + "NC07.json":                    file(`{"id": "NC07", "name": "Seven",`),
		nb + "NC08.json":                    file(`{"id": "NC8", "name": " Eight ", "people": null, "priorities": [], "events": null}`),
		nb + "NC09.kml":                     file(placemark("Swapped", kmlPolygon("52.6,-1.2 52.6,-1.1 52.7,-1.1"))),
		nb + "notes.md":                     file("x"),
		"ref/neighbourhoods/Leics/NC01.kml": file(placemark("x", kmlPolygon("0,51 1,51 1,52"))),

		"ref/lsoa/a.json":      file(lsoaA),
		"ref/lsoa/b.geojson":   file(lsoaB),
		"ref/population.csv":   file("\ufefflsoacd,population\nE01000001,1500\nE01000002,lots\n"),
		"ref/postcodes.csv":    file("postcode,latitude,longitude\nle1 3gg,52.6395,-1.1303\nLE1,52.63,-1.13\n"),
		"ref/lsoa11_to_21.csv": file("not ours; left alone"),
	}
}

func TestLoad(t *testing.T) {
	r := validate.NewReport()
	d, err := Load(referenceFS(), "ref", r)
	if err != nil {
		t.Fatal(err)
	}

	type area struct{ ID, Name, Force, File string }
	summary := func(as []Area) []area {
		var out []area
		for _, a := range as {
			if len(a.Shape) == 0 {
				t.Errorf("%s/%s: empty shape", a.Force, a.ID)
			}
			out = append(out, area{a.ID, a.Name, a.Force, a.File})
		}
		return out
	}
	wantForces := []area{
		{"cumbria", "Cumbria", "cumbria", "ref/forces.geojson"},
		{"devon-and-cornwall", "Devon & Cornwall", "devon-and-cornwall", "ref/forces.geojson"},
		{"kent", "Kent", "kent", "ref/forces/kent.kml"},
	}
	if got := summary(d.Forces); !reflect.DeepEqual(got, wantForces) {
		t.Errorf("forces:\n%v\nwant\n%v", got, wantForces)
	}
	nb := "ref/neighbourhoods/leicestershire/"
	wantNeighbourhoods := []area{
		{"NC04", "City Centre", "leicestershire", nb + "NC04.kml"},
		{"NC05", "Five", "leicestershire", nb + "NC05.geojson"},
		{"NC09", "Swapped", "leicestershire", nb + "NC09.kml"},
	}
	if got := summary(d.Neighbourhoods); !reflect.DeepEqual(got, wantNeighbourhoods) {
		t.Errorf("neighbourhoods:\n%v\nwant\n%v", got, wantNeighbourhoods)
	}
	wantLSOAs := []area{
		{"E01000001", "City of London 001A", "", "ref/lsoa/a.json"},
		{"E01000002", "City of London 001B", "", "ref/lsoa/a.json"},
	}
	if got := summary(d.LSOAs); !reflect.DeepEqual(got, wantLSOAs) {
		t.Errorf("LSOAs:\n%v\nwant\n%v", got, wantLSOAs)
	}

	// The hole survives, and an unclosed ring comes back closed.
	wantNC04 := orb.MultiPolygon{{
		{{-1.2, 52.6}, {-1.1, 52.6}, {-1.1, 52.7}, {-1.2, 52.7}, {-1.2, 52.6}},
		{{-1.16, 52.64}, {-1.14, 52.64}, {-1.14, 52.66}, {-1.16, 52.64}},
	}}
	if !orb.Equal(d.Neighbourhoods[0].Shape, wantNC04) {
		t.Errorf("NC04 shape = %v, want %v", d.Neighbourhoods[0].Shape, wantNC04)
	}
	if n := len(d.Forces[1].Shape); n != 1 {
		t.Errorf("devon-and-cornwall has %d polygons", n)
	}

	if len(d.Details) != 2 {
		t.Errorf("details for %d neighbourhoods, want 2: %v", len(d.Details), d.Details)
	}
	nc04 := d.Details["leicestershire/NC04"]
	if nc04 == nil || len(nc04.People) != 2 || len(nc04.Priorities) != 2 || len(nc04.Events) != 1 || nc04.Priorities[0].Action != "" {
		t.Errorf("NC04 details = %+v", nc04)
	}
	if nc08 := d.Details["leicestershire/NC08"]; nc08 == nil || nc08.Name != " Eight " || nc08.People != nil {
		t.Errorf("NC08 details = %+v", nc08)
	}
	if want := map[string]int{"E01000001": 1500}; !reflect.DeepEqual(d.Population, want) {
		t.Errorf("population = %v, want %v", d.Population, want)
	}
	wantPostcodes := []Postcode{{"LE1", -1.13, 52.63}, {"LE1 3GG", -1.1303, 52.6395}}
	if !reflect.DeepEqual(d.Postcodes, wantPostcodes) {
		t.Errorf("postcodes = %v, want %v", d.Postcodes, wantPostcodes)
	}

	// Sorted as the report sorts examples: by force, reason, file, line.
	wantProblems := []string{
		"ref/forces/Bad Name.kml | 0 | bad-file-name | excluded |  | \"Bad Name\" is not a force slug (lower case, digits and hyphens, like \"bad-name\")",
		"ref/forces/readme.txt | 0 | bad-file-name | warning |  | ignored: a force boundary is forces/<force>.kml or .geojson",
		"ref/neighbourhoods/Leics | 0 | bad-file-name | excluded |  | \"Leics\" is not a force slug (lower case, digits and hyphens, like \"leics\")",
		"ref/forces.geojson | 0 | bad-reference | excluded |  | feature 4 has no force or name property",
		"ref/lsoa/b.geojson | 0 | bad-reference | excluded |  | LSOA E01000002 is already loaded from ref/lsoa/a.json",
		"ref/lsoa/b.geojson | 0 | bad-reference | excluded |  | feature 1 has no LSOA code (LSOA11CD or LSOA21CD)",
		"ref/population.csv | 3 | bad-reference | excluded |  | population \"lots\" is not a whole number",
		"ref/forces.geojson | 0 | duplicate-file | excluded | cumbria | force cumbria is already loaded from ref/forces.geojson",
		"ref/forces.geojson | 0 | bad-reference | excluded | gwent | feature 6: ring 0: coordinate 1,99 is outside longitude -180..180 and latitude -90..90",
		"ref/forces.geojson | 0 | duplicate-file | excluded | kent | force kent is already loaded from ref/forces/kent.kml",
		"ref/forces.geojson | 0 | bad-reference | warning | label | feature 3: geometry type \"Point\": no polygon; ignored",
		nb + "notes.md | 0 | bad-file-name | warning | leicestershire | ignored: expected neighbourhoods/<force>/<id>.kml, .geojson or .json",
		nb + "NC06.kml | 4 | bad-reference | excluded | leicestershire | element <Placemark> closed by </Document>",
		nb + "NC07.json | 0 | bad-reference | excluded | leicestershire | unexpected end of JSON input at byte 31",
		nb + "NC08.json | 0 | bad-reference | warning | leicestershire | id \"NC8\" differs from the file name; using \"NC08\"",
		nb + "NC05.kml | 0 | duplicate-file | excluded | leicestershire | neighbourhood leicestershire/NC05 is already loaded from " + nb + "NC05.geojson",
		nb + "NC09.kml | 0 | outside-uk | warning | leicestershire | boundary (52.6,-1.2 to 52.7,-1.1) is nowhere near the UK; are longitude and latitude swapped?",
	}
	var got []string
	for _, p := range r.Examples() {
		got = append(got, strings.Join([]string{p.File, strconv.Itoa(p.Line), string(p.Reason), p.Severity.String(), p.Force, p.Detail}, " | "))
	}
	if !reflect.DeepEqual(got, wantProblems) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
	}
	if r.Total(validate.Fatal) != 0 {
		t.Errorf("reference problems must never be fatal")
	}

	// The same folder gives the same result every time, whatever the
	// scheduling.
	for range 5 {
		r2 := validate.NewReport()
		d2, _ := Load(referenceFS(), "ref", r2)
		if !reflect.DeepEqual(d, d2) || !reflect.DeepEqual(r.Examples(), r2.Examples()) || !reflect.DeepEqual(r.Counts(), r2.Counts()) {
			t.Fatal("a second load differs")
		}
	}
}

func TestLoadMissing(t *testing.T) {
	d, err := Load(fstest.MapFS{}, "reference", nil)
	if err != nil || !reflect.DeepEqual(d, &Data{}) {
		t.Errorf("missing folder: %+v, %v", d, err)
	}
	d, err = Load(fstest.MapFS{"reference/readme.txt": {Data: []byte("x")}}, "reference", validate.NewReport())
	if err != nil || !reflect.DeepEqual(d, &Data{}) {
		t.Errorf("empty folder: %+v, %v", d, err)
	}
	if _, err := Load(fstest.MapFS{"reference": {Data: []byte("a file")}}, "reference", nil); err == nil {
		t.Errorf("a file in place of the folder: no error")
	}
}

// TestLoadZip reads the same folder from a zip archive, as a user who
// downloads one would.
func TestLoadZip(t *testing.T) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	mfs := referenceFS()
	if err := w.AddFS(mfs); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	fromZip, err := Load(zr, "ref", validate.NewReport())
	if err != nil {
		t.Fatal(err)
	}
	fromMap, _ := Load(mfs, "ref", validate.NewReport())
	if !reflect.DeepEqual(fromZip, fromMap) {
		t.Errorf("zip and folder differ:\n%+v\n%+v", fromZip, fromMap)
	}
}

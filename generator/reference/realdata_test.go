package reference

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/crimemap/crimemap/generator/validate"
)

// realdata is the shared folder of real open data (see its README); tests
// that need it skip when it is absent.
const realdata = "../../../shared/realdata"

func openReal(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(realdata, name))
	if os.IsNotExist(err) {
		t.Skipf("real data %s not found; it lives in ../shared/realdata beside the project", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// realFS puts real files where the reference layout wants them: a map from
// path in the layout to path under realdata. The files are read into memory
// for the test only, never copied into the project.
func realFS(t *testing.T, layout map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for to, from := range layout {
		b, err := os.ReadFile(filepath.Join(realdata, from))
		if os.IsNotExist(err) {
			t.Skipf("real data %s not found; it lives in ../shared/realdata beside the project", from)
		}
		if err != nil {
			t.Fatal(err)
		}
		fsys[to] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// TestRealForceAreas loads the ONS force areas as forces.geojson, to check
// the slugs made from the real names.
func TestRealForceAreas(t *testing.T) {
	fsys := realFS(t, map[string]string{"ref/forces.geojson": "boundaries/police_force_areas.geojson"})
	r := validate.NewReport()
	d, err := Load(fsys, "ref", r)
	if err != nil {
		t.Fatal(err)
	}
	if r.Len() != 0 {
		t.Errorf("problems: %v", r.Examples())
	}
	if len(d.Forces) != 43 {
		t.Fatalf("%d forces, want 43", len(d.Forces))
	}
	var slugs []string
	vertices := 0
	for _, a := range d.Forces {
		slugs = append(slugs, a.ID)
		vertices += vertexCount(a.Shape)
		if outsideUK(a.Shape) {
			t.Errorf("%s is outside the UK", a.ID)
		}
	}
	for _, want := range []string{"cumbria", "dyfed-powys", "city-of-london", "metropolitan", "devon-and-cornwall", "avon-and-somerset", "north-wales"} {
		if !slices.Contains(slugs, want) {
			t.Errorf("no force %q in %v", want, slugs)
		}
	}
	if !slices.IsSorted(slugs) {
		t.Errorf("forces not sorted: %v", slugs)
	}
	if i := slices.Index(slugs, "city-of-london"); d.Forces[i].Name != "London, City of" {
		t.Errorf("city-of-london is named %q", d.Forces[i].Name)
	}
	t.Logf("43 forces, %d vertices", vertices)
}

func TestRealLSOAs(t *testing.T) {
	dir := filepath.Join(realdata, "boundaries/lsoa2011")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skipf("real data %s not found; it lives in ../shared/realdata beside the project", dir)
	}
	layout := map[string]string{}
	total := 0
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		// Count features independently of our reader.
		var fc struct {
			Features []json.RawMessage `json:"features"`
		}
		if err := json.Unmarshal(b, &fc); err != nil {
			t.Fatal(err)
		}
		features, err := ReadGeoJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(features) != len(fc.Features) {
			t.Errorf("%s: %d features, want %d", name, len(features), len(fc.Features))
		}
		for _, f := range features {
			if f.Err != nil {
				t.Errorf("%s: feature %d: %v", name, f.Index, f.Err)
			}
		}
		total += len(fc.Features)
		layout["ref/lsoa/"+filepath.Base(name)] = "boundaries/lsoa2011/" + filepath.Base(name)
	}

	r := validate.NewReport()
	d, err := Load(realFS(t, layout), "ref", r)
	if err != nil {
		t.Fatal(err)
	}
	if r.Len() != 0 {
		t.Errorf("problems: %v", r.Examples())
	}
	if len(d.LSOAs) != total {
		t.Errorf("%d LSOAs, want %d", len(d.LSOAs), total)
	}
	i, ok := slices.BinarySearchFunc(d.LSOAs, "E01000001", func(a Area, code string) int { return cmp.Compare(a.ID, code) })
	if !ok || d.LSOAs[i].Name != "City of London 001A" || d.LSOAs[i].File != "ref/lsoa/E09000001.json" {
		t.Errorf("E01000001 = %+v", d.LSOAs[i])
	}
}

func countLines(t *testing.T, f *os.File) int {
	t.Helper()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
	}
	if _, err := f.Seek(0, 0); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRealPopulation(t *testing.T) {
	f := openReal(t, "reference/lsoa_population.csv")
	lines := countLines(t, f)
	r := validate.NewReport()
	pop, err := ReadPopulation(f, "lsoa_population.csv", r)
	if err != nil {
		t.Fatal(err)
	}
	if r.Len() != 0 {
		t.Errorf("problems: %v", r.Examples())
	}
	if len(pop) != lines-1 {
		t.Errorf("%d LSOAs, want %d", len(pop), lines-1)
	}
	for code, want := range map[string]int{"E01011949": 1866, "E01011950": 1094, "W01001961": 2327} {
		if pop[code] != want {
			t.Errorf("population of %s = %d, want %d", code, pop[code], want)
		}
	}
}

func TestRealPostcodes(t *testing.T) {
	f := openReal(t, "reference/postcode-districts.csv")
	lines := countLines(t, f)
	r := validate.NewReport()
	pcs, err := ReadPostcodes(f, "postcode-districts.csv", r)
	if err != nil {
		t.Fatal(err)
	}
	if r.Len() != 0 {
		t.Errorf("problems: %v", r.Examples())
	}
	if len(pcs) != lines-1 {
		t.Errorf("%d districts, want %d", len(pcs), lines-1)
	}
	i, ok := slices.BinarySearchFunc(pcs, "AB10", func(p Postcode, code string) int { return cmp.Compare(p.Code, code) })
	if !ok || pcs[i] != (Postcode{Code: "AB10", Lat: 57.13514, Lon: -2.11731}) {
		t.Errorf("AB10 = %+v", pcs[i])
	}
}

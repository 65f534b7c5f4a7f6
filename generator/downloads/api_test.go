package downloads

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/store"
)

func outputDir(t testing.TB) *output.Dir { return output.New(t.TempDir()) }

// schema is what the recorded examples say about a JSON value: the kinds
// it takes and, for objects and arrays, what is inside.
type schema struct {
	kinds map[string]bool
	keys  map[string]*schema // objects
	elem  *schema            // arrays; nil when every example array is empty
	open  bool               // an object of any keys (contact_details)
}

func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// openObjects are keys whose objects have keys of the data's choosing.
var openObjects = map[string]bool{"contact_details": true}

// learn merges one example value into s.
func (s *schema) learn(key string, v any) {
	if s.kinds == nil {
		s.kinds = map[string]bool{}
	}
	s.kinds[kind(v)] = true
	switch x := v.(type) {
	case map[string]any:
		if openObjects[key] {
			s.open = true
			return
		}
		if s.keys == nil {
			s.keys = map[string]*schema{}
		}
		for k, e := range x {
			if s.keys[k] == nil {
				s.keys[k] = &schema{}
			}
			s.keys[k].learn(k, e)
		}
	case []any:
		for _, e := range x {
			if s.elem == nil {
				s.elem = &schema{}
			}
			s.elem.learn(key, e)
		}
	}
}

// check reports where v has other field names or types than the examples.
func (s *schema) check(path string, v any) []string {
	k := kind(v)
	if !s.kinds[k] {
		return []string{fmt.Sprintf("%s: %s, the API gives %v", path, k, slices.Sorted(mapKeys(s.kinds)))}
	}
	var bad []string
	switch x := v.(type) {
	case map[string]any:
		if s.open {
			for key, e := range x {
				if kind(e) != "string" {
					bad = append(bad, fmt.Sprintf("%s.%s: %s, want string", path, key, kind(e)))
				}
			}
			return bad
		}
		if a, b := slices.Sorted(mapKeys(x)), slices.Sorted(mapKeys(s.keys)); !slices.Equal(a, b) {
			return []string{fmt.Sprintf("%s: keys %v, the API's %v", path, a, b)}
		}
		for key, e := range x {
			bad = append(bad, s.keys[key].check(path+"."+key, e)...)
		}
	case []any:
		if s.elem == nil {
			return nil
		}
		for i, e := range x {
			bad = append(bad, s.elem.check(fmt.Sprintf("%s[%d]", path, i), e)...)
		}
	}
	return bad
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// example reads testdata/api/<name>.json and any <name>.2.json.
func example(t *testing.T, name string) *schema {
	t.Helper()
	s := &schema{}
	for _, f := range []string{name + ".json", name + ".2.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", "api", f))
		if os.IsNotExist(err) && f != name+".json" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		s.learn("", v)
	}
	return s
}

// TestAPIShapes compares the static API's files for the fixture with the
// recorded examples of the live API's answers, by field names and JSON
// types, recursively.
func TestAPIShapes(t *testing.T) {
	fx := load(t, readFixture(t))
	dir, res := write(t, fx, "")
	jan, mar := crime.MakeMonth(2025, 1), crime.MakeMonth(2025, 3)
	tests := []struct {
		example, file string
		nonEmpty      bool // the file must have items, so the test means something
	}{
		{"forces", APIPath("forces"), true},
		{"force", APIPath("forces/alpha"), false},
		{"force", APIPath("forces/beta"), false},
		{"neighbourhoods", APIPath("alpha/neighbourhoods"), true},
		{"neighbourhoods", APIPath("beta/neighbourhoods"), true},
		{"neighbourhood", APIPath("alpha/N1"), false},
		{"neighbourhood", APIPath("alpha/N2"), false},
		{"boundary", APIPath("alpha/N1/boundary"), true},
		{"people", APIPath("alpha/N1/people"), true},
		{"priorities", APIPath("alpha/N1/priorities"), true},
		{"events", APIPath("alpha/N1/events"), true},
		{"people", APIPath("alpha/N2/people"), false},
		{"crime-categories", APIPath("crime-categories"), true},
		{"crimes-street-dates", APIPath("crimes-street-dates"), true},
		{"crime-last-updated", APIPath("crime-last-updated"), false},
		{"crimes", CrimesPath("alpha", "N1", jan), true},
		{"crimes", CrimesPath("alpha", "N2", jan), true},
		{"crimes", CrimesPath("beta", "betaville-001", mar), true},
		{"crimes-no-location", NoLocationPath("alpha", jan), true},
		{"stops", StopsPath("alpha", "N1", jan), true},
		{"stops", StopsPath("alpha", "N2", jan), true},
		{"stops-force", StopsForcePath("alpha", jan), true},
		{"stops-no-location", StopsNoLocationPath("alpha", jan), true},
		{"senior-officers", ForcePeoplePath("alpha"), false},
		{"crimes-no-location", NoLocationCategoryPath("alpha", crime.Drugs, jan), true},
		{"crimes-no-location", NoLocationCategoryPath("alpha", crime.Burglary, jan), false},
	}
	for _, tt := range tests {
		b := dir.Bytes(tt.file)
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Errorf("%s: %v", tt.file, err)
			continue
		}
		if l, ok := v.([]any); tt.nonEmpty && (!ok || len(l) == 0) {
			t.Errorf("%s is empty", tt.file)
		}
		for _, bad := range example(t, tt.example).check(tt.file, v) {
			t.Error(bad)
		}
	}

	// Every path the API page documents has its example file.
	for _, e := range res.Endpoints() {
		if e.Static == "" {
			continue
		}
		if e.Example == "" {
			t.Errorf("%s has no example", e.Static)
			continue
		}
		dir.AssertExists(e.Example)
	}
}

// TestAPIValues checks what the files say for the fixture.
func TestAPIValues(t *testing.T) {
	fx := load(t, readFixture(t))
	dir, _ := write(t, fx, "")
	get := func(rel string, v any) {
		t.Helper()
		if err := json.Unmarshal(dir.Bytes(rel), v); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
	}
	jan := crime.MakeMonth(2025, 1)

	var forces []idName
	get(APIPath("forces"), &forces)
	if fmt.Sprint(forces) != "[{alpha Alpha Police} {beta Beta Service}]" {
		t.Errorf("forces %v", forces)
	}
	var nbs []idName
	get(APIPath("beta/neighbourhoods"), &nbs)
	if fmt.Sprint(nbs) != "[{betaville-001 Betaville 001} {betaville-002 Betaville 002}]" {
		t.Errorf("beta's neighbourhoods %v", nbs)
	}

	// January in N1 (west): the burglary, the anti-social behaviour and
	// the shoplifting with an odd id, at snap points.
	var crimes []map[string]any
	get(CrimesPath("alpha", "N1", jan), &crimes)
	var cats []string
	for _, c := range crimes {
		cats = append(cats, c["category"].(string))
	}
	if strings.Join(cats, ",") != "burglary,anti-social-behaviour,shoplifting" {
		t.Errorf("N1's January crimes: %v", cats)
	}
	c := crimes[0]
	loc := c["location"].(map[string]any)
	if loc["latitude"] != "53.500000" || loc["longitude"] != "-1.500000" ||
		loc["street"].(map[string]any)["name"] != "On or near West Street" || c["outcome_status"].(map[string]any)["category"] != "Under investigation" ||
		c["persistent_id"] != "a000000000000000000000000000000000000000000000000000000000000001" || crimes[1]["outcome_status"] != nil ||
		crimes[2]["persistent_id"] != "odd-id" {
		t.Errorf("N1's crimes: %v", crimes)
	}
	ids := map[float64]bool{}
	for _, c := range crimes {
		ids[c["id"].(float64)] = true
	}
	if len(ids) != len(crimes) {
		t.Errorf("crime ids repeat: %v", ids)
	}

	var none []map[string]any
	get(NoLocationPath("alpha", jan), &none)
	if len(none) != 1 || none[0]["location"] != nil || none[0]["category"] != "drugs" || none[0]["location_type"] != nil {
		t.Errorf("crimes with no location: %v", none)
	}
	// Each category has its file, the same crimes or none.
	var drugs, burglary []map[string]any
	get(NoLocationCategoryPath("alpha", crime.Drugs, jan), &drugs)
	get(NoLocationCategoryPath("alpha", crime.Burglary, jan), &burglary)
	if len(drugs) != 1 || drugs[0]["id"] != none[0]["id"] || burglary == nil || len(burglary) != 0 {
		t.Errorf("drugs with no location %v, burglary %v", drugs, burglary)
	}
	var officers []any
	get(ForcePeoplePath("alpha"), &officers)
	if officers == nil || len(officers) != 0 {
		t.Errorf("senior officers: %v", officers)
	}

	// Stops: the street name comes from the crimes at the same point; old
	// wording is current; empty values are null.
	var stops []map[string]any
	get(StopsForcePath("alpha", jan), &stops)
	if len(stops) != 3 {
		t.Fatalf("%d stops", len(stops))
	}
	s0, s1 := stops[0], stops[1]
	if s0["location"].(map[string]any)["street"].(map[string]any)["name"] != "On or near West Street" ||
		s0["involved_person"] != true || s0["outcome_object"].(map[string]any)["id"] != "bu-no-further-action" ||
		s0["datetime"] != "2025-01-03T09:45:00+00:00" || s0["removal_of_more_than_outer_clothing"] != false {
		t.Errorf("first stop: %v", s0)
	}
	if s1["location"] != nil || s1["outcome"] != "Arrest" || s1["gender"] != nil || s1["involved_person"] != false ||
		s1["outcome_linked_to_object_of_search"] != true || s1["removal_of_more_than_outer_clothing"] != nil {
		t.Errorf("second stop: %v", s1)
	}
	// stops-no-location has the stops stops-force gives with no location.
	var unplaced []map[string]any
	get(StopsNoLocationPath("alpha", jan), &unplaced)
	if len(unplaced) != 1 || fmt.Sprint(unplaced[0]) != fmt.Sprint(s1) {
		t.Errorf("stops with no location: %v", unplaced)
	}

	var n1 map[string]any
	get(APIPath("alpha/N1"), &n1)
	if n1["id"] != "N1" || n1["population"] != "6502" || n1["centre"].(map[string]any)["latitude"] != "53.5" {
		t.Errorf("N1: %v", n1)
	}
	var b []latLng
	get(APIPath("alpha/N2/boundary"), &b)
	if len(b) != 5 || b[0] != (latLng{"53", "-1"}) {
		t.Errorf("N2's boundary: %v", b)
	}
	var dates []streetDate
	get(APIPath("crimes-street-dates"), &dates)
	if fmt.Sprint(dates) != "[{2025-03 [beta]} {2025-02 [alpha]} {2025-01 [alpha]}]" {
		t.Errorf("dates %v", dates)
	}
	var updated map[string]string
	get(APIPath("crime-last-updated"), &updated)
	if updated["date"] != "2025-03-01" {
		t.Errorf("last updated %v", updated)
	}

	// Beta published no street file in February: no files for it.
	dir.AssertMissing(CrimesPath("beta", "betaville-001", crime.MakeMonth(2025, 2)))
}

func TestSegments(t *testing.T) {
	fx := load(t, readFixture(t))
	res := &Result{in: fx.in}
	segs := apiSegments(fx.in.Store, fx.in.Index)
	var got []string
	for i := range fx.in.Index.Neighbourhoods {
		got = append(got, segs[int32(i)])
	}
	if strings.Join(got, ",") != "N1,N2,betaville-001,betaville-002" {
		t.Errorf("segments %v", got)
	}
	_ = res
}

// TestStopWithoutOutcome: a stop the file gives no outcome has outcome ""
// and an outcome object of empty strings, as the live API's
// stops-no-location example shows, not nulls.
func TestStopWithoutOutcome(t *testing.T) {
	st := store.New()
	s := &store.Stops{Loc: []store.LocID{store.NoLoc}, Time: []int64{0}}
	for f := range s.Fields {
		s.Fields[f] = []store.StrID{st.StopValues.IDString("")}
	}
	s.Fields[store.StopType] = []store.StrID{st.StopValues.IDString("Person search")}
	sw := stopJSON{st: st, s: s}
	var v map[string]any
	if err := json.Unmarshal(sw.list(nil, []int32{0}), &[]any{&v}); err != nil {
		t.Fatal(err)
	}
	if v["outcome"] != "" || fmt.Sprint(v["outcome_object"]) != "map[id: name:]" || v["type"] != "Person search" || v["location"] != nil {
		t.Errorf("stop without outcome: %v", v)
	}
}

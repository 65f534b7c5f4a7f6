package aggregate

import (
	"reflect"
	"runtime"
	"testing"
	"testing/fstest"

	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// threeForces: forces a, b and c, each with a neighbourhood, counted side
// by side. a and b publish at the same snap point under different street
// names; a's location comes first in the store.
var threeForces = fstest.MapFS{
	"2025-01/2025-01-a-street.csv": {Data: []byte(streetHead +
		",2025-01,A,A,-1.500000,53.500000,On or near A Street,,,Burglary,,\n" +
		",2025-01,A,A,-1.500000,53.500000,On or near A Street,,,Robbery,,\n")},
	"2025-01/2025-01-b-street.csv": {Data: []byte(streetHead +
		",2025-01,B,B,-1.500000,53.500000,On or near B Street,,,Burglary,,\n" +
		",2025-01,B,B,-0.500000,53.500000,On or near Other Street,,,Drugs,,\n")},
	"2025-01/2025-01-c-street.csv": {Data: []byte(streetHead +
		",2025-01,C,C,0.500000,53.500000,On or near C Street,,,Drugs,,\n")},
	"2025-01/2025-01-c-stop-and-search.csv": {Data: []byte(stopHead +
		"Person search,2025-01-03T10:00:00+00:00,,,53.500000,0.500000,Female,over 34,,Black,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,False,False\n")},
	"2025-02/2025-02-a-street.csv": {Data: []byte(streetHead +
		",2025-02,A,A,-1.500000,53.500000,On or near A Street,,,Burglary,,\n")},
	"2025-02/2025-02-b-street.csv": {Data: []byte(streetHead +
		",2025-02,B,B,-1.500000,53.500000,On or near B Street,,,Burglary,,\n" +
		",2025-02,B,B,-1.500000,53.500000,On or near B Street,,,Robbery,,\n")},
	"2025-02/2025-02-c-street.csv": {Data: []byte(streetHead +
		",2025-02,C,C,0.500000,53.500000,On or near C Street,,,Drugs,,\n")},
}

func buildThree(t *testing.T) (*store.Store, *Aggregates) {
	t.Helper()
	report := validate.NewReport()
	st, _, err := source.Load(&source.Input{FS: threeForces, Root: "."}, report, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build(st, []index.Boundary{
		{Force: "a", ID: "A1", Name: "A one", Shape: square(-2, 53, -1, 54)},
		{Force: "b", ID: "B1", Name: "B one", Shape: square(-2, 53, 0, 54)},
		{Force: "c", ID: "C1", Name: "C one", Shape: square(0, 53, 1, 54)},
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := Build(st, ix)
	if err != nil {
		t.Fatal(err)
	}
	return st, a
}

// TestForcesSideBySide checks that counting the forces side by side gives
// what counting them one at a time gives, and that a snap point two forces
// share is named the same in both, by the store's first location there.
func TestForcesSideBySide(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	st, one := buildThree(t)
	runtime.GOMAXPROCS(4)
	for range 5 {
		_, many := buildThree(t)
		if !reflect.DeepEqual(one, many) {
			t.Fatal("the aggregates counted side by side differ from those counted one force at a time")
		}
	}
	force := func(slug string) *Area {
		f, ok := st.Force(slug)
		if !ok {
			t.Fatalf("no force %s", slug)
		}
		return &one.Forces[f]
	}
	// The latest month: a has one crime at the shared point, b two there
	// (under its own street name) and none elsewhere, c one.
	want := map[string]Place{
		"a": {Name: "On or near A Street", Lon: -1.5, Lat: 53.5, Count: 1},
		"b": {Name: "On or near A Street", Lon: -1.5, Lat: 53.5, Count: 2},
		"c": {Name: "On or near C Street", Lon: 0.5, Lat: 53.5, Count: 1},
	}
	for slug, p := range want {
		if got := force(slug).Places; len(got) != 1 || got[0] != p {
			t.Errorf("force %s places %+v, want [%+v]", slug, got, p)
		}
	}
	// Each force's counts are its own: b's January has two crimes, one of
	// them drugs; c's stop is c's alone.
	if b := force("b"); b.Crimes[0].Total() != 2 || b.Stops[0] != 0 {
		t.Errorf("b January: %d crimes, %d stops, want 2 and 0", b.Crimes[0].Total(), b.Stops[0])
	}
	if c := force("c"); c.Stops[0] != 1 {
		t.Errorf("c January: %d stops, want 1", c.Stops[0])
	}
	if n := one.National.Crimes[0].Total() + one.National.Crimes[1].Total(); n != 9 {
		t.Errorf("national crimes %d, want 9", n)
	}
}

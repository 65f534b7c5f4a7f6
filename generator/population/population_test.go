package population

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/validate"
)

const head = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"

func TestBuild(t *testing.T) {
	fsys := fstest.MapFS{
		// LSOA E1 has two crimes in West and one in East: it belongs to West.
		"2025-01/2025-01-a-street.csv": {Data: []byte(head +
			",2025-01,A,A,-1.500000,53.500000,On or near X,E1,T 001A,Drugs,,\n" +
			",2025-01,A,A,-1.400000,53.500000,On or near X2,E1,T 001A,Drugs,,\n" +
			",2025-01,A,A,-0.500000,53.500000,On or near Y,E1,T 001A,Drugs,,\n" +
			",2025-01,A,A,-0.400000,53.500000,On or near Z,E2,T 001B,Drugs,,\n")},
		// A force without boundaries: its LSOA-named neighbourhoods.
		"2025-01/2025-01-b-street.csv": {Data: []byte(head +
			",2025-01,B,B,-3.000000,52.000000,On or near Q,E3,Q 001A,Drugs,,\n")},
	}
	st, _, err := source.Load(&source.Input{FS: fsys, Root: "."}, validate.NewReport(), source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sq := func(x0 float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x0, 53}, {x0 + 1, 53}, {x0 + 1, 54}, {x0, 54}, {x0, 53}}}}
	}
	ix, err := index.Build(st, []index.Boundary{{Force: "a", ID: "W", Shape: sq(-2)}, {Force: "a", ID: "E", Shape: sq(-1)}})
	if err != nil {
		t.Fatal(err)
	}
	var details reference.Details
	if err := jsonDecode(`{"id":"E","population":"4321"}`, &details); err != nil {
		t.Fatal(err)
	}
	f := Build(st, ix, map[string]*reference.Details{"a/E": &details}, map[string]int{"E1": 1500, "E2": 700, "E3": 900})
	a, _ := st.Force("a")
	b, _ := st.Force("b")
	want := map[string]struct {
		n   int
		src Source
	}{"W": {1500, FromLSOAs}, "E": {4321, FromDetails}, "Q 001": {900, FromLSOAs}}
	for i, n := range ix.Neighbourhoods {
		if w := want[n.ID]; f.Neighbourhoods[i] != w.n || f.NbhdSource[i] != w.src {
			t.Errorf("%s: %d from %d, want %d from %d", n.ID, f.Neighbourhoods[i], f.NbhdSource[i], w.n, w.src)
		}
	}
	if f.Forces[a] != 2200 || f.ForceSource[a] != FromLSOAs || f.Forces[b] != 900 {
		t.Errorf("forces %v %v", f.Forces, f.ForceSource)
	}
	// With no LSOA figures, a force takes its neighbourhoods' total only
	// when every one is known.
	g := Build(st, ix, map[string]*reference.Details{"a/E": &details}, nil)
	if g.Forces[a] != 0 || g.ForceSource[a] != Unknown {
		t.Errorf("a force with one neighbourhood unknown: %d", g.Forces[a])
	}
}

func jsonDecode(s string, v *reference.Details) error {
	d, err := reference.ReadDetails(strings.NewReader(s))
	if err != nil {
		return err
	}
	*v = *d
	return nil
}

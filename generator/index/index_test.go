package index

import (
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

const head = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"

func load(t *testing.T, files map[string]string) *store.Store {
	t.Helper()
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	report := validate.NewReport()
	st, _, err := source.Load(&source.Input{FS: fsys, Root: "."}, report, source.Options{})
	if err != nil || report.Len() != 0 {
		t.Fatalf("load: %v %v", err, report.Examples())
	}
	return st
}

func TestLSOANeighbourhoods(t *testing.T) {
	st := load(t, map[string]string{
		"2025-01/2025-01-a-street.csv": head +
			",2025-01,A,A,-1.500000,53.500000,On or near X,E01,Barnsley 001A,Drugs,,\n" +
			",2025-01,A,A,-1.510000,53.500000,On or near Y,E02,Barnsley 001B,Drugs,,\n" +
			",2025-01,A,A,-1.520000,53.500000,On or near Z,E03,\"Bournemouth, Christchurch and Poole 017D\",Drugs,,\n" +
			",2025-01,A,A,,,No Location,,,Drugs,,\n",
		// A force without LSOA names, like Northern Ireland, has none.
		"2025-01/2025-01-ni-street.csv": head + ",2025-01,N,N,-6.000000,54.600000,On or near Main Street,,,Drugs,,\n",
		// The same place reported by a second force: resolved for each.
		"2025-01/2025-01-b-street.csv": head + ",2025-01,B,B,-1.500000,53.500000,On or near X,E01,Barnsley 001A,Drugs,,\n",
	})
	ix, err := Build(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, n := range ix.Neighbourhoods {
		names = append(names, st.Forces[n.Force].Slug+"/"+n.Slug+"="+n.Name)
	}
	want := []string{"a/barnsley-001=Barnsley 001", "a/bournemouth-christchurch-and-poole-017=Bournemouth, Christchurch and Poole 017",
		"b/barnsley-001=Barnsley 001"}
	if len(names) != len(want) {
		t.Fatalf("neighbourhoods %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("neighbourhood %d is %s, want %s", i, names[i], want[i])
		}
	}
	a, _ := st.Force("a")
	b, _ := st.Force("b")
	ni, _ := st.Force("ni")
	c := st.Crimes
	for _, tab := range c {
		for i, l := range tab.Loc {
			got := ix.Neighbourhood(tab.Force, l)
			var want int32
			switch {
			case tab.Force == ni || l == store.NoLoc:
				want = None
			case tab.Force == b:
				want = 2
			case tab.Force == a && i < 2:
				want = 0
			default:
				want = 1
			}
			if got != want {
				t.Errorf("force %s row %d: neighbourhood %d, want %d", st.Forces[tab.Force].Slug, i, got, want)
			}
		}
	}
	// Snap points: the shared place is one snap point.
	if ix.SnapCount != 4 {
		t.Errorf("%d snap points, want 4", ix.SnapCount)
	}
}

func TestBoundaryNeighbourhoods(t *testing.T) {
	st := load(t, map[string]string{
		"2025-01/2025-01-a-street.csv": head +
			",2025-01,A,A,-1.500000,53.500000,On or near X,E01,Barnsley 001A,Drugs,,\n" +
			",2025-01,A,A,-0.500000,53.500000,On or near Y,E02,Barnsley 001B,Drugs,,\n" +
			",2025-01,A,A,1.500000,53.500000,On or near Z,E03,Barnsley 001C,Drugs,,\n",
	})
	sq := func(x0 float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x0, 53}, {x0 + 1, 53}, {x0 + 1, 54}, {x0, 54}, {x0, 53}}}}
	}
	// Identifiers that would clash once made safe, and one that climbs.
	ix, err := Build(st, []Boundary{
		{Force: "a", ID: "NC/1", Shape: sq(-2)},
		{Force: "a", ID: "nc 1", Shape: sq(-1)},
		{Force: "a", ID: "../x", Name: "Somewhere <b>bold</b>", Shape: sq(10)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.Neighbourhoods) != 3 {
		t.Fatalf("neighbourhoods %+v", ix.Neighbourhoods)
	}
	slugs := map[string]bool{}
	for _, n := range ix.Neighbourhoods {
		if n.FromLSOA || slugs[n.Slug] || n.Slug == "" {
			t.Errorf("neighbourhood %+v: slug clash or LSOA-derived", n)
		}
		slugs[n.Slug] = true
	}
	byID := map[string]int32{}
	for i, n := range ix.Neighbourhoods {
		byID[n.ID] = int32(i)
	}
	tab := st.Crimes[0]
	for i, want := range []int32{byID["NC/1"], byID["nc 1"], None} {
		if got := ix.Neighbourhood(tab.Force, tab.Loc[i]); got != want {
			t.Errorf("row %d: neighbourhood %d, want %d", i, got, want)
		}
	}
}

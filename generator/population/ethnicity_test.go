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

func TestBuildEthnic(t *testing.T) {
	fsys := fstest.MapFS{
		// E1 and E2 are in neighbourhood W, E3 in neighbourhood E; the
		// file lacks E3, so E (and the force as a whole) is not known.
		"2025-01/2025-01-a-street.csv": {Data: []byte(head +
			",2025-01,A,A,-1.500000,53.500000,On or near X,E1,T 001A,Drugs,,\n" +
			",2025-01,A,A,-1.400000,53.500000,On or near X2,E2,T 001B,Drugs,,\n" +
			",2025-01,A,A,-0.500000,53.500000,On or near Y,E3,T 002A,Drugs,,\n")},
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
	e := BuildEthnic(st, ix, map[string]reference.EthnicCounts{"E1": {1, 2, 3, 4, 5}, "E2": {10, 20, 30, 40, 50}})
	for i, n := range ix.Neighbourhoods {
		switch n.ID {
		case "W":
			if !e.NbhdKnown[i] || e.Neighbourhoods[i] != (reference.EthnicCounts{11, 22, 33, 44, 55}) {
				t.Errorf("W: %v %v", e.NbhdKnown[i], e.Neighbourhoods[i])
			}
		case "E":
			if e.NbhdKnown[i] {
				t.Errorf("E is not covered by the file, so unknown")
			}
		}
	}
	if e.ForceKnown[0] {
		t.Errorf("a force with an LSOA the file lacks is unknown")
	}
	if BuildEthnic(st, ix, nil) != nil {
		t.Error("no file, no figures")
	}
}

func TestStopGroup(t *testing.T) {
	for v, want := range map[string]string{
		"White - English/Welsh/Scottish/Northern Irish/British": "White",
		"White - Irish": "White",
		"Black/African/Caribbean/Black British - African":                                      "Black or Black British",
		"Black/African/Caribbean/Black British - Any other Black/African/Caribbean background": "Black or Black British",
		"Asian/Asian British - Chinese":                                                        "Asian or Asian British",
		"Mixed/Multiple ethnic groups - White and Asian":                                       "Mixed or multiple ethnic groups",
		"Other ethnic group - Any other ethnic group":                                          "Other ethnic group",
		"Other ethnic group - Not stated":                                                      "",
		"":                                                                                     "",
		"Prefer not to say":                                                                    "",
	} {
		g, ok := StopGroup(v)
		got := ""
		if ok {
			got = g.String()
		}
		if got != want {
			t.Errorf("StopGroup(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestReadEthnicity(t *testing.T) {
	r := validate.NewReport()
	got, err := reference.ReadEthnicity(strings.NewReader(
		"LSOA21CD,White,Black,Asian,Mixed,Other,ignored\n"+
			"E01000001,900,50,30,10,10,x\n"+
			"E01000002,1,2,three,4,5,x\n"+
			"E01000001,1,1,1,1,1,x\n"), "population-ethnicity.csv", r)
	if err != nil {
		t.Fatal(err)
	}
	want := reference.EthnicCounts{reference.Asian: 30, reference.Black: 50, reference.Mixed: 10, reference.White: 900, reference.OtherEthnic: 10}
	if len(got) != 1 || got["E01000001"] != want {
		t.Errorf("got %v", got)
	}
	if r.Len() != 2 {
		t.Errorf("%d problems, want 2 (a bad number, a duplicate)", r.Len())
	}
	if _, err := reference.ReadEthnicity(strings.NewReader("lsoacd,white\n"), "x.csv", nil); err == nil {
		t.Error("a file without every group's column is an error")
	}
}

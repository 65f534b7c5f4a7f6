package search

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

const head = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"

// twoNeighbourhoods loads street rows of force a, with two neighbourhoods
// side by side: West (longitude -2 to -1) and East (-1 to 0).
func twoNeighbourhoods(t *testing.T, rows string) (*store.Store, *index.Index) {
	t.Helper()
	fsys := fstest.MapFS{"2025-01/2025-01-a-street.csv": {Data: []byte(head + rows)}}
	st, _, err := source.Load(&source.Input{FS: fsys, Root: "."}, validate.NewReport(), source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sq := func(x0 float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x0, 53}, {x0 + 1, 53}, {x0 + 1, 54}, {x0, 54}, {x0, 53}}}}
	}
	ix, err := index.Build(st, []index.Boundary{{Force: "a", ID: "W", Name: "West", Shape: sq(-2)}, {Force: "a", ID: "E", Name: "East", Shape: sq(-1)}})
	if err != nil {
		t.Fatal(err)
	}
	return st, ix
}

func TestWrite(t *testing.T) {
	st, ix := twoNeighbourhoods(t, ",2025-01,A,A,-1.500000,53.500000,On or near X,,,Drugs,,\n"+
		",2025-01,A,A,-0.500000,53.500000,On or near Y,,,Drugs,,\n"+
		",2025-01,A,A,-0.500000,53.500000,On or near Y,,,Drugs,,\n")
	dir := t.TempDir()
	placed := PlacePostcodes(st, ix, []reference.Postcode{
		{Code: "S70 2TA", Lon: -1.2, Lat: 53.5}, {Code: "S70 2TB", Lon: -0.2, Lat: 53.5}, {Code: "S71 1AA", Lon: -0.9, Lat: 53.1},
		{Code: "S70 2TC", Lon: -1.3, Lat: 53.6},
		{Code: "ZZ1 1ZZ", Lon: 1.5, Lat: 53.5}, // in no neighbourhood
	})
	stats, err := Write(output.New(dir), st, ix, placed)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Postcodes != 4 || stats.Shards != 2 || stats.Unplaced != 1 || stats.Places != 3 {
		t.Errorf("stats %+v", stats)
	}
	var s70 map[string]Postcode
	b, _ := os.ReadFile(filepath.Join(dir, "search", "postcodes", "S70.json"))
	if err := json.Unmarshal(b, &s70); err != nil {
		t.Fatal(err)
	}
	if s70["S70 2TA"].Path != "forces/a/w/" || s70["S70 2TB"].Path != "forces/a/e/" || s70["S70 2TA"].Name != "West" {
		t.Errorf("S70 shard %+v", s70)
	}
	var shards []string
	b, _ = os.ReadFile(filepath.Join(dir, "search", "postcodes.json"))
	if err := json.Unmarshal(b, &shards); err != nil || strings.Join(shards, " ") != "S70 S71" {
		t.Errorf("the list of shards is %s (%v)", b, err)
	}
	var places []Place
	b, _ = os.ReadFile(filepath.Join(dir, "search", "places.json"))
	if err := json.Unmarshal(b, &places); err != nil {
		t.Fatal(err)
	}
	if len(places) != 3 || places[0].Name != "A" || places[0].Kind != "force" || places[1].Name != "East" {
		t.Fatalf("places %+v", places)
	}
	// A force's centre is its busiest snap point, a published location.
	if places[0].At != [2]float64{-0.5, 53.5} {
		t.Errorf("force centre %v, want the busiest snap point", places[0].At)
	}
	// A neighbourhood with a boundary is centred on it.
	if places[1].At != [2]float64{-0.5, 53.5} || places[2].At != [2]float64{-1.5, 53.5} {
		t.Errorf("centres %v %v", places[1].At, places[2].At)
	}
}

// The districts the static postcode pages list: each district's
// neighbourhoods with their counts of its postcodes, districts in reading
// order.
func TestPlacePostcodesDistricts(t *testing.T) {
	st, ix := twoNeighbourhoods(t, ",2025-01,A,A,-1.500000,53.500000,On or near X,,,Drugs,,\n")
	pl := PlacePostcodes(st, ix, []reference.Postcode{
		{Code: "BL10 1AA", Lon: -1.2, Lat: 53.5}, {Code: "BL2 1AA", Lon: -0.2, Lat: 53.5}, {Code: "BL2 1AB", Lon: -1.2, Lat: 53.5},
		{Code: "BL2 1AD", Lon: -0.3, Lat: 53.5}, {Code: "B1 1AA", Lon: -0.3, Lat: 53.5}, {Code: "ZZ1 1ZZ", Lon: 5, Lat: 5},
	})
	var got []string
	for _, d := range pl.Districts {
		s := d.Code + ":"
		for _, a := range d.Areas {
			s += fmt.Sprintf(" %s=%d", ix.Neighbourhoods[a.Neighbourhood].Name, a.Postcodes)
		}
		got = append(got, s)
	}
	want := []string{"B1: East=1", "BL2: East=2 West=1", "BL10: West=1"}
	if !slices.Equal(got, want) {
		t.Errorf("districts %q, want %q", got, want)
	}
	if pl.Postcodes != 5 || pl.Unplaced != 1 {
		t.Errorf("placed %d, unplaced %d", pl.Postcodes, pl.Unplaced)
	}
}

func TestPostcodeArea(t *testing.T) {
	for in, want := range map[string]string{"BL1": "BL", "EC1A": "EC", "M1": "M", "GIR": "GIR", "S70": "S"} {
		if got := PostcodeArea(in); got != want {
			t.Errorf("PostcodeArea(%q) = %q, want %q", in, got, want)
		}
	}
	codes := []string{"BL10", "EC1A", "BL2", "B1", "EC1", "BL1", "M1"}
	slices.SortFunc(codes, DistrictLess)
	if want := []string{"B1", "BL1", "BL2", "BL10", "EC1", "EC1A", "M1"}; !slices.Equal(codes, want) {
		t.Errorf("sorted %q, want %q", codes, want)
	}
}

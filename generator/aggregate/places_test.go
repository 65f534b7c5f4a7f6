package aggregate

import "testing"

// TestPlaces checks that an area's places are its snap points in the latest
// month only, counted with their coordinates.
func TestPlaces(t *testing.T) {
	_, _, a := build(t)
	east := a.Neighbourhoods[1]
	// February has one crime, on East Street; January's do not count.
	want := Place{Name: "On or near East Street", Lon: -0.5, Lat: 53.5, Count: 1}
	if len(east.Places) != 1 || east.Places[0] != want {
		t.Errorf("east places %+v, want [%+v]", east.Places, want)
	}
	if len(a.Neighbourhoods[0].Places) != 0 {
		t.Errorf("west places %+v, want none: its crimes are all in January", a.Neighbourhoods[0].Places)
	}
	if f := a.Forces[0]; len(f.Places) != 1 || f.Places[0] != want {
		t.Errorf("force places %+v, want [%+v]", f.Places, want)
	}
}

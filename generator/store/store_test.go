package store

import "testing"

func TestCrimeID(t *testing.T) {
	const hex = "8c7661d1b68d476454c5b68a58daee0d91781a94f6001555df3c7f0d6498d821"
	id, ok := ParseCrimeID([]byte(hex))
	if !ok || id.String() != hex {
		t.Errorf("round trip: %s %v", id, ok)
	}
	for _, bad := range []string{"", "abc", hex[:63] + "g", hex + "0"} {
		if _, ok := ParseCrimeID([]byte(bad)); ok {
			t.Errorf("%q accepted", bad)
		}
	}
	if (CrimeID{}).String() != "" {
		t.Error("zero ID is not empty")
	}
}

func TestIntern(t *testing.T) {
	s := NewStrings()
	a := s.ID([]byte("High Street"))
	if b := s.IDString("High Street"); a != b || s.Str(a) != "High Street" || s.ID(nil) != 0 || s.Len() != 2 {
		t.Errorf("ids %d %d len %d", a, b, s.Len())
	}
	l := NewLocations()
	x := l.ID(Location{Lon: 1, Lat: 2, Street: a})
	if y := l.ID(Location{Lon: 1, Lat: 2, Street: a}); x != y || l.Len() != 1 {
		t.Error("the same location twice")
	}
	if z := l.ID(Location{Lon: 1, Lat: 3, Street: a}); z == x || l.Get(z).Lat != 3 {
		t.Error("a different location")
	}
}

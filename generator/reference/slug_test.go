package reference

import "testing"

func TestForceSlug(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Cumbria", "cumbria"},
		{"Devon & Cornwall", "devon-and-cornwall"},
		{"Avon and Somerset", "avon-and-somerset"},
		{"Dyfed-Powys", "dyfed-powys"},
		{"London, City of", "city-of-london"},
		{"Metropolitan Police", "metropolitan"},
		{"Metropolitan Police Service", "metropolitan"},
		{"City of London Police", "city-of-london"},
		{"British Transport Police", "btp"},
		{"Police Service of Northern Ireland", "northern-ireland"},
		{"  North   Wales ", "north-wales"},
		{"Cumbria Constabulary", "cumbria"},
		{"Dyfed-Powys Police", "dyfed-powys"},
		{"Avon and Somerset Constabulary", "avon-and-somerset"},
		{"Devon & Cornwall Police", "devon-and-cornwall"},
		{"Police", "police"},
		{"west-midlands", "west-midlands"},
		{"A&B", "a-and-b"},
		{"Ynys Môn", "ynys-m-n"},
		{"", ""},
		{"---", ""},
	} {
		if got := ForceSlug(tt.in); got != tt.want {
			t.Errorf("ForceSlug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidSlug(t *testing.T) {
	for s, want := range map[string]bool{
		"cumbria": true, "dyfed-powys": true, "city-of-london": true, "a1": true,
		"": false, "Cumbria": false, "dyfed--powys": false, "-kent": false, "kent-": false, "devon & cornwall": false,
	} {
		if got := validSlug(s); got != want {
			t.Errorf("validSlug(%q) = %v, want %v", s, got, want)
		}
	}
}

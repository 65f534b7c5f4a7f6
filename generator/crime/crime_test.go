package crime

import "testing"

func TestParseMonth(t *testing.T) {
	good := map[string]Month{"2025-01": MakeMonth(2025, 1), "2010-12": Earliest, "2019-06": MakeMonth(2019, 6)}
	for in, want := range good {
		got, err := ParseMonth([]byte(in))
		if err != nil || got != want || got.String() != in {
			t.Errorf("ParseMonth(%q) = %v (%s), %v", in, got, got, err)
		}
	}
	for _, in := range []string{"", "2025-1", "2025-13", "2025-00", "25-01-2025", "2025/01", "2010-11", "abcd-ef", "2025-01 "} {
		if _, err := ParseMonth([]byte(in)); err == nil {
			t.Errorf("ParseMonth(%q) accepted", in)
		}
	}
	m := MakeMonth(2024, 12)
	if m.Add(1) != MakeMonth(2025, 1) || m.Add(-12) != MakeMonth(2023, 12) || m.Long() != "December 2024" {
		t.Errorf("month arithmetic: %s %s %s", m.Add(1), m.Add(-12), m.Long())
	}
}

func TestCategories(t *testing.T) {
	cats := Categories()
	if len(cats) != int(NumCategories)-1 {
		t.Fatalf("%d categories", len(cats))
	}
	slugs := map[string]bool{}
	for _, c := range cats {
		if slugs[c.Slug()] || c.Slug() == "" || c.String() == "" {
			t.Errorf("category %d: slug %q name %q", c, c.Slug(), c.String())
		}
		slugs[c.Slug()] = true
		for _, s := range []string{c.Slug(), c.String()} {
			if got, ok := ParseCategory([]byte(s)); !ok || got != c {
				t.Errorf("ParseCategory(%q) = %v, %v", s, got, ok)
			}
		}
	}
	// The fourteen current data.police.uk slugs.
	for _, s := range []string{"anti-social-behaviour", "bicycle-theft", "burglary", "criminal-damage-arson", "drugs",
		"other-theft", "possession-of-weapons", "public-order", "robbery", "shoplifting", "theft-from-the-person",
		"vehicle-crime", "violent-crime", "other-crime"} {
		if c, ok := ParseCategory([]byte(s)); !ok || c.Info().Retired {
			t.Errorf("%s: %v %v", s, c, ok)
		}
	}
	if c, ok := ParseCategory([]byte("Violent crime")); !ok || c != ViolentCrime {
		t.Errorf("the pre-2013 name of violent crime: %v %v", c, ok)
	}
	if _, ok := ParseCategory([]byte("Cyber crime")); ok {
		t.Error("unknown category accepted")
	}
}

func TestOutcomes(t *testing.T) {
	if o, ok := ParseOutcome(nil); !ok || o != NoOutcome {
		t.Errorf("empty outcome: %v %v", o, ok)
	}
	codes := map[string]bool{}
	for _, o := range Outcomes()[1:] {
		info := o.Info()
		if codes[info.Code] || info.Code == "" || info.Group == GroupNone {
			t.Errorf("outcome %d %+v", o, info)
		}
		codes[info.Code] = true
		if got, ok := ParseOutcome([]byte(info.Name)); !ok || got != o {
			t.Errorf("ParseOutcome(%q) = %v", info.Name, got)
		}
	}
	if _, ok := ParseOutcome([]byte("Case closed")); ok {
		t.Error("unknown outcome accepted")
	}
}

func TestStopWording(t *testing.T) {
	tests := []struct {
		outcome bool
		in      string
		want    string
		changed bool
	}{
		{true, "Suspect arrested", "Arrest", true},
		{true, "Nothing found - no further action", "A no further action disposal", true},
		{true, "Arrest", "", false},
		{false, "", NotStated, true},
		{true, "", NotStated, true},
		{false, "Male", "", false},
	}
	for _, tt := range tests {
		got, changed := StopWording(tt.outcome, []byte(tt.in))
		if got != tt.want || changed != tt.changed {
			t.Errorf("StopWording(%v, %q) = %q, %v", tt.outcome, tt.in, got, changed)
		}
	}
}

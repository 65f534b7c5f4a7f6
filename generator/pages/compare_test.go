package pages

import (
	"slices"
	"testing"

	"github.com/crimemap/crimemap/generator/i18n"
	"github.com/crimemap/crimemap/generator/population"
)

// TestForceRate checks when a force gets a rate per 1,000 residents: only
// a territorial force with enough residents and crimes over a complete
// year; every other case is a dash with no sort value, so it sorts last.
func TestForceRate(t *testing.T) {
	for _, c := range []struct {
		name              string
		territorial       bool
		people            int
		crimes            uint32
		complete          bool
		wantText, wantVal string
	}{
		{"rate", true, 200000, 5000, true, "25.0", "25.000"},
		{"transport force", false, 200000, 5000, true, "–", ""},
		{"unknown population", true, 0, 5000, true, "–", ""},
		{"small population", true, MinRatePopulation - 1, 5000, true, "–", ""},
		{"few crimes", true, 200000, MinRateCrimes - 1, true, "–", ""},
		{"incomplete year", true, 200000, 5000, false, "–", ""},
	} {
		text, val := forceRate(c.territorial, c.people, c.crimes, c.complete)
		if text != c.wantText || val != c.wantVal {
			t.Errorf("%s: %q %q, want %q %q", c.name, text, val, c.wantText, c.wantVal)
		}
	}
}

// TestPopulationSources checks the source of the residents is said once
// for all the forces that share it, and per source only when they differ.
func TestPopulationSources(t *testing.T) {
	cat, err := testCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	en := cat.For(i18n.English)
	one := populationSources(en, map[population.Source][]string{population.FromLSOAs: {"A", "B"}})
	if len(one) != 1 || one[0] != "Residents are the census populations of the force's LSOAs (small census areas), from the reference file population.csv." {
		t.Errorf("one source: %q", one)
	}
	two := populationSources(en, map[population.Source][]string{population.FromLSOAs: {"A"}, population.FromDetails: {"B", "C"}})
	if len(two) != 2 || !slices.ContainsFunc(two, func(s string) bool {
		return s == "Residents of B, C are the populations in the neighbourhood details the force publishes (the reference neighbourhood files)."
	}) {
		t.Errorf("two sources: %q", two)
	}
	if none := populationSources(en, nil); len(none) != 0 {
		t.Errorf("no source: %q", none)
	}
}

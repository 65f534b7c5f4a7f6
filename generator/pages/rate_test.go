package pages

import (
	"testing"

	"github.com/crimemap/crimemap/generator/population"
	"github.com/crimemap/crimemap/generator/store"
)

// TestRateFigures checks when an area page gives a rate per 1,000
// residents and which reason it gives for none, the first that applies
// (TestRateRules checks the pages' wording of each).
func TestRateFigures(t *testing.T) {
	territorial := &store.Force{Slug: "cumbria", Name: "Cumbria Constabulary"}
	railway := &store.Force{Slug: "btp", Name: "British Transport Police"}
	for _, tc := range []struct {
		name       string
		force      *store.Force
		crimes     uint32
		people     int
		missing    int
		incomplete bool
		rate, why  string
	}{
		{"a rate", territorial, 500, 10000, 0, false, "50.0", ""},
		{"a railway force", railway, 500, 10000, 0, false, "", "railway"},
		{"no population", territorial, 500, 0, 0, false, "", "no-population"},
		{"too few residents", territorial, 500, MinRatePopulation - 1, 0, false, "", "few-residents"},
		{"too few crimes", territorial, MinRateCrimes - 1, 10000, 0, false, "", "few-crimes"},
		{"a month missing", territorial, 500, 10000, 1, false, "", "months-missing"},
		{"a month far below usual", territorial, 500, 10000, 0, true, "", "month-low"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p AreaPage
			rateFigures(&p, tc.force, tc.crimes, tc.people, population.FromLSOAs, tc.missing, tc.incomplete)
			if p.Rate != tc.rate || p.RateWithheld != tc.why {
				t.Errorf("rate %q, withheld %q; want %q, %q", p.Rate, p.RateWithheld, tc.rate, tc.why)
			}
		})
	}
}

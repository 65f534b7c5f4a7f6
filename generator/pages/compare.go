package pages

import (
	"strconv"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
)

// ComparePage compares every force.
type ComparePage struct {
	Page
	YearRange string
	Rows      []CompareRow
}

// CompareRow is one force's figures. The *Value fields hold the raw
// numbers for sorting; the display fields may be a dash.
type CompareRow struct {
	Name, Href                           string
	Crimes                               uint32
	Incomplete                           bool
	Population                           int
	PopulationSource                     string
	Unmapped                             string // "N (x%)" of Crimes with no location
	UnmappedValue                        uint32
	OutcomesIncomplete                   bool
	Rate, Change, Charged                string
	RateValue, ChangeValue, ChargedValue string
}

func comparePage(in *Input) ComparePage {
	st, a := in.Store, in.Agg
	w := latestWindow(st)
	p := ComparePage{Page: newPage(in, "compare/index.html", "compare"), YearRange: w.yearRange()}
	p.Description = "Every police force compared: crimes per 1,000 residents, change on a year earlier and outcomes."
	p.Breadcrumbs = []Link{{Text: "Home", Href: p.Root}}
	no := crime.NumOutcomes
	for f := range st.Forces {
		force := &st.Forces[f]
		fa := &a.Forces[f]
		year, _ := sumMonths(a, fa, w.from, w.latest, a.Have[f])
		complete := a.CountsComplete(store.ForceID(f), w.from, w.latest)
		r := CompareRow{Name: force.Name, Href: "../" + ForcePath(force.Slug), Crimes: year.Total(), Incomplete: !complete,
			Population: in.Population.Forces[f], Rate: "–", Change: "–", Charged: "–"}
		if r.Population > 0 {
			r.PopulationSource = "from " + rateSource(in.Population.ForceSource[f])
		}
		for m := w.from; m <= w.latest; m++ {
			if i := a.Index(m); i >= 0 && a.Have[f][i] {
				r.UnmappedValue += fa.Unmapped[i]
			}
			if a.StatusOf(store.ForceID(f), m).Status&aggregate.NoOutcomes != 0 {
				r.OutcomesIncomplete = true
			}
		}
		r.Unmapped = num(r.UnmappedValue) + " (" + percent(r.UnmappedValue, r.Crimes) + ")"
		if r.Population >= MinRatePopulation && r.Crimes >= MinRateCrimes && complete {
			rate := 1000 * float64(r.Crimes) / float64(r.Population)
			r.Rate, r.RateValue = oneDecimal(rate), strconv.FormatFloat(rate, 'f', 3, 64)
		}
		// The same rule as every area page's change, to the number.
		if c := yearChange(a, store.ForceID(f), fa, a.Have[f], w); c.Withheld == "" {
			before, _ := sumMonths(a, fa, w.from.Add(-12), w.from.Add(-1), a.Have[f])
			r.Change, r.ChangeValue = signedPercent(year.Total(), before.Total()), c.Value
		}
		var charged, crimes uint32
		for m := w.from; m <= w.latest; m++ {
			i := a.Index(m)
			if i < 0 || !a.Have[f][i] {
				continue
			}
			for o := 1; o < no; o++ { // not anti-social behaviour, which has no outcome
				n := fa.LastOutcome[i*no+o]
				crimes += n
				if crime.Outcome(o).Info().Group == crime.GroupCharged {
					charged += n
				}
			}
		}
		if crimes >= MinRateCrimes {
			r.Charged = percent(charged, crimes)
			r.ChargedValue = strconv.FormatFloat(float64(charged)/float64(crimes), 'f', 4, 64)
		}
		p.Rows = append(p.Rows, r)
	}
	return p
}

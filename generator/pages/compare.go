package pages

import (
	"strconv"

	"github.com/crimemap/crimemap/generator/crime"
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
		year, miss := sumMonths(a, fa, w.from, w.latest, a.Have[f])
		before, missBefore := sumMonths(a, fa, w.from.Add(-12), w.from.Add(-1), a.Have[f])
		// A period reaching before the data starts is as incomplete as one
		// with a month missing.
		if a.Index(w.from.Add(-12)) < 0 {
			missBefore++
		}
		r := CompareRow{Name: force.Name, Href: "../" + ForcePath(force.Slug), Crimes: year.Total(), Incomplete: miss > 0,
			Population: in.Population.Forces[f], Rate: "–", Change: "–", Charged: "–"}
		if r.Population >= MinRatePopulation && r.Crimes >= MinRateCrimes && miss == 0 {
			rate := 1000 * float64(r.Crimes) / float64(r.Population)
			r.Rate, r.RateValue = oneDecimal(rate), strconv.FormatFloat(rate, 'f', 3, 64)
		}
		if miss == 0 && missBefore == 0 && before.Total() >= MinRateCrimes {
			r.Change = signedPercent(year.Total(), before.Total())
			r.ChangeValue = strconv.FormatFloat((float64(year.Total())-float64(before.Total()))/float64(before.Total()), 'f', 4, 64)
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

package pages

import (
	"strconv"
	"strings"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/i18n"
	"github.com/crimemap/crimemap/generator/population"
	"github.com/crimemap/crimemap/generator/store"
)

// ComparePage compares every force.
//
// A figure that cannot be given fairly is a dash, and its sort value is
// empty, so the table's script sorts it after every figure in either
// direction: a dash is not a low number. A force that polices transport
// rather than a territory (store.Force.Territorial) has no residents, so
// it gets no population and no rate per 1,000 residents, and the page
// says why once, under the table (Transport). So does the source of the
// population figures (Sources), which is the same for most rows.
type ComparePage struct {
	Page
	YearRange string
	Rows      []CompareRow
	// Sources says where the residents came from, one line per source.
	Sources []string
	// Transport names the forces without residents.
	Transport []string
}

// CompareRow is one force's figures. The *Value fields hold the raw
// numbers for sorting; the display fields may be a dash.
type CompareRow struct {
	Name, Href string
	Crimes     uint32
	Incomplete bool
	Population int
	// Transport marks a force that polices transport: no residents.
	Transport                            bool
	Unmapped                             string // "N (x%)" of Crimes with no location
	UnmappedValue                        uint32
	OutcomesIncomplete                   bool
	Rate, Change, Charged                string
	RateValue, ChangeValue, ChargedValue string
}

func comparePage(in *Input) ComparePage {
	st, a := in.Store, in.Agg
	w := latestWindow(st)
	p := ComparePage{Page: newPage(in, "compare/index.html", "compare"), YearRange: in.yearRange(w)}
	p.Description = in.t("compare.description")
	p.Breadcrumbs = []Link{p.homeCrumb()}
	no := crime.NumOutcomes
	bySource := map[population.Source][]string{}
	for f := range st.Forces {
		force := &st.Forces[f]
		name := in.msgs().Force(force.Slug, force.Name)
		fa := &a.Forces[f]
		year, _ := sumMonths(a, fa, w.from, w.latest, a.Have[f])
		complete := a.CountsComplete(store.ForceID(f), w.from, w.latest)
		r := CompareRow{Name: name, Href: "../" + ForcePath(force.Slug), Crimes: year.Total(), Incomplete: !complete,
			Population: in.Population.Forces[f], Rate: "–", Change: "–", Charged: "–", Transport: !force.Territorial()}
		if r.Transport {
			// The LSOAs where most of its crimes fall are stations in other
			// forces' territories; their residents are not its own.
			r.Population = 0
			p.Transport = append(p.Transport, name)
		} else if r.Population > 0 {
			src := in.Population.ForceSource[f]
			bySource[src] = append(bySource[src], name)
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
		r.Rate, r.RateValue = forceRate(!r.Transport, r.Population, r.Crimes, complete)
		// The same rule as every area page's change, to the number.
		if c := in.yearChange(store.ForceID(f), fa, a.Have[f], w); c.Withheld == "" {
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
	p.Sources = populationSources(in.msgs(), bySource)
	return p
}

// forceRate is a force's crimes per 1,000 residents and its sort value,
// or a dash and no value: for a force with no residents of its own (not
// territorial), an unknown or small population, too few crimes, or an
// incomplete year.
func forceRate(territorial bool, people int, crimes uint32, complete bool) (text, value string) {
	if !territorial || people < MinRatePopulation || crimes < MinRateCrimes || !complete {
		return "–", ""
	}
	rate := 1000 * float64(crimes) / float64(people)
	return oneDecimal(rate), strconv.FormatFloat(rate, 'f', 3, 64)
}

// populationSources says once where the residents came from: for all
// forces when they share a source, else each source with its forces.
func populationSources(m *i18n.Messages, bySource map[population.Source][]string) []string {
	// A sentence for each source, for all forces or for those named, so
	// that each language words it whole.
	keys := map[population.Source][2]string{
		population.FromLSOAs:   {"compare.source.lsoas", "compare.source.lsoas-of"},
		population.FromDetails: {"compare.source.details", "compare.source.details-of"},
	}
	var out []string
	for _, src := range []population.Source{population.FromLSOAs, population.FromDetails} {
		names := bySource[src]
		switch {
		case len(names) == 0:
		case len(bySource) == 1:
			out = append(out, m.T(keys[src][0]))
		default:
			out = append(out, m.T(keys[src][1], "forces", strings.Join(names, ", ")))
		}
	}
	return out
}

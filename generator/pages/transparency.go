package pages

import (
	"fmt"
	"strconv"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/population"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
)

// unmappedText is what follows every total of crimes: how many of them the
// map cannot show, so the map's totals and the page's reconcile. Every
// page uses it, so the wording is the same everywhere.
func unmappedText(unmapped, total uint32) string {
	if total == 0 {
		return ""
	}
	return fmt.Sprintf("of which %s (%s) %s no location and %s not on the map", num(unmapped), percent(unmapped, total),
		plural(unmapped, "has", "have"), plural(unmapped, "is", "are"))
}

// IncompleteNote is a month a page lists as incomplete, with why.
type IncompleteNote struct {
	Month, Force string
	Reasons      []string
}

// incompleteNotes explains a force's incomplete months from..to.
func incompleteNotes(a *aggregate.Aggregates, f store.ForceID, from, to crime.Month) []IncompleteNote {
	var out []IncompleteNote
	for _, im := range a.Incomplete(f) {
		if im.Month < from || im.Month > to {
			continue
		}
		out = append(out, IncompleteNote{Month: im.Month.Long(), Reasons: reasons(im)})
	}
	return out
}

// reasons says in full why a month is incomplete.
func reasons(im aggregate.IncompleteMonth) []string {
	var out []string
	s := im.Status
	if s&aggregate.Missing != 0 {
		out = append(out, "not published: the force published no street-level crime file for the month, so its figures are unknown (not zero)")
	}
	if s&aggregate.Low != 0 {
		out = append(out, fmt.Sprintf("far below usual: %s %s, under half the usual %s (the median of the force's published months in the %d before it), which suggests the month was published in part",
			num(im.Crimes), plural(im.Crimes, "crime", "crimes"), usual(im.Usual), aggregate.LowWindow))
	}
	if s&aggregate.NoOutcomes != 0 {
		out = append(out, "no outcomes yet: the force has published no outcomes for the month's crimes, so their outcomes are incomplete (the crimes themselves are all counted)")
	}
	return out
}

// usual formats the median, which is a whole number or a half.
func usual(v float64) string {
	if v == float64(int64(v)) {
		return num(int64(v))
	}
	return num(int64(v)) + ".5"
}

// monthFlag is the short marker of a published but incomplete month, ""
// for a complete or a missing one (missing months say "not published"
// already).
func monthFlag(st aggregate.Status) string {
	return (st &^ aggregate.Missing).Label()
}

// change is the year-on-year change of an area's crimes, or why none is
// given.
type change struct {
	Text, Value, Withheld string
}

// yearChange compares the 12 months to w.latest with the 12 before. Both
// periods must be complete by the completeness rule and hold at least
// MinRateCrimes crimes: a change across a missing or partial month, or on a
// handful of crimes, says nothing.
func yearChange(a *aggregate.Aggregates, f store.ForceID, ar *aggregate.Area, have []bool, w window) change {
	before := window{latest: w.from.Add(-1), from: w.from.Add(-12)}
	switch {
	case !a.CountsComplete(f, w.from, w.latest):
		return change{Withheld: "the 12 months " + w.yearRange() + " are not complete"}
	case !a.CountsComplete(f, before.from, before.latest):
		if a.Index(before.from) < 0 {
			return change{Withheld: "the data does not reach back to " + before.from.Long()}
		}
		return change{Withheld: "the 12 months " + before.yearRange() + " are not complete"}
	}
	now, _ := sumMonths(a, ar, w.from, w.latest, have)
	then, _ := sumMonths(a, ar, before.from, before.latest, have)
	if now.Total() < MinRateCrimes || then.Total() < MinRateCrimes {
		return change{Withheld: "fewer than 10 crimes in one of the periods, too few for a change to mean much"}
	}
	return change{Text: signedPercent(now.Total(), then.Total()) + " on the 12 months " + before.yearRange() + " (" + num(then.Total()) + " " + plural(then.Total(), "crime", "crimes") + ")",
		Value: strconv.FormatFloat((float64(now.Total())-float64(then.Total()))/float64(then.Total()), 'f', 4, 64)}
}

// ethnicStops tabulates 12 months of stops by the stopped person's own
// ethnic group, per 1,000 residents of the group where the reference data
// gives residents by group. A rate is given only for at least MinRateCrimes
// stops and MinRatePopulation residents, the rule every rate follows.
func ethnicStops(in *Input, ar *aggregate.Area, w window, name string, groups *reference.EthnicCounts) (Table, string) {
	a := in.Agg
	var byGroup [reference.NumEthnicGroups]uint32
	var unstated, total uint32
	for v, by := range ar.StopBy[store.StopSelfEthnicity] {
		var n uint32
		for m := w.from; m <= w.latest; m++ {
			if i := a.Index(m); i >= 0 {
				n += by[i]
			}
		}
		total += n
		if g, ok := population.StopGroup(in.Store.StopValues.Str(v)); ok {
			byGroup[g] += n
		} else {
			unstated += n
		}
	}
	t := Table{Caption: "Stop and search by self-defined ethnic group, " + name, RowHeading: "Ethnic group", Columns: []string{"Stops"}}
	note := ""
	if groups != nil {
		t.Caption += ", per 1,000 residents of each group"
		t.Columns = append(t.Columns, "Residents", "Per 1,000 residents")
	} else {
		note = "No rates by ethnic group are given: the number of residents of each ethnic group in this area is not known (the reference data has no population-ethnicity.csv covering all of it), so only the counts are shown."
	}
	withheld := false
	for g := range reference.NumEthnicGroups {
		n := byGroup[g]
		cells := []Cell{count(n, false)}
		if groups != nil {
			people := groups[g]
			c := Cell{Text: oneDecimal(1000 * float64(n) / float64(max(people, 1)))}
			if n < MinRateCrimes || people < MinRatePopulation {
				c = Cell{Withheld: "too few"}
				withheld = true
			}
			cells = append(cells, Cell{Text: num(people)}, c)
		}
		t.Rows = append(t.Rows, Row{Name: g.String(), Cells: cells})
	}
	cells := []Cell{count(unstated, false)}
	if groups != nil {
		cells = append(cells, Cell{Withheld: "–"}, Cell{Withheld: "–"})
	}
	t.Rows = append(t.Rows, Row{Name: "Not stated", Cells: cells})
	t.Totals = []Cell{count(total, false)}
	if groups != nil {
		var people int
		for _, p := range groups {
			people += p
		}
		t.Totals = append(t.Totals, Cell{Text: num(people)}, Cell{Withheld: "–"})
		note = "Residents by ethnic group are from the reference file population-ethnicity.csv (census figures by LSOA). Stops whose person gave no ethnicity are counted but have no group to be a rate of."
		if withheld {
			note += " “Too few” means fewer than 10 stops or fewer than 1,000 residents of the group: a rate on so few would swing wildly, so only the count is given."
		}
	}
	return t, note
}

package pages

import (
	"strconv"
	"strings"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/i18n"
	"github.com/crimemap/crimemap/generator/population"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
)

// Every sentence here is a catalogue message (transparency.* in
// content/messages/<lang>/data.json), in the page's language.

// unmappedText is what follows every total of crimes: how many of them the
// map cannot show, so the map's totals and the page's reconcile. Every
// page uses it, so the wording is the same everywhere.
func (in *Input) unmappedText(unmapped, total uint32) string {
	if total == 0 {
		return ""
	}
	return in.t("transparency.unmapped", "n", unmapped, "percent", percent(unmapped, total))
}

// IncompleteNote is a month a page lists as incomplete, with why.
type IncompleteNote struct {
	Month, Force string
	Reasons      []string
}

// incompleteNotes explains a force's incomplete months from..to.
func (in *Input) incompleteNotes(f store.ForceID, from, to crime.Month) []IncompleteNote {
	msgs := in.msgs()
	var out []IncompleteNote
	for _, im := range in.Agg.Incomplete(f) {
		if im.Month < from || im.Month > to {
			continue
		}
		out = append(out, IncompleteNote{Month: msgs.Month(im.Month), Reasons: reasonsIn(msgs, im)})
	}
	return out
}

// reasonsIn says in full why a month is incomplete.
func reasonsIn(msgs *i18n.Messages, im aggregate.IncompleteMonth) []string {
	var out []string
	s := im.Status
	if s&aggregate.Missing != 0 {
		out = append(out, msgs.T("transparency.reason.missing"))
	}
	if s&aggregate.Low != 0 {
		out = append(out, msgs.T("transparency.reason.low", "n", im.Crimes, "usual", usual(im.Usual), "window", aggregate.LowWindow))
	}
	if s&aggregate.NoOutcomes != 0 {
		out = append(out, msgs.T("transparency.reason.no-outcomes"))
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

// statusLabel is the short marker of a month's completeness in the page's
// language ("not published; no outcomes yet"), as aggregate.Status.Label
// gives it in English; "" for a complete month.
func (in *Input) statusLabel(st aggregate.Status) string {
	msgs := in.msgs()
	var out []string
	if st&aggregate.Missing != 0 {
		out = append(out, msgs.T("transparency.status.missing"))
	}
	if st&aggregate.Low != 0 {
		out = append(out, msgs.T("transparency.status.low"))
	}
	if st&aggregate.NoOutcomes != 0 {
		out = append(out, msgs.T("transparency.status.no-outcomes"))
	}
	return strings.Join(out, "; ")
}

// monthFlag is the short marker of a published but incomplete month, ""
// for a complete or a missing one (missing months say "not published"
// already).
func (in *Input) monthFlag(st aggregate.Status) string {
	return in.statusLabel(st &^ aggregate.Missing)
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
func (in *Input) yearChange(f store.ForceID, ar *aggregate.Area, have []bool, w window) change {
	msgs, a := in.msgs(), in.Agg
	before := window{latest: w.from.Add(-1), from: w.from.Add(-12)}
	switch {
	case !a.CountsComplete(f, w.from, w.latest):
		return change{Withheld: msgs.T("transparency.change.incomplete", "from", msgs.Month(w.from), "to", msgs.Month(w.latest))}
	case !a.CountsComplete(f, before.from, before.latest):
		if a.Index(before.from) < 0 {
			return change{Withheld: msgs.T("transparency.change.before-data", "month", msgs.Month(before.from))}
		}
		return change{Withheld: msgs.T("transparency.change.incomplete", "from", msgs.Month(before.from), "to", msgs.Month(before.latest))}
	}
	now, _ := sumMonths(a, ar, w.from, w.latest, have)
	then, _ := sumMonths(a, ar, before.from, before.latest, have)
	if now.Total() < MinRateCrimes || then.Total() < MinRateCrimes {
		return change{Withheld: msgs.T("transparency.change.too-few", "min", MinRateCrimes)}
	}
	return change{Text: msgs.T("transparency.change", "change", signedPercent(now.Total(), then.Total()),
		"from", msgs.Month(before.from), "to", msgs.Month(before.latest), "n", then.Total()),
		Value: strconv.FormatFloat((float64(now.Total())-float64(then.Total()))/float64(then.Total()), 'f', 4, 64)}
}

// ethnicStops tabulates 12 months of stops by the stopped person's own
// ethnic group, per 1,000 residents of the group where the reference data
// gives residents by group. A rate is given only for at least MinRateCrimes
// stops and MinRatePopulation residents, the rule every rate follows.
func ethnicStops(in *Input, ar *aggregate.Area, w window, name string, groups *reference.EthnicCounts) (Table, string) {
	a, msgs := in.Agg, in.msgs()
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
	t := Table{Msgs: msgs, Caption: msgs.T("transparency.ethnic.caption", "area", name), RowHeading: msgs.T("transparency.ethnic.group"),
		Columns: []string{msgs.T("transparency.ethnic.stops")}}
	note := ""
	if groups != nil {
		t.Caption = msgs.T("transparency.ethnic.caption-rates", "area", name)
		t.Columns = append(t.Columns, msgs.T("transparency.ethnic.residents"), msgs.T("transparency.ethnic.rate"))
	} else {
		note = msgs.T("transparency.ethnic.no-rates")
	}
	withheld := false
	for g := range reference.NumEthnicGroups {
		n := byGroup[g]
		cells := []Cell{count(n, false)}
		if groups != nil {
			people := groups[g]
			c := Cell{Text: oneDecimal(1000 * float64(n) / float64(max(people, 1)))}
			if n < MinRateCrimes || people < MinRatePopulation {
				c = Cell{Withheld: msgs.T("transparency.too-few")}
				withheld = true
			}
			cells = append(cells, Cell{Text: num(people)}, c)
		}
		t.Rows = append(t.Rows, Row{Name: msgs.EthnicGroup(g), Cells: cells})
	}
	cells := []Cell{count(unstated, false)}
	if groups != nil {
		cells = append(cells, Cell{Withheld: "–"}, Cell{Withheld: "–"})
	}
	t.Rows = append(t.Rows, Row{Name: msgs.T("stop.not-stated"), Cells: cells})
	t.Totals = []Cell{count(total, false)}
	if groups != nil {
		var people int
		for _, p := range groups {
			people += p
		}
		t.Totals = append(t.Totals, Cell{Text: num(people)}, Cell{Withheld: "–"})
		note = msgs.T("transparency.ethnic.source")
		if withheld {
			note += " " + msgs.T("transparency.ethnic.too-few", "stops", MinRateCrimes, "residents", MinRatePopulation)
		}
	}
	return t, note
}

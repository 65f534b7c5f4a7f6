package aggregate

import (
	"slices"
	"strings"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
)

// Status says how complete a force's month is, judged against the force's
// own history, so that a reader is told when a month's figures cannot be
// taken at face value. A neighbourhood has its force's status: forces
// publish whole months, never a part of one.
type Status uint8

// The ways a month can be incomplete; a month can be Low and NoOutcomes at
// once. The zero Status is complete.
const (
	// Missing: the force published no street file (or an empty one) for
	// the month. Its figures are unknown, never zero.
	Missing Status = 1 << iota
	// Low: the month's crimes are under LowShare of the force's usual
	// level, the median of its published months among the LowWindow
	// before it (at least LowMinMonths of them). Such a drop is far more
	// often a partial upload than a real fall in crime.
	Low
	// NoOutcomes: the street file is there but the month has no outcomes
	// yet: the force publishes outcomes files and has none for the month,
	// or its street files give last outcomes in other months but none of
	// this month's crimes has one.
	NoOutcomes
)

// Complete is the status of a month with nothing wrong.
const Complete Status = 0

// The Low rule's parameters.
const (
	LowWindow    = 12
	LowMinMonths = 3
	LowShare     = 0.5
)

// CountsComplete says whether the month's crime counts can be used as
// they are: published and not far below usual. A month without outcomes
// still has all its crimes.
func (s Status) CountsComplete() bool { return s&(Missing|Low) == 0 }

// Labels are the short texts pages print for each way a month is
// incomplete, in the order of the flags.
func (s Status) Labels() []string {
	var out []string
	if s&Missing != 0 {
		out = append(out, "not published")
	}
	if s&Low != 0 {
		out = append(out, "far below usual")
	}
	if s&NoOutcomes != 0 {
		out = append(out, "no outcomes yet")
	}
	return out
}

// Label is Labels joined with "; ", or "" for a complete month.
func (s Status) Label() string { return strings.Join(s.Labels(), "; ") }

// MonthStatus is one force's month as the completeness rule saw it.
type MonthStatus struct {
	Status Status
	// Started is false for months before the force's first street file:
	// the force's record had not begun, so they are not listed as gaps,
	// though they are Missing for any period that includes them.
	Started bool
	// Usual is the median the Low rule compared the month with; 0 when
	// there were too few months before it to judge.
	Usual float64
}

// MonthFacts are what the rule judges one force's month from.
type MonthFacts struct {
	Street       bool   // a street file with rows
	Crimes       uint32 // its rows
	OutcomesFile bool   // an outcomes file for the month
	// Outcomeable counts the month's crimes that can have an outcome (all
	// but anti-social behaviour); WithOutcome those whose street row gives
	// one.
	Outcomeable, WithOutcome uint32
}

// Judge applies the completeness rule to one force's months, oldest
// first.
func Judge(facts []MonthFacts) []MonthStatus {
	out := make([]MonthStatus, len(facts))
	hasOutcomesFiles, givesOutcomes := false, false
	for _, f := range facts {
		hasOutcomesFiles = hasOutcomesFiles || f.OutcomesFile
		givesOutcomes = givesOutcomes || f.WithOutcome > 0
	}
	started := false
	var prev []float64
	for i, f := range facts {
		started = started || f.Street
		ms := &out[i]
		ms.Started = started
		if !f.Street {
			ms.Status = Missing
			continue
		}
		prev = prev[:0]
		for j := max(0, i-LowWindow); j < i; j++ {
			if facts[j].Street {
				prev = append(prev, float64(facts[j].Crimes))
			}
		}
		if len(prev) >= LowMinMonths {
			ms.Usual = median(prev)
			if float64(f.Crimes) < LowShare*ms.Usual {
				ms.Status |= Low
			}
		}
		// Both outcome tests need the force to give outcomes somewhere:
		// a force that never publishes them is described once, not
		// flagged every month.
		if hasOutcomesFiles && !f.OutcomesFile ||
			givesOutcomes && f.Outcomeable > 0 && f.WithOutcome == 0 {
			ms.Status |= NoOutcomes
		}
	}
	return out
}

// median of a non-empty list; the mean of the middle two for an even
// length. The list is sorted in place.
func median(v []float64) float64 {
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// completeness gathers each force's facts and judges them.
func (a *Aggregates) completeness(st *store.Store) {
	outcomesFile := make([][]bool, len(st.Forces))
	for i := range outcomesFile {
		outcomesFile[i] = make([]bool, a.Months)
	}
	for _, in := range st.Inputs {
		if in.Kind != "outcomes" {
			continue
		}
		f, ok := st.Force(in.Force)
		if m := a.Index(in.Month); ok && m >= 0 {
			outcomesFile[f][m] = true
		}
	}
	no := crime.NumOutcomes
	a.Status = make([][]MonthStatus, len(st.Forces))
	facts := make([]MonthFacts, a.Months)
	for f := range st.Forces {
		fa := &a.Forces[f]
		for m := range facts {
			var with uint32
			for o := 1; o < no; o++ {
				with += fa.LastOutcome[m*no+o]
			}
			c := &fa.Crimes[m]
			facts[m] = MonthFacts{Street: a.Have[f][m], Crimes: c.Total(), OutcomesFile: outcomesFile[f][m],
				Outcomeable: c.Total() - c[crime.AntiSocialBehaviour], WithOutcome: with}
		}
		a.Status[f] = Judge(facts)
	}
}

// StatusOf returns a force's month's status; a month outside the dataset
// is Missing.
func (a *Aggregates) StatusOf(f store.ForceID, m crime.Month) MonthStatus {
	i := a.Index(m)
	if i < 0 || int(f) >= len(a.Status) {
		return MonthStatus{Status: Missing}
	}
	return a.Status[f][i]
}

// CountsComplete says whether every month from..to of a force is in the
// dataset and CountsComplete: the test for a rate or a change.
func (a *Aggregates) CountsComplete(f store.ForceID, from, to crime.Month) bool {
	for m := from; m <= to; m++ {
		if !a.StatusOf(f, m).Status.CountsComplete() {
			return false
		}
	}
	return true
}

// Incomplete lists the force's incomplete months from its first street
// file on, oldest first.
func (a *Aggregates) Incomplete(f store.ForceID) []IncompleteMonth {
	var out []IncompleteMonth
	for i, ms := range a.Status[f] {
		if ms.Started && ms.Status != Complete {
			out = append(out, IncompleteMonth{Month: a.Month(i), MonthStatus: ms, Crimes: a.Forces[f].Crimes[i].Total()})
		}
	}
	return out
}

// IncompleteMonth is one incomplete month of a force with its crimes.
type IncompleteMonth struct {
	Month crime.Month
	MonthStatus
	Crimes uint32
}

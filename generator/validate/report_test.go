package validate

import (
	"fmt"
	"testing"
)

func TestReport(t *testing.T) {
	r := NewReport()
	for i := range 12 {
		r.Add(Problem{File: "f.csv", Line: i + 2, Reason: BadCoordinates, Severity: Excluded, Force: "a", Month: "2025-01"})
	}
	r.Add(Problem{File: "g.csv", Line: 3, Reason: UnknownCategory, Severity: Excluded, Force: "b", Month: "2025-02"})
	r.Add(Problem{File: "2025-03/", Reason: MissingMonth, Severity: Warning, Force: "b", Month: "2025-03"})
	r.Add(Problem{File: "x.kml", Reason: BadReference, Severity: Fatal})

	if r.Len() != 15 || r.Total(Excluded) != 13 || r.Total(Warning) != 1 || r.Total(Fatal) != 1 {
		t.Errorf("totals %d %d %d %d", r.Len(), r.Total(Excluded), r.Total(Warning), r.Total(Fatal))
	}
	counts := r.Counts()
	want := []Count{
		{"", "", BadReference, Fatal, 1},
		{"a", "2025-01", BadCoordinates, Excluded, 12},
		{"b", "2025-02", UnknownCategory, Excluded, 1},
		{"b", "2025-03", MissingMonth, Warning, 1},
	}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("counts %v, want %v", counts, want)
	}
	ex := r.Examples()
	if len(ex) != ExamplesPerReason+3 || ex[1].Line != 2 || ex[ExamplesPerReason].Line != ExamplesPerReason+1 {
		t.Errorf("examples %v", ex)
	}
	if f := r.Fatal(); len(f) != 1 || f[0].File != "x.kml" {
		t.Errorf("fatal %v", f)
	}

	other := NewReport()
	other.Add(Problem{File: "f.csv", Line: 99, Reason: BadCoordinates, Severity: Excluded, Force: "a", Month: "2025-01"})
	r.Merge(other)
	if c := r.Counts()[1]; c.Count != 13 || len(r.Examples()) != ExamplesPerReason+3 {
		t.Errorf("after merge: %v, %d examples", c, len(r.Examples()))
	}
}

func TestProblemError(t *testing.T) {
	p := Problem{File: "2025-01/x.csv", Line: 7, Reason: BadMonth, Detail: "month \"Jan\" is not YYYY-MM"}
	if got := p.Error(); got != `2025-01/x.csv:7: bad-month: month "Jan" is not YYYY-MM` {
		t.Errorf("%s", got)
	}
	p.Line = 0
	if got := p.Error(); got != `2025-01/x.csv: bad-month: month "Jan" is not YYYY-MM` {
		t.Errorf("%s", got)
	}
}

package aggregate

import (
	"reflect"
	"testing"
)

// steady returns n published months of c crimes each, with outcomes files
// and outcomes given, so that only what a test changes is incomplete.
func steady(n int, c uint32) []MonthFacts {
	f := make([]MonthFacts, n)
	for i := range f {
		f[i] = MonthFacts{Street: true, Crimes: c, OutcomesFile: true, Outcomeable: c, WithOutcome: c / 2}
	}
	return f
}

func statuses(ms []MonthStatus) []Status {
	out := make([]Status, len(ms))
	for i, m := range ms {
		out[i] = m.Status
	}
	return out
}

func TestJudge(t *testing.T) {
	tests := []struct {
		name  string
		facts func() []MonthFacts
		want  map[int]Status // months not listed are Complete
	}{
		{"steady", func() []MonthFacts { return steady(6, 100) }, nil},
		{"missing month", func() []MonthFacts {
			f := steady(6, 100)
			f[3] = MonthFacts{}
			return f
		}, map[int]Status{3: Missing}},
		{"low month: under half the median before", func() []MonthFacts {
			f := steady(6, 100)
			f[4].Crimes, f[4].Outcomeable = 49, 49
			return f
		}, map[int]Status{4: Low}},
		{"half the median is not low", func() []MonthFacts {
			f := steady(6, 100)
			f[4].Crimes, f[4].Outcomeable = 50, 50
			return f
		}, nil},
		{"too little history to judge", func() []MonthFacts {
			f := steady(6, 100)
			f[2].Crimes, f[2].Outcomeable = 1, 1 // only two months before it
			return f
		}, nil},
		{"the median ignores one outlier", func() []MonthFacts {
			f := steady(6, 100)
			f[1].Crimes = 10000
			f[4].Crimes, f[4].Outcomeable = 40, 40
			return f
		}, map[int]Status{4: Low}},
		{"only the 12 months before count", func() []MonthFacts {
			f := steady(20, 10)
			for i := 6; i < 20; i++ {
				f[i].Crimes, f[i].Outcomeable = 100, 100
			}
			// Months 6..17 (the 12 before 18) are 100s: 45 is low. With
			// the 10s of months 0..5 in the window it would not be.
			f[18].Crimes, f[18].Outcomeable = 45, 45
			return f
		}, map[int]Status{18: Low}},
		{"no outcomes file", func() []MonthFacts {
			f := steady(6, 100)
			f[5].OutcomesFile = false
			return f
		}, map[int]Status{5: NoOutcomes}},
		{"no outcomes given in the street file", func() []MonthFacts {
			f := steady(6, 100)
			f[5].WithOutcome = 0
			return f
		}, map[int]Status{5: NoOutcomes}},
		{"a force that never publishes outcomes is not flagged", func() []MonthFacts {
			f := steady(6, 100)
			for i := range f {
				f[i].OutcomesFile, f[i].WithOutcome = false, 0
			}
			return f
		}, nil},
		{"only anti-social behaviour needs no outcome", func() []MonthFacts {
			f := steady(6, 100)
			f[5].Outcomeable, f[5].WithOutcome = 0, 0
			return f
		}, nil},
		{"low and no outcomes at once", func() []MonthFacts {
			f := steady(6, 100)
			f[5] = MonthFacts{Street: true, Crimes: 10, Outcomeable: 10}
			return f
		}, map[int]Status{5: Low | NoOutcomes}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts := tt.facts()
			want := make([]Status, len(facts))
			for i, s := range tt.want {
				want[i] = s
			}
			if got := statuses(Judge(facts)); !reflect.DeepEqual(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestJudgeStartedAndUsual(t *testing.T) {
	f := append([]MonthFacts{{}, {}}, steady(5, 30)...)
	f[6].Crimes = 90
	got := Judge(f)
	if got[0].Started || got[1].Started || !got[2].Started {
		t.Errorf("started %v", got)
	}
	if got[0].Status != Missing {
		t.Errorf("a month before the record starts is still missing for any period holding it")
	}
	// Month 5 is judged on months 2..4 (30 each); month 4 had only two.
	if got[4].Usual != 0 || got[5].Usual != 30 || got[6].Usual != 30 {
		t.Errorf("usual %v %v %v", got[4].Usual, got[5].Usual, got[6].Usual)
	}
}

func TestStatusLabels(t *testing.T) {
	if l := (Low | NoOutcomes).Label(); l != "far below usual; no outcomes yet" {
		t.Errorf("label %q", l)
	}
	if !NoOutcomes.CountsComplete() || Low.CountsComplete() || Missing.CountsComplete() || !Complete.CountsComplete() {
		t.Error("CountsComplete: only Missing and Low spoil a count")
	}
}

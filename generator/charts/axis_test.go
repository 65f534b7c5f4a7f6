package charts

import (
	"fmt"
	"math"
	"testing"
)

func TestNiceScale(t *testing.T) {
	tests := []struct {
		max      float64
		integral bool
		want     string
		dec      int
	}{
		{0, true, "[0 1 2]", 0},
		{1, true, "[0 1 2]", 0},
		{3, true, "[0 1 2 3]", 0},
		{4, true, "[0 1 2 3 4]", 0},
		{5, true, "[0 2 4 6]", 0},
		{7, true, "[0 2 4 6 8]", 0},
		{9, true, "[0 5 10]", 0},
		{10, true, "[0 5 10]", 0},
		{12, true, "[0 5 10 15]", 0},
		{21, true, "[0 10 20 30]", 0},
		{99, true, "[0 25 50 75 100]", 0},
		{100, true, "[0 25 50 75 100]", 0},
		{101, true, "[0 50 100 150]", 0},
		{180, true, "[0 50 100 150 200]", 0},
		{1001, true, "[0 500 1000 1500]", 0},
		{10000, true, "[0 2500 5000 7500 10000]", 0},
		{12345, true, "[0 5000 10000 15000]", 0},
		{1234567, true, "[0 500000 1e+06 1.5e+06]", 0},
		{1e15, true, "[0 2.5e+14 5e+14 7.5e+14 1e+15]", 0},
		{1e300, true, "[0 2.5e+14 5e+14 7.5e+14 1e+15]", 0}, // clamped
		{0.7, false, "[0 0.2 0.4 0.6 0.8]", 1},
		{0.3, false, "[0 0.1 0.2 0.3]", 1},
		{2.5, false, "[0 1 2 3]", 0},
		{7.5, false, "[0 2 4 6 8]", 0},
		{0.07, false, "[0 0.02 0.04 0.06 0.08]", 2},
		{0.09, false, "[0 0.025 0.05 0.075 0.1]", 3},
		{12.34, false, "[0 5 10 15]", 0},
	}
	for _, tt := range tests {
		got := niceScale(tt.max, tt.integral)
		if s := fmt.Sprint(got.ticks); s != tt.want || got.decimals != tt.dec {
			t.Errorf("niceScale(%v, %v) = %s (%d decimals), want %s (%d)", tt.max, tt.integral, s, got.decimals, tt.want, tt.dec)
		}
	}
}

// Every maximum gets 3 to 5 evenly spaced ticks from 0 with a nice step,
// covering the maximum without wasting more than about half the height.
func TestNiceScaleProperties(t *testing.T) {
	for _, integral := range []bool{true, false} {
		for max := 0.001; max < 1e13; max *= 1.07 {
			m := max
			if integral {
				m = math.Ceil(max)
			}
			sc := niceScale(m, integral)
			n := len(sc.ticks)
			if n < 3 || n > 5 {
				t.Fatalf("niceScale(%v): %d ticks", m, n)
			}
			step := sc.ticks[1]
			mant := step / math.Pow10(int(math.Floor(math.Log10(step)+1e-9)))
			if !near(mant, 1) && !near(mant, 2) && !near(mant, 2.5) && !near(mant, 5) {
				t.Fatalf("niceScale(%v): step %v is not 1, 2, 2.5 or 5 × 10ⁿ", m, step)
			}
			if integral && step != math.Trunc(step) {
				t.Fatalf("niceScale(%v): fractional step %v for counts", m, step)
			}
			for i, v := range sc.ticks {
				if !near(v, float64(i)*step) {
					t.Fatalf("niceScale(%v): ticks %v are not even", m, sc.ticks)
				}
			}
			if sc.top() < m || (m >= 2 && sc.top() > 2.5*m) {
				t.Fatalf("niceScale(%v): top %v", m, sc.top())
			}
			// Printing with the chosen decimals loses nothing.
			for _, v := range sc.ticks {
				if p := formatNumber(v, sc.decimals); !near(parseNumber(p), v) {
					t.Fatalf("niceScale(%v): tick %v prints as %s", m, v, p)
				}
			}
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func parseNumber(s string) float64 {
	var v float64
	var frac float64
	neg := false
	for _, r := range s {
		switch {
		case r == '-':
			neg = true
		case r == '.':
			frac = 1
		case r >= '0' && r <= '9':
			if frac > 0 {
				frac /= 10
				v += float64(r-'0') * frac
			} else {
				v = v*10 + float64(r-'0')
			}
		}
	}
	if neg {
		v = -v
	}
	return v
}

func TestFormat(t *testing.T) {
	tests := []struct {
		v    float64
		dec  int
		want string
	}{
		{0, 0, "0"},
		{12, 0, "12"},
		{999, 0, "999"},
		{1000, 0, "1,000"},
		{12345, 0, "12,345"},
		{1234567.25, 2, "1,234,567.25"},
		{-1234, 0, "-1,234"},
		{-0.01, 1, "0.0"},
		{2.5, 1, "2.5"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.v, tt.dec); got != tt.want {
			t.Errorf("formatNumber(%v, %d) = %q, want %q", tt.v, tt.dec, got, tt.want)
		}
	}
	values := map[float64]string{0: "0", 7: "7", 12345: "12,345", 2.5: "2.5", 0.25: "0.25", 12.34: "12.3", 1234.56: "1,234.6", 3.10: "3.1"}
	for v, want := range values {
		if got := formatValue(v); got != want {
			t.Errorf("formatValue(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestThinLabels(t *testing.T) {
	tests := []struct {
		n     int
		slot  float64
		width float64
		want  string
	}{
		{0, 10, 40, "[]"},
		{1, 560, 40, "[0]"},
		{2, 280, 40, "[0 1]"},
		{12, 46, 40, "[0 2 4 6 8 11]"},
		{12, 50, 40, "[0 1 2 3 4 5 6 7 8 9 10 11]"},
		{12, 46, 50, "[0 2 4 6 8 11]"}, // 10 would touch 11
		{36, 15.4, 43, "[0 6 12 18 24 30 35]"},
		{36, 15.4, 30, "[0 3 6 9 12 15 18 21 24 27 30 35]"}, // 33 would touch 35
		{13, 43, 43, "[0 2 4 6 8 10 12]"},
		{120, 4.6, 43, "[0 12 24 36 48 60 72 84 96 119]"},
		{5, 2, 100, "[0 4]"}, // labels wider than the whole axis: just the ends
	}
	for _, tt := range tests {
		if got := fmt.Sprint(thinLabels(tt.n, tt.slot, tt.width)); got != tt.want {
			t.Errorf("thinLabels(%d, %v, %v) = %s, want %s", tt.n, tt.slot, tt.width, got, tt.want)
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		s     string
		width float64
		want  string
	}{
		{"Drugs", 200, `["Drugs"]`},
		{"", 200, `[""]`},
		{"Violence and sexual offences", 1000, `["Violence and sexual offences"]`},
		{"Investigation complete; no suspect identified", textWidth("Investigation complete; no", fontSize), `["Investigation complete; no" "suspect identified"]`},
		{"a  b\u00a0c", 1000, `["a b\u00a0c"]`},
		{"1\u00a02 3", textWidth("1\u00a02", fontSize), `["1\u00a02" "3"]`},
		// A word wider than a line is broken rather than cut off.
		{"Supercalifragilistic", textWidth("Supercal", fontSize), `["Supercal" "ifragilist" "ic"]`},
		{"W", 1, `["W"]`},
	}
	for _, tt := range tests {
		got := wrap(tt.s, tt.width, fontSize)
		if s := fmt.Sprintf("%+q", got); s != tt.want {
			t.Errorf("wrap(%q) = %s, want %s", tt.s, s, tt.want)
		}
		for _, l := range got {
			if textWidth(l, fontSize) > tt.width && len([]rune(l)) > 1 {
				t.Errorf("wrap(%q): line %q is too wide", tt.s, l)
			}
		}
	}
}

package charts

import "math"

// scale is a value axis from zero to a round number, with ticks people can
// read at a glance.
type scale struct {
	ticks    []float64 // from 0 up to top, evenly spaced
	decimals int       // decimals needed to print every tick
}

func (s scale) top() float64 { return s.ticks[len(s.ticks)-1] }

// niceScale picks 3 to 5 ticks from zero, spaced 1, 2, 2.5 or 5 × 10ⁿ, with
// the top tick at or above hi. For counts (integral) it never picks a
// fractional step: "2.5 crimes" is not a thing. All zeros still get an axis
// (0, 1, 2) so the flat line sits on a visible baseline, not the top edge.
func niceScale(hi float64, integral bool) scale {
	if !(hi > 0) {
		hi = 0
	}
	hi = math.Min(hi, maxValue)
	exp := -1
	if hi > 0 {
		exp = int(math.Floor(math.Log10(hi))) - 1
	}
	if integral && exp < 0 {
		exp = 0
	}
	for ; ; exp++ {
		for _, m := range [...]float64{1, 2, 2.5, 5} {
			if integral && m == 2.5 && exp < 1 {
				continue
			}
			step := m * math.Pow10(exp)
			n := int(math.Ceil(hi/step - 1e-9))
			if n > 4 {
				continue
			}
			n = max(n, 2)
			ticks := make([]float64, n+1)
			for i := range ticks {
				ticks[i] = tickValue(i, m, exp)
			}
			dec := max(0, -exp)
			if m == 2.5 && exp <= 0 {
				dec++
			}
			return scale{ticks: ticks, decimals: dec}
		}
	}
}

// tickValue is i × m × 10^exp, divided rather than multiplied for negative
// exponents so 0.1-steps print as 0.3, not 0.30000000000000004.
func tickValue(i int, m float64, exp int) float64 {
	if exp < 0 {
		return float64(i) * m / math.Pow10(-exp)
	}
	return float64(i) * m * math.Pow10(exp)
}

// labelSteps are the spacings tried for category labels on a time axis, in
// months: they keep labels on quarters, halves and whole years.
var labelSteps = [...]int{1, 2, 3, 6, 12, 24, 36, 60, 120}

// thinLabels picks which of n evenly spaced slots, slot units apart, get a
// label at most width wide, so neighbouring labels never collide. It counts
// from the first slot and always labels the last, dropping the label before
// the last when the two would touch.
func thinLabels(n int, slot, width float64) []int {
	if n <= 0 {
		return nil
	}
	const gap = 8
	step := labelSteps[len(labelSteps)-1]
	for _, s := range labelSteps {
		if float64(s)*slot >= width+gap {
			step = s
			break
		}
	}
	for float64(step)*slot < width+gap && step < n {
		step *= 2
	}
	var idx []int
	for i := 0; i < n; i += step {
		idx = append(idx, i)
	}
	last := n - 1
	if idx[len(idx)-1] != last {
		if k := len(idx) - 1; k > 0 && float64(last-idx[k])*slot < width+gap {
			idx = idx[:k]
		}
		idx = append(idx, last)
	}
	return idx
}

package charts

import (
	"math"
	"strconv"
	"strings"
)

// formatNumber prints v with dec decimals and thousands separators, the way
// the pages' tables print counts, so a chart reads the same as its table.
func formatNumber(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// formatValue prints a data value: whole numbers (counts) without decimals,
// other values (rates) with enough decimals to tell small ones apart.
func formatValue(v float64) string {
	if v == math.Trunc(v) {
		return formatNumber(v, 0)
	}
	dec := 1
	if math.Abs(v) < 10 {
		dec = 2
	}
	s := formatNumber(v, dec)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// tidy clamps a value into the range the charts draw: negative values are
// not expected, so they become zero rather than bars pointing left.
func tidy(v float64) float64 {
	switch {
	case v > maxValue:
		return maxValue
	case v > 0:
		return v
	}
	return 0 // also turns -0 into 0
}

// finite reports whether v is an ordinary number.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

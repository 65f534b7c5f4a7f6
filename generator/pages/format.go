package pages

import (
	"github.com/crimemap/crimemap/generator/format"
	"strconv"
	"strings"
)

// num formats a count with thousands separators, as people read numbers.
func num(v any) string {
	switch x := v.(type) {
	case int:
		return format.Count(int64(x))
	case int64:
		return format.Count(x)
	case uint32:
		return format.Count(int64(x))
	case uint64:
		return format.Count(int64(x))
	}
	return "0"
}

// oneDecimal formats a rate or share with one decimal place.
func oneDecimal(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// percent formats part of whole as a percentage, or "–" when whole is 0.
func percent(part, whole uint32) string {
	if whole == 0 {
		return "–"
	}
	return oneDecimal(100*float64(part)/float64(whole)) + "%"
}

// signedPercent formats a change as "+4.2%" or "−3.1%".
func signedPercent(now, before uint32) string {
	if before == 0 {
		return "–"
	}
	c := 100 * (float64(now) - float64(before)) / float64(before)
	s := oneDecimal(c)
	if c > 0 {
		return "+" + s + "%"
	}
	if strings.HasPrefix(s, "-") {
		return "−" + strings.TrimPrefix(s, "-") + "%"
	}
	return s + "%"
}

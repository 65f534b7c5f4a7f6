// Package format writes numbers for people, the same way on every page,
// report and download: counts with thousands separators.
package format

import (
	"strconv"
)

// Count formats a whole number with thousands separators: 12,345.
func Count(n int64) string {
	// Most counts on a page are small; strconv has them without the work
	// below, and the smallest without allocating.
	if n > -1000 && n < 1000 {
		return strconv.FormatInt(n, 10)
	}
	var buf [32]byte
	digits := strconv.AppendInt(buf[:0], n, 10)
	neg := digits[0] == '-'
	if neg {
		digits = digits[1:]
	}
	var out [40]byte
	b := out[:0]
	if neg {
		b = append(b, '-')
	}
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	return string(b)
}

// Noun is the noun a count takes: one for exactly 1, many otherwise.
func Noun(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Counted is a count with its noun: "1 crime", "12,345 crimes".
func Counted(n int64, one, many string) string {
	return Count(n) + " " + Noun(n, one, many)
}

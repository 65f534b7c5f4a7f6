// Package format writes numbers for people, the same way on every page,
// report and download: counts with thousands separators.
package format

import (
	"strconv"
	"strings"
)

// Count formats a whole number with thousands separators: 12,345.
func Count(n int64) string {
	s := strconv.FormatInt(n, 10)
	digits := strings.TrimPrefix(s, "-")
	var b strings.Builder
	if len(digits) < len(s) {
		b.WriteByte('-')
	}
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

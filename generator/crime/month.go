package crime

import (
	"fmt"
	"strconv"
)

// Month is a calendar month counted from January of year 0, so that months
// order and subtract as integers. The zero value is not a valid data month.
type Month int32

// MakeMonth returns the month for a year and a month number 1–12.
func MakeMonth(year, month int) Month { return Month(year*12 + month - 1) }

// Year returns the calendar year.
func (m Month) Year() int { return int(m) / 12 }

// Num returns the month number, 1–12.
func (m Month) Num() int { return int(m)%12 + 1 }

// Add returns the month n months later (earlier for negative n).
func (m Month) Add(n int) Month { return m + Month(n) }

// String formats the month as data.police.uk does: YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year(), m.Num()) }

var monthNames = [...]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// Long formats the month for people: "January 2025".
func (m Month) Long() string { return monthNames[m.Num()-1] + " " + strconv.Itoa(m.Year()) }

// Earliest and Latest bound the months the loader accepts. data.police.uk
// starts in December 2010; anything far outside this range is a typo.
const (
	Earliest Month = 2010*12 + 11
	Latest   Month = 2100*12 + 11
)

// ParseMonth parses "YYYY-MM". It takes a byte slice because the loader
// calls it for every row and must not allocate.
func ParseMonth(b []byte) (Month, error) {
	if len(b) != 7 || b[4] != '-' {
		return 0, fmt.Errorf("month %q is not YYYY-MM", b)
	}
	y, ok1 := digits(b[0:4])
	mo, ok2 := digits(b[5:7])
	if !ok1 || !ok2 || mo < 1 || mo > 12 {
		return 0, fmt.Errorf("month %q is not YYYY-MM", b)
	}
	m := MakeMonth(y, mo)
	if m < Earliest || m > Latest {
		return 0, fmt.Errorf("month %q is outside %s to %s", b, Earliest, Latest)
	}
	return m, nil
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

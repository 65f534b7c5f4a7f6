package reference

import (
	"cmp"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/crimemap/crimemap/generator/validate"
)

// Postcode is a full postcode ("SW1A 1AA") or a postcode district ("SW1A")
// and its location.
type Postcode struct {
	Code     string
	Lon, Lat float64
}

var (
	outwardCode = regexp.MustCompile(`^(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR)$`)
	inwardCode  = regexp.MustCompile(`^[0-9][A-Z]{2}$`)
)

// NormalisePostcode returns a postcode in upper case with one space before
// the inward code ("sw1a1aa" → "SW1A 1AA"), or a district alone ("SW1A"),
// and false when s is neither.
func NormalisePostcode(s string) (string, bool) {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if n := len(s); n >= 5 && inwardCode.MatchString(s[n-3:]) && outwardCode.MatchString(s[:n-3]) {
		return s[:n-3] + " " + s[n-3:], true
	}
	if outwardCode.MatchString(s) {
		return s, true
	}
	return "", false
}

// ReadPostcodes reads postcodes.csv: a header with postcode, latitude and
// longitude columns (also the ONS names pcd/pcds, lat, long), other columns
// ignored. It returns the postcodes sorted by code. Bad rows (not a
// postcode, a missing or impossible location such as ONSPD's 99.999999 for
// "no location", a postcode seen before) are reported to report, which may
// be nil, and skipped. The error is for a file without those columns or
// that cannot be read.
func ReadPostcodes(r io.Reader, file string, report *validate.Report) ([]Postcode, error) {
	t, err := openTable(r, file, report,
		column{"postcode", oneOf("postcode", "pcd", "pcds", "pcd2", "pcd7", "pcd8", "postcodedistrict")},
		column{"latitude", oneOf("latitude", "lat")},
		column{"longitude", oneOf("longitude", "long", "lon", "lng")},
	)
	if err != nil {
		return nil, err
	}
	var out []Postcode
	first := map[string]int{}
	f := make([]string, 3)
	for {
		line, err := t.next(f)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		code, ok := NormalisePostcode(f[0])
		if !ok {
			t.problem(line, validate.BadReference, validate.Excluded, fmt.Sprintf("%q is not a postcode", f[0]))
			continue
		}
		lat, err1 := strconv.ParseFloat(f[1], 64)
		lon, err2 := strconv.ParseFloat(f[2], 64)
		if err1 != nil || err2 != nil {
			t.problem(line, validate.BadCoordinates, validate.Excluded, fmt.Sprintf("%s: latitude %q, longitude %q are not numbers", code, f[1], f[2]))
			continue
		}
		if err := checkPosition(lon, lat); err != nil {
			t.problem(line, validate.BadCoordinates, validate.Excluded, fmt.Sprintf("%s: %v", code, err))
			continue
		}
		if l, dup := first[code]; dup {
			t.problem(line, validate.BadReference, validate.Excluded, fmt.Sprintf("%s already on line %d", code, l))
			continue
		}
		first[code] = line
		out = append(out, Postcode{Code: code, Lon: lon, Lat: lat})
	}
	slices.SortFunc(out, func(a, b Postcode) int { return cmp.Compare(a.Code, b.Code) })
	return out, nil
}

package source

import (
	"fmt"

	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// A point outside store's bounds of the published area is a typo or
// swapped columns.
const (
	minLon, maxLon = store.MinLon, store.MaxLon
	minLat, maxLat = store.MinLat, store.MaxLat
)

// parseMicro parses a decimal coordinate such as "-0.107682" into millionths
// of a degree, rounding any further digits half away from zero. It accepts
// only plain decimals: exponents, "NaN" and "Inf" are errors, which is what
// they are in this data.
func parseMicro(b []byte) (store.Micro, bool) {
	i, neg := 0, false
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	var whole, frac int64
	nd, nf := 0, 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		whole = whole*10 + int64(b[i]-'0')
		if nd++; nd > 3 {
			return 0, false
		}
	}
	round := false
	if i < len(b) && b[i] == '.' {
		i++
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			if nf < 6 {
				frac = frac*10 + int64(b[i]-'0')
			} else if nf == 6 {
				round = b[i] >= '5'
			}
			nf++
		}
	}
	if i != len(b) || nd+nf == 0 {
		return 0, false
	}
	for k := min(nf, 6); k < 6; k++ {
		frac *= 10
	}
	v := whole*1_000_000 + frac
	if round {
		v++
	}
	if neg {
		v = -v
	}
	return store.Micro(v), true
}

// checkPoint returns a reason and detail when lon/lat cannot be a published
// location, or "" when they can.
func checkPoint(lonB, latB []byte) (lon, lat store.Micro, reason validate.Reason, detail string) {
	lon, ok1 := parseMicro(lonB)
	lat, ok2 := parseMicro(latB)
	if !ok1 || !ok2 {
		return 0, 0, validate.BadCoordinates, fmt.Sprintf("longitude %q, latitude %q are not decimal degrees", lonB, latB)
	}
	if lon < -180_000_000 || lon > 180_000_000 || lat < -90_000_000 || lat > 90_000_000 {
		return 0, 0, validate.BadCoordinates, fmt.Sprintf("longitude %s, latitude %s are out of range", lonB, latB)
	}
	in := func(lon, lat store.Micro) bool {
		return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat
	}
	if !in(lon, lat) {
		if in(lat, lon) {
			return 0, 0, validate.BadCoordinates, fmt.Sprintf("longitude %s and latitude %s look swapped", lonB, latB)
		}
		return 0, 0, validate.OutsideUK, fmt.Sprintf("longitude %s, latitude %s are outside England, Wales and Northern Ireland", lonB, latB)
	}
	return lon, lat, "", ""
}

package snap

import (
	"fmt"
	"strconv"

	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// appendMicro appends a coordinate with the six decimals the published files
// use. Formatting the integer directly keeps it exact: the text written is
// the gazetteer's point to the last digit.
func appendMicro(b []byte, v store.Micro) []byte {
	x := int64(v)
	if x < 0 {
		b = append(b, '-')
		x = -x
	}
	b = strconv.AppendInt(b, x/1_000_000, 10)
	frac := x % 1_000_000
	var d [7]byte
	d[0] = '.'
	for i := 6; i >= 1; i-- {
		d[i] = byte('0' + frac%10)
		frac /= 10
	}
	return append(b, d[:]...)
}

// inArea reports whether a point is inside the area the published data can
// cover (store's bounds), the same test the build's loader applies.
func inArea(lon, lat store.Micro) bool {
	return lon >= store.MinLon && lon <= store.MaxLon && lat >= store.MinLat && lat <= store.MaxLat
}

// checkPoint parses a longitude and latitude and returns a reason and detail
// when they cannot be a location in the published area.
func checkPoint(lonB, latB []byte) (lon, lat store.Micro, reason validate.Reason, detail string) {
	lon, ok1 := store.ParseMicro(lonB)
	lat, ok2 := store.ParseMicro(latB)
	if !ok1 || !ok2 {
		return 0, 0, validate.BadCoordinates, fmt.Sprintf("longitude %q, latitude %q are not decimal degrees", lonB, latB)
	}
	if lon < -180_000_000 || lon > 180_000_000 || lat < -90_000_000 || lat > 90_000_000 {
		return 0, 0, validate.BadCoordinates, fmt.Sprintf("longitude %s, latitude %s are out of range", lonB, latB)
	}
	if !inArea(lon, lat) {
		if inArea(lat, lon) {
			return 0, 0, validate.BadCoordinates, fmt.Sprintf("longitude %s and latitude %s look swapped", lonB, latB)
		}
		return 0, 0, validate.OutsideUK, fmt.Sprintf("longitude %s, latitude %s are outside England, Wales and Northern Ireland", lonB, latB)
	}
	return lon, lat, "", ""
}

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

// checkPoint returns a reason and detail when lon/lat cannot be a published
// location, or "" when they can.
func checkPoint(lonB, latB []byte) (lon, lat store.Micro, reason validate.Reason, detail string) {
	lon, ok1 := store.ParseMicro(lonB)
	lat, ok2 := store.ParseMicro(latB)
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

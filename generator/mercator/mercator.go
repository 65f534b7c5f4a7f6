// Package mercator projects longitude and latitude to Web Mercator, the
// projection of every map tile the site writes, as a share of the world's
// width: x from 0 at 180°W to 1 at 180°E, y from 0 at the top to 1 at the
// bottom. Tile writers multiply by the world's width in pixels at a zoom.
package mercator

import "math"

// MaxLat is the latitude where the square Web Mercator world ends;
// latitudes beyond it are taken as it.
const MaxLat = 85.0511287798066

// Unit projects lon, lat into the unit square.
func Unit(lon, lat float64) (x, y float64) {
	lat = math.Max(-MaxLat, math.Min(MaxLat, lat))
	s := math.Sin(lat * math.Pi / 180)
	return (lon + 180) / 360, 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
}

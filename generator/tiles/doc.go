// Package tiles makes the map's vector tiles: for each month, the crimes and
// stops and searches at their snap points, aggregated at lower zooms.
//
// The counting rule holds at every zoom: each mapped crime of the month is
// counted by exactly one feature, and that feature lies inside the tile that
// holds it. Lower zooms merge the features of a grid cell into one, placed at
// its busiest snap point, so no feature is ever at a location that is not a
// published snap point, and nothing is dropped. At the highest zoom each
// feature is one snap point and carries what a popup lists: its location
// text and each crime's category and last outcome.
//
// The month tiles' point layers are encoded with generator/vtile, the boundaries
// with orb/encoding/mvt, in a fixed layer, feature and property order, so
// the same input gives byte-identical tiles.
package tiles

// Package aggregate counts the loaded records by area, month and kind.
//
// Everything the site shows is read from these counts, never from the raw
// rows: crimes by area × month × category, last outcomes, outcomes recorded,
// stop-and-search breakdowns, crimes without a location and the streets with
// most crimes. Areas are the country, each force and each neighbourhood; a
// force's count is its files' rows, and its neighbourhoods' counts add up to
// it less the rows no neighbourhood holds (no location, or outside every
// boundary).
//
// It also judges every force's month complete or not (Judge: not
// published, far below the force's usual level, no outcomes yet), in one
// place, for every page that shows a month.
package aggregate

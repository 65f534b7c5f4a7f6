// Package reference reads the optional reference data that enriches the
// site: force and neighbourhood boundaries (police.uk KML or GeoJSON),
// neighbourhood details in the shape of the data.police.uk API, LSOA
// boundaries and population, and postcode locations. docs/input.md describes
// the folder layout and formats.
//
// Load reads the folder from an io/fs.FS, so a plain folder and a zip
// archive work alike. Reference data never stops a build: every problem (a
// file that does not parse, a bad coordinate, an empty polygon, a bad row) is
// reported as a validate.Problem with the file and, where there is one, the
// line, and the file or row is left out. Parts that are missing are simply
// absent from the result. Load returns an error only when the folder itself
// cannot be read.
//
// Output is deterministic: areas, LSOAs and postcodes are sorted, duplicates
// are resolved by a fixed rule and reported, and problems are reported in
// file order whatever the scheduling of the parallel readers.
//
// The readers (ReadKML, ReadGeoJSON, ReadDetails, ReadPopulation,
// ReadPostcodes) take outside input and never panic on it. Shapes are
// orb.MultiPolygons in longitude/latitude with closed rings; coordinates are
// checked to be finite and within -180..180 and -90..90. HTML in neighbourhood
// details is kept as raw strings: the pages sanitise it.
package reference

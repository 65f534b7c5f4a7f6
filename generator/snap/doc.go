// Package snap anonymises exact crime locations into publishable snap
// points, the method behind data.police.uk's street-level data, done openly
// so that a force or a data team can run it and check what it did.
//
// # Contract
//
// Run reads records with exact locations and a snap-point gazetteer, and
// writes street files in the published layout with every record moved to a
// snap point (or published without a location), plus a privacy report:
//
//	<in>/YYYY-MM/YYYY-MM-<force>-exact.csv   records with exact locations
//	<in>/gazetteer.csv                       the snap-point gazetteer (or Config.Gazetteer)
//	<out>/YYYY-MM/YYYY-MM-<force>-street.csv the published street files
//	<out>/privacy-report.json                what the snap did, as data
//	<out>/privacy-report.txt                 the same for people
//
// Run does the whole job; ReadGazetteer, New and Snapper.Place apply the
// rules to records held some other way.
//
// No output row ever carries a location that is not an eligible gazetteer
// point: coordinates and the "On or near" text come only from the gazetteer,
// never from the input. The same input and Rules give byte-identical output,
// whatever the number of CPUs; the reports hold no timestamps.
//
// # Exact records
//
// An exact file has the street file's columns, with a header row:
//
//	Crime ID, Month, Reported by, Falls within, Longitude, Latitude, Location,
//	LSOA code, LSOA name, Crime type, Last outcome category, Context,
//	Journey end station
//
// Longitude and Latitude are the exact location in decimal degrees (WGS84),
// or both empty when the record has none. Journey end station is the
// gazetteer id of the station where the journey ended, for a crime on a
// moving train, and empty otherwise; the column may be left out altogether
// (twelve columns). Location is ignored: the published one comes from the
// snap point. Month must be the folder's month. The other columns, LSOA
// included, are published as given, so the LSOA should be the record's.
//
// # Gazetteer
//
// A CSV file with the header
//
//	id,longitude,latitude,name,addresses,kind
//
// id is unique text; longitude and latitude are decimal degrees (six
// decimals are published); name is the street or place name; addresses is
// the number of postal addresses on the street (a whole number, 0 allowed);
// kind is "street" or the kind of a key location as a lower-case slug:
// station, supermarket, park, shopping-centre, hospital, parking-area,
// sports-recreation-area and so on. Any kind other than street is a key
// location.
//
// # Rules
//
// The Rules say which gazetteer points are snap points and where a record
// goes; each is a setting (DefaultRules gives the published method):
//
//   - a record moves to the nearest snap point: a street with at least
//     MinAddresses (8) postal addresses, or a key location (KeyLocations);
//     a street with fewer addresses is never published, however near;
//   - a key location is described by its kind, never its name: "On or near
//     Supermarket", "On or near Railway Station" (Labels; unknown kinds are
//     title-cased: "shopping-centre" is "Shopping Centre"); a street by its
//     name: "On or near High Street";
//   - a record whose nearest snap point is more than MaxDistance (20 km) away
//     is published without a location ("No Location", no coordinates, no
//     LSOA) and counted;
//   - a crime on a moving train (Journey end station given, Trains) is
//     placed at its journey's end station, wherever it happened;
//   - a record exactly at a snap point stays there, which the nearest rule
//     gives by itself (distance 0).
//
// Distances are great-circle distances on a sphere of the Earth's mean
// radius. "Nearest" is decided on the chord between the points' unit
// vectors, which orders exactly as the great-circle distance does; ties go to
// the point whose id sorts first, so the choice never depends on file order
// or scheduling. A k-d tree over the gazetteer's unit vectors finds the
// nearest point exactly (the tests check it against a scan of every point).
//
// # Bad input
//
// Every row that cannot be used is reported to a validate.Report with its
// file, line and reason and counted, never dropped silently: wrong column
// counts, bad quoting, bad encoding, unparsable, swapped or out-of-range
// coordinates, a Month that is not the folder's, duplicate gazetteer ids. A
// journey end station that is not in the gazetteer, or not an eligible key
// location, is a warning and the record is snapped by its location.
//
// # Privacy report
//
// The report counts, per force and month, the records snapped, those that
// went past a nearer street with too few addresses to the next eligible one,
// those placed at key locations and at journeys' end stations, and those not
// mapped; the distribution of displacement distances (percentiles and a
// histogram: 0, under 50 m, 100 m, 250 m, 500 m, 1 km, 5 km, 20 km); and the
// smallest number of records behind any published point, per month and per
// force, the figure that says how identifiable the least busy point is.
package snap

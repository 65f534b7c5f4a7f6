// Package sample writes a deterministic synthetic dataset in exactly the
// data.police.uk archive layout, with reference data beside it, for trial
// builds (crimemap sample, make site), tests and benchmarks.
//
// # Contract
//
// Generate(dir, opt) writes
//
//	dir/YYYY-MM/YYYY-MM-<force>-street.csv
//	dir/YYYY-MM/YYYY-MM-<force>-outcomes.csv
//	dir/YYYY-MM/YYYY-MM-<force>-stop-and-search.csv
//	dir/reference/forces/<force>.kml
//	dir/reference/neighbourhoods/<force>/<id>.kml and <id>.json
//	dir/reference/population.csv   (lsoacd,population)
//	dir/reference/population-ethnicity.csv (lsoacd,white,black,asian,mixed,other; English LSOAs only)
//	dir/reference/postcodes.csv    (postcode,latitude,longitude)
//	dir/reference/exact/gazetteer.csv                     (the snap points, for crimemap snap)
//	dir/reference/exact/YYYY-MM/YYYY-MM-<force>-exact.csv (the street records at exact locations)
//	dir/reference/basemap.pmtiles  (a street basemap of the sample's geography; small scale only)
//	dir/.crimemap-sample           (the options and the planted bad rows, JSON)
//
// with the real headers, column orders and quirks described in
// docs/input.md and ../shared/realdata/README.md. The same Options give
// byte-identical files, whatever the number of CPUs: every file, force and
// crime draws from its own PCG stream derived from the seed. Files are
// written through a temporary file and renamed, so a file exists complete or
// not at all; running Generate again with the same options resumes an
// interrupted run.
//
// Two scales exist. "small" (the default): Cumbria, Dyfed-Powys, Greater
// Manchester, Northern Ireland and British Transport Police, 54
// neighbourhoods, about 4,800 snap points and 120,000 street rows over 13
// months; it takes well under a second. "national": all 43 forces of England
// and Wales plus BTP and PSNI with their real slugs and names, about 4,400
// neighbourhoods, 750,000 snap points and 550,000 street rows a month over 36
// months, with about 440,000 outcome rows and 45,000 stop-and-search rows a
// month (about 8 GB).
//
// # What the data contains
//
// Every published location is a snap point of the generated geography: the
// coordinates, the "On or near" street and the LSOA of a row always come
// from one snap point. The geography is synthetic but placed roughly where
// the real forces are: force areas and neighbourhoods are unions of cells of
// one fixed grid (about 0.8 km square), so neighbourhood polygons tile their
// force exactly, are single irregular polygons, and contain their snap
// points well inside (never on an edge). The City of London is a hole in the
// Metropolitan area. Snap points cluster in lines (streets) round towns with
// a density falloff; stations and key locations ("Supermarket", "Parking
// Area") are snap points too, described by their kind. LSOAs are named "<district> 001A", where
// "<district> 001" is exactly one neighbourhood.
//
// The quirks of real files, all present at both scales:
//   - Anti-social behaviour rows have an empty Crime ID and outcome.
//   - About 1.5% of rows (7% in the City of London, 4% in Dyfed-Powys) are
//     "No Location" with empty coordinates and LSOA; outcomes files spell it
//     "No location".
//   - Some snap points have no street name ("On or near " with nothing after).
//   - About one crime in a thousand is published twice in the same file under
//     the same Crime ID at another location.
//   - About one crime in five hundred lies in another force's area.
//   - One district per few forces has a comma in its name, so its LSOA names
//     are quoted ("Ashby, Holme and Stow 003B").
//   - Welsh forces have Welsh street and town names with ŵ, ŷ and ô.
//   - Dyfed-Powys files use CRLF line endings; all others LF. No BOMs.
//   - British Transport Police rows have no Crime IDs and no outcomes, sit at
//     stations ("On or near Railway Station", "On or near Parking Area") inside the
//     territorial forces' LSOAs, and BTP has no outcomes files, boundary or
//     neighbourhoods.
//   - Police Service of Northern Ireland rows have no Crime ID, outcome or
//     LSOA; PSNI has no outcomes or stop-and-search files, but has
//     boundaries and neighbourhoods.
//   - Greater Manchester publishes nothing at all for the two months in the
//     middle of the range (months/2-1 and months/2 counted from 0; for the
//     small default, 2025-05 and 2025-06). Datasets under six months have no
//     gap.
//   - "Last outcome category" is as of the last month: recent crimes are
//     mostly "Under investigation", older ones mostly final. Outcomes files
//     list the outcomes recorded in their month for crimes of that month and
//     up to 18 months before (their Month column is the crime's month), so
//     early outcomes files name crimes from before the first street file.
//   - Stop-and-search has Latitude before Longitude, dates like
//     2025-01-01T02:48:45+00:00, some rows dated 23:xx on the last day of the
//     previous month, about 9% of rows without a location, vehicle-only
//     searches with no person details, and (in Dyfed-Powys, in the first half
//     of the months) the pre-2020 outcome wording.
//   - Neighbourhood details leave some fields null or empty (description,
//     people, priorities, events, locations).
//
// # Exact locations
//
// The street files are what the snap stage (generator/snap) would publish
// from the exact-location records in reference/exact: snapping them with the
// default rules gives back every street file row for row (the planted bad
// rows aside, which the exact files do not have). That folder is under
// reference/ because the build looks for crime data in every other folder.
//
//   - gazetteer.csv lists every snap point (id p0000000 ..., in snap point
//     order): streets with 8 to 157 postal addresses, and key locations with
//     their kind ("station" for "Railway Station", "supermarket",
//     "sports-recreation-area", ...). About one street in six has a smaller
//     street beside it (id q..., 1 to 7 addresses) that is never published.
//   - Each exact file has the street file's rows in the same order, with the
//     exact location in Longitude and Latitude, Location empty, and a
//     Journey end station column. The exact location is within 0.4 of the
//     distance from the published point to its nearest other snap point, so
//     that point is the nearest snap point; some are nearer the smaller
//     street beside it (the snap must go past it), one in twenty is at the
//     snap point itself.
//   - A quarter of British Transport Police records at a railway station
//     are crimes on moving trains: 3 to 40 km away, with that station as
//     their journey's end. An eighth of the No Location records have an
//     exact location out at sea, more than 20 km from any snap point; the
//     rest have none.
//
// Exact files are written for every month at the small scale and for the
// last month at the national scale (Options.ExactMonths changes that).
//
// # Planted bad rows
//
// Each file that gets bad rows has them on lines 11, 12, ... (after nine
// good rows). The kinds are, in order:
//
//	unparsable-coordinates  street file: Longitude "abc"
//	latitude-out-of-range   street file: Latitude "95.123456"
//	month-mismatch          street file: Month is the month before the folder's
//	unknown-crime-type      street file: Crime type "Cyber crime"
//	unknown-outcome         street file: Last outcome category "Case closed"
//	wrong-column-count      street file: 11 fields (no Context)
//	unknown-outcome-type    outcomes file: Outcome type "Case closed"
//	bad-date                stop-and-search file: Date "15/MM/YYYY 14:05"
//
// Copy j (0-based) of kind k (0-based, in the order above) goes to the
// (k+3j)-th force, cycling, of the forces with Crime IDs and at least 500
// rows and 30 searches a month (in plan order: small: cumbria, dyfed-powys,
// greater-manchester), in month (2+k+5j) mod months counted from the first,
// moved to the next month when the force published nothing then. The small
// scale has one copy of each kind (8 bad rows); the national scale four (32).
// For the small default options they are:
//
//	2025-02/2025-02-cumbria-street.csv                  line 11  unparsable-coordinates
//	2025-03/2025-03-dyfed-powys-street.csv              line 11  latitude-out-of-range
//	2025-04/2025-04-greater-manchester-street.csv       line 11  month-mismatch
//	2025-05/2025-05-cumbria-street.csv                  line 11  unknown-crime-type
//	2025-06/2025-06-dyfed-powys-street.csv              line 11  unknown-outcome
//	2025-07/2025-07-greater-manchester-street.csv       line 11  wrong-column-count
//	2025-08/2025-08-cumbria-outcomes.csv                line 11  unknown-outcome-type
//	2025-09/2025-09-dyfed-powys-stop-and-search.csv     line 11  bad-date
//
// Planted returns the exact list for any options, and the marker file
// records it.
//
// # Basemap
//
// At the small scale, reference/basemap.pmtiles is a street basemap of the
// synthetic geography in the Protomaps basemap schema (see
// generator/basemap), about 3.6 MB, written in about a second:
//
//   - earth: a rough outline of Great Britain and of Ireland, and every
//     force's area, so no snap point is ever at sea; the sea is where there
//     is no earth. Zooms 0-15.
//   - roads: every named street of the data as a minor_road line, named as
//     its rows' "On or near" street, through its snap points in the order
//     they lie along it (a street of one point gets a short line through
//     it), so every street snap point lies on a road of its name; a grid of
//     named streets round each town centre (from zoom 12); main roads
//     (major_road, with ref and shield_text like "A591") from each town to
//     its nearest neighbour (from zoom 7); a motorway (highway, "M..")
//     between each force's two biggest towns (from zoom 5); and railways
//     (kind rail, also in transit) between neighbouring towns' main
//     stations and from every other station to its town's (from zoom 8).
//     Key locations and unnamed snap points are not streets.
//   - places: every town as a locality, kind_detail city (population_rank
//     11, from zoom 5), town (9, from zoom 7) or village (7, from zoom 9).
//   - pois: each "Railway Station" snap point as a station named "<town>
//     station" (the first of a town from zoom 12, others from 14), and each
//     park's name (from zoom 14).
//   - landuse: named parks round town centres (kind park, from zoom 11).
//   - water: a lake or two per force clear of every snap point (from zoom
//     6) and a named river wandering from each (from zoom 8).
//   - buildings, landcover and boundaries are named in the metadata but
//     empty.
//
// It draws from random streams of its own, so the data files are the same
// as they were before it existed. The national scale has no basemap: it
// would take about 20 seconds and 78 MB, but half a gigabyte more memory
// at its peak while the data files are being written; a national site
// would use a real Protomaps extract instead.
package sample

// Package verify checks a built site as it is about to be published, from
// its files alone (and, for the privacy check, the build's input).
//
// Site reads every file of the folder once and reports every problem it
// finds, never stopping at the first, as a sorted list of Problems (a path,
// a line where one applies, and what is wrong) with counts of what it
// checked. The contract, check by check:
//
//   - Manifest. manifest.txt (see package manifest) must exist and parse;
//     every file it lists must exist with its size and SHA-256, and every
//     file of the folder except the manifest itself must be listed.
//   - Pages. Every .html file must have a lang, one non-empty title, one h1,
//     no inline script (JSON-LD data blocks aside), every chart (a top-level
//     svg) labelled with role="img" and aria-labelledby and followed by a
//     table, no text escaped twice, and rel="noopener" on every https link
//     that leaves the site, and no more than MaxPageBytes of HTML, so that
//     every page loads quickly on a slow connection whatever the number of
//     neighbourhoods. These are what a reader's browser and a screen
//     reader meet; the crawl test of generator/site runs the same code.
//   - Links. Every internal link resolves to a file of the site: href, src,
//     srcset, action and poster attributes in pages; url() and @import in
//     stylesheets; <loc> in sitemaps and link href in Atom feeds; Sitemap
//     lines in robots.txt. A link is internal when it is relative, or
//     absolute on the site's base URL (Options.BaseURL, or else the
//     canonical link of the home page, index.html). A URL naming a folder
//     resolves to its index.html. A fragment must name an element id (or an
//     a name) of the page it points at; fragments holding "=" or "/" are
//     state for a page's script (the map's view), not ids, and are not
//     checked. A sitemap may list only addresses under the base URL.
//   - Rewrites. The _redirects file, when the site has one, parses as
//     package hosting reads it, and every rule leads to a file: a literal
//     target is in the manifest, a target with placeholders matches at
//     least one file of it. No folder's index.html sits at a path a rule
//     matches (Netlify would serve it instead of the rule). The CloudFront
//     function fits CloudFront's 10 KB limit. Each problem names its line.
//   - JSON. Every .json and .geojson file parses as exactly one JSON value;
//     large files are decoded as a stream.
//   - XML. Every .xml file (sitemaps, feeds) is well-formed.
//   - Tiles. Every .pmtiles archive reads back with generator/pmtiles
//     (header, directories, metadata) and every tile decompresses and
//     decodes as a Mapbox Vector Tile no larger than Options.MaxTileBytes
//     decoded. A layer whose metadata lists an n field (crimes, stops)
//     obeys the counting rule: its features are points inside their tile,
//     each with a number n, and the n add up to the same total at every
//     zoom of the archive. Layers without n (the boundaries archive) are
//     decoded and size-checked only. The street basemap
//     (tiles/basemap-*.pmtiles), the maintainer's own extract published
//     as given, is checked as the build checks it (generator/basemap):
//     a PMTiles archive of vector tiles with the layers the map's style
//     needs.
//   - Privacy, when the input is given (Options.Data, or Options.Input):
//     every published location must be a location of the input, compared
//     exactly in micro-degrees: each point of a .geojson file, each object
//     under a "location" key with latitude and longitude in any JSON file
//     (the API's crimes and stops), and each feature of a counted tile
//     layer, compared in tile pixels at the feature's zoom with the input's
//     locations projected as the tile writer projects them. Without the
//     input the privacy check is skipped, and Report.PrivacyChecked says so.
//
// Files are read by Options.Workers workers (default: one per CPU), each
// file once for hashing and the checks of its kind; archives and files
// over a few megabytes are streamed, so memory stays bounded by the number
// of workers, the list of files and the input's locations. Problems of one
// kind in one file are capped (see MaxPerFile) with a count of the rest, so
// a wholly wrong archive gives a readable report.
package verify

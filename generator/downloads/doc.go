// Package downloads writes the site's bulk data: monthly archives in the
// data.police.uk layout, per-force and per-neighbourhood files, a static
// JSON API shaped like data.police.uk's, a manifest and checksums. Write
// does it all through an output.Dir; Result says what was written and
// holds what the data and API pages show (Pages).
//
// The contract:
//
//   - Archives. data/YYYY-MM.zip holds a month's input files, named
//     YYYY-MM/YYYY-MM-<force>-{street,outcomes,stop-and-search}.csv, and
//     data/latest.zip every month. Each entry is its input file with the
//     lines of the records the loader excluded cut out and every other byte
//     kept as it was (header, line ends, quoting, formula-like cells): a
//     file with no exclusions is byte-identical to the input, and a file
//     the loader left out whole is left out. data/excluded.csv lists every
//     run of lines cut, with its reason, so anyone can check an archive
//     against the published input.
//   - Reuse. Every archive has a key made from its entries', and every
//     zip entry a key (its comment) made from its input file's SHA-256 and
//     exclusions. An archive the previous site made from the same key is
//     taken whole through output.Dir.Reuse, the build's one way to reuse a
//     file; otherwise the unchanged entries of the previous archive (or of
//     the previous latest.zip) are copied still compressed, and only new
//     or changed files are compressed. latest.zip is assembled from the
//     months' compressed entries, so nothing is compressed twice. The API's
//     files are reused the same way, each under the key of its group (a
//     force's areas, a force's month); data/downloads.json lists the keys
//     for anyone mirroring the site.
//   - Per area. For each force and neighbourhood, under data/forces/: the
//     latest month's crimes as CSV (the published columns) and GeoJSON
//     (points at snap points only), and crimes by month and category for
//     every month, months not published marked so. Cells of these files
//     that start with = + - @ and are not numbers get a leading ' against
//     formula injection; the archives are verbatim and are not changed.
//   - API. api/<path>.json answers what data.police.uk's /api/<path>
//     answers, in its shapes, for every call a static file can: append
//     ".json". Queries by category, force and month are path segments
//     (crimes-no-location has a file for all-crime and for every
//     category, stops-force and stops-no-location one per force and
//     month); a neighbourhood's crimes and stops of a month are
//     api/<force>/<neighbourhood>/{crimes,stops}/YYYY-MM.json.
//     Result.Endpoints lists every live call with its file and differences,
//     or why no file can answer it (calls by point or polygon) and what
//     does instead, and Result.APIPage says so in a page's language;
//     Result.Rewrites gives, from the same table, the rules
//     that answer the live calls unmodified, query strings included, in
//     the order a host must try them. Every API file answers some rule.
//   - Checksums. data/downloads.json lists every download with its size,
//     rows and SHA-256; data/SHA256SUMS has the same sums in sha256sum -c
//     format, paths relative to data/.
//
// Output depends only on the input: zip entries have fixed times and a
// fixed compression level, JSON a fixed key order, and everything is
// sorted, so two builds of the same input are byte-identical however the
// work was scheduled. Only files of the snapped, published data are
// written: every point is a published snap point.
package downloads

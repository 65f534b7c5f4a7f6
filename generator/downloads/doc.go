// Package downloads writes the site's bulk data: monthly archives in the
// data.police.uk layout, per-force and per-neighbourhood files, a static
// JSON API shaped like data.police.uk's, a manifest and checksums.
//
// The contract:
//
//   - Archives. data/YYYY-MM.zip holds a month's input files, named
//     YYYY-MM/YYYY-MM-<force>-{street,outcomes,stop-and-search}.csv, and
//     data/latest.zip every month. Each entry is its input file with the
//     lines of the records the loader excluded cut out and every other byte
//     kept as it was (header, line ends, quoting): a file with no exclusions
//     is byte-identical to the input. A file the loader left out whole is
//     left out. data/excluded.csv lists every line cut, with its reason, so
//     anyone can check an archive against the published input.
//   - Reuse. Every zip entry carries a key (its comment) made from its input
//     file's SHA-256 and exclusions; every archive a key (the zip comment)
//     made from its entries'. An archive of the previous site with the same
//     key is linked unchanged; otherwise its unchanged entries are copied
//     still compressed, and only new or changed files are compressed. The
//     latest archive is assembled from the month archives' compressed
//     entries, never compressing anything twice. A month's API files are
//     reused the same way, by a key recorded in data/downloads.json.
//   - Per area. For each force and neighbourhood, under data/forces/: the
//     latest month's crimes as CSV (the published columns) and GeoJSON
//     (points at snap points only), and counts by month and category. CSV
//     cells we generate that start with = + - @ (and are not numbers) are
//     prefixed with ' against formula injection; the archives are verbatim
//     copies and are not changed.
//   - API. public/api/<path>.json answers what data.police.uk's
//     /api/<path> answers, for every path a static file can: append ".json"
//     to a live path. APIEndpoints lists them with the differences.
//   - Checksums. data/downloads.json lists every download with its size,
//     rows and SHA-256; data/SHA256SUMS has the same sums in the format of
//     sha256sum -c, paths relative to data/.
//
// Every file goes through output.Dir. The output depends only on the input:
// zip entries have fixed times and a fixed compression level, JSON has a
// fixed key order, and everything is sorted, so two builds of the same
// input are byte-identical however the work was scheduled.
package downloads

// Package pmtiles writes and reads PMTiles version 3 archives of Mapbox
// Vector Tiles, implemented from the PMTiles v3 specification
// (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md).
//
// # Writing
//
// A Writer streams tiles into an archive. The contract:
//
//   - Tiles must be added in strictly increasing Hilbert tile id order (see
//     ZxyToID); Add returns an error for an out-of-order or repeated tile,
//     for a tile outside the Options zoom range and for an empty tile. Sorting
//     is the caller's job because only the caller knows how to produce tiles
//     in that order cheaply, and it is what lets the writer stream.
//   - Tiles are given uncompressed (MVT bytes); the writer compresses them with
//     Options.TileCompression (gzip by default) and appends each distinct body
//     once to a temporary file, so memory grows only with the directory
//     entries (24 bytes per entry) and a map of content hashes (one per
//     distinct body), never with the tile bytes.
//   - Identical bodies are stored once (de-duplication by SHA-256 of the
//     uncompressed body), and consecutive tile ids with identical bodies share
//     one run-length entry. Tile data is written in tile id order, so the
//     archive is clustered.
//   - Finish writes the header, the root directory, the JSON metadata, the leaf
//     directories and then the tile data, in that order, to the output. The
//     root directory always fits, with the header, in the first 16 KiB: when
//     the entries do not fit in the root they go to leaf directories.
//   - Output is deterministic: the same options, tiles and metadata give a
//     byte-identical archive (fixed compression levels, gzip headers without
//     names or timestamps, metadata written as given), for a given Go release
//     of compress/flate.
//   - Call Close (safe to defer) to remove the temporary file when Finish is
//     not reached.
//
// # Reading
//
// Reader opens an archive through an io.ReaderAt and answers single tile
// lookups (Tile), walks every addressed tile (Walk) or every tile entry
// (Entries), and returns the metadata. It is meant for tests and for
// verifying built archives, so it is strict: a malformed or spec-violating
// archive gives an error, never a panic, and directory sizes, decompressed
// sizes and directory depth are bounded so hostile input cannot exhaust
// memory.
package pmtiles

// Package areamap draws the static map of an area that heads its page: an
// SVG made at build time, so the page needs no JavaScript to show where
// the area is.
//
// The contract:
//
//   - The projection is Web Mercator scaled to the area's bounding box,
//     padded, in a viewBox Width pixels wide and between MinHeight and
//     MaxHeight high. The root <svg> carries class="cm-areamap", the
//     viewBox and data-bounds="west,south,east,north": the longitude and
//     latitude of the viewBox's corners, so a script can place a point
//     (Web Mercator between them).
//   - It has a <title> and a <desc> (role="img", labelled by both) and
//     draws with presentation attributes, not a stylesheet, so it prints
//     and reads the same anywhere.
//   - Shapes are projected to pixels, clipped to the view with a margin,
//     simplified to half a pixel and rounded to whole pixels, so an
//     outline costs bytes for what can be seen, not for its survey detail.
//   - Places are drawn as dots whose area grows with their count, numbered
//     in the order given (the order of the table beside the map), each
//     with its count in data-count; labels that would overlap an earlier
//     one are left out, never the dots.
//   - Everything from data is escaped, and the same Map gives the same
//     bytes.
package areamap

// Package spatial answers "which polygon contains this point" quickly.
//
// New builds an immutable Index over a list of multipolygons (lon/lat, but any
// planar coordinates work). Locate returns the index of the polygon that
// contains a point; where polygons overlap it returns the lowest index, so the
// answer never depends on scheduling. An Index is safe for concurrent use.
//
// Containment is the even-odd rule over the rings of each polygon (for valid
// polygons: inside the outer ring and in none of its holes), and a multipolygon
// contains a point when any of its polygons does. Rings may be open or closed.
// A point exactly on a boundary gets whatever the ray-casting test gives it;
// the answer is the same as a brute-force scan with that test would give, so
// it is deterministic, but it is not "on the boundary counts as inside".
//
// Vertices with NaN or infinite coordinates are dropped, rings with fewer than
// three vertices enclose nothing, and empty input gives an index that locates
// nothing; New and Locate never panic on such input.
//
// The index is a uniform grid over the bounding box of all polygons. Each cell
// knows the lowest polygon that covers it entirely (found once, at build time,
// from the cell's centre) and lists the polygons whose boundaries pass near it;
// only those are tested exactly, and each polygon's edges are bucketed into
// horizontal bands so that a test touches only the edges at the point's
// latitude. Most lookups never test an edge at all.
package spatial

// Package basemap writes and checks street basemaps: PMTiles v3 archives of
// gzip-compressed Mapbox Vector Tiles in the Protomaps basemap schema
// (tiles version 4, as the @protomaps/basemaps style draws them), so that
// the site's map can draw its dots over streets served from its own files.
//
// # Writing
//
// Write takes features in longitude/latitude, each naming its layer (Earth,
// Water, Landuse, Landcover, Roads, Transit, Buildings, Pois, Places,
// Boundaries), the zooms it appears at and its properties (kind,
// kind_detail, name, ref, population_rank ...), and writes zooms 0 to
// Options.MaxZoom (15 by default). The contract:
//
//   - A feature is in every tile its geometry touches at each zoom from its
//     MinZoom to its MaxZoom, and nowhere else. Its properties are written
//     as given, plus min_zoom (its MinZoom) when it has none, as Protomaps
//     tiles carry it and the style sorts and filters on it.
//   - Lines and polygons are clipped to each tile with a buffer of 64 of the
//     tile's 4096 units, so strokes and fills join across tile edges, and
//     simplified by up to a quarter of a 256-pixel tile's pixel below the
//     highest zoom. At the highest zoom nothing is simplified: each vertex
//     is at most half a unit from where it was given, so a point given as a
//     vertex of a line lies on that line in the tiles (and overzooming
//     keeps it there).
//   - A point is written only in the tile that holds it, so labels are
//     placed once.
//   - Where a polygon covers a whole tile and its buffer, every tile below
//     it is covered too: those tiles get one square polygon, and tiles with
//     nothing else are written once and run-length encoded, so a country's
//     land costs little however deep it goes. Polygons of the same layer
//     and properties that cover a tile are written there once.
//   - Layers are written in a fixed order, features in the order given, so
//     the same features and options give a byte-identical archive whatever
//     the number of CPUs.
//   - The metadata has name, description, attribution, type "baselayer",
//     format "pbf" and a vector_layers entry for every layer of the schema
//     (present or not), with the fields the features use.
//
// # Reading
//
// OpenReader and Reader.Features read back the features of chosen layers
// that a box touches at a zoom, in longitude/latitude, for maps drawn at
// build time. A line or polygon crossing tiles comes back clipped, once per
// tile; the order is fixed, so what is drawn from it is reproducible.
//
// # Checking
//
// CheckFile accepts a basemap made by anyone (a Protomaps extract, or the
// sample's): a PMTiles v3 archive whose tiles are MVT, whose metadata names
// every Required layer, and one of whose tiles decodes. It never panics,
// whatever the file holds.
package basemap

// Package catchment draws what a dot on the map stands for: each snap
// point's catchment, the area whose crimes would be placed at it. Crimes go
// to their nearest snap point, so a catchment is the snap point's Voronoi
// cell among the snap points that could have been chosen, clipped to its
// force's boundary.
//
// Cells are made per force in a local equirectangular plane (see plane),
// from a Delaunay triangulation written here (incremental, in Hilbert
// order, with exact predicates), and clipped to the boundary only where
// they meet it. A snap point belongs to one force, chosen by the caller;
// cells never cross forces. The archive holds the cells as polygons only:
// no point of it is a location.
//
// The same input gives byte-identical output. With a cache folder
// (Options.Cache, see cache.go) a build draws again only the forces whose
// snap points changed and encodes again only the tiles whose cells
// changed, and still gives the bytes a build from nothing gives.
package catchment

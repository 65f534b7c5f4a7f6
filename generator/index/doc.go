// Package index resolves where each record belongs: its force, its
// neighbourhood and its snap point.
//
// Many crimes share a snap point, so each distinct location is resolved once
// and the answer is kept in an array by location id. A force with
// neighbourhood boundaries has its locations placed by a spatial index over
// them; a force without gets neighbourhoods from the LSOA names in its rows
// ("Barnsley 001A" belongs to "Barnsley 001"). Rows with neither still count
// at force level.
package index

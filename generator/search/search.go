// Package search writes the site's static search index: small JSON files a
// browser fetches to find an area by postcode or by name.
//
// Postcodes are sharded by outward code ("S70 2TA" is in
// search/postcodes/S70.json), so a lookup fetches one small file. Places
// (forces and neighbourhoods) are one file, search/places.json, small
// enough to load once. Postcode positions come from the reference data's
// postcode list, not from crime data. An area's centre is the middle of its
// boundary, or for an area without one its busiest snap point, so no
// location is published that is not a snap point already.
package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
)

// Place is a force or neighbourhood a visitor can search for by name.
type Place struct {
	Name  string     `json:"name"`
	Kind  string     `json:"kind"`            // "force" or "neighbourhood"
	Force string     `json:"force,omitempty"` // the force's name, for neighbourhoods
	Path  string     `json:"path"`            // the area's page, from the site root
	At    [2]float64 `json:"at"`              // longitude, latitude of its centre
	Zoom  float64    `json:"zoom"`            // a map zoom that shows it
}

// Postcode is one postcode's answer.
type Postcode struct {
	Path string     `json:"path"` // the neighbourhood's page
	Name string     `json:"name"`
	At   [2]float64 `json:"at"`
}

// Stats says what was written.
type Stats struct {
	Places, Postcodes, Shards, Unplaced int
}

// Paths of areas, as the pages package lays them out.
func forcePath(f string) string         { return "forces/" + f + "/" }
func nbhdPath(f, n string) string       { return "forces/" + f + "/" + n + "/" }
func round6(v float64) float64          { return math.Round(v*1e6) / 1e6 }
func point(lon, lat float64) [2]float64 { return [2]float64{round6(lon), round6(lat)} }

// Centres returns a centre and zoom for every neighbourhood and force.
func Centres(st *store.Store, ix *index.Index) (nbhds [][3]float64, forces [][3]float64) {
	// The busiest snap point of each area, for areas without a boundary.
	busiest := make([]store.LocID, len(ix.Neighbourhoods))
	best := make([]int, len(ix.Neighbourhoods))
	perLoc := ix.CrimesAt
	fBusiest := make([]store.LocID, len(st.Forces))
	fBest := make([]int, len(st.Forces))
	for l, n := range perLoc {
		if n == 0 {
			continue
		}
		loc := store.LocID(l)
		f := ix.Owner(loc)
		if int(n) > fBest[f] {
			fBest[f], fBusiest[f] = int(n), loc
		}
		if nb := ix.Neighbourhood(f, loc); nb != index.None && int(n) > best[nb] {
			best[nb], busiest[nb] = int(n), loc
		}
	}
	nbhds = make([][3]float64, len(ix.Neighbourhoods))
	for i, n := range ix.Neighbourhoods {
		if len(n.Shape) > 0 {
			b := n.Shape.Bound()
			c := b.Center()
			nbhds[i] = [3]float64{round6(c[0]), round6(c[1]), zoomFor(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1])}
		} else if best[i] > 0 {
			l := st.Locs.Get(busiest[i])
			nbhds[i] = [3]float64{l.Lon.Float(), l.Lat.Float(), 13}
		}
	}
	forces = make([][3]float64, len(st.Forces))
	for f := range st.Forces {
		if fBest[f] > 0 {
			l := st.Locs.Get(fBusiest[f])
			forces[f] = [3]float64{l.Lon.Float(), l.Lat.Float(), 9}
		}
	}
	return nbhds, forces
}

// zoomFor picks a zoom at which an extent of so many degrees fits a screen.
func zoomFor(dlon, dlat float64) float64 {
	d := math.Max(dlon, dlat*1.6)
	if d <= 0 {
		return 14
	}
	z := math.Floor(math.Log2(360/d)) - 1
	return math.Max(6, math.Min(15, z))
}

// Write writes the index under search/.
func Write(out *output.Dir, st *store.Store, ix *index.Index, postcodes []reference.Postcode) (Stats, error) {
	var stats Stats
	nbC, fC := Centres(st, ix)
	var places []Place
	for f, force := range st.Forces {
		if fC[f] != [3]float64{} {
			places = append(places, Place{Name: force.Name, Kind: "force", Path: forcePath(force.Slug),
				At: point(fC[f][0], fC[f][1]), Zoom: fC[f][2]})
		}
	}
	for i, n := range ix.Neighbourhoods {
		if nbC[i] == [3]float64{} {
			continue
		}
		force := st.Forces[n.Force]
		places = append(places, Place{Name: n.Name, Kind: "neighbourhood", Force: force.Name,
			Path: nbhdPath(force.Slug, n.Slug), At: point(nbC[i][0], nbC[i][1]), Zoom: nbC[i][2]})
	}
	slices.SortFunc(places, func(a, b Place) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Path, b.Path))
	})
	if places == nil {
		places = []Place{}
	}
	if err := writeJSON(out, "search/places.json", places); err != nil {
		return stats, err
	}
	stats.Places = len(places)

	shards := map[string]map[string]Postcode{}
	for _, p := range postcodes {
		nb := ix.Locate(p.Lon, p.Lat)
		if nb == index.None {
			stats.Unplaced++
			continue
		}
		n := ix.Neighbourhoods[nb]
		outward, _, _ := strings.Cut(p.Code, " ")
		if shards[outward] == nil {
			shards[outward] = map[string]Postcode{}
		}
		shards[outward][p.Code] = Postcode{Path: nbhdPath(st.Forces[n.Force].Slug, n.Slug), Name: n.Name, At: point(p.Lon, p.Lat)}
		stats.Postcodes++
	}
	keys := make([]string, 0, len(shards))
	for k := range shards {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := writeJSON(out, "search/postcodes/"+k+".json", shards[k]); err != nil {
			return stats, err
		}
	}
	stats.Shards = len(keys)
	return stats, nil
}

// writeJSON writes v; encoding/json sorts map keys, so files are stable.
func writeJSON(out *output.Dir, path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("search: %s: %w", path, err)
	}
	return out.Write(path, append(b, '\n'))
}

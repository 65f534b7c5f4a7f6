// Package search writes the site's static search index: small JSON files a
// browser fetches to find an area by postcode or by name.
//
// Postcodes are sharded by outward code ("S70 2TA" is in
// search/postcodes/S70.json), so a lookup fetches one small file;
// search/postcodes.json lists the outward codes that have one. Places
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
	// Transport marks a force that polices transport, not a territory
	// (store.Force.Territorial), and its neighbourhoods: the map never
	// offers them as "the neighbourhood nearest" a place.
	Transport bool `json:"transport,omitempty"`
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

// Placed is the reference postcodes, each placed in the neighbourhood
// whose boundary holds it: the postcode shards the browser searches, and
// the postcode districts the static "find by postcode district" pages
// list. Postcodes are placed once, by PlacePostcodes, for both.
type Placed struct {
	shards map[string]map[string]Postcode // outward code → postcode → answer
	// Districts are the outward codes with a placed postcode, in the
	// order of DistrictLess.
	Districts []District
	// Postcodes were placed; Unplaced fell outside every boundary.
	Postcodes, Unplaced int
}

// District is a postcode district (an outward code, "BL1") and the
// neighbourhoods its postcodes are in.
type District struct {
	Code string
	// Areas are the neighbourhoods, as indexes into the index's
	// Neighbourhoods, in that order, each with its count of the
	// district's postcodes.
	Areas []DistrictArea
}

// DistrictArea is a neighbourhood a district's postcodes are in.
type DistrictArea struct {
	Neighbourhood int32
	Postcodes     int
}

// PostcodeArea is the postcode area of an outward code: its leading
// letters ("BL" of "BL1", "EC" of "EC1A").
func PostcodeArea(outward string) string {
	i := strings.IndexFunc(outward, func(r rune) bool { return r < 'A' || r > 'Z' })
	if i < 0 {
		return outward
	}
	return outward[:i]
}

// DistrictLess orders outward codes as people read them: by area, then by
// the district's number, then the rest, so BL2 comes before BL10.
func DistrictLess(a, b string) int {
	num := func(s string) (string, int, string) {
		area := PostcodeArea(s)
		rest := s[len(area):]
		n, i := 0, 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			n = n*10 + int(rest[i]-'0')
			i++
		}
		return area, n, rest[i:]
	}
	aa, an, ar := num(a)
	ba, bn, br := num(b)
	return cmp.Or(cmp.Compare(aa, ba), cmp.Compare(an, bn), cmp.Compare(ar, br), cmp.Compare(a, b))
}

// PlacePostcodes puts each postcode in the neighbourhood whose boundary holds it.
// Neighbourhoods derived from LSOA names have no boundary and hold none.
func PlacePostcodes(st *store.Store, ix *index.Index, postcodes []reference.Postcode) *Placed {
	pl := &Placed{shards: map[string]map[string]Postcode{}}
	perDistrict := map[string]map[int32]int{}
	for _, p := range postcodes {
		nb := ix.Locate(p.Lon, p.Lat)
		if nb == index.None {
			pl.Unplaced++
			continue
		}
		n := ix.Neighbourhoods[nb]
		outward, _, _ := strings.Cut(p.Code, " ")
		if pl.shards[outward] == nil {
			pl.shards[outward] = map[string]Postcode{}
			perDistrict[outward] = map[int32]int{}
		}
		pl.shards[outward][p.Code] = Postcode{Path: nbhdPath(st.Forces[n.Force].Slug, n.Slug), Name: n.Name, At: point(p.Lon, p.Lat)}
		perDistrict[outward][nb]++
		pl.Postcodes++
	}
	for code, areas := range perDistrict {
		d := District{Code: code}
		for nb, k := range areas {
			d.Areas = append(d.Areas, DistrictArea{Neighbourhood: nb, Postcodes: k})
		}
		slices.SortFunc(d.Areas, func(a, b DistrictArea) int { return cmp.Compare(a.Neighbourhood, b.Neighbourhood) })
		pl.Districts = append(pl.Districts, d)
	}
	slices.SortFunc(pl.Districts, func(a, b District) int { return DistrictLess(a.Code, b.Code) })
	return pl
}

// Write writes the index under search/: the places, and the postcodes as
// placed (nil for none).
func Write(out *output.Dir, st *store.Store, ix *index.Index, placed *Placed) (Stats, error) {
	var stats Stats
	nbC, fC := Centres(st, ix)
	var places []Place
	for f, force := range st.Forces {
		if fC[f] != [3]float64{} {
			places = append(places, Place{Name: force.Name, Kind: "force", Path: forcePath(force.Slug),
				At: point(fC[f][0], fC[f][1]), Zoom: fC[f][2], Transport: !force.Territorial()})
		}
	}
	for i, n := range ix.Neighbourhoods {
		if nbC[i] == [3]float64{} {
			continue
		}
		force := st.Forces[n.Force]
		places = append(places, Place{Name: n.Name, Kind: "neighbourhood", Force: force.Name,
			Path: nbhdPath(force.Slug, n.Slug), At: point(nbC[i][0], nbC[i][1]), Zoom: nbC[i][2],
			Transport: !force.Territorial()})
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

	if placed == nil {
		return stats, nil
	}
	stats.Postcodes, stats.Unplaced = placed.Postcodes, placed.Unplaced
	keys := make([]string, 0, len(placed.shards))
	for k := range placed.shards {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := writeJSON(out, "search/postcodes/"+k+".json", placed.shards[k]); err != nil {
			return stats, err
		}
	}
	// The list of shards, so a browser asks only for files that exist: a
	// postcode outside the data costs no failed request.
	if err := writeJSON(out, "search/postcodes.json", keys); err != nil {
		return stats, err
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

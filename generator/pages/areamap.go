package pages

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/areamap"
	"github.com/crimemap/crimemap/generator/basemap"
	"github.com/crimemap/crimemap/generator/store"
)

// Caps on what an area's map draws beyond the area itself, so that a page
// stays within its weight however dense the country around it.
const (
	maxNeighbours = 12
	maxRoads      = 300
	maxTowns      = 12
)

// shapes are the bounds of every force's and neighbourhood's boundary,
// worked out once for all pages' search for neighbours.
type shapes struct {
	once   sync.Once
	nbhds  []orb.Bound // by neighbourhood; empty bound for none
	forces []orb.Bound // by force
}

func (in *Input) bounds() *shapes {
	s := in.shapes
	s.once.Do(func() {
		s.nbhds = make([]orb.Bound, len(in.Index.Neighbourhoods))
		for i, n := range in.Index.Neighbourhoods {
			if len(n.Shape) > 0 {
				s.nbhds[i] = n.Shape.Bound()
			}
		}
		s.forces = make([]orb.Bound, len(in.ForceShapes))
		for i, sh := range in.ForceShapes {
			if len(sh) > 0 {
				s.forces[i] = sh.Bound()
			}
		}
	})
	return s
}

// nearest picks up to maxNeighbours shapes whose bounds meet view, other
// than self, nearest the centre first (by index for equal distances, so
// the choice is the same every build).
func nearest(bounds []orb.Bound, self int, view orb.Bound) []int {
	c := view.Center()
	var found []int
	for i, b := range bounds {
		if i != self && b != (orb.Bound{}) && b.Intersects(view) {
			found = append(found, i)
		}
	}
	dist := func(i int) float64 {
		d := bounds[i].Center()
		return (d[0]-c[0])*(d[0]-c[0]) + (d[1]-c[1])*(d[1]-c[1])
	}
	slices.SortFunc(found, func(a, b int) int { return cmp.Or(cmp.Compare(dist(a), dist(b)), cmp.Compare(a, b)) })
	return found[:min(len(found), maxNeighbours)]
}

// areaMap draws an area's map: its boundary (for a force without one, its
// neighbourhoods'), its neighbours, its places and, with a basemap, the
// main roads and towns around it. nb is the neighbourhood, or -1 for the
// force's page; name and month are as the page says them. It returns ""
// for an area with neither boundary nor places.
func areaMap(in *Input, f store.ForceID, nb int32, name string, places []aggregate.Place, month string) template.HTML {
	m := areamap.Map{Title: in.t("area.map.title", "area", name)}
	bs := in.bounds()
	if nb >= 0 {
		m.Area = in.Index.Neighbourhoods[nb].Shape
	} else if int(f) < len(in.ForceShapes) && len(in.ForceShapes[f]) > 0 {
		m.Area = in.ForceShapes[f]
	} else {
		for _, n := range in.Index.ByForce[f] {
			m.Area = append(m.Area, in.Index.Neighbourhoods[n].Shape...)
		}
	}
	for _, p := range places {
		m.Places = append(m.Places, areamap.Place{Label: placeLabel(p.Name), Lon: p.Lon, Lat: p.Lat, Count: p.Count})
	}
	bound, ok := m.Bound()
	if !ok {
		return ""
	}
	view := areamap.NewFrame(bound).LonLat()
	if nb >= 0 {
		for _, i := range nearest(bs.nbhds, int(nb), view) {
			n := &in.Index.Neighbourhoods[i]
			m.Neighbours = append(m.Neighbours, areamap.Area{Name: n.Name, Shape: n.Shape})
		}
	} else {
		for _, i := range nearest(bs.forces, int(f), view) {
			force := &in.Store.Forces[i]
			m.Neighbours = append(m.Neighbours, areamap.Area{Name: in.msgs().Force(force.Slug, force.Name), Shape: in.ForceShapes[i]})
		}
	}
	streets := in.basemap != nil && basemapFeatures(in.basemap, view, &m)

	// Whole sentences, each a message, since the words around the
	// numbers differ by language: the area and its neighbours, its
	// places, and where the streets come from.
	var desc []string
	switch n := len(m.Neighbours); {
	case len(m.Area) > 0 && n > 0:
		desc = append(desc, in.t("area.map.boundary-neighbours", "area", name, "n", n))
	case len(m.Area) > 0:
		desc = append(desc, in.t("area.map.boundary", "area", name))
	case n > 0:
		desc = append(desc, in.t("area.map.no-boundary-neighbours", "area", name, "n", n))
	default:
		desc = append(desc, in.t("area.map.no-boundary", "area", name))
	}
	if n := len(m.Places); n > 0 {
		desc = append(desc, in.t("area.map.places", "n", n, "month", month))
	} else {
		desc = append(desc, in.t("area.map.no-places", "month", month))
	}
	if streets {
		desc = append(desc, in.t("area.map.streets"))
	}
	m.Desc = strings.Join(desc, " ")
	return template.HTML(m.SVG()) //nolint:gosec // areamap escapes every value
}

// basemapFeatures adds the basemap's main roads and towns in view to m,
// and says whether it found any. A basemap that fails to read leaves the
// map without streets rather than failing the page: the build checked the
// archive when it published it.
func basemapFeatures(r *basemap.Reader, view orb.Bound, m *areamap.Map) bool {
	fs, err := r.Features(view, basemap.ZoomFor(view.Max[0]-view.Min[0]), basemap.Places, basemap.Roads)
	if err != nil {
		return false
	}
	towns := map[string]bool{}
	for _, f := range fs {
		switch f.Layer {
		case basemap.Roads:
			if (f.Kind != "highway" && f.Kind != "major_road") || len(m.Roads) >= maxRoads {
				continue
			}
			road := areamap.Road{Major: f.Kind == "highway"}
			switch g := f.Geometry.(type) {
			case orb.LineString:
				road.Line = orb.MultiLineString{g}
			case orb.MultiLineString:
				road.Line = g
			default:
				continue
			}
			m.Roads = append(m.Roads, road)
		case basemap.Places:
			p, ok := f.Geometry.(orb.Point)
			if !ok || f.Name == "" || towns[f.Name] || len(m.Towns) >= maxTowns || !view.Contains(p) {
				continue
			}
			towns[f.Name] = true
			m.Towns = append(m.Towns, areamap.Town{Name: f.Name, At: p})
		}
	}
	return len(m.Roads)+len(m.Towns) > 0
}

// placeLabel is a place's name on the map: the street without the "On or
// near" every published location starts with.
func placeLabel(s string) string {
	for _, p := range []string{"On or near ", "on or near "} {
		if t, ok := strings.CutPrefix(s, p); ok && t != "" {
			return t
		}
	}
	return s
}

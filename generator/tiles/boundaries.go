package tiles

import (
	"cmp"
	"encoding/json"
	"fmt"
	"github.com/crimemap/crimemap/generator/mercator"
	"io"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"

	"github.com/crimemap/crimemap/generator/pmtiles"
)

// Boundary layers, in the order they are written.
const (
	ForcesLayer         = "forces"
	NeighbourhoodsLayer = "neighbourhoods"
	LabelsLayer         = "labels"
)

// Area is a boundary to draw.
type Area struct {
	ID    string // force slug, or neighbourhood slug
	Name  string
	Force string // the force's slug (a force's own id)
	Shape orb.MultiPolygon
}

// BoundaryOptions shape the boundaries archive.
type BoundaryOptions struct {
	MaxZoom uint8
	// NeighbourhoodZoom is the lowest zoom with neighbourhoods; below it
	// they are too small to see and would only weigh tiles down.
	NeighbourhoodZoom uint8
	// GridBits sets how finely vertices are kept at each zoom: to a grid of
	// 2^GridBits per tile. Every polygon's vertices snap to the same grid,
	// so shared edges stay shared and neighbours never show gaps.
	GridBits uint8
	TempDir  string
}

// DefaultBoundaryOptions are the site's settings.
var DefaultBoundaryOptions = BoundaryOptions{MaxZoom: 12, NeighbourhoodZoom: 8, GridBits: 10}

// buffer is how far outside a tile polygons are kept, in tile pixels, so
// that strokes along a tile's edge join up.
const buffer = 64

type bfeature struct {
	layer string
	area  *Area
	geom  orb.Geometry // in tile pixels
}

// WriteBoundaries writes the force and neighbourhood boundaries, with a
// label point for each, to w.
func WriteBoundaries(w io.Writer, forces, nbhds []Area, opt BoundaryOptions) error {
	type key struct {
		z    uint8
		x, y uint32
	}
	tiles := map[key][]bfeature{}
	for z := uint8(0); z <= opt.MaxZoom; z++ {
		add := func(layer string, a *Area) {
			world := projectShape(a.Shape, z, opt.GridBits)
			b := world.Bound()
			n := uint32(1) << z
			x0, y0 := tileIndex(b.Min[0]-buffer, n), tileIndex(b.Min[1]-buffer, n)
			x1, y1 := tileIndex(b.Max[0]+buffer, n), tileIndex(b.Max[1]+buffer, n)
			for ty := y0; ty <= y1; ty++ {
				for tx := x0; tx <= x1; tx++ {
					local := translate(world, -float64(tx)*Extent, -float64(ty)*Extent)
					box := orb.Bound{Min: orb.Point{-buffer, -buffer}, Max: orb.Point{Extent + buffer, Extent + buffer}}
					g := clip.MultiPolygon(box, local)
					if len(g) == 0 {
						continue
					}
					k := key{z, tx, ty}
					tiles[k] = append(tiles[k], bfeature{layer, a, g})
				}
			}
			// The label goes in the one tile holding its point.
			lp := labelPoint(world)
			if math.IsNaN(lp[0]) {
				return
			}
			tx, ty := uint32(lp[0])/Extent, uint32(lp[1])/Extent
			local := orb.Point{math.Floor(lp[0]) - float64(tx)*Extent, math.Floor(lp[1]) - float64(ty)*Extent}
			k := key{z, tx, ty}
			tiles[k] = append(tiles[k], bfeature{LabelsLayer + "/" + layer, a, local})
		}
		for i := range forces {
			add(ForcesLayer, &forces[i])
		}
		if z >= opt.NeighbourhoodZoom {
			for i := range nbhds {
				add(NeighbourhoodsLayer, &nbhds[i])
			}
		}
	}

	keys := make([]key, 0, len(tiles))
	for k := range tiles {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Compare(pmtiles.ZxyToID(a.z, a.x, a.y), pmtiles.ZxyToID(b.z, b.x, b.y))
	})
	pw, err := pmtiles.NewWriter(w, pmtiles.Options{MinZoom: 0, MaxZoom: opt.MaxZoom, Bounds: areaBounds(forces, nbhds),
		Center: [3]float64{-1.5, 53.0, 6}, TileCompression: pmtiles.Gzip, TempDir: opt.TempDir})
	if err != nil {
		return err
	}
	for _, k := range keys {
		data, err := encodeBoundaries(tiles[k])
		if err != nil {
			return fmt.Errorf("encode tile %d/%d/%d: %w", k.z, k.x, k.y, err)
		}
		if err := pw.Add(k.z, k.x, k.y, data); err != nil {
			return err
		}
	}
	meta, err := boundaryMetadata(opt)
	if err != nil {
		return err
	}
	_, err = pw.Finish(meta)
	return err
}

func tileIndex(v float64, n uint32) uint32 {
	if v < 0 {
		return 0
	}
	t := uint32(v / Extent)
	return min(t, n-1)
}

func encodeBoundaries(fs []bfeature) ([]byte, error) {
	byLayer := map[string]*mvt.Layer{}
	var layers mvt.Layers
	for _, name := range []string{ForcesLayer, NeighbourhoodsLayer, LabelsLayer} {
		byLayer[name] = &mvt.Layer{Name: name, Version: 2, Extent: Extent}
	}
	for _, f := range fs {
		props := geojson.Properties{"id": f.area.ID, "name": f.area.Name, "force": f.area.Force}
		layer := f.layer
		if kind, ok := cutPrefix(layer, LabelsLayer+"/"); ok {
			layer = LabelsLayer
			props["kind"] = map[string]string{ForcesLayer: "force", NeighbourhoodsLayer: "neighbourhood"}[kind]
		}
		l := byLayer[layer]
		l.Features = append(l.Features, &geojson.Feature{Geometry: f.geom, Properties: props})
	}
	for _, name := range []string{ForcesLayer, NeighbourhoodsLayer, LabelsLayer} {
		if l := byLayer[name]; len(l.Features) > 0 {
			layers = append(layers, l)
		}
	}
	return mvt.Marshal(layers)
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return s, false
}

// projectShape projects a lon/lat shape to world pixels at zoom z, each
// vertex snapped to a grid of 2^gridBits per tile, and drops repeated
// vertices and rings that collapse.
func projectShape(mp orb.MultiPolygon, z, gridBits uint8) orb.MultiPolygon {
	step := float64(int(1) << (extentBits - gridBits))
	n := float64(uint64(1)<<z) * Extent
	var out orb.MultiPolygon
	for _, poly := range mp {
		var p orb.Polygon
		for ri, ring := range poly {
			var r orb.Ring
			for _, v := range ring {
				ux, uy := mercator.Unit(v[0], v[1])
				x, y := ux*n, uy*n
				q := orb.Point{math.Round(x/step) * step, math.Round(y/step) * step}
				if len(r) == 0 || r[len(r)-1] != q {
					r = append(r, q)
				}
			}
			if len(r) > 1 && r[0] != r[len(r)-1] {
				r = append(r, r[0])
			}
			if len(r) < 4 {
				if ri == 0 {
					break // the outer ring collapsed: so has the polygon
				}
				continue
			}
			p = append(p, r)
		}
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

func translate(mp orb.MultiPolygon, dx, dy float64) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = make(orb.Polygon, len(poly))
		for j, ring := range poly {
			r := make(orb.Ring, len(ring))
			for k, v := range ring {
				r[k] = orb.Point{v[0] + dx, v[1] + dy}
			}
			out[i][j] = r
		}
	}
	return out
}

// labelPoint returns a point inside the largest polygon: the middle of the
// widest stretch inside it along the horizontal line through its bounds'
// centre. NaN when there is no polygon.
func labelPoint(mp orb.MultiPolygon) orb.Point {
	best, bestArea := -1, -1.0
	for i, p := range mp {
		if a := math.Abs(ringArea(p[0])); a > bestArea {
			best, bestArea = i, a
		}
	}
	if best < 0 {
		return orb.Point{math.NaN(), math.NaN()}
	}
	poly := mp[best]
	b := poly[0].Bound()
	y := (b.Min[1] + b.Max[1]) / 2
	var xs []float64
	for _, r := range poly {
		for i := 1; i < len(r); i++ {
			a, c := r[i-1], r[i]
			if (a[1] > y) != (c[1] > y) {
				xs = append(xs, a[0]+(y-a[1])*(c[0]-a[0])/(c[1]-a[1]))
			}
		}
	}
	slices.Sort(xs)
	bx, bw := b.Center()[0], -1.0
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > bw {
			bx, bw = (xs[i]+xs[i+1])/2, w
		}
	}
	return orb.Point{bx, y}
}

func ringArea(r orb.Ring) float64 {
	a := 0.0
	for i := 1; i < len(r); i++ {
		a += r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
	}
	return a / 2
}

func areaBounds(lists ...[]Area) [4]float64 {
	b := orb.Bound{Min: orb.Point{180, 90}, Max: orb.Point{-180, -90}}
	for _, l := range lists {
		for _, a := range l {
			if len(a.Shape) > 0 {
				b = b.Union(a.Shape.Bound())
			}
		}
	}
	if b.Min[0] > b.Max[0] {
		return [4]float64{-8.7, 49.8, 1.9, 60.9}
	}
	return [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
}

func boundaryMetadata(opt BoundaryOptions) ([]byte, error) {
	type layer struct {
		ID          string            `json:"id"`
		Description string            `json:"description"`
		MinZoom     uint8             `json:"minzoom"`
		MaxZoom     uint8             `json:"maxzoom"`
		Fields      map[string]string `json:"fields"`
	}
	fields := map[string]string{"id": "String", "name": "String", "force": "String"}
	return json.Marshal(map[string]any{
		"name":        "boundaries",
		"format":      "pbf",
		"attribution": Attribution,
		"vector_layers": []layer{
			{ForcesLayer, "Police force areas", 0, opt.MaxZoom, fields},
			{NeighbourhoodsLayer, "Policing neighbourhoods", opt.NeighbourhoodZoom, opt.MaxZoom, fields},
			{LabelsLayer, "A point inside each area, for its name; kind is force or neighbourhood", 0, opt.MaxZoom,
				map[string]string{"id": "String", "name": "String", "force": "String", "kind": "String"}},
		},
	})
}

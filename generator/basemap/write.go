package basemap

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/crimemap/crimemap/generator/mercator"
	"io"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/simplify"

	"github.com/crimemap/crimemap/generator/pmtiles"
	"github.com/crimemap/crimemap/generator/vtile"
)

// The layers of the Protomaps basemap schema. Transit is not drawn by
// current styles (rail is a roads kind) but older ones read it.
const (
	Earth      = "earth"
	Landcover  = "landcover"
	Landuse    = "landuse"
	Water      = "water"
	Roads      = "roads"
	Transit    = "transit"
	Buildings  = "buildings"
	Boundaries = "boundaries"
	Pois       = "pois"
	Places     = "places"
)

// layerOrder is the order of layers within a tile: the order the style
// draws them in, bottom first.
var layerOrder = []string{Earth, Landcover, Landuse, Water, Roads, Transit, Buildings, Boundaries, Pois, Places}

var layerDescriptions = map[string]string{
	Earth:      "Land: the sea is where there is no earth",
	Landcover:  "Broad land cover (farmland, forest, grassland ...)",
	Landuse:    "Land use areas (park, hospital, school, industrial ...)",
	Water:      "Sea, lakes and rivers: polygons and lines",
	Roads:      "Roads, paths and railways (kind rail)",
	Transit:    "Railways again, for older styles",
	Buildings:  "Building footprints",
	Boundaries: "Administrative boundaries",
	Pois:       "Points of interest (stations, parks ...)",
	Places:     "Named places: countries, regions, localities",
}

// Extent is the tiles' coordinate range.
const Extent = 4096

// buffer is how far beyond its tile a line or polygon is kept, in tile
// units, so that strokes and fills meet across tile edges.
const buffer = 64

// simplifyTolerance is the Douglas-Peucker tolerance below the highest
// zoom, in tile units: a quarter of a pixel of a 256-pixel tile.
const simplifyTolerance = 4

// DefaultMaxZoom is the highest zoom of Protomaps basemaps; maps overzoom
// its tiles beyond it.
const DefaultMaxZoom = 15

// DefaultAttribution credits OpenStreetMap, whose schema and licence
// basemaps follow.
const DefaultAttribution = "© OpenStreetMap contributors"

// Feature is one thing on the map, in longitude/latitude.
type Feature struct {
	Layer string
	// Geometry is an orb.Point, MultiPoint, LineString, MultiLineString,
	// Polygon or MultiPolygon in degrees.
	Geometry orb.Geometry
	// MinZoom and MaxZoom bound the zooms the feature is in; MaxZoom 0
	// means the archive's highest.
	MinZoom, MaxZoom int
	Props            []vtile.Prop
}

// Str and Num make properties.
func Str(key, value string) vtile.Prop { return vtile.Prop{Key: key, IsStr: true, S: value} }

// Num makes a number property (MVT uint).
func Num(key string, value int) vtile.Prop { return vtile.Prop{Key: key, U: uint32(max(0, value))} }

// Options describe the archive.
type Options struct {
	MaxZoom     int // 0 means DefaultMaxZoom
	Name        string
	Description string
	Attribution string // empty means DefaultAttribution
	// Bounds (west, south, east, north) defaults to the features' bounds;
	// Center (lon, lat, zoom) to the middle of Bounds at zoom 6.
	Bounds  [4]float64
	Center  [3]float64
	TempDir string
}

type geomKind uint8

const (
	kindPoint geomKind = iota
	kindLine
	kindPolygon
)

// prepared is a feature ready for tiling.
type prepared struct {
	layer      int
	minZ, maxZ uint8
	props      []vtile.Prop
	kind       geomKind
	key        string // layer, kind and properties: polygons with equal keys covering a tile are one
}

// piece is part of a feature's geometry, in Web Mercator units (the world
// is 0..1 both ways, y down).
type piece struct {
	f int32
	g orb.Geometry // orb.Point, orb.MultiLineString or orb.MultiPolygon
	b orb.Bound
}

// node is a tile at the current zoom with something in it or below it.
type node struct {
	x, y   uint32
	id     uint64
	solid  []int32 // polygon features covering the whole tile, one per key
	pieces []piece
}

// root is a tile covered by polygons with nothing else in it or below it:
// every tile below it is the same.
type root struct {
	z     uint8
	x, y  uint32
	solid []int32
}

// Write writes the features as a basemap archive to w.
func Write(w io.Writer, features []Feature, opt Options) (pmtiles.Stats, error) {
	if opt.MaxZoom == 0 {
		opt.MaxZoom = DefaultMaxZoom
	}
	if opt.MaxZoom < 0 || opt.MaxZoom > 20 {
		return pmtiles.Stats{}, fmt.Errorf("basemap: max zoom %d: want 0..20", opt.MaxZoom)
	}
	if opt.Attribution == "" {
		opt.Attribution = DefaultAttribution
	}
	maxZ := uint8(opt.MaxZoom)
	fs := make([]prepared, len(features))
	var pieces []piece
	bound := orb.Bound{Min: orb.Point{180, 90}, Max: orb.Point{-180, -90}}
	for i, f := range features {
		p, g, err := prepare(&f, maxZ)
		if err != nil {
			return pmtiles.Stats{}, fmt.Errorf("basemap: feature %d (%s): %w", i, f.Layer, err)
		}
		fs[i] = p
		if g == nil {
			continue
		}
		bound = bound.Union(f.Geometry.Bound())
		pieces = append(pieces, piece{f: int32(i), g: g, b: g.Bound()})
	}
	if len(pieces) == 0 {
		return pmtiles.Stats{}, errors.New("basemap: no features")
	}
	if opt.Bounds == [4]float64{} {
		opt.Bounds = [4]float64{bound.Min[0], bound.Min[1], bound.Max[0], bound.Max[1]}
	}
	if opt.Center == [3]float64{} {
		opt.Center = [3]float64{(opt.Bounds[0] + opt.Bounds[2]) / 2, (opt.Bounds[1] + opt.Bounds[3]) / 2, 6}
	}
	pw, err := pmtiles.NewWriter(w, pmtiles.Options{MinZoom: 0, MaxZoom: maxZ, Bounds: opt.Bounds, Center: opt.Center,
		TileCompression: pmtiles.Gzip, TempDir: opt.TempDir})
	if err != nil {
		return pmtiles.Stats{}, fmt.Errorf("basemap: %w", err)
	}
	defer pw.Close()
	t := &tiler{fs: fs, maxZ: maxZ, solidBodies: map[string][]byte{}}
	level := []node{{pieces: pieces}}
	var roots []root
	for z := uint8(0); ; z++ {
		if err := t.emit(pw, z, level, roots); err != nil {
			return pmtiles.Stats{}, fmt.Errorf("basemap: %w", err)
		}
		if z == maxZ {
			break
		}
		var newRoots []root
		level, newRoots = t.children(z, level)
		roots = append(roots, newRoots...)
	}
	meta, err := metadata(features, fs, opt)
	if err != nil {
		return pmtiles.Stats{}, fmt.Errorf("basemap: %w", err)
	}
	st, err := pw.Finish(meta)
	if err != nil {
		return st, fmt.Errorf("basemap: %w", err)
	}
	return st, nil
}

// prepare checks a feature, completes its properties and projects its
// geometry; a nil geometry means it has nothing to draw.
func prepare(f *Feature, maxZ uint8) (prepared, orb.Geometry, error) {
	li := slices.Index(layerOrder, f.Layer)
	if li < 0 {
		return prepared{}, nil, fmt.Errorf("unknown layer %q", f.Layer)
	}
	hi := f.MaxZoom
	if hi == 0 || hi > int(maxZ) {
		hi = int(maxZ)
	}
	if f.MinZoom < 0 || f.MinZoom > hi {
		return prepared{}, nil, fmt.Errorf("zooms %d..%d are outside 0..%d", f.MinZoom, hi, maxZ)
	}
	p := prepared{layer: li, minZ: uint8(f.MinZoom), maxZ: uint8(hi), props: slices.Clone(f.Props)}
	if !slices.ContainsFunc(p.props, func(q vtile.Prop) bool { return q.Key == "min_zoom" }) {
		p.props = append(p.props, Num("min_zoom", f.MinZoom))
	}
	slices.SortFunc(p.props, func(a, b vtile.Prop) int { return strings.Compare(a.Key, b.Key) })
	var g orb.Geometry
	switch v := f.Geometry.(type) {
	case orb.Point:
		p.kind, g = kindPoint, project(v)
	case orb.MultiPoint:
		// Points are tiled one by one; a multipoint is rare enough in a
		// basemap to refuse rather than split.
		return prepared{}, nil, errors.New("multipoints are not supported: add each point")
	case orb.LineString:
		p.kind, g = kindLine, projectLines(orb.MultiLineString{v})
	case orb.MultiLineString:
		p.kind, g = kindLine, projectLines(v)
	case orb.Polygon:
		p.kind, g = kindPolygon, projectPolygons(orb.MultiPolygon{v})
	case orb.MultiPolygon:
		p.kind, g = kindPolygon, projectPolygons(v)
	default:
		return prepared{}, nil, fmt.Errorf("unsupported geometry %T", f.Geometry)
	}
	var k strings.Builder
	k.WriteString(f.Layer)
	k.WriteByte(byte('0' + p.kind))
	k.WriteString(strconv.Itoa(int(p.minZ)))
	for _, q := range p.props {
		k.WriteString("\x00" + q.Key + "\x00")
		if q.IsStr {
			k.WriteString("s" + q.S)
		} else {
			k.WriteString("n" + strconv.FormatUint(uint64(q.U), 10))
		}
	}
	p.key = k.String()
	if isEmpty(g) {
		g = nil
	}
	return p, g, nil
}

func isEmpty(g orb.Geometry) bool {
	switch v := g.(type) {
	case orb.MultiLineString:
		return len(v) == 0
	case orb.MultiPolygon:
		return len(v) == 0
	}
	return false
}

// project converts degrees to Web Mercator units.
func project(p orb.Point) orb.Point {
	x, y := mercator.Unit(p[0], p[1])
	return orb.Point{x, y}
}

func projectLines(mls orb.MultiLineString) orb.MultiLineString {
	var out orb.MultiLineString
	for _, ls := range mls {
		if len(ls) < 2 {
			continue
		}
		l := make(orb.LineString, len(ls))
		for i, p := range ls {
			l[i] = project(p)
		}
		out = append(out, l)
	}
	return out
}

func projectPolygons(mp orb.MultiPolygon) orb.MultiPolygon {
	var out orb.MultiPolygon
	for _, poly := range mp {
		var q orb.Polygon
		for ri, r := range poly {
			if len(r) < 3 {
				if ri == 0 {
					break
				}
				continue
			}
			pr := make(orb.Ring, 0, len(r)+1)
			for _, p := range r {
				pr = append(pr, project(p))
			}
			if pr[0] != pr[len(pr)-1] {
				pr = append(pr, pr[0])
			}
			q = append(q, pr)
		}
		if len(q) > 0 {
			out = append(out, q)
		}
	}
	return out
}

// tiler holds what every tile of one archive shares.
type tiler struct {
	fs          []prepared
	maxZ        uint8
	solidBodies map[string][]byte // covered tiles' bodies by zoom and features
}

// tileBox is the tile's area with its buffer, in Web Mercator units.
func tileBox(z uint8, x, y uint32) orb.Bound {
	n := float64(uint64(1) << z)
	b := float64(buffer) / Extent / n
	return orb.Bound{Min: orb.Point{float64(x)/n - b, float64(y)/n - b}, Max: orb.Point{float64(x+1)/n + b, float64(y+1)/n + b}}
}

// parallelFor runs fn over 0..n-1 in chunks on every CPU. Results go to
// per-index slots, so the outcome does not depend on scheduling.
func parallelFor(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/64))
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers*8 - 1) / (workers * 8)
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for lo := range next {
				for i := lo; i < min(n, lo+chunk); i++ {
					fn(i)
				}
			}
		}()
	}
	for lo := 0; lo < n; lo += chunk {
		next <- lo
	}
	close(next)
	wg.Wait()
}

// children splits every node of zoom z into its four children at z+1,
// clipping pieces to each child. Children covered by polygons and nothing
// else become roots. Nodes come in tile id order and a node's children are
// consecutive in tile id order at the next zoom, so sorting each node's
// four keeps the whole level sorted.
func (t *tiler) children(z uint8, level []node) ([]node, []root) {
	kids := make([][]node, len(level))
	rs := make([][]root, len(level))
	cz := z + 1
	parallelFor(len(level), func(i int) {
		p := &level[i]
		var out []node
		for _, d := range [4][2]uint32{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
			c := node{x: p.x*2 + d[0], y: p.y*2 + d[1]}
			c.id = pmtiles.ZxyToID(cz, c.x, c.y)
			box := tileBox(cz, c.x, c.y)
			c.solid = slices.Clone(p.solid)
			var ps []piece
			for _, pc := range p.pieces {
				f := &t.fs[pc.f]
				if f.maxZ < cz {
					continue
				}
				if pt, ok := pc.g.(orb.Point); ok {
					n := float64(uint64(1) << cz)
					if clampTile(pt[0]*n, cz) == c.x && clampTile(pt[1]*n, cz) == c.y {
						ps = append(ps, pc)
					}
					continue
				}
				if !box.Intersects(pc.b) {
					continue
				}
				if box.Contains(pc.b.Min) && box.Contains(pc.b.Max) {
					ps = append(ps, pc)
					continue
				}
				// orb's clipping uses its input as scratch space, and a
				// piece is shared by four children.
				var g orb.Geometry
				switch v := pc.g.(type) {
				case orb.MultiLineString:
					mls := clip.MultiLineString(box, v.Clone())
					if len(mls) == 0 {
						continue
					}
					g = mls
				case orb.MultiPolygon:
					mp := clip.MultiPolygon(box, v.Clone())
					if len(mp) == 0 {
						continue
					}
					if f.maxZ == t.maxZ && covers(mp, box) {
						if !t.hasKey(c.solid, f.key) {
							c.solid = append(c.solid, pc.f)
						}
						continue
					}
					g = mp
				}
				ps = append(ps, piece{f: pc.f, g: g, b: g.Bound()})
			}
			if len(c.solid) > 0 {
				// A polygon already covering the tile makes its twins'
				// pieces redundant.
				ps = slices.DeleteFunc(ps, func(pc piece) bool {
					return t.fs[pc.f].kind == kindPolygon && t.hasKey(c.solid, t.fs[pc.f].key)
				})
			}
			c.pieces = ps
			switch {
			case len(ps) > 0:
				out = append(out, c)
			case len(c.solid) > 0:
				rs[i] = append(rs[i], root{z: cz, x: c.x, y: c.y, solid: c.solid})
			}
		}
		slices.SortFunc(out, func(a, b node) int { return cmpID(a.id, b.id) })
		kids[i] = out
	})
	var next []node
	var roots []root
	for i := range kids {
		next = append(next, kids[i]...)
		roots = append(roots, rs[i]...)
	}
	return next, roots
}

func cmpID(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func clampTile(v float64, z uint8) uint32 {
	n := uint32(1) << z
	if v < 0 {
		return 0
	}
	if t := uint32(v); t < n {
		return t
	}
	return n - 1
}

func (t *tiler) hasKey(solid []int32, key string) bool {
	for _, s := range solid {
		if t.fs[s].key == key {
			return true
		}
	}
	return false
}

// covers reports whether a polygon clipped to box fills it: one ring, no
// holes, the box's area.
func covers(mp orb.MultiPolygon, box orb.Bound) bool {
	if len(mp) != 1 || len(mp[0]) != 1 {
		return false
	}
	a := math.Abs(ringArea(mp[0][0]))
	full := (box.Max[0] - box.Min[0]) * (box.Max[1] - box.Min[1])
	return a >= full*(1-1e-9)
}

func ringArea(r orb.Ring) float64 {
	a := 0.0
	for i := 1; i < len(r); i++ {
		a += r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
	}
	return a / 2
}

// emit adds the tiles of zoom z: the nodes' and every root's, merged in
// tile id order.
func (t *tiler) emit(pw *pmtiles.Writer, z uint8, level []node, roots []root) error {

	type span struct {
		lo, n uint64
		body  []byte
	}
	var spans []span
	start := pmtiles.ZxyToID(z, 0, 0)
	for _, r := range roots {
		body := t.solidBody(z, r.solid)
		if body == nil {
			continue
		}
		d := 2 * uint64(z-r.z)
		h := pmtiles.ZxyToID(r.z, r.x, r.y) - pmtiles.ZxyToID(r.z, 0, 0)
		spans = append(spans, span{lo: start + h<<d, n: 1 << d, body: body})
	}
	slices.SortFunc(spans, func(a, b span) int { return cmpID(a.lo, b.lo) })
	addSpan := func(s span) error {
		for id := s.lo; id < s.lo+s.n; id++ {
			tz, tx, ty := pmtiles.IDToZxy(id)
			if err := pw.Add(tz, tx, ty, s.body); err != nil {
				return err
			}
		}
		return nil
	}
	// Tiles are encoded a batch at a time, on every CPU, so that a level's
	// bodies are never all in memory at once.
	const batch = 4096
	bodies := make([][]byte, batch)
	si := 0
	for lo := 0; lo < len(level); lo += batch {
		nodes := level[lo:min(len(level), lo+batch)]
		parallelFor(len(nodes), func(i int) { bodies[i] = t.encode(z, &nodes[i]) })
		for i := range nodes {
			for si < len(spans) && spans[si].lo < nodes[i].id {
				if err := addSpan(spans[si]); err != nil {
					return err
				}
				si++
			}
			if bodies[i] != nil {
				if err := pw.Add(z, nodes[i].x, nodes[i].y, bodies[i]); err != nil {
					return err
				}
			}
			bodies[i] = nil
		}
	}
	for ; si < len(spans); si++ {
		if err := addSpan(spans[si]); err != nil {
			return err
		}
	}
	return nil
}

// solidBody returns the body of a tile covered by the given polygons and
// nothing else, nil if none of them is shown at zoom z. Bodies are made
// once per zoom and set of features.
func (t *tiler) solidBody(z uint8, solid []int32) []byte {
	var k strings.Builder
	k.WriteString(strconv.Itoa(int(z)))
	for _, s := range solid {
		if t.fs[s].minZ <= z {
			k.WriteString("," + strconv.Itoa(int(s)))
		}
	}
	if b, ok := t.solidBodies[k.String()]; ok {
		return b
	}
	b := t.encode(z, &node{solid: solid})
	t.solidBodies[k.String()] = b
	return b
}

// fullTile is a square covering a tile and its buffer, as MVT commands:
// clockwise on screen, so an exterior ring.
var fullTile = []uint32{
	vtile.MoveTo(1), vtile.ZigZag(-buffer), vtile.ZigZag(-buffer),
	vtile.LineTo(3), vtile.ZigZag(Extent + 2*buffer), vtile.ZigZag(0),
	vtile.ZigZag(0), vtile.ZigZag(Extent + 2*buffer),
	vtile.ZigZag(-(Extent + 2*buffer)), vtile.ZigZag(0),
	vtile.ClosePath,
}

// encode makes a node's tile at zoom z, nil when nothing in it shows at z.
func (t *tiler) encode(z uint8, nd *node) []byte {
	layers := make([]*vtile.Layer, len(layerOrder))
	layer := func(i int) *vtile.Layer {
		if layers[i] == nil {
			layers[i] = vtile.NewLayer(layerOrder[i], Extent)
		}
		return layers[i]
	}
	for _, s := range nd.solid {
		f := &t.fs[s]
		if f.minZ <= z {
			layer(f.layer).Feature(vtile.Polygon, fullTile, slices.Clone(f.props))
		}
	}
	var enc encoder
	n := float64(uint64(1) << z)
	ox, oy := float64(nd.x), float64(nd.y)
	tol := 0.0
	if z < t.maxZ {
		tol = simplifyTolerance
	}
	for _, pc := range nd.pieces {
		f := &t.fs[pc.f]
		if z < f.minZ || z > f.maxZ {
			continue
		}
		local := func(p orb.Point) orb.Point { return orb.Point{(p[0]*n - ox) * Extent, (p[1]*n - oy) * Extent} }
		var geom []uint32
		var typ uint32
		switch v := pc.g.(type) {
		case orb.Point:
			p := local(v)
			geom, typ = enc.point(p), vtile.Point
		case orb.MultiLineString:
			geom, typ = enc.lines(v, local, tol), vtile.LineString
		case orb.MultiPolygon:
			geom, typ = enc.polygons(v, local, tol), vtile.Polygon
		}
		if len(geom) == 0 {
			continue
		}
		layer(f.layer).Feature(typ, geom, slices.Clone(f.props))
	}
	var b []byte
	for _, l := range layers {
		if l != nil && l.Len() > 0 {
			b = l.AppendTo(b)
		}
	}
	return b
}

// encoder turns geometry in tile units into MVT commands, rounding to whole
// units and dropping what rounding collapses.
type encoder struct {
	cx, cy int64
	out    []uint32
}

func (e *encoder) moveTo(x, y int64) {
	e.out = append(e.out, vtile.MoveTo(1), vtile.ZigZag(x-e.cx), vtile.ZigZag(y-e.cy))
	e.cx, e.cy = x, y
}

// reset starts a feature: each feature's cursor starts at the origin.
func (e *encoder) reset() { e.out, e.cx, e.cy = nil, 0, 0 }

func (e *encoder) point(p orb.Point) []uint32 {
	e.reset()
	e.moveTo(int64(math.Round(p[0])), int64(math.Round(p[1])))
	return e.out
}

// rounded returns a line's vertices in tile units, rounded, without
// repeats.
func rounded(ls []orb.Point, local func(orb.Point) orb.Point, tol float64, ring bool) [][2]int64 {
	pts := make(orb.LineString, len(ls))
	for i, p := range ls {
		pts[i] = local(p)
	}
	if tol > 0 && len(pts) > 2 {
		if ring {
			pts = orb.LineString(simplify.DouglasPeucker(tol).Ring(orb.Ring(pts)))
		} else {
			pts = simplify.DouglasPeucker(tol).LineString(pts)
		}
	}
	out := make([][2]int64, 0, len(pts))
	for _, p := range pts {
		q := [2]int64{int64(math.Round(p[0])), int64(math.Round(p[1]))}
		if len(out) == 0 || out[len(out)-1] != q {
			out = append(out, q)
		}
	}
	return out
}

func (e *encoder) lines(mls orb.MultiLineString, local func(orb.Point) orb.Point, tol float64) []uint32 {
	e.reset()
	for _, ls := range mls {
		pts := rounded(ls, local, tol, false)
		if len(pts) < 2 {
			continue
		}
		e.moveTo(pts[0][0], pts[0][1])
		e.out = append(e.out, vtile.LineTo(len(pts)-1))
		for _, p := range pts[1:] {
			e.out = append(e.out, vtile.ZigZag(p[0]-e.cx), vtile.ZigZag(p[1]-e.cy))
			e.cx, e.cy = p[0], p[1]
		}
	}
	return e.out
}

func (e *encoder) polygons(mp orb.MultiPolygon, local func(orb.Point) orb.Point, tol float64) []uint32 {
	e.reset()
	for _, poly := range mp {
		for ri, r := range poly {
			pts := rounded(r, local, tol, true)
			if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
				pts = pts[:len(pts)-1]
			}
			a := 0.0
			for i := range pts {
				p, q := pts[i], pts[(i+1)%len(pts)]
				a += float64(p[0]*q[1] - q[0]*p[1])
			}
			if len(pts) < 3 || math.Abs(a) < 2 {
				if ri == 0 {
					break // the outer ring collapsed, and with it the polygon
				}
				continue
			}
			// The specification's exterior rings have positive area in
			// tile coordinates (y down), interior rings negative.
			if (ri == 0) != (a > 0) {
				slices.Reverse(pts)
			}
			e.moveTo(pts[0][0], pts[0][1])
			e.out = append(e.out, vtile.LineTo(len(pts)-1))
			for _, p := range pts[1:] {
				e.out = append(e.out, vtile.ZigZag(p[0]-e.cx), vtile.ZigZag(p[1]-e.cy))
				e.cx, e.cy = p[0], p[1]
			}
			e.out = append(e.out, vtile.ClosePath)
		}
	}
	return e.out
}

// metadata is the archive's TileJSON-like metadata.
func metadata(features []Feature, fs []prepared, opt Options) ([]byte, error) {
	type vlayer struct {
		ID          string            `json:"id"`
		Description string            `json:"description"`
		MinZoom     int               `json:"minzoom"`
		MaxZoom     int               `json:"maxzoom"`
		Fields      map[string]string `json:"fields"`
	}
	layers := make([]vlayer, len(layerOrder))
	for i, name := range layerOrder {
		layers[i] = vlayer{ID: name, Description: layerDescriptions[name], MinZoom: opt.MaxZoom, MaxZoom: opt.MaxZoom, Fields: map[string]string{}}
	}
	seen := make([]bool, len(layerOrder))
	for i := range fs {
		l := &layers[fs[i].layer]
		if features[i].Geometry == nil {
			continue
		}
		seen[fs[i].layer] = true
		l.MinZoom = min(l.MinZoom, int(fs[i].minZ))
		for _, p := range fs[i].props {
			if p.IsStr {
				l.Fields[p.Key] = "String"
			} else {
				l.Fields[p.Key] = "Number"
			}
		}
	}
	for i := range layers {
		if !seen[i] {
			layers[i].MinZoom = 0
		}
	}
	name := opt.Name
	if name == "" {
		name = "basemap"
	}
	return json.Marshal(map[string]any{
		"name":          name,
		"description":   opt.Description,
		"attribution":   opt.Attribution,
		"type":          "baselayer",
		"format":        "pbf",
		"version":       "4",
		"vector_layers": layers,
	})
}

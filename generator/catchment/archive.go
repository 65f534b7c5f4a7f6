package catchment

import (
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/crimemap/crimemap/generator/mercator"
	"io"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"

	"github.com/crimemap/crimemap/generator/pmtiles"
	"github.com/crimemap/crimemap/generator/tiles"
	"github.com/crimemap/crimemap/generator/vtile"
)

// Layer is the archive's one layer.
const Layer = "catchments"

// FormatVersion changes whenever the same input would give different
// tiles, so that an archive of an older build is not reused.
const FormatVersion = 3

// Force is one force's snap points and the area their cells are clipped
// to.
type Force struct {
	Slug string
	// Shape is the force's boundary; nil clips to the points' widened
	// bounding box (see Box).
	Shape orb.MultiPolygon
	// Points are the published snap points, whose cells are drawn; Others
	// the snap points that published nothing but still take their share.
	// Both sorted and distinct, so the key does not depend on order.
	Points, Others []Point
}

// Options shape the archive.
type Options struct {
	// MinZoom and MaxZoom are the archive's zooms. Below 12 a town's
	// cells are a few pixels each, too small to read and too many for a
	// tile. Zoom 13 keeps vertices to under 3 m (a grid of 1,024 per
	// tile), closer than the areas are meant to be read, and the map draws
	// its tiles larger above it: a zoom 14 would quadruple the tiles for
	// nothing.
	MinZoom, MaxZoom uint8
	// GridBits sets how finely vertices are kept: a grid of 2^GridBits per
	// tile. Neighbouring cells share their corners, so they still meet
	// exactly after snapping.
	GridBits uint8
	// MaxTileBytes bounds a tile's encoded size: a tile over it is made
	// again on a coarser grid, where the smallest cells vanish, until it
	// fits. Phones must never fetch a huge tile.
	MaxTileBytes int
	TempDir      string
	// Cache is a folder kept between builds, so that a build draws again
	// only the forces whose input changed and encodes again only the
	// tiles whose cells changed (see cache.go); "" draws everything. It
	// changes nothing in the archive.
	Cache string
}

// DefaultOptions are the site's settings.
var DefaultOptions = Options{MinZoom: 12, MaxZoom: 13, GridBits: 10, MaxTileBytes: 500_000}

// buffer is how far outside its tile a polygon is kept, in tile pixels,
// so outlines along a tile's edge join up.
const buffer = 16

// Key identifies what the archive is made from: every force's boundary and
// snap points, and the settings.
func Key(forces []Force, opt Options) string {
	h := sha256.New()
	fmt.Fprintf(h, "crimemap catchments v%d zoom %d-%d grid %d max %d\n", FormatVersion, opt.MinZoom, opt.MaxZoom, opt.GridBits, opt.MaxTileBytes)
	var b [8]byte
	f64 := func(v float64) {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		h.Write(b[:])
	}
	for _, f := range forces {
		fmt.Fprintf(h, "%q %d %d %d\n", f.Slug, len(f.Shape), len(f.Points), len(f.Others))
		for _, poly := range f.Shape {
			fmt.Fprintf(h, "%d\n", len(poly))
			for _, ring := range poly {
				fmt.Fprintf(h, "%d\n", len(ring))
				for _, p := range ring {
					f64(p[0])
					f64(p[1])
				}
			}
		}
		for _, list := range [][]Point{f.Points, f.Others} {
			for _, p := range list {
				binary.LittleEndian.PutUint32(b[:4], uint32(p.Lon))
				binary.LittleEndian.PutUint32(b[4:], uint32(p.Lat))
				h.Write(b[:])
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Stats say what Write wrote.
type Stats struct {
	Cells, Tiles int
	// MaxTile is the largest tile's encoded size, before compression, and
	// Coarsened the tiles made on a coarser grid to fit MaxTileBytes.
	MaxTile, Coarsened int
	// Drawn counts the forces whose cells were computed, the others
	// coming from the cache, and Encoded the tiles encoded, the others
	// copied from the cache. Pruned counts the cache files removed.
	Drawn, Encoded, Pruned int
	// CacheErr is the first failure to write the cache: it costs the next
	// build time, never this one its archive.
	CacheErr error
}

// Write computes every force's cells and writes them to w as a PMTiles
// archive with one polygon layer, Layer. With opt.Cache it takes what it
// can from the cache and leaves there what the next build needs.
func Write(w io.Writer, forces []Force, opt Options) (Stats, error) {
	var st Stats
	s, err := openStore(opt.Cache)
	if err != nil {
		return st, err
	}
	noteCache := func(err error) {
		if st.CacheErr == nil {
			st.CacheErr = err
		}
	}

	// Every published cell, in force order, then snap point order.
	var ds drawnCells
	n := 0
	for _, f := range forces {
		n += len(f.Points)
	}
	ds.refs = make([]cellRef, 0, n)
	for _, f := range forces {
		if len(f.Points) == 0 {
			continue // nothing to draw, and no box to clip to
		}
		clip := clipOf(f)
		pl := newPlane(f.Points, clip)
		u := union(f)
		key := forceKey(u, clip, pl)
		fc := s.cells(key, u)
		if fc == nil {
			fc = computeCells(f, u, clip, pl)
			st.Drawn++
			noteCache(s.putCells(key, fc))
		}
		for _, p := range f.Points {
			if i := fc.cellOf(p); !fc.empty(i) {
				ds.add(fc, i)
			}
		}
	}
	st.Cells = len(ds.refs)
	s.loadTiles()
	key := Key(forces, opt)
	if s == nil {
		return st, writeArchive(w, &ds, key, opt, nil, nil, &st)
	}
	// The tiles' records go to the cache as they are made, so that they
	// are not held, and the file is complete only if the archive is.
	ran := false
	noteCache(s.putTiles(key, func(rec io.Writer) error {
		ran = true
		err = writeArchive(w, &ds, key, opt, s, rec, &st)
		return err
	}))
	if !ran {
		err = writeArchive(w, &ds, key, opt, s, nil, &st)
	}
	if err != nil {
		return st, err
	}
	st.Pruned, err = s.prune()
	noteCache(err)
	return st, nil
}

// writeArchive writes the archive of the cells ds, and each tile's
// record for the cache to rec when not nil.
func writeArchive(w io.Writer, ds *drawnCells, key string, opt Options, s *cacheDir, rec io.Writer, st *Stats) error {
	bounds := orb.Bound{Min: orb.Point{180, 90}, Max: orb.Point{-180, -90}}
	for i := range ds.refs {
		bounds = bounds.Union(ds.bound(i))
	}
	if len(ds.refs) == 0 {
		bounds = orb.Bound{Min: orb.Point{-8.7, 49.8}, Max: orb.Point{1.9, 60.9}}
	}
	pw, err := pmtiles.NewWriter(w, pmtiles.Options{MinZoom: opt.MinZoom, MaxZoom: opt.MaxZoom,
		Bounds:          [4]float64{bounds.Min[0], bounds.Min[1], bounds.Max[0], bounds.Max[1]},
		Center:          [3]float64{bounds.Center()[0], bounds.Center()[1], float64(opt.MinZoom)},
		TileCompression: pmtiles.Gzip, TempDir: opt.TempDir})
	if err != nil {
		return err
	}
	defer pw.Close()
	for z := opt.MinZoom; z <= opt.MaxZoom; z++ {
		if err := writeZoom(pw, ds, z, opt, s, rec, st); err != nil {
			return err
		}
	}
	if st.Tiles == 0 {
		// The format forbids an empty archive: one empty tile says "no
		// cells" and keeps the map's source valid.
		empty := vtile.NewLayer(Layer, tiles.Extent).AppendTo(nil)
		if err := pw.Add(opt.MinZoom, 0, 0, empty); err != nil {
			return err
		}
	}
	meta, err := json.Marshal(map[string]any{
		"name": "catchments", "format": "pbf", "attribution": tiles.Attribution, "input": key,
		"description": "The area each snap point stands for: its Voronoi cell among the snap points of its force, clipped to the force's boundary",
		"vector_layers": []map[string]any{{"id": Layer, "description": "One polygon per snap point", "minzoom": opt.MinZoom,
			"maxzoom": opt.MaxZoom, "fields": map[string]string{}}},
	})
	if err != nil {
		return err
	}
	_, err = pw.Finish(meta)
	return err
}

// drawnCells are the cells an archive draws, each a reference into its
// force's cells.
type drawnCells struct{ refs []cellRef }

type cellRef struct {
	fc *forceCells
	i  int32
}

func (d *drawnCells) add(fc *forceCells, i int) { d.refs = append(d.refs, cellRef{fc, int32(i)}) }

func (d *drawnCells) bound(id int) orb.Bound {
	r := d.refs[id]
	return r.fc.bound[r.i]
}

func (d *drawnCells) hash(id int32) [16]byte {
	r := d.refs[id]
	return r.fc.hash[r.i]
}

type tileXY struct{ x, y uint32 }

// writeZoom writes one zoom's tiles in tile id order, encoding them on
// every processor a batch at a time, or copying them from the cache when
// their cells are those the cached tile was made from. It appends each
// tile's record to rec, for the cache, when not nil.
func writeZoom(pw *pmtiles.Writer, ds *drawnCells, z uint8, opt Options, s *cacheDir, rec io.Writer, st *Stats) error {
	n := float64(uint64(1)<<z) * tiles.Extent
	byTile := map[tileXY][]int32{}
	for i := range ds.refs {
		b := ds.bound(i)
		// Mercator's y runs south, so a cell's northern edge is its top.
		x0, y0 := world(b.Min[0], b.Max[1], n)
		x1, y1 := world(b.Max[0], b.Min[1], n)
		for ty := tileOf(y0-buffer, z); ty <= tileOf(y1+buffer, z); ty++ {
			for tx := tileOf(x0-buffer, z); tx <= tileOf(x1+buffer, z); tx++ {
				k := tileXY{tx, ty}
				byTile[k] = append(byTile[k], int32(i))
			}
		}
	}
	keys := make([]tileXY, 0, len(byTile))
	for k := range byTile {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b tileXY) int {
		return cmp.Compare(pmtiles.ZxyToID(z, a.x, a.y), pmtiles.ZxyToID(z, b.x, b.y))
	})
	workers := runtime.GOMAXPROCS(0)
	const batch = 256
	type result struct {
		key     [32]byte
		tile    storedTile
		encoded bool
		err     error
	}
	res := make([]result, batch)
	var buf []byte
	for lo := 0; lo < len(keys); lo += batch {
		hi := min(lo+batch, len(keys))
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// The fastest gzip: these tiles are mostly small and
				// many, and the default level takes twice as long for
				// a sixth fewer bytes.
				zc := pmtiles.NewCompressor(pmtiles.Gzip, gzip.BestSpeed)
				for i := lo + w; i < hi; i += workers {
					k := keys[i]
					ids := byTile[k]
					r := result{}
					if s != nil {
						r.key = tileKey(z, k, opt, ds, ids)
						if t, ok := s.tiles[r.key]; ok {
							r.tile = t
							res[i-lo] = r
							continue
						}
					}
					r.encoded = true
					data, coarse, err := encodeTile(ds, ids, z, k, opt)
					r.tile, r.err = storedTile{size: len(data), coarse: coarse}, err
					if err == nil && len(data) > 0 {
						r.tile.body, r.err = zc.Compress(data)
					}
					res[i-lo] = r
				}
			}()
		}
		wg.Wait()
		for i := lo; i < hi; i++ {
			r := res[i-lo]
			if r.err != nil {
				return fmt.Errorf("tile %d/%d/%d: %w", z, keys[i].x, keys[i].y, r.err)
			}
			if r.encoded {
				st.Encoded++
			}
			if rec != nil {
				// A failed write shows when the cache file is closed.
				rec.Write(appendTile(buf[:0], r.key, r.tile))
			}
			if r.tile.size == 0 {
				continue
			}
			if err := pw.AddCompressed(z, keys[i].x, keys[i].y, r.tile.body); err != nil {
				return err
			}
			st.Tiles++
			st.MaxTile = max(st.MaxTile, r.tile.size)
			if r.tile.coarse {
				st.Coarsened++
			}
		}
	}
	return nil
}

// encodeTile encodes the cells ids in one tile, on a coarser grid when the
// tile would otherwise be over the limit.
func encodeTile(ds *drawnCells, ids []int32, z uint8, k tileXY, opt Options) ([]byte, bool, error) {
	cells := make([]orb.MultiPolygon, len(ids))
	for j, id := range ids {
		r := ds.refs[id]
		cells[j] = r.fc.cell(int(r.i))
	}
	for bits := opt.GridBits; ; bits-- {
		data := encodeAt(cells, z, k, bits)
		if opt.MaxTileBytes <= 0 || len(data) <= opt.MaxTileBytes {
			return data, bits != opt.GridBits, nil
		}
		if bits <= 4 {
			return nil, true, fmt.Errorf("%d bytes, over %d even on a grid of %d per tile", len(data), opt.MaxTileBytes, 1<<bits)
		}
	}
}

// encodeAt encodes cells (in Web Mercator units of the world's width) in
// tile k at zoom z, vertices snapped to a grid of 2^bits per tile. Nil when
// no cell is left at that size.
func encodeAt(cells []orb.MultiPolygon, z uint8, k tileXY, bits uint8) []byte {
	n := float64(uint64(1)<<z) * tiles.Extent
	step := float64(int(1) << (12 - bits))
	ox, oy := float64(k.x)*tiles.Extent, float64(k.y)*tiles.Extent
	box := orb.Bound{Min: orb.Point{-buffer, -buffer}, Max: orb.Point{tiles.Extent + buffer, tiles.Extent + buffer}}
	l := vtile.NewLayer(Layer, tiles.Extent)
	var geom []uint32
	for _, cell := range cells {
		var mp orb.MultiPolygon
		inside := true
		for _, poly := range cell {
			var p orb.Polygon
			for ri, ring := range poly {
				var r orb.Ring
				for _, v := range ring {
					q := orb.Point{math.Round(v[0]*n/step)*step - ox, math.Round(v[1]*n/step)*step - oy}
					if len(r) == 0 || r[len(r)-1] != q {
						r = append(r, q)
						inside = inside && box.Contains(q)
					}
				}
				if len(r) > 1 && r[0] != r[len(r)-1] {
					r = append(r, r[0])
				}
				if len(r) < 4 || ringArea(r) == 0 {
					if ri == 0 {
						break // the outer ring collapsed at this zoom
					}
					continue
				}
				p = append(p, r)
			}
			if len(p) > 0 {
				mp = append(mp, p)
			}
		}
		if !inside {
			mp = clip.MultiPolygon(box, mp)
		}
		mp = orientForTile(mp)
		if len(mp) > 0 {
			geom = polygonGeom(geom[:0], mp)
			l.Polygon(geom)
		}
	}
	if l.Len() == 0 {
		return nil
	}
	return l.AppendTo(nil)
}

// polygonGeom appends a multipolygon's geometry commands: deltas from the
// previous vertex, each ring closed by ClosePath instead of repeating its
// first vertex.
func polygonGeom(geom []uint32, mp orb.MultiPolygon) []uint32 {
	var cx, cy int64
	for _, poly := range mp {
		for _, r := range poly {
			r = r[:len(r)-1]
			for i, v := range r {
				x, y := int64(v[0]), int64(v[1])
				switch i {
				case 0:
					geom = append(geom, vtile.MoveTo(1))
				case 1:
					geom = append(geom, vtile.LineTo(len(r)-1))
				}
				geom = append(geom, vtile.ZigZag(x-cx), vtile.ZigZag(y-cy))
				cx, cy = x, y
			}
			geom = append(geom, vtile.ClosePath)
		}
	}
	return geom
}

// orientForTile rounds clipped vertices to whole pixels and turns rings the
// way the vector tile specification wants: exterior rings positive by its
// area formula (clockwise on screen, y pointing down), holes negative.
// MapLibre tells a polygon's holes from the next polygon by that alone.
func orientForTile(mp orb.MultiPolygon) orb.MultiPolygon {
	var out orb.MultiPolygon
	for _, poly := range mp {
		var p orb.Polygon
		for ri, ring := range poly {
			var r orb.Ring
			for _, v := range ring {
				q := orb.Point{math.Round(v[0]), math.Round(v[1])}
				if len(r) == 0 || r[len(r)-1] != q {
					r = append(r, q)
				}
			}
			if len(r) > 1 && r[0] != r[len(r)-1] {
				r = append(r, r[0])
			}
			a := ringArea(r)
			if len(r) < 4 || a == 0 {
				if ri == 0 {
					break
				}
				continue
			}
			if (a > 0) != (ri == 0) {
				slices.Reverse(r)
			}
			p = append(p, r)
		}
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

func ringArea(r orb.Ring) float64 {
	a := 0.0
	for i := 1; i < len(r); i++ {
		a += r[i-1][0]*r[i][1] - r[i][0]*r[i-1][1]
	}
	return a / 2
}

// world is Web Mercator in pixels of a world n pixels wide.
func world(lon, lat, n float64) (x, y float64) {
	x, y = mercator.Unit(lon, lat)
	return x * n, y * n
}

func tileOf(v float64, z uint8) uint32 {
	if v < 0 {
		return 0
	}
	return min(uint32(v/tiles.Extent), uint32(1)<<z-1)
}

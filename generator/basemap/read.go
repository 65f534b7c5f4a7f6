package basemap

import (
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"github.com/crimemap/crimemap/generator/pmtiles"
)

// Reader reads features back out of a basemap, for maps drawn at build
// time (an area page's static map). It is safe for concurrent use: pages
// are rendered in parallel and neighbouring areas share tiles, so decoded
// tiles are kept in a small cache.
type Reader struct {
	f       *os.File
	pm      *pmtiles.Reader
	maxZoom uint8

	mu    sync.Mutex
	cache map[uint64]mvt.Layers // by tile id; the layers in longitude/latitude
}

// Found is a feature read from a basemap, in longitude/latitude.
type Found struct {
	Layer      string
	Kind, Name string // the schema's "kind" and "name"; "" when absent
	Geometry   orb.Geometry
}

// readerCache is how many decoded tiles a Reader keeps. An area's map
// reads a few tiles, so this holds those of a few hundred neighbouring
// areas while bounding memory on a national basemap.
const readerCache = 512

// OpenReader opens the basemap archive at path for reading features.
func OpenReader(path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("basemap %s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("basemap %s: %w", path, err)
	}
	pm, err := pmtiles.Open(f, st.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("basemap %s: %w", path, err)
	}
	if pm.Header().TileType != pmtiles.MVT {
		f.Close()
		return nil, fmt.Errorf("basemap %s: tiles are %s, want mvt vector tiles", path, tileTypeName(pm.Header().TileType))
	}
	return &Reader{f: f, pm: pm, maxZoom: pm.Header().MaxZoom, cache: map[uint64]mvt.Layers{}}, nil
}

// Close closes the archive.
func (r *Reader) Close() error { return r.f.Close() }

// MaxTiles is the most tiles Features reads for one call; a box that needs
// more at the zoom asked is read at a lower zoom.
const MaxTiles = 16

// Features returns the features of the named layers in the tiles that the
// box b (longitude/latitude) touches at zoom z, or at the archive's highest
// zoom when z is above it, or lower still while b would need more than
// MaxTiles tiles. Features are in tile order (row, then column), then in
// their order in the tile, so the result is the same every time. A line
// or polygon that crosses tiles comes back once per tile, clipped to it
// with the tile's buffer; a point comes back once. A tile that does not
// decode is an error, not a panic.
func (r *Reader) Features(b orb.Bound, z uint8, layers ...string) ([]Found, error) {
	z = min(z, r.maxZoom)
	var lo, hi maptile.Tile
	for {
		lo = maptile.At(orb.Point{b.Min[0], b.Max[1]}, maptile.Zoom(z))
		hi = maptile.At(orb.Point{b.Max[0], b.Min[1]}, maptile.Zoom(z))
		if z == 0 || (int(hi.X)-int(lo.X)+1)*(int(hi.Y)-int(lo.Y)+1) <= MaxTiles {
			break
		}
		z--
	}
	var out []Found
	for y := lo.Y; y <= hi.Y; y++ {
		for x := lo.X; x <= hi.X; x++ {
			ls, err := r.tile(z, x, y)
			if err != nil {
				return nil, err
			}
			for _, l := range ls {
				if !slices.Contains(layers, l.Name) {
					continue
				}
				for _, f := range l.Features {
					if f.Geometry == nil || !f.Geometry.Bound().Intersects(b) {
						continue
					}
					kind, _ := f.Properties["kind"].(string)
					name, _ := f.Properties["name"].(string)
					out = append(out, Found{Layer: l.Name, Kind: kind, Name: name, Geometry: f.Geometry})
				}
			}
		}
	}
	// Layers in the order asked, features in tile order within each.
	slices.SortStableFunc(out, func(p, q Found) int {
		return slices.Index(layers, p.Layer) - slices.Index(layers, q.Layer)
	})
	return out, nil
}

// tile returns tile z/x/y's layers in longitude/latitude, nil for a tile
// the archive does not have.
func (r *Reader) tile(z uint8, x, y uint32) (mvt.Layers, error) {
	id := pmtiles.ZxyToID(z, x, y)
	r.mu.Lock()
	ls, ok := r.cache[id]
	r.mu.Unlock()
	if ok {
		return ls, nil
	}
	data, ok, err := r.pm.Tile(z, x, y)
	if err != nil {
		return nil, fmt.Errorf("basemap: %w", err)
	}
	if ok {
		if ls, err = decodeTile(data); err != nil {
			return nil, fmt.Errorf("basemap: tile %d/%d/%d: %w", z, x, y, err)
		}
		ls.ProjectToWGS84(maptile.New(x, y, maptile.Zoom(z)))
	}
	r.mu.Lock()
	if len(r.cache) >= readerCache {
		clear(r.cache)
	}
	r.cache[id] = ls
	r.mu.Unlock()
	return ls, nil
}

// decodeTile decodes an MVT tile; orb's decoder is not written for hostile
// input, so a panic in it is the tile not decoding.
func decodeTile(data []byte) (ls mvt.Layers, err error) {
	defer func() {
		if p := recover(); p != nil {
			ls, err = nil, fmt.Errorf("not a vector tile: %v", p)
		}
	}()
	ls, err = mvt.Unmarshal(data)
	if err != nil {
		return nil, fmt.Errorf("not a vector tile: %w", err)
	}
	if ls == nil {
		return nil, errors.New("not a vector tile: no layers")
	}
	return ls, nil
}

// ZoomFor is the zoom at which a box about width degrees of longitude wide
// spans about two tiles: enough detail for a map some hundreds of pixels
// wide without reading many tiles.
func ZoomFor(width float64) uint8 {
	if width <= 0 {
		return 15
	}
	z := math.Floor(math.Log2(360 / width * 2))
	return uint8(max(0, min(15, z)))
}

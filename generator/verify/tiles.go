package verify

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"

	"github.com/crimemap/crimemap/generator/pmtiles"
	"github.com/crimemap/crimemap/generator/tiles"
)

// Archive is what reading a tile archive found.
type Archive struct {
	MinZoom, MaxZoom uint8
	Tiles            int
	Largest          int // decoded bytes of the largest tile
	// Sums holds, for each counted layer (one whose metadata lists an n
	// field), the sum of n over its features at each zoom, MinZoom first.
	Sums map[string][]float64
	// Locations is the number of features compared with the input's
	// locations (0 without them).
	Locations int
	Problems  []Problem
}

// CheckArchive reads the tile archive at path, as Site does for each
// .pmtiles file; name is the path problems are reported under and pts, if
// not nil, the input's locations for the privacy check.
func CheckArchive(path, name string, pts *Points, maxTileBytes int) (*Archive, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if maxTileBytes <= 0 {
		maxTileBytes = DefaultMaxTileBytes
	}
	r := &result{rel: name}
	a := readArchive(r, f, info.Size(), pts, maxTileBytes)
	r.finish()
	a.Problems = r.problems
	return a, nil
}

func (c *checker) checkArchiveFile(r *result, f *os.File, size int64) {
	pts, err := c.points()
	if err != nil {
		pts = nil // reported once by Site
	}
	a := readArchive(r, f, size, pts, c.maxTile)
	r.tiles += a.Tiles
	r.locations += a.Locations
}

// layerMeta is what the archive metadata says of a layer.
type layerMeta struct {
	ID     string            `json:"id"`
	Fields map[string]string `json:"fields"`
}

// readArchive checks one archive, adding problems to r.
func readArchive(r *result, f *os.File, size int64, pts *Points, maxTile int) *Archive {
	a := &Archive{Sums: map[string][]float64{}}
	rd, err := pmtiles.Open(f, size)
	if err != nil {
		r.add("archive", 0, "unreadable tile archive: %v", err)
		return a
	}
	h := rd.Header()
	a.MinZoom, a.MaxZoom = h.MinZoom, h.MaxZoom
	if h.TileType != pmtiles.MVT {
		r.add("archive", 0, "tile type %v, want MVT", h.TileType)
		return a
	}
	counted := map[string]bool{}
	meta, err := rd.Metadata()
	if err != nil {
		r.add("archive", 0, "unreadable tile archive: %v", err)
	} else if meta != nil {
		var m struct {
			Layers []layerMeta `json:"vector_layers"`
		}
		if err := json.Unmarshal(meta, &m); err != nil {
			r.add("archive", 0, "metadata: %v", err)
		}
		for _, l := range m.Layers {
			if _, ok := l.Fields["n"]; ok {
				counted[l.ID] = true
				a.Sums[l.ID] = make([]float64, int(h.MaxZoom-h.MinZoom)+1)
			}
		}
	}
	// A run of tiles shares one body; decode it once.
	var lastBody []byte
	var layers mvt.Layers
	var decodeErr error
	err = rd.Walk(func(z uint8, x, y uint32, data []byte) error {
		a.Tiles++
		at := fmt.Sprintf("tile %d/%d/%d", z, x, y)
		a.Largest = max(a.Largest, len(data))
		if len(data) > maxTile {
			r.add("tile-size", 0, "%s is %d bytes decoded, over the limit of %d", at, len(data), maxTile)
		}
		if len(data) == 0 || len(lastBody) == 0 || &data[0] != &lastBody[0] {
			lastBody = data
			layers, decodeErr = mvt.Unmarshal(data)
		}
		if decodeErr != nil {
			r.add("tile-decode", 0, "%s: not a vector tile: %v", at, decodeErr)
			return nil
		}
		for _, l := range layers {
			if !counted[l.Name] {
				continue
			}
			if l.Extent != tiles.Extent {
				r.add("tile-count", 0, "%s: layer %s has extent %d, want %d", at, l.Name, l.Extent, tiles.Extent)
				continue
			}
			for _, ft := range l.Features {
				p, ok := ft.Geometry.(orb.Point)
				if !ok {
					r.add("tile-count", 0, "%s: %s feature is a %s, want a point", at, l.Name, ft.Geometry.GeoJSONType())
					continue
				}
				if p[0] < 0 || p[1] < 0 || p[0] >= tiles.Extent || p[1] >= tiles.Extent || p[0] != math.Trunc(p[0]) || p[1] != math.Trunc(p[1]) {
					r.add("tile-count", 0, "%s: %s feature at %v lies outside its tile", at, l.Name, p)
					continue
				}
				n, ok := ft.Properties["n"].(float64)
				if !ok || n < 0 || n != math.Trunc(n) {
					r.add("tile-count", 0, "%s: %s feature at %v has no count n", at, l.Name, p)
					continue
				}
				a.Sums[l.Name][z-h.MinZoom] += n
				if pts != nil {
					a.Locations++
					px := uint64(x)*tiles.Extent + uint64(p[0])
					py := uint64(y)*tiles.Extent + uint64(p[1])
					if !pts.HasPixel(z, px, py) {
						r.add("privacy", 0, "%s: %s feature at %d,%d is not at a location of the input", at, l.Name, int(p[0]), int(p[1]))
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		r.add("archive", 0, "unreadable tile archive: %v", err)
		return a
	}
	names := make([]string, 0, len(a.Sums))
	for k := range a.Sums {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, name := range names {
		sums := a.Sums[name]
		top := sums[len(sums)-1]
		for i, s := range sums {
			if s != top {
				r.add("counting", 0, "counting rule: layer %s sums to %.0f at zoom %d but %.0f at zoom %d",
					name, s, int(h.MinZoom)+i, top, h.MaxZoom)
			}
		}
	}
	return a
}

package verify

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/tiles"
	"github.com/crimemap/crimemap/generator/validate"
)

// LoadInput loads the build's input (a folder or .zip in the
// data.police.uk layout) for the privacy check. Problems with its rows do
// not matter here: the rows the build left out published nothing.
func LoadInput(path string) (*store.Store, error) {
	in, err := source.Open(path)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	st, _, err := source.Load(in, validate.NewReport(), source.Options{})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return st, nil
}

// Points are the input's distinct locations, in micro-degrees and, once
// asked for, as tile pixels at each zoom.
type Points struct {
	set  map[uint64]struct{}
	list [][2]store.Micro
	mu   sync.Mutex
	zoom map[uint8]*zoomPixels
}

type zoomPixels struct {
	once sync.Once
	keys []uint64 // sorted world pixels, x<<32 | y
}

// NewPoints collects the locations of st.
func NewPoints(st *store.Store) *Points {
	p := &Points{set: map[uint64]struct{}{}, zoom: map[uint8]*zoomPixels{}}
	for _, l := range st.Locs.All() {
		k := microKey(l.Lon, l.Lat)
		if _, ok := p.set[k]; !ok {
			p.set[k] = struct{}{}
			p.list = append(p.list, [2]store.Micro{l.Lon, l.Lat})
		}
	}
	return p
}

func microKey(lon, lat store.Micro) uint64 { return uint64(uint32(lon))<<32 | uint64(uint32(lat)) }

// Len returns the number of distinct locations.
func (p *Points) Len() int { return len(p.list) }

// Has reports whether lon,lat is a location of the input.
func (p *Points) Has(lon, lat store.Micro) bool {
	_, ok := p.set[microKey(lon, lat)]
	return ok
}

// HasPixel reports whether a location of the input projects to world
// pixel x,y at zoom z, with tiles.Extent pixels per tile.
func (p *Points) HasPixel(z uint8, x, y uint64) bool {
	if x > math.MaxUint32 || y > math.MaxUint32 {
		return false
	}
	keys := p.pixels(z)
	_, ok := slices.BinarySearch(keys, x<<32|y)
	return ok
}

func (p *Points) pixels(z uint8) []uint64 {
	p.mu.Lock()
	zp := p.zoom[z]
	if zp == nil {
		zp = &zoomPixels{}
		p.zoom[z] = zp
	}
	p.mu.Unlock()
	zp.once.Do(func() {
		keys := make([]uint64, len(p.list))
		for i, l := range p.list {
			x, y := tiles.WorldPixel(l[0], l[1], z)
			keys[i] = uint64(x)<<32 | uint64(y)
		}
		slices.Sort(keys)
		zp.keys = slices.Compact(keys)
	})
	return zp.keys
}

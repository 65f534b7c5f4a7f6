package catchment

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/output"
)

// The cache folder (Options.Cache) lets a build make again only what its
// input changed. It holds two kinds of file:
//
//	cells-<force key>.bin  one force's cells, for every snap point of it,
//	                       published or not
//	tiles-<archive key>.bin  every tile of the last archive, compressed,
//	                       by a key of the cells it was made from
//
// A force key covers what the force's cells are made from (boundary,
// plane, every snap point), so a month that only publishes at snap points
// that published nothing before, or no longer at some, meets every
// force's cells in the cache. A tile key covers its cells' hashes, so a
// tile none of whose cells changed is copied, compressed, from the last
// archive. Both also cover the program itself (codeKey): another build of
// crimemap might draw differently. Each file is written whole or not at
// all and carries a checksum; a damaged one is a miss. After an archive
// is written, every other file in the folder is removed.

const (
	cellsMagic = "crimemap catchment cells 1\n"
	tilesMagic = "crimemap catchment tiles 1\n"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// codeKey identifies the program drawing the cells, so that a cache
// written by another version is never used.
var codeKey = sync.OnceValue(func() string {
	h := sha256.New()
	fmt.Fprintf(h, "crimemap catchments v%d\n", FormatVersion)
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	return hex.EncodeToString(h.Sum(nil))
})

// forceCells are the cells of every snap point of a force, published
// or not, compact: a cell is decoded when a tile needs it.
type forceCells struct {
	union []Point     // the force's snap points, sorted and distinct
	hash  [][16]byte  // of each cell's encoding
	bound []orb.Bound // in degrees; empty cells have a zero bound
	off   []uint32    // union[i]'s cell is geom[off[i]:off[i+1]], empty when nil
	geom  []byte
}

// cellOf is the index in union of p, one of the force's snap points.
func (fc *forceCells) cellOf(p Point) int {
	i, ok := slices.BinarySearchFunc(fc.union, p, comparePoints)
	if !ok {
		panic("catchment: snap point missing from its force's cells")
	}
	return i
}

func (fc *forceCells) empty(i int) bool { return fc.off[i] == fc.off[i+1] }

// cell decodes cell i, in Web Mercator units of the world's width.
func (fc *forceCells) cell(i int) orb.MultiPolygon {
	b := fc.geom[fc.off[i]:fc.off[i+1]]
	if len(b) == 0 {
		return nil
	}
	uv := func() int {
		v, n := binary.Uvarint(b)
		b = b[n:]
		return int(v)
	}
	f64 := func() float64 {
		v := math.Float64frombits(binary.LittleEndian.Uint64(b))
		b = b[8:]
		return v
	}
	mp := make(orb.MultiPolygon, uv())
	for pi := range mp {
		mp[pi] = make(orb.Polygon, uv())
		for ri := range mp[pi] {
			r := make(orb.Ring, uv())
			for k := range r {
				r[k] = orb.Point{f64(), f64()}
			}
			mp[pi][ri] = r
		}
	}
	return mp
}

func comparePoints(a, b Point) int {
	return cmp.Or(cmp.Compare(a.Lon, b.Lon), cmp.Compare(a.Lat, b.Lat))
}

// union is every snap point of f, sorted and distinct: merged, as the
// caller sorts both lists.
func union(f Force) []Point {
	a, b := f.Points, f.Others
	if !slices.IsSortedFunc(a, comparePoints) || !slices.IsSortedFunc(b, comparePoints) {
		u := append(slices.Clone(a), b...)
		slices.SortFunc(u, comparePoints)
		return slices.Compact(u)
	}
	u := make([]Point, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		var p Point
		switch {
		case len(b) == 0 || len(a) > 0 && comparePoints(a[0], b[0]) <= 0:
			p, a = a[0], a[1:]
		default:
			p, b = b[0], b[1:]
		}
		if len(u) == 0 || u[len(u)-1] != p {
			u = append(u, p)
		}
	}
	return u
}

// clipOf is the area f's cells are clipped to.
func clipOf(f Force) orb.MultiPolygon {
	if len(f.Shape) == 0 {
		return Box(f.Points)
	}
	return f.Shape
}

// forceKey names the cells of f: everything they are made from.
func forceKey(u []Point, clip orb.MultiPolygon, pl plane) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\nplane %x %x %x\n", codeKey(), math.Float64bits(pl.lon0), math.Float64bits(pl.lat0), math.Float64bits(pl.kx))
	var b [16]byte
	for _, poly := range clip {
		fmt.Fprintf(h, "polygon %d\n", len(poly))
		for _, ring := range poly {
			fmt.Fprintf(h, "ring %d\n", len(ring))
			for _, p := range ring {
				binary.LittleEndian.PutUint64(b[:8], math.Float64bits(p[0]))
				binary.LittleEndian.PutUint64(b[8:], math.Float64bits(p[1]))
				h.Write(b[:])
			}
		}
	}
	fmt.Fprintf(h, "points %d\n", len(u))
	for _, p := range u {
		binary.LittleEndian.PutUint32(b[:4], uint32(p.Lon))
		binary.LittleEndian.PutUint32(b[4:8], uint32(p.Lat))
		h.Write(b[:8])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// computeCells draws the cells of every snap point of f.
func computeCells(f Force, u []Point, clip orb.MultiPolygon, pl plane) *forceCells {
	cs := cells(u, len(u), clip, pl)
	fc := &forceCells{union: u, hash: make([][16]byte, len(u)), bound: make([]orb.Bound, len(u)), off: make([]uint32, 1, len(u)+1)}
	var b [8]byte
	for i, c := range cs {
		start := len(fc.geom)
		if len(c) > 0 {
			fc.bound[i] = c.Bound()
			fc.geom = binary.AppendUvarint(fc.geom, uint64(len(c)))
			for _, poly := range c {
				fc.geom = binary.AppendUvarint(fc.geom, uint64(len(poly)))
				for _, ring := range poly {
					fc.geom = binary.AppendUvarint(fc.geom, uint64(len(ring)))
					for _, v := range ring {
						x, y := world(v[0], v[1], 1)
						binary.LittleEndian.PutUint64(b[:], math.Float64bits(x))
						fc.geom = append(fc.geom, b[:]...)
						binary.LittleEndian.PutUint64(b[:], math.Float64bits(y))
						fc.geom = append(fc.geom, b[:]...)
					}
				}
			}
			sum := sha256.Sum256(fc.geom[start:])
			copy(fc.hash[i][:], sum[:])
		}
		fc.off = append(fc.off, uint32(len(fc.geom)))
	}
	return fc
}

// cacheDir is a cache folder; a nil *cacheDir caches nothing.
type cacheDir struct {
	dir  string
	used map[string]bool // file names this build wrote or read
	// tiles are the last archive's tiles by key.
	tiles map[[32]byte]storedTile
}

type storedTile struct {
	size   int // before compression; 0 for a tile with nothing in it
	coarse bool
	body   []byte
}

func openStore(dir string) (*cacheDir, error) {
	if dir == "" {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("catchment cache: %w", err)
	}
	return &cacheDir{dir: dir, used: map[string]bool{}, tiles: map[[32]byte]storedTile{}}, nil
}

func cellsName(key string) string { return "cells-" + key + ".bin" }

// cells returns the cells stored under key for the snap points u, or nil.
func (s *cacheDir) cells(key string, u []Point) *forceCells {
	if s == nil {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(s.dir, cellsName(key)))
	if err != nil {
		return nil
	}
	fc, err := decodeCells(b, len(u))
	if err != nil {
		return nil
	}
	fc.union = u
	s.used[cellsName(key)] = true
	return fc
}

// putCells stores fc under key. A failure costs the next build only time,
// so it is returned for the stage to report, not to stop the build.
func (s *cacheDir) putCells(key string, fc *forceCells) error {
	if s == nil {
		return nil
	}
	name := cellsName(key)
	_, err := output.WriteFileAtomic(filepath.Join(s.dir, name), func(w *bufio.Writer) error {
		_, err := w.Write(encodeCells(fc))
		return err
	})
	if err != nil {
		return fmt.Errorf("catchment cache: %w", err)
	}
	s.used[name] = true
	return nil
}

// encodeCells lays out fc: the magic, the count, the hashes, bounds and
// offsets, the geometry, then a CRC-32C of all before it.
func encodeCells(fc *forceCells) []byte {
	n := len(fc.hash)
	b := make([]byte, 0, len(cellsMagic)+8+n*(16+32+4)+4+len(fc.geom)+4)
	b = append(b, cellsMagic...)
	b = binary.LittleEndian.AppendUint64(b, uint64(n))
	for _, h := range fc.hash {
		b = append(b, h[:]...)
	}
	for _, bd := range fc.bound {
		for _, v := range [4]float64{bd.Min[0], bd.Min[1], bd.Max[0], bd.Max[1]} {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
	}
	for _, o := range fc.off {
		b = binary.LittleEndian.AppendUint32(b, o)
	}
	b = append(b, fc.geom...)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

var errDamaged = errors.New("damaged cache entry")

func decodeCells(b []byte, n int) (*forceCells, error) {
	if len(b) < len(cellsMagic)+12 || !bytes.HasPrefix(b, []byte(cellsMagic)) {
		return nil, errDamaged
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, errDamaged
	}
	b = body[len(cellsMagic):]
	if binary.LittleEndian.Uint64(b) != uint64(n) || uint64(len(b)-8) < uint64(n)*(16+32+4)+4 {
		return nil, errDamaged
	}
	b = b[8:]
	fc := &forceCells{hash: make([][16]byte, n), bound: make([]orb.Bound, n), off: make([]uint32, n+1)}
	for i := range fc.hash {
		copy(fc.hash[i][:], b[16*i:])
	}
	b = b[16*n:]
	f64 := func(k int) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(b[8*k:])) }
	for i := range fc.bound {
		fc.bound[i] = orb.Bound{Min: orb.Point{f64(4 * i), f64(4*i + 1)}, Max: orb.Point{f64(4*i + 2), f64(4*i + 3)}}
	}
	b = b[32*n:]
	for i := range fc.off {
		fc.off[i] = binary.LittleEndian.Uint32(b[4*i:])
		if i > 0 && fc.off[i] < fc.off[i-1] {
			return nil, errDamaged
		}
	}
	fc.geom = b[4*(n+1):]
	if fc.off[0] != 0 || int(fc.off[n]) != len(fc.geom) {
		return nil, errDamaged
	}
	return fc, nil
}

// tileKey names a tile by what it is made from: its place, the
// settings, and its cells' hashes in the order they are drawn.
func tileKey(z uint8, k tileXY, opt Options, ds *drawnCells, ids []int32) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\ntile %d/%d/%d grid %d max %d\n", codeKey(), z, k.x, k.y, opt.GridBits, opt.MaxTileBytes)
	for _, id := range ids {
		sum := ds.hash(id)
		h.Write(sum[:])
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// loadTiles reads the tiles of the archives the folder holds (after a
// build, the one it wrote), and returns the bytes it read. A damaged file
// is skipped.
func (s *cacheDir) loadTiles() int {
	if s == nil {
		return 0
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "tiles-") || filepath.Ext(e.Name()) != ".bin" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(s.dir, e.Name()))
		if err != nil {
			continue
		}
		decodeTiles(b, s.tiles)
		n += len(b)
	}
	return n
}

// appendTile adds a tile's record to a tiles file being made.
func appendTile(b []byte, key [32]byte, t storedTile) []byte {
	b = append(b, key[:]...)
	b = binary.AppendUvarint(b, uint64(t.size))
	c := byte(0)
	if t.coarse {
		c = 1
	}
	b = append(b, c)
	b = binary.AppendUvarint(b, uint64(len(t.body)))
	return append(b, t.body...)
}

// decodeTiles adds the records of a tiles file to into, or none when the
// file is damaged. The bodies are slices of b.
func decodeTiles(b []byte, into map[[32]byte]storedTile) {
	if len(b) < len(tilesMagic)+4 || !bytes.HasPrefix(b, []byte(tilesMagic)) {
		return
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return
	}
	b = body[len(tilesMagic):]
	found := map[[32]byte]storedTile{}
	for len(b) > 0 {
		if len(b) < 32 {
			return
		}
		var key [32]byte
		copy(key[:], b)
		b = b[32:]
		size, n := binary.Uvarint(b)
		if n <= 0 || len(b) < n+1 {
			return
		}
		coarse := b[n] == 1
		b = b[n+1:]
		l, n := binary.Uvarint(b)
		if n <= 0 || uint64(len(b)-n) < l {
			return
		}
		found[key] = storedTile{size: int(size), coarse: coarse, body: b[n : n+int(l) : n+int(l)]}
		b = b[n+int(l):]
	}
	for k, t := range found {
		into[k] = t
	}
}

// putTiles writes the tiles file of the archive named by archiveKey: fn
// writes the archive, and its tiles' records to rec as it goes. The file
// is kept only if fn succeeds. Like putCells, a failure of the file
// alone is only reported; that of fn is fn's to report.
func (s *cacheDir) putTiles(archiveKey string, fn func(rec io.Writer) error) error {
	name := "tiles-" + archiveKey + ".bin"
	var fnErr error
	_, err := output.WriteFileAtomic(filepath.Join(s.dir, name), func(w *bufio.Writer) error {
		w.WriteString(tilesMagic)
		crc := crc32.New(castagnoli)
		crc.Write([]byte(tilesMagic))
		if fnErr = fn(io.MultiWriter(w, crc)); fnErr != nil {
			return fnErr
		}
		return binary.Write(w, binary.LittleEndian, crc.Sum32())
	})
	if err != nil {
		if fnErr != nil {
			return nil
		}
		return fmt.Errorf("catchment cache: %w", err)
	}
	s.used[name] = true
	return nil
}

// prune removes every file this build did not read or write: the cells
// of forces whose input changed, the tiles of older archives, and the
// temporary files of a build that was stopped. It returns how many it
// removed.
func (s *cacheDir) prune() (int, error) {
	if s == nil {
		return 0, nil
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return 0, fmt.Errorf("prune catchment cache: %w", err)
	}
	n := 0
	for _, e := range entries {
		if s.used[e.Name()] {
			continue
		}
		if err := os.Remove(filepath.Join(s.dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, fmt.Errorf("prune catchment cache: %w", err)
		}
		n++
	}
	return n, nil
}

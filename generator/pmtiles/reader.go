package pmtiles

import (
	"container/list"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
)

// Limits that keep a hostile or corrupt archive from exhausting memory or
// time. Real archives sit far below them: a leaf of 4096 entries is tens of
// kilobytes, and a vector tile over a megabyte is already a bug.
const (
	maxDirBytes      = 64 << 20  // a directory, compressed or not
	maxMetadataBytes = 64 << 20  // the metadata, compressed or not
	maxTileBytes     = 256 << 20 // a tile, decompressed
	maxDepth         = 4         // directory levels, root included
	leafCacheSize    = 64        // decoded leaves kept for Tile lookups
)

// Reader reads a PMTiles v3 archive. Its methods are safe for concurrent use
// if the underlying io.ReaderAt is, as io.ReaderAt implementations must be.
type Reader struct {
	r    io.ReaderAt
	size int64
	h    Header
	root []Entry

	mu    sync.Mutex
	cache leafCache
}

// Open reads and checks the header and the root directory of the archive of
// size bytes behind r.
func Open(r io.ReaderAt, size int64) (*Reader, error) {
	rd := &Reader{r: r, size: size, cache: newLeafCache(leafCacheSize)}
	if size < HeaderLen {
		return nil, fmt.Errorf("open archive: %d bytes is shorter than a header: %w", size, errNotPMTiles)
	}
	b, err := rd.readAt(0, HeaderLen)
	if err != nil {
		return nil, fmt.Errorf("open archive: read header: %w", err)
	}
	h, err := decodeHeader(b)
	if err != nil {
		return nil, fmt.Errorf("open archive: %w", err)
	}
	if err := rd.checkHeader(h); err != nil {
		return nil, fmt.Errorf("open archive: %w", err)
	}
	rd.h = h
	root, err := rd.readDirectory(h.RootOffset, h.RootLength)
	if err != nil {
		return nil, fmt.Errorf("open archive: root directory: %w", err)
	}
	rd.root = root
	return rd, nil
}

// checkHeader checks what the header says against the file and against what
// this reader supports.
func (r *Reader) checkHeader(h Header) error {
	for _, c := range []struct {
		name string
		c    Compression
	}{{"internal", h.InternalCompression}, {"tile", h.TileCompression}} {
		if c.c != None && c.c != Gzip {
			return fmt.Errorf("unsupported %s compression %s", c.name, c.c)
		}
	}
	if h.MinZoom > h.MaxZoom || h.MaxZoom > MaxZoom {
		return fmt.Errorf("zoom range %d..%d: want min <= max <= %d", h.MinZoom, h.MaxZoom, MaxZoom)
	}
	for _, s := range []struct {
		name        string
		off, length uint64
	}{
		{"root directory", h.RootOffset, h.RootLength},
		{"metadata", h.MetadataOffset, h.MetadataLength},
		{"leaf directories", h.LeafOffset, h.LeafLength},
		{"tile data", h.DataOffset, h.DataLength},
	} {
		if s.length == 0 {
			continue
		}
		if s.off < HeaderLen || s.off > uint64(r.size) || s.length > uint64(r.size)-s.off {
			return fmt.Errorf("%s at %d+%d lies outside the %d-byte file", s.name, s.off, s.length, r.size)
		}
	}
	if h.RootLength == 0 {
		return errors.New("root directory is empty")
	}
	if h.RootOffset+h.RootLength > RootLimit {
		return fmt.Errorf("root directory ends at byte %d, past the first %d", h.RootOffset+h.RootLength, RootLimit)
	}
	return nil
}

// Header returns the archive's header.
func (r *Reader) Header() Header { return r.h }

// Metadata returns the decompressed JSON metadata, or nil if the archive has
// none.
func (r *Reader) Metadata() ([]byte, error) {
	if r.h.MetadataLength == 0 {
		return nil, nil
	}
	if r.h.MetadataLength > maxMetadataBytes {
		return nil, fmt.Errorf("read metadata: %d bytes exceed the limit of %d", r.h.MetadataLength, maxMetadataBytes)
	}
	b, err := r.readAt(r.h.MetadataOffset, r.h.MetadataLength)
	if err != nil {
		return nil, fmt.Errorf("read metadata: %w", err)
	}
	m, err := decompress(b, r.h.InternalCompression, maxMetadataBytes)
	if err != nil {
		return nil, fmt.Errorf("read metadata: %w", err)
	}
	if !json.Valid(m) {
		return nil, errors.New("read metadata: not valid JSON")
	}
	return m, nil
}

// Tile returns the decompressed body of tile z/x/y, and false if the archive
// does not address it.
func (r *Reader) Tile(z uint8, x, y uint32) ([]byte, bool, error) {
	if !ValidTile(z, x, y) {
		return nil, false, fmt.Errorf("read tile %d/%d/%d: not a tile", z, x, y)
	}
	e, ok, err := r.find(ZxyToID(z, x, y))
	if err != nil || !ok {
		if err != nil {
			err = fmt.Errorf("read tile %d/%d/%d: %w", z, x, y, err)
		}
		return nil, false, err
	}
	data, err := r.tileData(e)
	if err != nil {
		return nil, false, fmt.Errorf("read tile %d/%d/%d: %w", z, x, y, err)
	}
	return data, true, nil
}

// find returns the tile entry addressing id.
func (r *Reader) find(id uint64) (Entry, bool, error) {
	entries := r.root
	for depth := 1; ; depth++ {
		// The last entry starting at or before id is the only candidate.
		i := sort.Search(len(entries), func(i int) bool { return entries[i].TileID > id }) - 1
		if i < 0 {
			return Entry{}, false, nil
		}
		e := entries[i]
		if e.RunLength > 0 {
			return e, id-e.TileID < uint64(e.RunLength), nil
		}
		if depth >= maxDepth {
			return Entry{}, false, fmt.Errorf("directories nested deeper than %d levels", maxDepth)
		}
		var err error
		if entries, err = r.leaf(e); err != nil {
			return Entry{}, false, err
		}
	}
}

// Entries calls fn for every tile entry (RunLength > 0) in tile id order,
// descending into leaf directories. It checks the directory tree as it goes:
// ids increase across the whole archive, each leaf starts at the id its
// pointer names and stays before the next pointer, and every entry points
// inside its section. An error from fn stops the walk and is returned as is.
func (r *Reader) Entries(fn func(Entry) error) error {
	var next uint64
	return r.visit(r.root, 1, idLimit, &next, fn)
}

func (r *Reader) visit(entries []Entry, depth int, end uint64, next *uint64, fn func(Entry) error) error {
	for i, e := range entries {
		if e.TileID < *next || e.TileID >= end {
			return fmt.Errorf("entry for tile id %d is out of order", e.TileID)
		}
		if e.RunLength > 0 {
			if e.TileID+uint64(e.RunLength) > end {
				return fmt.Errorf("run of %d from tile id %d overlaps the next directory", e.RunLength, e.TileID)
			}
			if err := r.checkData(e); err != nil {
				return err
			}
			if err := fn(e); err != nil {
				return err
			}
			*next = e.TileID + uint64(e.RunLength)
			continue
		}
		if depth >= maxDepth {
			return fmt.Errorf("directories nested deeper than %d levels", maxDepth)
		}
		leaf, err := r.leaf(e)
		if err != nil {
			return err
		}
		leafEnd := end
		if i+1 < len(entries) {
			leafEnd = entries[i+1].TileID
		}
		if err := r.visit(leaf, depth+1, leafEnd, next, fn); err != nil {
			return err
		}
	}
	return nil
}

// Walk calls fn with every addressed tile and its decompressed body, in tile
// id order; a run-length entry yields one call per tile, all sharing one
// data slice, so fn must copy data before modifying it. An error from fn
// stops the walk and is returned as is.
func (r *Reader) Walk(fn func(z uint8, x, y uint32, data []byte) error) error {
	return r.Entries(func(e Entry) error {
		data, err := r.tileData(e)
		if err != nil {
			return fmt.Errorf("tile id %d: %w", e.TileID, err)
		}
		for k := uint64(0); k < uint64(e.RunLength); k++ {
			z, x, y := IDToZxy(e.TileID + k)
			if err := fn(z, x, y, data); err != nil {
				return err
			}
		}
		return nil
	})
}

// leaf returns the decoded leaf directory a leaf entry points to.
func (r *Reader) leaf(e Entry) ([]Entry, error) {
	if e.Offset > r.h.LeafLength || uint64(e.Length) > r.h.LeafLength-e.Offset {
		return nil, fmt.Errorf("leaf directory at %d+%d lies outside the %d-byte leaf section", e.Offset, e.Length, r.h.LeafLength)
	}
	key := leafKey{e.Offset, e.Length}
	r.mu.Lock()
	entries, ok := r.cache.get(key)
	r.mu.Unlock()
	if !ok {
		var err error
		entries, err = r.readDirectory(r.h.LeafOffset+e.Offset, uint64(e.Length))
		if err != nil {
			return nil, fmt.Errorf("leaf directory at %d: %w", e.Offset, err)
		}
		r.mu.Lock()
		r.cache.put(key, entries)
		r.mu.Unlock()
	}
	// The specification names a leaf by its first tile id; a pointer that
	// disagrees would send lookups to the wrong leaf.
	if entries[0].TileID != e.TileID {
		return nil, fmt.Errorf("leaf directory at %d starts at tile id %d, its pointer says %d", e.Offset, entries[0].TileID, e.TileID)
	}
	return entries, nil
}

// readDirectory reads, decompresses and parses the directory at off.
func (r *Reader) readDirectory(off, length uint64) ([]Entry, error) {
	if length > maxDirBytes {
		return nil, fmt.Errorf("%d bytes exceed the limit of %d", length, maxDirBytes)
	}
	b, err := r.readAt(off, length)
	if err != nil {
		return nil, err
	}
	raw, err := decompress(b, r.h.InternalCompression, maxDirBytes)
	if err != nil {
		return nil, err
	}
	return parseDirectory(raw)
}

// checkData checks that a tile entry points inside the tile data section.
func (r *Reader) checkData(e Entry) error {
	if e.Offset > r.h.DataLength || uint64(e.Length) > r.h.DataLength-e.Offset {
		return fmt.Errorf("tile id %d at %d+%d lies outside the %d-byte tile data section", e.TileID, e.Offset, e.Length, r.h.DataLength)
	}
	return nil
}

// tileData reads and decompresses the body of a tile entry.
func (r *Reader) tileData(e Entry) ([]byte, error) {
	if err := r.checkData(e); err != nil {
		return nil, err
	}
	b, err := r.readAt(r.h.DataOffset+e.Offset, uint64(e.Length))
	if err != nil {
		return nil, err
	}
	return decompress(b, r.h.TileCompression, maxTileBytes)
}

// readAt reads exactly n bytes at off, which the caller has checked lie in
// the file.
func (r *Reader) readAt(off, n uint64) ([]byte, error) {
	if off > uint64(r.size) || n > uint64(r.size)-off {
		return nil, fmt.Errorf("read %d bytes at %d: outside the %d-byte file", n, off, r.size)
	}
	b := make([]byte, n)
	got, err := r.r.ReadAt(b, int64(off))
	if got == len(b) {
		return b, nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return nil, fmt.Errorf("read %d bytes at %d: %w", n, off, err)
}

// leafKey names a leaf by where it is, since that is all a pointer says.
type leafKey struct {
	offset uint64
	length uint32
}

// leafCache keeps recently used decoded leaves, because neighbouring tile
// lookups, the common pattern, hit the same leaf.
type leafCache struct {
	max   int
	order *list.List // front is most recent; values are *leafCacheItem
	items map[leafKey]*list.Element
}

type leafCacheItem struct {
	key     leafKey
	entries []Entry
}

func newLeafCache(max int) leafCache {
	return leafCache{max: max, order: list.New(), items: make(map[leafKey]*list.Element)}
}

func (c *leafCache) get(k leafKey) ([]Entry, bool) {
	el, ok := c.items[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*leafCacheItem).entries, true
}

func (c *leafCache) put(k leafKey, entries []Entry) {
	if el, ok := c.items[k]; ok {
		c.order.MoveToFront(el)
		return
	}
	c.items[k] = c.order.PushFront(&leafCacheItem{k, entries})
	if c.order.Len() > c.max {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.items, old.Value.(*leafCacheItem).key)
	}
}

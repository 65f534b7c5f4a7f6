package pmtiles

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Entry is one directory entry. In a tile entry (RunLength > 0) Offset is
// relative to the start of the tile data section and the body serves tile ids
// TileID .. TileID+RunLength-1. In a leaf entry (RunLength == 0) Offset is
// relative to the start of the leaf directory section and TileID is the first
// tile id in that leaf.
type Entry struct {
	TileID    uint64
	Offset    uint64
	Length    uint32
	RunLength uint32
}

// firstLeafSize is where the search for a leaf size starts when the entries
// do not fit in the root: large enough that leaves are few, small enough that
// a viewer's leaf fetch stays small.
const firstLeafSize = 4096

// appendDirectory serialises entries as the specification lays directories
// out: the entry count, then column by column (tile id deltas, run lengths,
// lengths, offsets), every number a varint. Columns put similar numbers next
// to each other, and an offset of 0 means "straight after the previous entry",
// so a clustered directory is mostly small repeated bytes that gzip well.
func appendDirectory(dst []byte, entries []Entry) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(entries)))
	var last uint64
	for _, e := range entries {
		dst = binary.AppendUvarint(dst, e.TileID-last)
		last = e.TileID
	}
	for _, e := range entries {
		dst = binary.AppendUvarint(dst, uint64(e.RunLength))
	}
	for _, e := range entries {
		dst = binary.AppendUvarint(dst, uint64(e.Length))
	}
	for i, e := range entries {
		if i > 0 && e.Offset == entries[i-1].Offset+uint64(entries[i-1].Length) {
			dst = binary.AppendUvarint(dst, 0)
		} else {
			dst = binary.AppendUvarint(dst, e.Offset+1)
		}
	}
	return dst
}

// minEntryBytes is the least an entry can take serialised: one byte in each of
// the four columns. It bounds the entry count a buffer can claim, so a hostile
// count cannot make parseDirectory allocate more than the buffer justifies.
const minEntryBytes = 4

// parseDirectory decodes a serialised (already decompressed) directory and
// checks what the specification requires of one: at least one entry, tile ids
// strictly increasing and within the id space, tile runs not overlapping the
// next entry, non-zero lengths and no trailing bytes.
func parseDirectory(b []byte) ([]Entry, error) {
	d := varintReader{b: b}
	n := d.next()
	if d.err != nil {
		return nil, fmt.Errorf("entry count: %w", d.err)
	}
	if n == 0 {
		return nil, errors.New("directory has no entries")
	}
	if n > uint64(len(b)-d.pos)/minEntryBytes {
		return nil, fmt.Errorf("directory claims %d entries in %d bytes", n, len(b))
	}
	entries := make([]Entry, n)
	var id uint64
	for i := range entries {
		delta := d.next()
		if i > 0 && delta == 0 {
			d.fail(fmt.Errorf("entry %d: tile id does not increase", i))
		}
		if delta >= idLimit-id {
			d.fail(fmt.Errorf("entry %d: tile id out of range", i))
		}
		id += delta
		entries[i].TileID = id
	}
	for i := range entries {
		entries[i].RunLength = d.next32("run length", i)
	}
	for i := range entries {
		entries[i].Length = d.next32("length", i)
		if d.err == nil && entries[i].Length == 0 {
			d.fail(fmt.Errorf("entry %d: length is zero", i))
		}
	}
	for i := range entries {
		v := d.next()
		switch {
		case v != 0:
			entries[i].Offset = v - 1
		case i == 0:
			d.fail(errors.New("entry 0: offset 0 refers to a previous entry"))
		default:
			prev := entries[i-1]
			if prev.Offset > math.MaxUint64-uint64(prev.Length) {
				d.fail(fmt.Errorf("entry %d: offset overflows", i))
			}
			entries[i].Offset = prev.Offset + uint64(prev.Length)
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if d.pos != len(b) {
		return nil, fmt.Errorf("%d trailing bytes after %d entries", len(b)-d.pos, n)
	}
	for i, e := range entries {
		// A run ends before the next entry starts and inside the id space.
		end := e.TileID + uint64(e.RunLength)
		if end > idLimit {
			return nil, fmt.Errorf("entry %d: run of %d from tile id %d leaves the id space", i, e.RunLength, e.TileID)
		}
		if i+1 < len(entries) && end > entries[i+1].TileID {
			return nil, fmt.Errorf("entry %d: run of %d from tile id %d overlaps the next entry", i, e.RunLength, e.TileID)
		}
	}
	return entries, nil
}

// varintReader decodes a sequence of varints, remembering the first error so
// the column loops stay readable.
type varintReader struct {
	b   []byte
	pos int
	err error
}

func (r *varintReader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *varintReader) next() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.pos:])
	switch {
	case n == 0:
		r.fail(errors.New("directory truncated"))
		return 0
	case n < 0:
		r.fail(fmt.Errorf("varint at byte %d overflows 64 bits", r.pos))
		return 0
	}
	r.pos += n
	return v
}

func (r *varintReader) next32(what string, i int) uint32 {
	v := r.next()
	if v > math.MaxUint32 {
		r.fail(fmt.Errorf("entry %d: %s %d exceeds 32 bits", i, what, v))
		return 0
	}
	return uint32(v)
}

// directories is the serialised, compressed directory tree of an archive.
type directories struct {
	root     []byte
	leaves   []byte
	nLeaves  int
	leafSize int // entries per leaf; 0 when everything fits in the root
}

// buildDirectories lays entries out as a root directory, and leaf directories
// when the root alone would not fit in the first RootLimit bytes with the
// header. Leaf sizes are tried from firstLeafSize upwards, growing by a fifth,
// until the root of leaf pointers fits; a single leaf always fits, so the
// search ends. One level of leaves suffices: even at 4096 entries a leaf, a
// root of a few thousand leaf pointers addresses tens of millions of entries,
// and the search grows leaves beyond that.
func buildDirectories(entries []Entry, z *compressor, c Compression) (directories, error) {
	raw := appendDirectory(nil, entries)
	root, err := z.compress(raw, c)
	if err != nil {
		return directories{}, fmt.Errorf("compress root directory: %w", err)
	}
	if fitsRoot(root) {
		return directories{root: clone(root)}, nil
	}
	for size := firstLeafSize; ; size += size / 5 {
		d, err := buildLeaves(entries, size, z, c)
		if err != nil {
			return directories{}, err
		}
		if fitsRoot(d.root) || size >= len(entries) {
			if !fitsRoot(d.root) {
				// Unreachable: one leaf pointer is a few bytes.
				return directories{}, fmt.Errorf("root directory of %d bytes does not fit", len(d.root))
			}
			return d, nil
		}
	}
}

// fitsRoot reports whether a compressed root, with the header, ends before
// byte RootLimit. The specification says "less than 16,384 bytes" in one place
// and "under" in another; strictly less satisfies both readings.
func fitsRoot(root []byte) bool { return HeaderLen+len(root) < RootLimit }

func buildLeaves(entries []Entry, size int, z *compressor, c Compression) (directories, error) {
	d := directories{leafSize: size}
	var rootEntries []Entry
	var raw []byte
	for start := 0; start < len(entries); start += size {
		leaf := entries[start:min(start+size, len(entries))]
		raw = appendDirectory(raw[:0], leaf)
		b, err := z.compress(raw, c)
		if err != nil {
			return directories{}, fmt.Errorf("compress leaf directory: %w", err)
		}
		if uint64(len(b)) > math.MaxUint32 {
			return directories{}, fmt.Errorf("leaf directory of %d bytes exceeds 32 bits", len(b))
		}
		rootEntries = append(rootEntries, Entry{
			TileID: leaf[0].TileID,
			Offset: uint64(len(d.leaves)),
			Length: uint32(len(b)),
		})
		d.leaves = append(d.leaves, b...)
		d.nLeaves++
	}
	b, err := z.compress(appendDirectory(nil, rootEntries), c)
	if err != nil {
		return directories{}, fmt.Errorf("compress root directory: %w", err)
	}
	d.root = clone(b)
	return d, nil
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

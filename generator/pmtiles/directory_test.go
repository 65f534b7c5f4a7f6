package pmtiles

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestAppendDirectoryBytes(t *testing.T) {
	entries := []Entry{
		{TileID: 0, Offset: 0, Length: 10, RunLength: 1},
		{TileID: 1, Offset: 10, Length: 5, RunLength: 2},     // contiguous: offset written as 0
		{TileID: 5, Offset: 0, Length: 10, RunLength: 1},     // de-duplicated back to the first body
		{TileID: 300, Offset: 15, Length: 200, RunLength: 1}, // not contiguous with the entry before
	}
	want := []byte{
		4,                   // entries
		0, 1, 4, 0xa7, 0x02, // tile id deltas; 295 as a two-byte varint
		1, 2, 1, 1, // run lengths
		10, 5, 10, 0xc8, 0x01, // lengths
		1, 0, 1, 16, // offsets: +1, or 0 for "right after the previous"
	}
	got := appendDirectory(nil, entries)
	if !bytes.Equal(got, want) {
		t.Fatalf("appendDirectory = % x\nwant               % x", got, want)
	}
	back, err := parseDirectory(got)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, entries) {
		t.Errorf("parseDirectory = %+v, want %+v", back, entries)
	}
}

func TestParseDirectoryRejects(t *testing.T) {
	tests := []struct {
		name string
		b    []byte
	}{
		{"empty buffer", nil},
		{"no entries", []byte{0}},
		{"count beyond buffer", []byte{100, 0, 1, 1, 1}},
		{"truncated", []byte{2, 0, 1, 1, 1, 5, 5, 1}},
		{"tile id repeats", []byte{2, 0, 0, 1, 1, 5, 5, 1, 0}},
		{"zero length", []byte{1, 0, 1, 0, 1}},
		{"first offset zero", []byte{1, 0, 1, 5, 0}},
		{"trailing bytes", []byte{1, 0, 1, 5, 1, 9}},
		{"run overlaps next", []byte{2, 0, 1, 3, 1, 5, 5, 1, 0}},
		{"run length over 32 bits", append([]byte{1, 0}, append(binary.AppendUvarint(nil, 1<<32), 5, 1)...)},
		{"varint overflow", []byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, 5, 1}},
		{"tile id beyond max zoom", append(append([]byte{1}, binary.AppendUvarint(nil, idLimit)...), 1, 5, 1)},
		{"run beyond max zoom", append(append([]byte{1}, binary.AppendUvarint(nil, idLimit-1)...), 2, 5, 1)},
	}
	for _, tt := range tests {
		if e, err := parseDirectory(tt.b); err == nil {
			t.Errorf("%s: parseDirectory(% x) = %+v, want an error", tt.name, tt.b, e)
		}
	}
}

func TestBuildDirectoriesRootOnly(t *testing.T) {
	entries := consecutiveEntries(1000, 5)
	d, err := buildDirectories(entries, newCompressor(gzip.BestCompression), Gzip)
	if err != nil {
		t.Fatal(err)
	}
	if d.nLeaves != 0 || len(d.leaves) != 0 {
		t.Fatalf("%d entries went to %d leaves, want all in the root", len(entries), d.nLeaves)
	}
	raw, err := decompress(d.root, Gzip, maxDirBytes)
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseDirectory(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, entries) {
		t.Error("root directory does not hold the entries")
	}
}

func TestBuildDirectoriesLeaves(t *testing.T) {
	// Irregular ids and lengths so gzip cannot squeeze 200,000 entries into
	// the root.
	rng := rand.New(rand.NewPCG(1, 2))
	entries := make([]Entry, 200000)
	var id, off uint64
	for i := range entries {
		l := uint32(100 + rng.IntN(3000))
		entries[i] = Entry{TileID: id, Offset: off, Length: l, RunLength: 1 + uint32(rng.IntN(2))}
		id += uint64(entries[i].RunLength) + uint64(rng.IntN(3))
		off += uint64(l)
	}
	d, err := buildDirectories(entries, newCompressor(gzip.BestCompression), Gzip)
	if err != nil {
		t.Fatal(err)
	}
	if d.nLeaves == 0 {
		t.Fatal("no leaf directories")
	}
	if !fitsRoot(d.root) {
		t.Fatalf("root of %d bytes does not fit", len(d.root))
	}
	raw, err := decompress(d.root, Gzip, maxDirBytes)
	if err != nil {
		t.Fatal(err)
	}
	root, err := parseDirectory(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(root) != d.nLeaves {
		t.Fatalf("root has %d entries for %d leaves", len(root), d.nLeaves)
	}
	var all []Entry
	for i, p := range root {
		if p.RunLength != 0 {
			t.Fatalf("root entry %d has run length %d, want a leaf pointer", i, p.RunLength)
		}
		raw, err := decompress(d.leaves[p.Offset:p.Offset+uint64(p.Length)], Gzip, maxDirBytes)
		if err != nil {
			t.Fatal(err)
		}
		leaf, err := parseDirectory(raw)
		if err != nil {
			t.Fatal(err)
		}
		if leaf[0].TileID != p.TileID {
			t.Fatalf("leaf %d starts at %d, pointer says %d", i, leaf[0].TileID, p.TileID)
		}
		if len(leaf) > d.leafSize {
			t.Fatalf("leaf %d has %d entries, leaf size is %d", i, len(leaf), d.leafSize)
		}
		all = append(all, leaf...)
	}
	if !reflect.DeepEqual(all, entries) {
		t.Error("leaves do not hold the entries")
	}
}

// consecutiveEntries returns n single-tile entries with contiguous bodies.
func consecutiveEntries(n int, length uint32) []Entry {
	e := make([]Entry, n)
	for i := range e {
		e[i] = Entry{TileID: uint64(i), Offset: uint64(i) * uint64(length), Length: length, RunLength: 1}
	}
	return e
}

package pmtiles

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

// FuzzOpen feeds arbitrary bytes to the reader as a whole archive. It must
// return errors, never panic or run away with memory.
func FuzzOpen(f *testing.F) {
	for _, comp := range []Compression{Gzip, None} {
		b, _ := writeArchive(f, Options{MaxZoom: 3, TileCompression: comp, TempDir: f.TempDir()}, sampleTiles(9, 3)[:30], []byte(`{"name":"x"}`))
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	f.Add([]byte("PMTiles\x03"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Open(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		exercise(t, r)
	})
}

// FuzzRead builds archives around fuzzed, uncompressed directories and tile
// data, so the fuzzer reaches directory parsing, leaf traversal and lookups
// without first having to forge gzip checksums.
func FuzzRead(f *testing.F) {
	entries := []Entry{
		{TileID: 0, Offset: 0, Length: 3, RunLength: 1},
		{TileID: 1, Offset: 3, Length: 2, RunLength: 3},
		{TileID: 4, Offset: 0, Length: 3, RunLength: 1},
		{TileID: 9, Offset: 5, Length: 1, RunLength: 2},
		{TileID: 30, Offset: 6, Length: 4, RunLength: 1},
	}
	data := []byte("aaabbcdddd")
	f.Add(appendDirectory(nil, entries), []byte{}, data, false)
	d, err := buildLeaves(entries, 2, newCompressor(0), None)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(d.root, d.leaves, data, false)
	gz := newCompressor(1)
	body, err := gz.compress([]byte("tile"), Gzip)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(appendDirectory(nil, []Entry{{TileID: 5, Length: uint32(len(body)), RunLength: 2}}), []byte{}, body, true)

	f.Fuzz(func(t *testing.T, root, leaves, data []byte, gzipTiles bool) {
		h := Header{SpecVersion: 3, InternalCompression: None, TileCompression: None, TileType: MVT, MaxZoom: MaxZoom}
		if gzipTiles {
			h.TileCompression = Gzip
		}
		h.RootOffset = HeaderLen
		h.RootLength = uint64(len(root))
		h.MetadataOffset = h.RootOffset + h.RootLength
		h.LeafOffset = h.MetadataOffset
		h.LeafLength = uint64(len(leaves))
		h.DataOffset = h.LeafOffset + h.LeafLength
		h.DataLength = uint64(len(data))
		archive := append(append(append(h.encode(), root...), leaves...), data...)
		r, err := Open(bytes.NewReader(archive), int64(len(archive)))
		if err != nil {
			return
		}
		exercise(t, r)
	})
}

// FuzzDirectory checks that whatever parseDirectory accepts survives a
// round trip through appendDirectory.
func FuzzDirectory(f *testing.F) {
	f.Add(appendDirectory(nil, consecutiveEntries(5, 3)))
	f.Add([]byte{4, 0, 1, 4, 0xa7, 0x02, 1, 2, 1, 1, 10, 5, 10, 0xc8, 0x01, 1, 0, 1, 16})
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, err := parseDirectory(b)
		if err != nil {
			return
		}
		again, err := parseDirectory(appendDirectory(nil, entries))
		if err != nil {
			t.Fatalf("re-serialised directory rejected: %v", err)
		}
		if !reflect.DeepEqual(again, entries) {
			t.Fatalf("round trip changed the entries: %+v -> %+v", entries, again)
		}
	})
}

var errEnough = errors.New("enough")

// exercise calls every read method of an opened archive, within a budget,
// and checks that single lookups agree with the walk.
func exercise(t *testing.T, r *Reader) {
	_ = r.Header()
	_, _ = r.Metadata()
	type seen struct {
		z    uint8
		x, y uint32
		data []byte
	}
	var walked []seen
	err := r.Walk(func(z uint8, x, y uint32, data []byte) error {
		walked = append(walked, seen{z, x, y, data})
		if len(walked) >= 1000 {
			return errEnough
		}
		return nil
	})
	for _, s := range walked {
		data, ok, terr := r.Tile(s.z, s.x, s.y)
		if terr != nil || !ok || !bytes.Equal(data, s.data) {
			t.Fatalf("walk gave %d/%d/%d (%d bytes), Tile gives %d bytes, %v, %v (walk error %v)", s.z, s.x, s.y, len(s.data), len(data), ok, terr, err)
		}
	}
	for _, id := range []uint64{0, 1, 2, 5, 9, 30, 1000, idLimit - 1} {
		z, x, y := IDToZxy(id)
		_, _, _ = r.Tile(z, x, y)
	}
	for _, e := range r.root {
		z, x, y := IDToZxy(e.TileID)
		_, _, _ = r.Tile(z, x, y)
	}
}

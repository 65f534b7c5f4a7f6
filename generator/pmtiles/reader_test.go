package pmtiles

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

// rawArchive assembles an archive with uncompressed directories, so tests can
// write directories by hand.
func rawArchive(h Header, root, meta, leaves, data []byte) []byte {
	h.SpecVersion = 3
	h.InternalCompression = None
	if h.TileCompression == UnknownCompression {
		h.TileCompression = None
	}
	h.TileType = MVT
	h.RootOffset, h.RootLength = HeaderLen, uint64(len(root))
	h.MetadataOffset, h.MetadataLength = h.RootOffset+h.RootLength, uint64(len(meta))
	h.LeafOffset, h.LeafLength = h.MetadataOffset+h.MetadataLength, uint64(len(leaves))
	h.DataOffset, h.DataLength = h.LeafOffset+h.LeafLength, uint64(len(data))
	var b []byte
	for _, part := range [][]byte{h.encode(), root, meta, leaves, data} {
		b = append(b, part...)
	}
	return b
}

func TestOpenRejects(t *testing.T) {
	good, _ := writeArchive(t, Options{MaxZoom: 3}, sampleTiles(4, 3), nil)
	dir := appendDirectory(nil, []Entry{{TileID: 0, Length: 1, RunLength: 1}})
	leafPointer := appendDirectory(nil, []Entry{{TileID: 0, Length: uint32(len(dir))}})
	tests := []struct {
		name, want string
		b          []byte
	}{
		{"empty", "shorter than a header", nil},
		{"truncated header", "shorter than a header", good[:100]},
		{"not pmtiles", "not a pmtiles archive", bytes.Repeat([]byte("x"), 200)},
		{"truncated data", "outside the", good[:len(good)-1]},
		{"brotli", "unsupported internal compression", func() []byte {
			b := bytes.Clone(good)
			b[97] = byte(Brotli)
			return b
		}()},
		{"zooms reversed", "zoom range", func() []byte {
			b := bytes.Clone(good)
			b[100], b[101] = 3, 1
			return b
		}()},
		{"root past 16 KiB", "past the first 16384", rawArchive(Header{},
			append(dir, make([]byte, RootLimit)...), nil, nil, []byte("x"))},
		{"corrupt root", "gunzip", func() []byte {
			b := bytes.Clone(good)
			b[HeaderLen+12] ^= 0xff
			return b
		}()},
		{"empty root", "root directory is empty", rawArchive(Header{}, nil, nil, nil, []byte("x"))},
		{"no entries", "no entries", rawArchive(Header{}, []byte{0}, nil, nil, []byte("x"))},
		{"ok raw archive", "", rawArchive(Header{}, dir, nil, nil, []byte("x"))},
		{"ok leaf", "", rawArchive(Header{}, leafPointer, nil, dir, []byte("x"))},
	}
	for _, tt := range tests {
		_, err := Open(bytes.NewReader(tt.b), int64(len(tt.b)))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestReadRejectsBadTrees(t *testing.T) {
	leaf := func(entries ...Entry) []byte { return appendDirectory(nil, entries) }
	tile := func(id uint64, off uint64, run uint32) Entry {
		return Entry{TileID: id, Offset: off, Length: 1, RunLength: run}
	}
	leaf1 := leaf(tile(10, 0, 1), tile(11, 1, 1))
	tests := []struct {
		name, want   string
		root, leaves []byte
		data         string
	}{
		{"tile outside data", "outside the 2-byte tile data", leaf(tile(0, 0, 1), tile(1, 2, 1)), nil, "ab"},
		{"leaf outside section", "outside the", leaf(Entry{TileID: 10, Length: 100}), leaf1, "ab"},
		{"leaf starts elsewhere", "starts at tile id 10, its pointer says 9", leaf(Entry{TileID: 9, Length: uint32(len(leaf1))}), leaf1, "ab"},
		{"leaf overlaps next pointer", "out of order", leaf(Entry{TileID: 10, Length: uint32(len(leaf1))}, tile(11, 0, 1)), leaf1, "ab"},
		{"leaf points to itself", "nested deeper", leaf(Entry{TileID: 10, Length: uint32(len(leaf(Entry{TileID: 10, Length: 1})))}),
			leaf(Entry{TileID: 10, Length: uint32(len(leaf(Entry{TileID: 10, Length: 1})))}), "ab"},
	}
	for _, tt := range tests {
		b := rawArchive(Header{MaxZoom: 5}, tt.root, nil, tt.leaves, []byte(tt.data))
		r, err := Open(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Errorf("%s: Open: %v", tt.name, err)
			continue
		}
		err = r.Walk(func(uint8, uint32, uint32, []byte) error { return nil })
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Walk = %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestReaderConcurrent(t *testing.T) {
	tiles := sampleTiles(6, 6)
	b, _ := writeArchive(t, Options{MaxZoom: 6}, tiles, nil)
	r := openArchive(t, b)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < len(tiles); i += 4 {
				tl := tiles[i]
				data, ok, err := r.Tile(tl.z, tl.x, tl.y)
				if err != nil || !ok || !bytes.Equal(data, tl.data) {
					t.Errorf("Tile(%d, %d, %d): %v, %v", tl.z, tl.x, tl.y, ok, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestLeafCacheEvicts(t *testing.T) {
	c := newLeafCache(2)
	for i := range 3 {
		c.put(leafKey{offset: uint64(i)}, []Entry{{TileID: uint64(i)}})
	}
	if _, ok := c.get(leafKey{offset: 0}); ok {
		t.Error("oldest leaf still cached")
	}
	for i := 1; i < 3; i++ {
		if e, ok := c.get(leafKey{offset: uint64(i)}); !ok || e[0].TileID != uint64(i) {
			t.Errorf("leaf %d: %v, %v", i, e, ok)
		}
	}
}

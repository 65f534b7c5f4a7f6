package pmtiles

import (
	"encoding/binary"
	"errors"
	"testing"
)

func TestHeaderRoundTrip(t *testing.T) {
	h := Header{
		SpecVersion: 3, RootOffset: 127, RootLength: 2, MetadataOffset: 3, MetadataLength: 4,
		LeafOffset: 5, LeafLength: 6, DataOffset: 7, DataLength: 8,
		AddressedTiles: 9, TileEntries: 10, TileContents: 11,
		Clustered: true, InternalCompression: Gzip, TileCompression: None, TileType: MVT,
		MinZoom: 4, MaxZoom: 14,
		MinLonE7: -81234567, MinLatE7: 499000000, MaxLonE7: 17700000, MaxLatE7: 558000000,
		CenterZoom: 6, CenterLonE7: -1800000000, CenterLatE7: -900000000,
	}
	b := h.encode()
	if len(b) != HeaderLen {
		t.Fatalf("encoded header is %d bytes, want %d", len(b), HeaderLen)
	}
	got, err := decodeHeader(b)
	if err != nil {
		t.Fatal(err)
	}
	if got != h {
		t.Errorf("decodeHeader(encode(h)) = %+v, want %+v", got, h)
	}
	if got.Bounds() != [4]float64{-8.1234567, 49.9, 1.77, 55.8} {
		t.Errorf("Bounds() = %v", got.Bounds())
	}
	if got.Center() != [3]float64{-180, -90, 6} {
		t.Errorf("Center() = %v", got.Center())
	}
}

func TestHeaderLayout(t *testing.T) {
	// Byte positions straight from the specification's table, read without
	// decodeHeader so the two cannot share a mistake.
	h := Header{SpecVersion: 3, RootOffset: 0x0102030405060708, DataLength: 42, TileContents: 7,
		Clustered: true, InternalCompression: Gzip, TileCompression: Gzip, TileType: MVT,
		MinZoom: 3, MaxZoom: 15, MinLonE7: -1, MaxLatE7: 850511287, CenterZoom: 9, CenterLonE7: -12345, CenterLatE7: 515000000}
	b := h.encode()
	if string(b[:7]) != "PMTiles" {
		t.Errorf("magic = %q", b[:7])
	}
	le := binary.LittleEndian
	checks := []struct {
		name      string
		got, want uint64
	}{
		{"version", uint64(b[7]), 3},
		{"root offset", le.Uint64(b[8:]), 0x0102030405060708},
		{"root offset low byte first", uint64(b[8]), 0x08},
		{"data length", le.Uint64(b[64:]), 42},
		{"tile contents", le.Uint64(b[88:]), 7},
		{"clustered", uint64(b[96]), 1},
		{"internal compression", uint64(b[97]), 2},
		{"tile compression", uint64(b[98]), 2},
		{"tile type", uint64(b[99]), 1},
		{"min zoom", uint64(b[100]), 3},
		{"max zoom", uint64(b[101]), 15},
		{"min lon", uint64(le.Uint32(b[102:])), 0xffffffff},
		{"max lat", uint64(le.Uint32(b[114:])), 850511287},
		{"center zoom", uint64(b[118]), 9},
		{"center lon", uint64(le.Uint32(b[119:])), 1<<32 - 12345},
		{"center lat", uint64(le.Uint32(b[123:])), 515000000},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %#x, want %#x", c.name, c.got, c.want)
		}
	}
}

func TestDecodeHeaderRejects(t *testing.T) {
	good := Header{SpecVersion: 3}.encode()
	tests := []struct {
		name   string
		mutate func([]byte) []byte
	}{
		{"short", func(b []byte) []byte { return b[:100] }},
		{"magic", func(b []byte) []byte { b[0] = 'p'; return b }},
		{"version 2", func(b []byte) []byte { b[7] = 2; return b }},
		{"clustered 2", func(b []byte) []byte { b[96] = 2; return b }},
	}
	for _, tt := range tests {
		b := tt.mutate(append([]byte(nil), good...))
		if _, err := decodeHeader(b); err == nil {
			t.Errorf("%s: decodeHeader accepted it", tt.name)
		}
	}
	if _, err := decodeHeader([]byte("not pmtiles at all, just some text that is long enough to be a header if it were one, which it is not, so.....")); !errors.Is(err, errNotPMTiles) {
		t.Errorf("text: err = %v, want errNotPMTiles", err)
	}
}

func TestToE7Rounds(t *testing.T) {
	for _, c := range []struct {
		deg  float64
		want int32
	}{{51.5, 515000000}, {-0.1275, -1275000}, {180, 1800000000}, {-85.0511287798066, -850511288}, {0.00000005, 1}} {
		if got := toE7(c.deg); got != c.want {
			t.Errorf("toE7(%v) = %d, want %d", c.deg, got, c.want)
		}
	}
}

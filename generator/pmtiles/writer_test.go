package pmtiles

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

type testTile struct {
	z    uint8
	x, y uint32
	data []byte
}

func (t testTile) id() uint64 { return ZxyToID(t.z, t.x, t.y) }

// sampleTiles returns tiles of z0..maxZoom in tile id order with the shapes
// that matter to the writer: gaps, a body shared by scattered tiles, runs of
// one body on consecutive ids, and unique bodies, some incompressible.
func sampleTiles(seed uint64, maxZoom uint8) []testTile {
	rng := rand.New(rand.NewPCG(seed, 7))
	sea := bytes.Repeat([]byte("sea "), 50)
	var tiles []testTile
	for id := uint64(0); id < zoomStart(maxZoom+1); id++ {
		if rng.IntN(5) == 0 {
			continue
		}
		var data []byte
		switch r := rng.IntN(10); {
		case r < 3:
			data = sea
		case r < 5 && len(tiles) > 0:
			data = tiles[len(tiles)-1].data
		case r < 7:
			data = make([]byte, 1+rng.IntN(3000))
			for i := range data {
				data[i] = byte(rng.Uint32())
			}
		default:
			data = []byte(strings.Repeat(fmt.Sprintf("tile %d ", id), 1+rng.IntN(40)))
		}
		z, x, y := IDToZxy(id)
		tiles = append(tiles, testTile{z, x, y, data})
	}
	return tiles
}

func writeArchive(t testing.TB, opt Options, tiles []testTile, meta []byte) ([]byte, Stats) {
	t.Helper()
	var out bytes.Buffer
	w, err := NewWriter(&out, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, tl := range tiles {
		if err := w.Add(tl.z, tl.x, tl.y, tl.data); err != nil {
			t.Fatal(err)
		}
	}
	st, err := w.Finish(meta)
	if err != nil {
		t.Fatal(err)
	}
	if st.Bytes != int64(out.Len()) {
		t.Fatalf("Stats.Bytes = %d, wrote %d", st.Bytes, out.Len())
	}
	return out.Bytes(), st
}

func openArchive(t testing.TB, b []byte) *Reader {
	t.Helper()
	r, err := Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// expectedCounts counts addressed tiles, run-length entries and distinct
// bodies without the writer's help.
func expectedCounts(tiles []testTile) (addressed, entries, contents uint64) {
	distinct := map[string]bool{}
	for i, tl := range tiles {
		if i == 0 || tl.id() != tiles[i-1].id()+1 || !bytes.Equal(tl.data, tiles[i-1].data) {
			entries++
		}
		distinct[string(tl.data)] = true
	}
	return uint64(len(tiles)), entries, uint64(len(distinct))
}

func TestRoundTrip(t *testing.T) {
	for _, comp := range []Compression{Gzip, None} {
		t.Run(comp.String(), func(t *testing.T) {
			tiles := sampleTiles(1, 6)
			meta := []byte(`{"name":"test","vector_layers":[{"id":"crimes","fields":{"n":"Number"}}]}`)
			b, st := writeArchive(t, Options{MaxZoom: 6, TileCompression: comp, TempDir: t.TempDir()}, tiles, meta)
			r := openArchive(t, b)

			addressed, entries, contents := expectedCounts(tiles)
			if entries >= addressed || contents >= entries {
				t.Fatalf("sample has %d tiles, %d runs, %d bodies: it should exercise runs and de-duplication", addressed, entries, contents)
			}
			h := r.Header()
			for _, c := range []struct {
				name           string
				stat, hdr, exp uint64
			}{
				{"addressed tiles", st.AddressedTiles, h.AddressedTiles, addressed},
				{"tile entries", st.TileEntries, h.TileEntries, entries},
				{"tile contents", st.TileContents, h.TileContents, contents},
			} {
				if c.stat != c.exp || c.hdr != c.exp {
					t.Errorf("%s: stats %d, header %d, want %d", c.name, c.stat, c.hdr, c.exp)
				}
			}
			if h.TileCompression != comp || h.InternalCompression != Gzip || h.TileType != MVT || !h.Clustered {
				t.Errorf("header %+v: want tile compression %s, internal gzip, MVT, clustered", h, comp)
			}

			got, err := r.Metadata()
			if err != nil || !bytes.Equal(got, meta) {
				t.Errorf("Metadata() = %s, %v; want %s", got, err, meta)
			}

			// Every tile of every zoom: present ones read back, absent ones
			// are reported absent.
			byID := map[uint64][]byte{}
			for _, tl := range tiles {
				byID[tl.id()] = tl.data
			}
			for id := uint64(0); id < zoomStart(8); id++ {
				z, x, y := IDToZxy(id)
				data, ok, err := r.Tile(z, x, y)
				if err != nil {
					t.Fatalf("Tile(%d, %d, %d): %v", z, x, y, err)
				}
				want, present := byID[id]
				if ok != present || !bytes.Equal(data, want) {
					t.Fatalf("Tile(%d, %d, %d) = %d bytes, %v; want %d bytes, %v", z, x, y, len(data), ok, len(want), present)
				}
			}

			// Walk yields exactly the tiles, in order.
			i := 0
			err = r.Walk(func(z uint8, x, y uint32, data []byte) error {
				if i >= len(tiles) {
					return fmt.Errorf("walk yields more than %d tiles", len(tiles))
				}
				tl := tiles[i]
				if z != tl.z || x != tl.x || y != tl.y || !bytes.Equal(data, tl.data) {
					return fmt.Errorf("walk tile %d is %d/%d/%d, want %d/%d/%d", i, z, x, y, tl.z, tl.x, tl.y)
				}
				i++
				return nil
			})
			if err != nil || i != len(tiles) {
				t.Fatalf("Walk: %v after %d of %d tiles", err, i, len(tiles))
			}

			checkClustered(t, r)
		})
	}
}

// checkClustered checks the clustered promise: each entry's body either
// follows everything stored so far or repeats an earlier one.
func checkClustered(t *testing.T, r *Reader) {
	t.Helper()
	var end uint64
	offsets := map[uint64]bool{}
	err := r.Entries(func(e Entry) error {
		switch {
		case e.Offset == end:
			end += uint64(e.Length)
		case e.Offset < end && offsets[e.Offset]:
		default:
			return fmt.Errorf("tile id %d at offset %d: data section end so far is %d", e.TileID, e.Offset, end)
		}
		offsets[e.Offset] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if h := r.Header(); end != h.DataLength || uint64(len(offsets)) != h.TileContents {
		t.Errorf("entries cover %d bytes in %d bodies; header says %d bytes, %d bodies", end, len(offsets), h.DataLength, h.TileContents)
	}
}

func TestLeafDirectories(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100,000 tiles")
	}
	// 100,000 distinct z14 tiles of irregular lengths cannot fit in a 16 KiB
	// root. (Equal lengths on consecutive ids would: gzip squeezes such a
	// directory into a few hundred bytes.) Gaps in the second half make the
	// id deltas work too.
	const n = 100000
	start := ZxyToID(14, 0, 0) + 1000
	rng := rand.New(rand.NewPCG(3, 4))
	tiles := make([]testTile, n)
	for i := range tiles {
		id := start + uint64(i)
		if i >= n/2 {
			id += uint64(i)
		}
		z, x, y := IDToZxy(id)
		data := binary.AppendUvarint([]byte("tile "), id)
		data = append(data, bytes.Repeat([]byte{'.'}, rng.IntN(300))...)
		tiles[i] = testTile{z, x, y, data}
	}
	b, st := writeArchive(t, Options{MinZoom: 14, MaxZoom: 14}, tiles, nil)
	if st.Leaves == 0 || st.LeafBytes == 0 {
		t.Fatalf("stats %+v: want leaf directories", st)
	}
	r := openArchive(t, b)
	h := r.Header()
	if h.RootOffset != HeaderLen || h.RootOffset+h.RootLength >= RootLimit {
		t.Fatalf("root directory at %d+%d, want it within the first %d bytes", h.RootOffset, h.RootLength, RootLimit)
	}
	if h.TileEntries != n || h.AddressedTiles != n || h.TileContents != n {
		t.Errorf("header counts %d/%d/%d, want %d each", h.AddressedTiles, h.TileEntries, h.TileContents, n)
	}
	for _, tl := range tiles {
		data, ok, err := r.Tile(tl.z, tl.x, tl.y)
		if err != nil || !ok || !bytes.Equal(data, tl.data) {
			t.Fatalf("Tile(%d, %d, %d) = %q, %v, %v; want %q", tl.z, tl.x, tl.y, data, ok, err, tl.data)
		}
	}
	// Ids in the gaps and around the ends are absent.
	for _, id := range []uint64{start - 1, start + n/2 + 1, start + 2*n} {
		z, x, y := IDToZxy(id)
		if _, ok, err := r.Tile(z, x, y); ok || err != nil {
			t.Errorf("Tile(%d, %d, %d) = %v, %v; want absent", z, x, y, ok, err)
		}
	}
	count := 0
	if err := r.Walk(func(uint8, uint32, uint32, []byte) error { count++; return nil }); err != nil || count != n {
		t.Fatalf("Walk: %v after %d of %d tiles", err, count, n)
	}
	checkClustered(t, r)
}

func TestDeterministic(t *testing.T) {
	tiles := sampleTiles(2, 5)
	meta := []byte(`{"a":1}`)
	opt := Options{MaxZoom: 5, Bounds: [4]float64{-8.6, 49.8, 1.8, 60.9}, Center: [3]float64{-1.5, 52.5, 5}}
	opt.TempDir = t.TempDir()
	a, _ := writeArchive(t, opt, tiles, meta)
	opt.TempDir = t.TempDir()
	b, _ := writeArchive(t, opt, tiles, meta)
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same tiles differ")
	}
}

func TestHeaderFromOptions(t *testing.T) {
	tiles := []testTile{{3, 3, 2, []byte("a")}, {5, 15, 10, []byte("b")}}
	b, st := writeArchive(t, Options{
		MinZoom: 3, MaxZoom: 5,
		Bounds: [4]float64{-8.6500001, 49.8, 1.7700001, 60.86},
		Center: [3]float64{-1.4641, 52.5619, 6.4},
	}, tiles, []byte(`{}`))
	h := openArchive(t, b).Header()
	want := Header{
		SpecVersion:    3,
		RootOffset:     HeaderLen,
		RootLength:     uint64(st.RootBytes),
		MetadataOffset: HeaderLen + uint64(st.RootBytes),
		MetadataLength: uint64(st.MetadataBytes),
		LeafOffset:     HeaderLen + uint64(st.RootBytes+st.MetadataBytes),
		LeafLength:     0,
		DataOffset:     HeaderLen + uint64(st.RootBytes+st.MetadataBytes),
		DataLength:     uint64(st.DataBytes),
		AddressedTiles: 2, TileEntries: 2, TileContents: 2,
		Clustered: true, InternalCompression: Gzip, TileCompression: Gzip, TileType: MVT,
		MinZoom: 3, MaxZoom: 5,
		MinLonE7: -86500001, MinLatE7: 498000000, MaxLonE7: 17700001, MaxLatE7: 608600000,
		CenterZoom: 6, CenterLonE7: -14641000, CenterLatE7: 525619000,
	}
	if h != want {
		t.Errorf("header\n got %+v\nwant %+v", h, want)
	}
	if int64(len(b)) != st.Bytes || uint64(len(b)) != h.DataOffset+h.DataLength {
		t.Errorf("archive is %d bytes; stats say %d, header ends data at %d", len(b), st.Bytes, h.DataOffset+h.DataLength)
	}

	// Zero bounds and centre mean the world, centred at the min zoom.
	b, _ = writeArchive(t, Options{MinZoom: 2, MaxZoom: 4}, []testTile{{2, 1, 1, []byte("x")}}, nil)
	h = openArchive(t, b).Header()
	if h.MinLonE7 != -1800000000 || h.MaxLonE7 != 1800000000 || h.MaxLatE7 != 850511288 || h.MinLatE7 != -850511288 ||
		h.CenterLonE7 != 0 || h.CenterLatE7 != 0 || h.CenterZoom != 2 {
		t.Errorf("default bounds and centre: %+v", h)
	}
}

func TestWriterRejects(t *testing.T) {
	for _, opt := range []Options{
		{MinZoom: 5, MaxZoom: 4},
		{MaxZoom: 32},
		{Bounds: [4]float64{10, 0, -10, 1}},
		{Bounds: [4]float64{0, 0, 1, 91}},
		{Center: [3]float64{0, 0, 40}},
		{TileCompression: Brotli},
		{GzipLevel: 10},
		{GzipLevel: -3},
	} {
		if w, err := NewWriter(io.Discard, opt); err == nil {
			w.Close()
			t.Errorf("NewWriter(%+v) accepted the options", opt)
		}
	}

	dir := t.TempDir()
	w, err := NewWriter(io.Discard, Options{MinZoom: 1, MaxZoom: 3, TempDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.Finish(nil); err == nil {
		t.Error("Finish with no tiles succeeded")
	}

	w, err = NewWriter(io.Discard, Options{MinZoom: 1, MaxZoom: 3, TempDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Add(2, 1, 1, []byte("a")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		tl   testTile
	}{
		{"same tile again", testTile{2, 1, 1, []byte("b")}},
		{"earlier id", testTile{2, 0, 0, []byte("b")}},
		{"lower zoom", testTile{1, 1, 1, []byte("b")}},
		{"below min zoom", testTile{0, 0, 0, []byte("b")}},
		{"above max zoom", testTile{4, 0, 0, []byte("b")}},
		{"not a tile", testTile{3, 8, 0, []byte("b")}},
		{"empty", testTile{3, 0, 0, nil}},
	} {
		if err := w.Add(tt.tl.z, tt.tl.x, tt.tl.y, tt.tl.data); err == nil {
			t.Errorf("%s: Add(%d, %d, %d) succeeded", tt.name, tt.tl.z, tt.tl.x, tt.tl.y)
		}
	}
	// Rejected tiles leave the writer usable.
	if err := w.Add(3, 0, 0, []byte("c")); err != nil {
		t.Fatalf("Add after rejected tiles: %v", err)
	}
	for _, meta := range []string{`[]`, `null`, `{"a":`, `"x"`} {
		if _, err := w.finish([]byte(meta)); err == nil {
			t.Errorf("metadata %s accepted", meta)
		}
	}
	if _, err := w.Finish([]byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	if err := w.Add(3, 1, 0, []byte("d")); err == nil {
		t.Error("Add after Finish succeeded")
	}
	if _, err := w.Finish(nil); err == nil {
		t.Error("second Finish succeeded")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriterOutputError(t *testing.T) {
	w, err := NewWriter(failingWriter{}, Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Add(0, 0, 0, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Finish(nil); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Finish = %v, want the output's error", err)
	}
}

func TestWriterRemovesTempFile(t *testing.T) {
	for _, finish := range []bool{true, false} {
		dir := t.TempDir()
		w, err := NewWriter(io.Discard, Options{TempDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Add(0, 0, 0, []byte("x")); err != nil {
			t.Fatal(err)
		}
		if finish {
			if _, err := w.Finish(nil); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("finish=%v: %d files left in the temp dir", finish, len(left))
		}
	}
}

func TestLongRunCapped(t *testing.T) {
	// Runs are 32-bit; a longer stretch of one body starts a new entry rather
	// than wrapping. Exercised through the entry logic with a fake run.
	w, err := NewWriter(io.Discard, Options{MaxZoom: 17, TileCompression: None, TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Add(17, 0, 0, []byte("x")); err != nil {
		t.Fatal(err)
	}
	w.entries[0].RunLength = 1<<32 - 1
	w.lastID = w.entries[0].TileID + 1<<32 - 2
	z, x, y := IDToZxy(w.lastID + 1)
	if err := w.Add(z, x, y, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if len(w.entries) != 2 || w.entries[1].Offset != 0 {
		t.Errorf("entries %+v: want a second entry sharing the body", w.entries)
	}
}

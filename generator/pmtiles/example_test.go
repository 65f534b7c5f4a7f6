package pmtiles_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/crimemap/crimemap/generator/pmtiles"
)

func Example() {
	var archive bytes.Buffer
	w, err := pmtiles.NewWriter(&archive, pmtiles.Options{
		MinZoom: 0, MaxZoom: 1,
		Bounds: [4]float64{-8.65, 49.86, 1.77, 55.81},
		Center: [3]float64{-1.5, 52.6, 1},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()
	// Tiles go in tile id order: 0/0/0, then z1 along the Hilbert curve.
	for _, t := range [][3]uint32{{0, 0, 0}, {1, 0, 0}, {1, 0, 1}, {1, 1, 1}} {
		if err := w.Add(uint8(t[0]), t[1], t[2], []byte("an MVT tile")); err != nil {
			log.Fatal(err)
		}
	}
	st, err := w.Finish([]byte(`{"vector_layers":[]}`))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("addressed", st.AddressedTiles, "entries", st.TileEntries, "contents", st.TileContents)

	r, err := pmtiles.Open(bytes.NewReader(archive.Bytes()), int64(archive.Len()))
	if err != nil {
		log.Fatal(err)
	}
	data, ok, err := r.Tile(1, 0, 1)
	fmt.Printf("%q %v %v\n", data, ok, err)
	_, ok, err = r.Tile(1, 1, 0)
	fmt.Println(ok, err)
	// Output:
	// addressed 4 entries 1 contents 1
	// "an MVT tile" true <nil>
	// false <nil>
}

package pmtiles

import (
	"bytes"
	"fmt"
	"testing"
)

// TestAddCompressed checks that tiles compressed by the caller make the same
// archive, byte for byte, as tiles the writer compresses.
func TestAddCompressed(t *testing.T) {
	write := func(pre bool) []byte {
		var out bytes.Buffer
		w, err := NewWriter(&out, Options{MinZoom: 0, MaxZoom: 3, TempDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		c := NewCompressor(Gzip, 0)
		for id := uint64(0); id < 85; id++ {
			z, x, y := IDToZxy(id)
			data := []byte(fmt.Sprintf("tile %d", id%7)) // repeats, and runs where id%7 agrees
			if pre {
				body, err := c.Compress(data)
				if err != nil {
					t.Fatal(err)
				}
				err = w.AddCompressed(z, x, y, body)
				if err != nil {
					t.Fatal(err)
				}
			} else if err := w.Add(z, x, y, data); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := w.Finish([]byte(`{"name":"x"}`)); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	a, b := write(false), write(true)
	if !bytes.Equal(a, b) {
		t.Fatal("AddCompressed and Add make different archives")
	}
	r, err := Open(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := r.Tile(IDToZxy(10))
	if err != nil || !ok || string(got) != "tile 3" {
		t.Errorf("tile 10: %q %v %v", got, ok, err)
	}
}

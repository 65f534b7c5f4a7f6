package readsize

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestOf(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, []byte("hello, world"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	mf, err := fstest.MapFS{"g": {Data: []byte("abc")}}.Open("g")
	if err != nil {
		t.Fatal(err)
	}
	defer mf.Close()
	for _, c := range []struct {
		name string
		r    io.Reader
		want int64
	}{
		{"file", f, 12},
		{"fs.File", mf, 3},
		{"bytes.Reader", bytes.NewReader([]byte("four")), 4},
		{"strings.Reader", strings.NewReader("seven!!"), 7},
		{"unknown", io.MultiReader(strings.NewReader("x")), 0},
	} {
		if got := Of(c.r); got != c.want {
			t.Errorf("%s: Of = %d, want %d", c.name, got, c.want)
		}
	}
}

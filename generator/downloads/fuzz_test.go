package downloads

import (
	"bytes"
	"crypto/sha256"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzCopyKept checks copyKept against the plainest way to cut lines:
// split at line feeds, drop the excluded lines, join.
func FuzzCopyKept(f *testing.F) {
	f.Add([]byte("h\r\na\r\n\"b\nc\"\r\nd"), 2, 3, 4, 0)
	f.Add([]byte("h\na\nb\n"), 1, 0, 0, 0)
	f.Add([]byte(""), 2, 5, 7, 9)
	f.Fuzz(func(t *testing.T, data []byte, from1, to1, from2, to2 int) {
		if from1 < 1 || from2 < 1 || from1 > 1000 || from2 > 1000 || to1 < 0 || to2 < 0 || to1 > 1000 || to2 > 1000 {
			return
		}
		var ex []Exclusion
		for _, x := range []Exclusion{{From: from1, To: to1}, {From: from2, To: to2}} {
			if x.To != 0 && x.To <= x.From {
				continue
			}
			ex = append(ex, x)
		}
		// The loader's exclusions never overlap.
		if len(ex) == 2 {
			a, b := ex[0], ex[1]
			if a.From > b.From {
				a, b = b, a
			}
			if a.To == 0 || a.To > b.From {
				return
			}
		}
		cut := func(line int) bool {
			for _, x := range ex {
				if line >= x.From && (x.To == 0 || line < x.To) {
					return true
				}
			}
			return false
		}
		var want bytes.Buffer
		for i, l := range strings.SplitAfter(string(data), "\n") {
			if !cut(i + 1) {
				want.WriteString(l)
			}
		}
		var got bytes.Buffer
		fsys := fstest.MapFS{"f.csv": {Data: data}}
		if err := copyKept(&got, fsys, "f.csv", sha256.Sum256(data), ex); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("exclusions %v: got %q, want %q", ex, got.Bytes(), want.Bytes())
		}
	})
}

package buildtest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Update is the -update flag: rewrite golden files from the output. It is
// registered here, once, so every package whose tests import buildtest
// takes it: go test ./generator/x -run TestY -update.
var Update = flag.Bool("update", false, "rewrite golden files under testdata from the output")

// Golden checks got against the golden file (a path under the package's
// testdata). With -update it first writes got there.
func Golden(t testing.TB, got []byte, golden string) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run '%s' -update to write it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the output differs from %s; if the change is intended, run go test -run '%s' -update and review the diff\n%s",
			golden, t.Name(), firstDiff(got, want))
	}
}

// firstDiff shows the first line that differs, with its number.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; ; i++ {
		switch {
		case i >= len(g) && i >= len(w):
			return "(no line differs)"
		case i >= len(g):
			return fmt.Sprintf("line %d: the output ends; the golden file goes on with %q", i+1, excerpt(string(w[i]), 0, 0))
		case i >= len(w):
			return fmt.Sprintf("line %d: the golden file ends; the output goes on with %q", i+1, excerpt(string(g[i]), 0, 0))
		case !bytes.Equal(g[i], w[i]):
			// A minified file is one long line: show it around the
			// first byte that differs.
			j := 0
			for j < len(g[i]) && j < len(w[i]) && g[i][j] == w[i][j] {
				j++
			}
			return fmt.Sprintf("line %d, byte %d:\n got: %q\nwant: %q", i+1, j+1, excerpt(string(g[i]), j, 0), excerpt(string(w[i]), j, 0))
		}
	}
}

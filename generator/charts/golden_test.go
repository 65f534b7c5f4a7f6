package charts

import (
	"flag"
	"html/template"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden pins the exact bytes of one chart of each kind. After an
// intended change, run go test -update and look at the files in a browser
// before committing them.
func TestGolden(t *testing.T) {
	tests := []struct {
		file string
		out  template.HTML
	}{
		{"trend.svg", sampleTrend().SVG()},
		{"bars.svg", sampleBars().SVG()},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			got := []byte(string(tt.out) + "\n")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs from the output; run go test -update if the change is intended\ngot:\n%s", path, got)
			}
		})
	}
}

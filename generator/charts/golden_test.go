package charts

import (
	"html/template"
	"path/filepath"
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
)

// TestGolden pins the exact bytes of one chart of each kind. After an
// intended change, run go test ./generator/charts -run TestGolden -update
// and look at testdata/*.svg in a browser before committing them.
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
			buildtest.Golden(t, []byte(string(tt.out)+"\n"), filepath.Join("testdata", tt.file))
		})
	}
}

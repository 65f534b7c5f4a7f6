package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/sample"
)

// TestBuildChecksSnapPoints makes one published location ineligible in the
// sample's gazetteer (a street with too few addresses): the build must stop,
// naming it, and leave no site.
func TestBuildChecksSnapPoints(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sample")
	if _, err := sample.Generate(data, sample.Options{}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out}); err != nil {
		t.Fatalf("the sample as written: %v", err)
	}
	street, err := os.ReadFile(filepath.Join(data, "2025-12", "2025-12-cumbria-street.csv"))
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Split(strings.Split(string(street), "\n")[1], ",")
	lonlat := f[4] + "," + f[5]
	gpath := filepath.Join(data, "reference", "exact", "gazetteer.csv")
	g, err := os.ReadFile(gpath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(g), "\n")
	changed := false
	for i, l := range lines {
		c := strings.Split(l, ",")
		if len(c) == 6 && c[1]+","+c[2] == lonlat && c[5] == "street" {
			c[4] = "1"
			lines[i] = strings.Join(c, ",")
			changed = true
		}
	}
	if !changed {
		t.Fatalf("no street at %s in the gazetteer", lonlat)
	}
	if err := os.WriteFile(gpath, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	before := read(t, filepath.Join(out, "index.html"))
	_, err = Build(Config{Assets: assetsDir, Data: data, Out: out})
	if !errors.Is(err, ErrData) || !strings.Contains(err.Error(), string(NotASnapPoint)) || !strings.Contains(err.Error(), f[4]) {
		t.Errorf("build with an ineligible published location: %v", err)
	}
	if read(t, filepath.Join(out, "index.html")) != before {
		t.Error("the failed build changed the site")
	}
}

package site

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/basemap"
	"github.com/crimemap/crimemap/generator/vtile"
)

// writeBasemap writes a small basemap in the Protomaps schema: a street
// and a town.
func writeBasemap(t *testing.T, path string) []byte {
	t.Helper()
	var b bytes.Buffer
	fs := []basemap.Feature{
		{Layer: basemap.Earth, Geometry: orb.Polygon{{{-3, 53}, {-1, 53}, {-1, 54}, {-3, 54}, {-3, 53}}}},
		{Layer: basemap.Roads, Geometry: orb.LineString{{-2.2, 53.4}, {-2.1, 53.5}}, MinZoom: 12,
			Props: []vtile.Prop{basemap.Str("kind", "minor_road"), basemap.Str("name", "High Street")}},
		{Layer: basemap.Places, Geometry: orb.Point{-2.15, 53.45}, MinZoom: 6,
			Props: []vtile.Prop{basemap.Str("kind", "locality"), basemap.Str("name", "Testbury")}},
	}
	if _, err := basemap.Write(&b, fs, basemap.Options{MaxZoom: 13, Attribution: "test map data"}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var basemapLink = regexp.MustCompile(`data-basemap="(tiles/basemap-[0-9a-f]{16}\.pmtiles)" data-basemap-attribution="([^"]*)"`)

// TestBasemap checks the street basemap's path through a build: given by
// --basemap or found in the reference data (of a folder or a zip), it is
// published under tiles/ by its content, named on the map page with its
// attribution, linked from the previous site when unchanged, and a file
// that is no vector basemap fails the build with an error naming it and
// leaves the site as it was.
func TestBasemap(t *testing.T) {
	s := newSite(t, "basic.txtar")
	data, out := s.Data, s.Out.Dir
	file := filepath.Join(t.TempDir(), "uk.pmtiles")
	want := writeBasemap(t, file)

	// None at all: the build says so and the map page names none.
	s.Build()
	s.Out.AssertFile("map/index.html", `data-basemap=""`)

	check := func(how string) string {
		t.Helper()
		page := s.Out.Read("map/index.html")
		m := basemapLink.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("%s: the map page names no basemap archive: %s", how, regexp.MustCompile(`data-basemap[^>]*`).FindString(page))
		}
		if got := s.Out.Read(m[1]); got != string(want) {
			t.Errorf("%s: %s is not the basemap given", how, m[1])
		}
		if m[2] != "test map data" {
			t.Errorf("%s: attribution %q", how, m[2])
		}
		return m[1]
	}
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Basemap: file}); err != nil {
		t.Fatal(err)
	}
	rel := check("--basemap")
	before, err := os.Stat(s.Out.Path(rel))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Basemap: file}); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(s.Out.Path(rel))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) {
		t.Errorf("an unchanged basemap was written again, not linked from the previous site")
	}

	// In the reference data, as a folder and inside a zip.
	if err := os.MkdirAll(filepath.Join(data, "reference"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "reference", BasemapName), want, 0o644); err != nil {
		t.Fatal(err)
	}
	s.Build()
	if got := check("reference folder"); got != rel {
		t.Errorf("the same basemap is %s from the reference data and %s from --basemap", got, rel)
	}
	if _, err := Build(Config{Assets: assetsDir, Data: zipFolder(t, data, ""), Out: out}); err != nil {
		t.Fatal(err)
	}
	check("reference in a zip")

	// A file that is not a vector basemap fails the build, naming it.
	prev := siteState(t, out)
	bad := filepath.Join(t.TempDir(), "not-a-map.pmtiles")
	if err := os.WriteFile(bad, []byte("<html>not a tile archive</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Build(Config{Assets: assetsDir, Data: data, Out: out, Basemap: bad})
	if err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "not a PMTiles v3 archive") {
		t.Fatalf("a bad basemap gave %v, want an error naming %s", err, bad)
	}
	if !slices.Equal(siteState(t, out), prev) {
		t.Error("a failed build changed the site")
	}
}

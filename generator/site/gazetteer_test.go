package site

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/crimemap/crimemap/generator/catchment"
	"github.com/crimemap/crimemap/generator/progress"
	"github.com/crimemap/crimemap/generator/sample"
)

// TestGazetteerFromTheCache builds the sample twice with a cache: the
// second build takes the gazetteer's eligible points from the cache and
// makes the same site. A gazetteer with one more point is read again.
func TestGazetteerFromTheCache(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sample")
	if _, err := sample.Generate(data, sample.Options{}); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	out, cache := filepath.Join(parent, "public"), filepath.Join(parent, "cache")
	line := regexp.MustCompile(`gazetteer +(\d+) snap points in \S+, (\d+) of them eligible(, from the cache)?`)
	build := func() []string {
		t.Helper()
		var log bytes.Buffer
		// Rehash, so that a build of the same data runs every stage.
		if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Cache: cache, Rehash: true, Progress: progress.New(&log)}); err != nil {
			t.Fatal(err)
		}
		m := line.FindStringSubmatch(log.String())
		if m == nil {
			t.Fatalf("no gazetteer line:\n%s", log.String())
		}
		return m[1:]
	}
	first := build()
	if first[2] != "" {
		t.Fatalf("the first build took the gazetteer from an empty cache: %q", first)
	}
	want := read(t, filepath.Join(out, "manifest.txt"))
	second := build()
	if second[2] == "" || second[0] != first[0] || second[1] != first[1] {
		t.Errorf("second build: %q, want %q from the cache", second, first[:2])
	}
	if got := read(t, filepath.Join(out, "manifest.txt")); got != want {
		t.Error("the site built with the gazetteer from the cache differs")
	}

	gpath := filepath.Join(data, "reference", "exact", "gazetteer.csv")
	g, err := os.ReadFile(gpath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(gpath, append(g, "pextra,-2.950000,54.650000,Extra Street,40,street\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	third := build()
	if third[2] != "" || third[0] == first[0] {
		t.Errorf("with a point more: %q, want the gazetteer read again", third)
	}
}

// TestGazetteerFacts checks the cache entry's encoding: what is encoded
// decodes, and a damaged entry is an error, never a panic.
func TestGazetteerFacts(t *testing.T) {
	f := gazetteerFacts{points: 5, eligible: []catchment.Point{{Lon: -2_950_000, Lat: 54_650_000}, {Lon: 1_000, Lat: 50_000_000}}}
	b := f.encode()
	got, err := decodeGazetteerFacts(b)
	if err != nil || got.points != f.points || !slices.Equal(got.eligible, f.eligible) {
		t.Fatalf("decode(encode) = %+v, %v; want %+v", got, err, f)
	}
	for i := range len(b) {
		if _, err := decodeGazetteerFacts(b[:i]); err == nil {
			t.Errorf("the first %d bytes decode", i)
		}
	}
	huge := slices.Clone(b)
	huge[len(gazetteerMagic)+8] = 0xff // the count of eligible points
	if _, err := decodeGazetteerFacts(huge); err == nil {
		t.Error("an entry whose count overruns it decodes")
	}
}

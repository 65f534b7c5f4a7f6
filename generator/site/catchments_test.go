package site

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
	"github.com/crimemap/crimemap/generator/progress"
)

// TestCatchmentsFromTheCache builds, then adds a month that publishes at
// a new snap point of one force: the catchments are drawn again for that
// force alone, from the cache for the other, and the archive has the
// bytes of one built from nothing.
func TestCatchmentsFromTheCache(t *testing.T) {
	data := buildtest.Unpack(t, fixture(t, "basic.txtar"))
	parent := t.TempDir()
	out, cache := filepath.Join(parent, "public"), filepath.Join(parent, "cache")
	build := func(out, cache string) string {
		t.Helper()
		var log bytes.Buffer
		if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Cache: cache, Progress: progress.New(&log)}); err != nil {
			t.Fatal(err)
		}
		return log.String()
	}
	drawn := regexp.MustCompile(`(\d+) forces drawn and (\d+) tiles encoded`)
	archive := func(out string) []byte {
		t.Helper()
		paths, _ := filepath.Glob(filepath.Join(out, "tiles", "catchments-*.pmtiles"))
		if len(paths) != 1 {
			t.Fatalf("catchment archives %v", paths)
		}
		return []byte(read(t, paths[0]))
	}

	if m := drawn.FindStringSubmatch(build(out, cache)); m == nil || m[1] != "2" {
		t.Fatalf("first build: %v, want both forces drawn", m)
	}
	april := "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n" +
		",2025-04,Alpha Police,Alpha Police,-1.550000,53.550000,On or near Church Lane,E01000002,Testtown 001B,Burglary,Under investigation,\n"
	if err := os.MkdirAll(filepath.Join(data, "2025-04"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "2025-04", "2025-04-alpha-street.csv"), []byte(april), 0o644); err != nil {
		t.Fatal(err)
	}
	log := build(out, cache)
	m := drawn.FindStringSubmatch(log)
	if m == nil || m[1] != "1" {
		t.Errorf("with April: %v, want alpha alone drawn again\n%s", m, log)
	}
	fresh := filepath.Join(t.TempDir(), "public")
	build(fresh, "")
	if !bytes.Equal(archive(out), archive(fresh)) {
		t.Error("the catchments built on the cache differ from those built from nothing")
	}
	entries, err := os.ReadDir(filepath.Join(cache, catchmentCache))
	if err != nil || len(entries) != 3 {
		t.Errorf("catchment cache holds %d files, want the cells of 2 forces and 1 archive's tiles (%v)", len(entries), err)
	}
}

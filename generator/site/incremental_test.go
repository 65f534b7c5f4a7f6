package site

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
	"github.com/crimemap/crimemap/generator/manifest"
)

// inodes maps every file of a site to its file identity.
func inodes(t *testing.T, out string) map[string]os.FileInfo {
	t.Helper()
	m := map[string]os.FileInfo{}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := os.Stat(p)
		rel, _ := filepath.Rel(out, p)
		m[filepath.ToSlash(rel)] = info
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestIncrementalBuilds builds with no change, then with a month added, and
// checks that a build with nothing new rewrites nothing, that adding a month
// keeps every output of the other months, and that the result is always
// the site a build from nothing makes.
func TestIncrementalBuilds(t *testing.T) {
	data := buildtest.Unpack(t, fixture(t, "basic.txtar"))
	march := filepath.Join(t.TempDir(), "2025-03")
	if err := os.Rename(filepath.Join(data, "2025-03"), march); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	out, cache := filepath.Join(parent, "public"), filepath.Join(parent, "cache")
	build := func(out, cache string) *Result {
		t.Helper()
		res, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// fresh builds from nothing, and returns the site's state.
	fresh := func() []manifest.Entry {
		t.Helper()
		o := filepath.Join(t.TempDir(), "public")
		build(o, "")
		return siteState(t, o)
	}

	first := build(out, cache)
	if first.Load.Cached != 0 {
		t.Errorf("first build took %d files from an empty cache", first.Load.Cached)
	}
	before := inodes(t, out)

	second := build(out, cache)
	if second.Load.Cached != second.Load.Files || len(second.Tiles) != 0 || second.DownloadMonthsReused != second.DownloadMonths {
		t.Errorf("unchanged build: %d of %d files from the cache, %d archives written, %d of %d month downloads reused",
			second.Load.Cached, second.Load.Files, len(second.Tiles), second.DownloadMonthsReused, second.DownloadMonths)
	}
	again := inodes(t, out)
	if len(again) != len(before) {
		t.Fatalf("%d files, then %d", len(before), len(again))
	}
	for p, info := range before {
		if !os.SameFile(info, again[p]) {
			t.Errorf("%s was rewritten by a build with nothing new", p)
		}
	}
	if !slices.Equal(siteState(t, out), fresh()) {
		t.Error("the unchanged build differs from a build from nothing")
	}

	// March arrives.
	if err := os.Rename(march, filepath.Join(data, "2025-03")); err != nil {
		t.Fatal(err)
	}
	third := build(out, cache)
	marchFiles := third.Load.Files - third.Load.Cached
	if entries, _ := os.ReadDir(filepath.Join(data, "2025-03")); marchFiles != len(entries) {
		t.Errorf("the build with March parsed %d files, want March's %d", marchFiles, len(entries))
	}
	if len(third.Tiles) != 1 || third.Tiles[0].Month != "2025-03" || len(third.TilesReused) != 2 {
		t.Errorf("the build with March wrote %d archives and reused %d", len(third.Tiles), len(third.TilesReused))
	}
	after := inodes(t, out)
	for p, info := range before {
		kept := after[p] != nil && os.SameFile(info, after[p])
		// The earlier months' tiles and archives are untouched.
		older := strings.HasPrefix(p, "tiles/crimes-2025-0") || strings.HasPrefix(p, "data/2025-0")
		if older && !kept {
			t.Errorf("%s changed when March was added", p)
		}
	}
	if !slices.Equal(siteState(t, out), fresh()) {
		t.Error("the build with March differs from a build from nothing")
	}
}

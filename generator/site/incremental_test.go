package site

import (
	"fmt"
	"os"
	"path/filepath"
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
// checks that a build with nothing new touches nothing, that adding a
// month keeps every output of the other months, and that the result is
// always the site a build from nothing makes.
func TestIncrementalBuilds(t *testing.T) {
	data := buildtest.Unpack(t, fixture(t, "basic.txtar"))
	march := filepath.Join(t.TempDir(), "2025-03")
	if err := os.Rename(filepath.Join(data, "2025-03"), march); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	out, cache := filepath.Join(parent, "public"), filepath.Join(parent, "cache")
	build := func(out, cache string, rehash bool) *Result {
		t.Helper()
		res, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Cache: cache, Rehash: rehash})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// fresh builds from nothing, and returns the site's state.
	fresh := func() []manifest.Entry {
		t.Helper()
		o := filepath.Join(t.TempDir(), "public")
		build(o, "", false)
		return siteState(t, o)
	}
	// same fails for each file of the site now whose identity is not
	// before's (except those for which keep says so), and for any file
	// added or gone.
	same := func(what string, before map[string]os.FileInfo, keep func(string) bool) {
		t.Helper()
		now := inodes(t, out)
		if len(now) != len(before) {
			t.Fatalf("%s: %d files, then %d", what, len(before), len(now))
		}
		for p, info := range before {
			if !os.SameFile(info, now[p]) && !keep(p) {
				t.Errorf("%s: %s was written again", what, p)
			}
		}
	}

	first := build(out, cache, false)
	if first.Load.Cached != 0 || first.Unchanged {
		t.Errorf("first build took %d files from an empty cache (unchanged %v)", first.Load.Cached, first.Unchanged)
	}
	before := inodes(t, out)

	// Nothing new: the build stops at its first stage, reading no input
	// and touching no file.
	second := build(out, cache, false)
	if !second.Unchanged || len(second.Stages) != 1 || second.Load.Files != 0 || second.Load.Bytes != 0 {
		t.Errorf("nothing new: unchanged %v, stages %v, %d input files read (%d bytes)",
			second.Unchanged, second.Stages, second.Load.Files, second.Load.Bytes)
	}
	if second.Files != first.Files || second.Pages != first.Pages {
		t.Errorf("nothing new reports %d files and %d pages, want the site's %d and %d", second.Files, second.Pages, first.Files, first.Pages)
	}
	same("nothing new", before, func(string) bool { return false })

	// The same, built whole (--rehash), twice, so that the second is
	// written into a spare holding a site: every file but the record of
	// what changed since the last build stays the very same file, and the
	// site is the one a build from nothing makes.
	for i := range 2 {
		res := build(out, cache, true)
		if res.Unchanged || res.Load.Cached != res.Load.Files || len(res.Tiles) != 0 || res.DownloadMonthsReused != res.DownloadMonths {
			t.Errorf("rebuilt whole: unchanged %v, %d of %d files from the cache, %d archives written, %d of %d month downloads reused",
				res.Unchanged, res.Load.Cached, res.Load.Files, len(res.Tiles), res.DownloadMonthsReused, res.DownloadMonths)
		}
		same(fmt.Sprintf("rebuilt whole (%d)", i+1), before, historyDependent)
	}
	if d := stateDiff(siteState(t, out), fresh()); d != "" {
		t.Errorf("the unchanged build differs from a build from nothing: %s", d)
	}

	// March arrives.
	if err := os.Rename(march, filepath.Join(data, "2025-03")); err != nil {
		t.Fatal(err)
	}
	third := build(out, cache, false)
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
		// The earlier months' tiles, archives and API files are
		// untouched. (A force's folder in data/ offers its latest
		// month, which March replaces.)
		older := (strings.Contains(p, "2025-01") || strings.Contains(p, "2025-02")) && !strings.HasPrefix(p, "data/forces/")
		if older && !kept {
			t.Errorf("%s changed when March was added", p)
		}
	}
	if d := stateDiff(siteState(t, out), fresh()); d != "" {
		t.Errorf("the build with March differs from a build from nothing: %s", d)
	}
}

// TestRollingMonth builds three months and then, as a maintainer's monthly
// build does once the site holds all the months it keeps, the next month
// with the oldest rolled off. April reaches further west than any month
// before it, so the site's extent changes. The months kept keep their
// tiles, archives and API files, the month rolled off leaves nothing
// behind, and the site is the one a build from nothing makes.
func TestRollingMonth(t *testing.T) {
	data := buildtest.Unpack(t, fixture(t, "basic.txtar"))
	parent := t.TempDir()
	out, cache := filepath.Join(parent, "public"), filepath.Join(parent, "cache")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Cache: cache}); err != nil {
		t.Fatal(err)
	}
	before := inodes(t, out)

	// April: March's files as April's, with crimes of their own and one
	// more place, further west.
	march := filepath.Join(data, "2025-03")
	april := filepath.Join(data, "2025-04")
	if err := os.Mkdir(april, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(march)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(march, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		s := strings.ReplaceAll(strings.ReplaceAll(string(b), "2025-03", "2025-04"), "aaaa0000", "bbbb0000")
		if strings.Contains(e.Name(), "beta-street") {
			s += ",2025-04,Beta Service,Beta Service,-7.500000,54.900000,On or near Far Street,,,Drugs,,\n"
		}
		if err := os.WriteFile(filepath.Join(april, strings.ReplaceAll(e.Name(), "2025-03", "2025-04")), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// January rolls off.
	if err := os.RemoveAll(filepath.Join(data, "2025-01")); err != nil {
		t.Fatal(err)
	}
	res, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Cache: cache})
	if err != nil {
		t.Fatalf("the build with April and without January: %v", err)
	}
	if len(res.Tiles) != 1 || res.Tiles[0].Month != "2025-04" || len(res.TilesReused) != 2 {
		t.Errorf("the rolling build wrote %d archives and reused %d", len(res.Tiles), len(res.TilesReused))
	}
	after := inodes(t, out)
	kept, gone := 0, 0
	for p, info := range before {
		switch {
		case !strings.HasPrefix(p, "tiles/") && !strings.HasPrefix(p, "api/") && !strings.HasPrefix(p, "data/2025-"):
			// Pages and lists name months in their text, not their paths.
		case strings.Contains(p, "2025-01"):
			if after[p] != nil {
				t.Errorf("%s is still there after January rolled off", p)
			}
			gone++
		case strings.Contains(p, "2025-02") || strings.Contains(p, "2025-03"):
			if after[p] == nil || !os.SameFile(info, after[p]) {
				t.Errorf("%s changed when April came and January went", p)
			}
			kept++
		}
	}
	if kept == 0 || gone == 0 {
		t.Fatalf("checked %d files kept and %d gone: the paths are not as this test expects", kept, gone)
	}
	fresh := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: fresh}); err != nil {
		t.Fatal(err)
	}
	if d := stateDiff(siteState(t, out), siteState(t, fresh)); d != "" {
		t.Errorf("the rolling build differs from a build from nothing: %s", d)
	}
}

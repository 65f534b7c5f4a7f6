package site

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/sample"
	"github.com/crimemap/crimemap/generator/source"
)

// sampleData writes the small sample into a new folder.
func sampleData(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "sample")
	if _, err := sample.Generate(dir, sample.Options{}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// copyTree copies the folder src to dst, leaving out the paths skip says.
func copyTree(t *testing.T, src, dst string, skip func(rel string) bool) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if skip != nil && skip(filepath.ToSlash(rel)) {
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestGuardKeepsSite builds the sample's first months, then tries builds
// that would shrink the site, each of which must fail with a message
// naming what it found and the flag that overrides it, and leave the site
// byte for byte as it was; the flags let them through, and a normal
// monthly build (one more month, the oldest rolling off) passes.
func TestGuardKeepsSite(t *testing.T) {
	sample := sampleData(t)
	months := func(t *testing.T, from, to string, skip func(string) bool) string {
		t.Helper()
		dst := filepath.Join(t.TempDir(), "data")
		copyTree(t, sample, dst, func(rel string) bool {
			top := strings.Split(rel, "/")[0]
			if len(top) == 7 && top[4] == '-' && (top < from || top > to) {
				return true
			}
			return skip != nil && skip(rel)
		})
		return dst
	}
	out := filepath.Join(t.TempDir(), "public")
	full := months(t, "2025-01", "2025-06", nil)
	if _, err := Build(Config{Assets: assetsDir, Data: full, Out: out}); err != nil {
		t.Fatal(err)
	}
	site := siteState(t, out)
	unchanged := func(t *testing.T) {
		t.Helper()
		if !slices.Equal(siteState(t, out), site) {
			t.Fatal("the refused build changed the site")
		}
	}

	empty := t.TempDir()
	notes := t.TempDir()
	if err := os.WriteFile(filepath.Join(notes, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	linkDir := t.TempDir()
	if err := os.Symlink(filepath.Join(full, "2025-01"), filepath.Join(linkDir, "2025-01-missing-link")); err != nil {
		t.Fatal(err)
	}
	// A zip with the files but not the layout: no month folders.
	flat := t.TempDir()
	if err := os.MkdirAll(filepath.Join(flat, "crime"), 0o755); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(full, "2025-01", "2025-01-cumbria-street.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(flat, "crime", "2025-01-cumbria-street.csv"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	noCumbria := months(t, "2025-01", "2025-06", func(rel string) bool { return strings.Contains(rel, "-cumbria-") })
	half := months(t, "2025-04", "2025-06", nil)
	for _, tc := range []struct {
		name, data string
		is         error
		want       []string
	}{
		{"empty folder", empty, source.ErrNoData, []string{empty, "it is empty"}},
		{"only other files", notes, source.ErrNoData, []string{notes, "notes.txt"}},
		{"a wrong link", linkDir, source.ErrNoData, []string{linkDir, "2025-01-missing-link (a symbolic link)"}},
		{"zip of the wrong layout", zipFolder(t, flat, ""), source.ErrNoData, []string{"none of them data files", "crime/", `is in folder "crime"`}},
		{"a force missing", noCumbria, ErrShrink, []string{"drops the force cumbria", "--allow-shrink", noCumbria}},
		{"half the rows", half, ErrShrink, []string{"rows fall from", "drops 3 months", "--allow-shrink"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Build(Config{Assets: assetsDir, Data: tc.data, Out: out})
			if !errors.Is(err, tc.is) {
				t.Fatalf("got %v, want %v", err, tc.is)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%v\ndoes not say %q", err, w)
				}
			}
			unchanged(t)
		})
	}

	// A monthly build: one more month, the oldest rolling off.
	if _, err := Build(Config{Assets: assetsDir, Data: months(t, "2025-02", "2025-07", nil), Out: out}); err != nil {
		t.Fatalf("a monthly build: %v", err)
	}
	// The flags let a smaller site through.
	if _, err := Build(Config{Assets: assetsDir, Data: noCumbria, Out: out, MaxShrink: 0.9}); !errors.Is(err, ErrShrink) {
		t.Errorf("a force dropped with a higher limit: %v, want it still refused", err)
	}
	if _, err := Build(Config{Assets: assetsDir, Data: noCumbria, Out: out, AllowShrink: true}); err != nil {
		t.Errorf("with AllowShrink: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "forces", "cumbria", "index.html")); err == nil {
		t.Error("the site built with AllowShrink still has the dropped force")
	}
}

// TestShrinkage checks the guard's rules on facts alone.
func TestShrinkage(t *testing.T) {
	months := func(ms ...string) []string { return ms }
	before := siteFacts{forces: []string{"a", "b"}, months: months("2025-01", "2025-02", "2025-03"), rows: 1000, pages: 100, files: 500}
	for _, tc := range []struct {
		name string
		now  siteFacts
		want []string // substrings of the reasons, in order; none for a pass
	}{
		{"the same", before, nil},
		{"a month more, the oldest rolling off", siteFacts{forces: []string{"a", "b"}, months: months("2025-02", "2025-03", "2025-04"), rows: 1000, pages: 100, files: 500}, nil},
		{"a month more", siteFacts{forces: []string{"a", "b", "c"}, months: months("2025-01", "2025-02", "2025-03", "2025-04"), rows: 1300, pages: 110, files: 560}, nil},
		{"9% fewer rows", siteFacts{forces: []string{"a", "b"}, months: before.months, rows: 910, pages: 100, files: 500}, nil},
		{"a force gone", siteFacts{forces: []string{"a"}, months: before.months, rows: 950, pages: 95, files: 480}, []string{"drops the force b"}},
		{"a month gone in the middle", siteFacts{forces: []string{"a", "b"}, months: months("2025-01", "2025-03"), rows: 950, pages: 100, files: 500}, []string{"drops 1 month the site has: 2025-02"}},
		{"two months off the start, one added", siteFacts{forces: []string{"a", "b"}, months: months("2025-03", "2025-04"), rows: 950, pages: 100, files: 500}, []string{"drops 2 months the site has: 2025-01, 2025-02"}},
		{"older months only", siteFacts{forces: []string{"a", "b"}, months: months("2024-12", "2025-01"), rows: 950, pages: 100, files: 500}, []string{"drops 2 months the site has: 2025-02, 2025-03"}},
		{"half the rows", siteFacts{forces: []string{"a", "b"}, months: before.months, rows: 500, pages: 100, files: 500}, []string{"rows fall from 1,000 to 500 (50% fewer, more than the 10% allowed)"}},
		{"empty", siteFacts{pages: 6, files: 20}, []string{"drops the force a", "drops the force b", "rows fall", "pages fall", "files fall"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := shrinkage(before, tc.now, DefaultMaxShrink)
			if len(got) != len(tc.want) {
				t.Fatalf("reasons %q, want %d like %q", got, len(tc.want), tc.want)
			}
			for i := range got {
				if !strings.Contains(got[i], tc.want[i]) {
					t.Errorf("reason %q, want %q", got[i], tc.want[i])
				}
			}
		})
	}
}

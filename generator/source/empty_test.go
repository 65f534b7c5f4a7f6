package source

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/validate"
)

// loadDir opens and loads path (a folder or a zip), returning what NoData
// says of it.
func loadDir(t *testing.T, path string) (Stats, *validate.Report, error) {
	t.Helper()
	in, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	report := validate.NewReport()
	_, stats, err := Load(in, report, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return stats, report, NoData(in, stats, report)
}

// TestNoData checks that input with nothing to build from is named as
// such, with the path and what was found there instead.
func TestNoData(t *testing.T) {
	write := func(t *testing.T, dir string, files map[string]string) string {
		t.Helper()
		for p, body := range files {
			full := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"empty folder", nil, []string{"it is empty", "YYYY-MM/YYYY-MM-<force>-street.csv"}},
		{"only other files", map[string]string{"notes.txt": "x", "README.md": "y", "old/a.pdf": "z"},
			[]string{"2 files and 1 folder", "notes.txt", "README.md", "old/"}},
		{"misplaced data file", map[string]string{"2025-02/2025-01-cumbria-street.csv": street("2025-01", goodRow)},
			[]string{"1 folder", `is in folder "2025-02"`}},
		{"files without rows", map[string]string{"2025-01/2025-01-cumbria-street.csv": street("2025-01")},
			[]string{"its 1 data file hold 0 rows"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := write(t, t.TempDir(), tc.files)
			_, _, err := loadDir(t, dir)
			if !errors.Is(err, ErrNoData) || !strings.Contains(err.Error(), dir) {
				t.Fatalf("got %v, want ErrNoData naming %s", err, dir)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%v\ndoes not say %q", err, w)
				}
			}
		})
	}
	t.Run("zip with the wrong layout", func(t *testing.T) {
		path := writeZip(t, []zipEntry{{name: "crime/cumbria.csv", body: street("2025-01", goodRow)}, {name: "readme.txt", body: "x"}})
		_, _, err := loadDir(t, path)
		if !errors.Is(err, ErrNoData) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "crime/") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("data", func(t *testing.T) {
		dir := write(t, t.TempDir(), map[string]string{"2025-01/2025-01-cumbria-street.csv": street("2025-01", goodRow)})
		if _, _, err := loadDir(t, dir); err != nil {
			t.Errorf("a folder with a row: %v", err)
		}
	})
}

// TestLinkedMonthFolders checks that month folders that are symbolic
// links to folders elsewhere are read, and that a link loop is reported
// and read once.
func TestLinkedMonthFolders(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "store", "2025-01")
	data := filepath.Join(dir, "data")
	for _, d := range []string{store, data} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(store, "2025-01-cumbria-street.csv"), []byte(street("2025-01", goodRow, goodRow)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(store, filepath.Join(data, "2025-01")); err != nil {
		t.Fatal(err)
	}
	// A link back up the tree: followed, it would be read for ever.
	if err := os.Symlink("..", filepath.Join(store, "up")); err != nil {
		t.Fatal(err)
	}
	stats, report, err := loadDir(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Files != 1 || stats.Kept != 2 {
		t.Errorf("read %d files and kept %d rows through the linked month folder, want 1 and 2", stats.Files, stats.Kept)
	}
	loops := 0
	for _, p := range report.Examples() {
		if p.Reason == validate.BadLink && strings.Contains(p.Detail, "already read") {
			loops++
		}
	}
	if loops != 1 {
		t.Errorf("%d link loops reported, want 1: %v", loops, report.Examples())
	}
}

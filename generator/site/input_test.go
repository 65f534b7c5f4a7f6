package site

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
)

// zipFolder packs a folder into a zip, under prefix, as the data.police.uk
// archive does.
func zipFolder(t *testing.T, dir, prefix string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "archive.zip")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		w, err := zw.Create(prefix + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// TestBuildFromZip checks that the archive zip builds the same site as the
// folder it was made from, with the months at its top or in one folder.
func TestBuildFromZip(t *testing.T) {
	want := newSite(t, "basic.txtar")
	want.Build()
	for _, prefix := range []string{"", "police-data/"} {
		out := buildtest.Open(t, filepath.Join(t.TempDir(), "zip"))
		if _, err := Build(Config{Assets: assetsDir, Data: zipFolder(t, want.Data, prefix), Out: out.Dir}); err != nil {
			t.Fatal(err)
		}
		for _, page := range []string{"index.html", "forces/alpha/index.html", "forces/beta/index.html"} {
			if want.Out.Read(page) != out.Read(page) {
				t.Errorf("prefix %q: %s differs from the folder build", prefix, page)
			}
		}
		// The report names files as they are in the zip.
		out.AssertFile("data/build-report.json", `"file": "`+prefix+`2025-03/2025-03-alpha-street.csv"`)
	}
}

// TestBuildRealData builds the real files and checks the report against
// them: every row read, none excluded, no month missing.
func TestBuildRealData(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "realdata", "crime")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real data not found at %s: %v", dir, err)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*", "*.csv"))
	lines := 0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines += bytes.Count(b, []byte("\n")) - 1 // less the header; every file ends in a newline
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(Config{Assets: assetsDir, Data: dir, Out: out, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Files, Rows, Kept, Excluded int
		Months                      []string
		Missing                     []any
	}
	if err := json.Unmarshal([]byte(read(t, filepath.Join(out, "data", "build-report.json"))), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Files != len(paths) || rep.Rows != lines || rep.Kept != lines || rep.Excluded != 0 || len(rep.Missing) != 0 {
		t.Errorf("report %+v, want %d files, %d rows all kept", rep, len(paths), lines)
	}
	if res.Forces != 3 || rep.Months[0] != "2019-01" || rep.Months[len(rep.Months)-1] != "2025-12" {
		t.Errorf("%d forces, months %v", res.Forces, rep.Months)
	}
	cumbria := buildtest.Text(read(t, filepath.Join(out, "forces", "cumbria", "index.html")))
	if !strings.Contains(cumbria, "Cumbria Constabulary") || !strings.Contains(cumbria, "Allerdale 001") {
		t.Errorf("cumbria page lacks its name or a neighbourhood")
	}
}

package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// unpack writes a txtar fixture into a new folder and returns it.
func unpack(t *testing.T, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var tags = regexp.MustCompile(`<[^>]*>`)

// text returns a page's text with tags removed and spaces collapsed, so
// tests can look for what a reader sees.
func text(html string) string {
	return strings.Join(strings.Fields(tags.ReplaceAllString(html, " ")), " ")
}

func TestBuildBasic(t *testing.T) {
	data := unpack(t, "basic.txtar")
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(Config{Assets: assetsDir, Data: data, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if res.Load.Rows != 11 || res.Load.Excluded != 1 {
		t.Errorf("load %+v, want 11 rows with 1 excluded", res.Load)
	}

	home := text(read(t, filepath.Join(out, "index.html")))
	for _, want := range []string{"Alpha Police", "Beta Service",
		// March: alpha 2 (the bad row left out), beta 2.
		"4 crimes and incidents of anti-social behaviour in March 2025",
		// 12 months: alpha 6, beta 4.
		"10 in the 12 months April 2024 to March 2025",
		"4 crimes and incidents of anti-social behaviour in March 2025, of which 1 (25.0%) has no location and is not on the map",
		// The third figure is the coverage, not the first's unmapped count again.
		"neighbourhoods in 2 police forces, each with a page of its figures"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if n := strings.Count(home, "no location"); n != 2 {
		t.Errorf("the home page says %d times what has no location, want once for the month and once for the year", n)
	}

	alpha := text(read(t, filepath.Join(out, "forces", "alpha", "index.html")))
	for _, want := range []string{
		"Alpha Police",
		"No data was published for February 2025",
		"2 crimes in March 2025",
		"6 crimes in the 12 months April 2024 to March 2025 (1 of the months not published)",
		"Burglary 0 2", "Shoplifting 1 1", "Robbery 1 1", "Anti-social behaviour 0 1",
		"All 2 6",
		"Testtown 001 1 4", "Testtown 002 1 2",
		// The places with most crimes are the latest month's, numbered
		// as on the area's map.
		"1 On or near High Street 1", "2 On or near Station Road 1",
	} {
		if !strings.Contains(alpha, want) {
			t.Errorf("alpha page lacks %q", want)
		}
	}

	nb := text(read(t, filepath.Join(out, "forces", "alpha", "testtown-001", "index.html")))
	for _, want := range []string{"Testtown 001", "Neighbourhood in Alpha Police", "All 1 4", "1 On or near High Street 1"} {
		if !strings.Contains(nb, want) {
			t.Errorf("neighbourhood page lacks %q", want)
		}
	}

	beta := text(read(t, filepath.Join(out, "forces", "beta", "index.html")))
	for _, want := range []string{"Beta Service", "2 crimes in March 2025", "4 crimes in the 12 months April 2024 to March 2025, of which 1 (25.0%) has no location and is not on the map",
		"Vehicle crime 1 1", "Other theft 0 1"} {
		if !strings.Contains(beta, want) {
			t.Errorf("beta page lacks %q", want)
		}
	}
	if strings.Contains(read(t, filepath.Join(out, "forces", "beta", "index.html")), `id="neighbourhoods"`) {
		t.Errorf("beta has no LSOA names, so no neighbourhoods")
	}

	var rep struct {
		Rows, Excluded int
		Missing        []struct{ Force, Month string }
		Counts         []struct {
			Force, Month, Reason, Severity string
			Count                          int
		}
		Examples []struct {
			File   string
			Line   int
			Reason string
		}
	}
	if err := json.Unmarshal([]byte(read(t, filepath.Join(out, "data", "build-report.json"))), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 11 || rep.Excluded != 1 || len(rep.Missing) != 1 || rep.Missing[0].Force != "alpha" || rep.Missing[0].Month != "2025-02" {
		t.Errorf("report %+v", rep)
	}
	var bad bool
	for _, e := range rep.Examples {
		if e.File == "2025-03/2025-03-alpha-street.csv" && e.Line == 4 && e.Reason == "bad-coordinates" {
			bad = true
		}
	}
	if !bad {
		t.Errorf("report examples %+v lack the bad row at 2025-03-alpha-street.csv:4", rep.Examples)
	}
	page := text(read(t, filepath.Join(out, "data", "build-report", "index.html")))
	if !strings.Contains(page, "2025-03/2025-03-alpha-street.csv:4 bad-coordinates") {
		t.Errorf("report page lacks the bad row")
	}
}

// TestBuildDeterministic builds the same input twice and compares every file.
func TestBuildDeterministic(t *testing.T) {
	data := unpack(t, "basic.txtar")
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, out := range []string{a, b} {
		if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out}); err != nil {
			t.Fatal(err)
		}
	}
	files := 0
	err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between builds", rel)
		}
		return nil
	})
	if err != nil || files < 5 {
		t.Fatalf("walked %d files: %v", files, err)
	}
}

// TestFailedBuildKeepsSite checks that a build that fails leaves the last
// good site exactly as it was, and leaves no staging folder behind.
func TestFailedBuildKeepsSite(t *testing.T) {
	data := unpack(t, "basic.txtar")
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out}); err != nil {
		t.Fatal(err)
	}
	before := read(t, filepath.Join(out, "forces", "alpha", "index.html"))

	// Strict mode turns the bad row into a failed build.
	_, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Strict: true})
	if !errors.Is(err, ErrData) || !strings.Contains(err.Error(), "2025-03-alpha-street.csv:4") {
		t.Errorf("strict build: %v", err)
	}
	// A missing input fails too.
	if _, err := Build(Config{Assets: assetsDir, Data: filepath.Join(parent, "nothing"), Out: out}); err == nil {
		t.Error("build of a missing folder succeeded")
	}
	if after := read(t, filepath.Join(out, "forces", "alpha", "index.html")); after != before {
		t.Error("failed build changed the site")
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 2 || entries[1].Name() != "public.lock" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left behind %v", names)
	}
}

// TestSwapRecovers checks that a build stopped between the two renames of a
// swap (the old site moved aside, the new one not yet in) is repaired by the
// next build.
func TestSwapRecovers(t *testing.T) {
	data := unpack(t, "basic.txtar")
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out}); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(out, oldPath(out)); err != nil {
		t.Fatal(err)
	}
	if err := recoverOld(out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("previous site not restored: %v", err)
	}
}

// assetsDir is the project's assets folder, with its npm packages
// installed by make test.
const assetsDir = "../../assets"

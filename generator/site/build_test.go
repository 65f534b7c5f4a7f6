package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
)

// fixture returns the text of a txtar fixture under testdata.
func fixture(t *testing.T, name string) string {
	t.Helper()
	return buildtest.Fixture(t, filepath.Join("testdata", name))
}

// newSite unpacks a fixture under testdata into a harness site whose
// builds use the project's assets and no other option. A test that needs
// other options calls Build with the site's Data and Out.Dir.
func newSite(t *testing.T, name string) *buildtest.Site[*Result] {
	t.Helper()
	return buildtest.New(t, fixture(t, name), func(data, out string) (*Result, error) {
		return Build(Config{Assets: assetsDir, Data: data, Out: out})
	})
}

// reissuedMarch is the input file tests change to re-issue a month.
const reissuedMarch = "2025-03/2025-03-alpha-street.csv"

// read returns a file of a site built elsewhere than by the harness.
func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildBasic(t *testing.T) {
	s := newSite(t, "basic.txtar")
	res := s.Build()
	if res.Load.Rows != 11 || res.Load.Excluded != 1 {
		t.Errorf("load %+v, want 11 rows with 1 excluded", res.Load)
	}

	s.Out.AssertText("index.html", "Alpha Police", "Beta Service",
		// March: alpha 2 (the bad row left out), beta 2.
		"4 crimes and incidents of anti-social behaviour in March 2025",
		// 12 months: alpha 6, beta 4.
		"10 in the 12 months April 2024 to March 2025",
		"4 crimes and incidents of anti-social behaviour in March 2025, of which 1 (25.0%) has no location and is not on the map",
		// The third figure is the coverage, not the first's unmapped count again.
		"neighbourhoods in 2 police forces, each with a page of its figures")
	if n := strings.Count(s.Out.Text("index.html"), "no location"); n != 2 {
		t.Errorf("the home page says %d times what has no location, want once for the month and once for the year", n)
	}

	s.Out.AssertText("forces/alpha/index.html",
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
	)
	s.Out.AssertText("forces/alpha/testtown-001/index.html", "Testtown 001", "Neighbourhood in Alpha Police", "All 1 4", "1 On or near High Street 1")
	s.Out.AssertText("forces/beta/index.html", "Beta Service", "2 crimes in March 2025",
		"4 crimes in the 12 months April 2024 to March 2025, of which 1 (25.0%) has no location and is not on the map",
		"Vehicle crime 1 1", "Other theft 0 1")
	// Beta has no LSOA names, so no neighbourhoods.
	s.Out.AssertFileNot("forces/beta/index.html", `id="neighbourhoods"`)

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
	if err := json.Unmarshal(s.Out.Bytes("data/build-report.json"), &rep); err != nil {
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
	s.Out.AssertText("data/build-report/index.html", "2025-03/2025-03-alpha-street.csv:4 bad-coordinates")
}

// TestBuildDeterministic builds the same input twice and compares every file.
func TestBuildDeterministic(t *testing.T) {
	s := newSite(t, "basic.txtar")
	s.Build()
	b := buildtest.Open(t, filepath.Join(t.TempDir(), "b"))
	if _, err := Build(Config{Assets: assetsDir, Data: s.Data, Out: b.Dir}); err != nil {
		t.Fatal(err)
	}
	x, y := s.Out.Tree(), b.Tree()
	for rel := range x {
		if !bytes.Equal(x[rel], y[rel]) {
			t.Errorf("%s differs between builds", rel)
		}
	}
	for rel := range y {
		if _, ok := x[rel]; !ok {
			t.Errorf("%s is in the second build only", rel)
		}
	}
	if len(x) < 5 {
		t.Fatalf("the build wrote %d files", len(x))
	}
}

// TestFailedBuildKeepsSite checks that a build that fails leaves the last
// good site exactly as it was, and leaves no staging folder behind.
func TestFailedBuildKeepsSite(t *testing.T) {
	s := newSite(t, "basic.txtar")
	s.Build()
	out := s.Out.Dir
	parent := filepath.Dir(out)
	before := s.Out.Read("forces/alpha/index.html")

	// Strict mode turns the bad row into a failed build.
	_, err := Build(Config{Assets: assetsDir, Data: s.Data, Out: out, Strict: true})
	if !errors.Is(err, ErrData) || !strings.Contains(err.Error(), "2025-03-alpha-street.csv:4") {
		t.Errorf("strict build: %v", err)
	}
	// A missing input fails too.
	if _, err := Build(Config{Assets: assetsDir, Data: filepath.Join(parent, "nothing"), Out: out}); err == nil {
		t.Error("build of a missing folder succeeded")
	}
	if after := s.Out.Read("forces/alpha/index.html"); after != before {
		t.Error("failed build changed the site")
	}
	onlySite(t, parent)
}

// TestSwapRecovers checks that a build stopped between the two renames of a
// swap (the old site moved aside, the new one not yet in) is repaired by the
// next build.
func TestSwapRecovers(t *testing.T) {
	s := newSite(t, "basic.txtar")
	s.Build()
	out := s.Out.Dir
	if err := os.Rename(out, oldPath(out)); err != nil {
		t.Fatal(err)
	}
	if err := recoverOld(out); err != nil {
		t.Fatal(err)
	}
	s.Out.AssertExists("index.html")
}

// assetsDir is the project's assets folder, with its npm packages
// installed by make test.
const assetsDir = "../../assets"

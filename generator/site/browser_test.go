package site

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/sample"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// TestBrowser runs assets/test/browser.mjs in real Chromium against the
// sample site served locally, with the numbers it should find worked out
// here from the same data: the map shows the month's mapped crimes, a
// category filter changes the counts to that category's, a snap point
// opens its crimes from the keyboard, a shared URL restores the view, a
// postcode search lands on the neighbourhood holding the postcode, and
// axe-core finds no serious or critical problem on the main pages.
// Screenshots are kept in .cache/artifacts/browser.
func TestBrowser(t *testing.T) {
	chromium := "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		t.Skip("chromium is not installed; make test installs it")
	}
	if _, err := os.Stat(filepath.Join(assetsDir, "node_modules", "playwright-core")); err != nil {
		t.Skip("assets/node_modules is not installed; make test installs it with npm ci")
	}
	data := filepath.Join(t.TempDir(), "sample")
	if _, err := sample.Generate(data, sample.Options{}); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "public")
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	defer srv.Close()
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: site, BaseURL: srv.URL + "/"}); err != nil {
		t.Fatal(err)
	}

	// What the browser should find, from the data.
	in, err := source.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	st, _, err := source.Load(in, validate.NewReport(), source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ref, err := reference.Load(os.DirFS(data), "reference", nil)
	if err != nil {
		t.Fatal(err)
	}
	var bounds []index.Boundary
	for _, a := range ref.Neighbourhoods {
		bounds = append(bounds, index.Boundary{Force: a.Force, ID: a.ID, Name: a.Name, Shape: a.Shape})
	}
	ix := index.Build(st, bounds)
	m := st.Last
	var mapped, burglary int
	perLoc := map[store.LocID]int{}
	for _, c := range st.Crimes {
		if c.Month != m {
			continue
		}
		for i, l := range c.Loc {
			if l == store.NoLoc {
				continue
			}
			mapped++
			perLoc[l]++
			if c.Cat[i] == crime.Burglary {
				burglary++
			}
		}
	}
	var busiest store.LocID
	for l, n := range perLoc {
		if n > perLoc[busiest] || (n == perLoc[busiest] && l < busiest) {
			busiest = l
		}
	}
	point := st.Locs.Get(busiest)
	// A postcode and the neighbourhood whose boundary holds it, found with
	// orb's own point-in-polygon test rather than the site's index.
	var postcode, want string
	for _, p := range ref.Postcodes {
		for _, n := range ix.Neighbourhoods {
			if !n.FromLSOA && planar.MultiPolygonContains(n.Shape, orb.Point{p.Lon, p.Lat}) {
				postcode, want = p.Code, "forces/"+st.Forces[n.Force].Slug+"/"+n.Slug+"/"
				break
			}
		}
		if postcode != "" {
			break
		}
	}
	var cats []string
	for _, c := range crime.Categories() {
		if !c.Info().Retired {
			cats = append(cats, c.Slug())
		}
	}
	artifacts, _ := filepath.Abs(filepath.Join("..", "..", ".cache", "artifacts", "browser"))
	cfg := map[string]any{
		"base": srv.URL + "/", "artifacts": artifacts, "chromium": chromium,
		"month": m.String(), "firstMonth": st.First.String(), "categories": cats,
		"mapped": mapped, "burglary": burglary, "point": []float64{point.Lon.Float(), point.Lat.Float()},
		"postcode": postcode, "postcodePath": want,
		"axePages": []string{"", "map/", "forces/cumbria/", "forces/" + want[len("forces/"):], "compare/", "faq/", "neighbourhoods/"},
	}
	arg, _ := json.Marshal(cfg)
	cmd := exec.Command("node", filepath.Join(assetsDir, "test", "browser.mjs"), string(arg))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("browser tests: %v\n%s", err, out)
	}
	var res struct {
		Passed []string
		Failed []struct{ Name, Error string }
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("browser output: %v\n%s", err, out)
	}
	for _, f := range res.Failed {
		t.Errorf("%s: %s", f.Name, strings.TrimSpace(f.Error))
	}
	if len(res.Passed) < 5+len(cfg["axePages"].([]string)) {
		t.Errorf("only %d checks passed: %v", len(res.Passed), res.Passed)
	}
	t.Logf("passed: %v; screenshots in %s", res.Passed, artifacts)
}

package site

import (
	"encoding/json"
	"github.com/crimemap/crimemap/generator/i18n"
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
	"github.com/crimemap/crimemap/generator/hosting"
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
// opens its crimes from the keyboard, a shared URL restores the view, an
// area drawn with the mouse or given in the URL counts the crimes inside it
// as this test counts them, the layer of what each dot stands for turns on
// and off by mouse and keyboard and says so in its live region, a
// postcode search lands on the neighbourhood holding the postcode, a page
// of another origin reads the API at the live paths (and not the pages),
// and axe-core finds no serious or critical problem on the main pages.
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
	srv := httptest.NewServer(hosting.Handler(site))
	defer srv.Close()
	// A page of another origin, as a web app elsewhere that reads the
	// site's API would be.
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!doctype html><html lang=en><title>Another site</title><h1>Another site</h1>"))
	}))
	defer other.Close()
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
	bounds := ref.Boundaries()
	ix, err := index.Build(st, bounds)
	if err != nil {
		t.Fatal(err)
	}
	m := st.Last
	var mapped, burglary, transport int
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
			if st.Forces[c.Force].Slug == "btp" {
				transport++
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
	var postcodeAt []float64
	for _, p := range ref.Postcodes {
		for _, n := range ix.Neighbourhoods {
			if !n.FromLSOA && planar.MultiPolygonContains(n.Shape, orb.Point{p.Lon, p.Lat}) {
				postcode, want = p.Code, "forces/"+st.Forces[n.Force].Slug+"/"+n.Slug+"/"
				postcodeAt = []float64{p.Lon, p.Lat}
				break
			}
		}
		if postcode != "" {
			break
		}
	}
	// A rectangle around the busiest point whose edges keep 50 m clear of
	// every snap point of the month, so that where a click or a tile's
	// rounding puts a corner does not change what is inside; and the
	// month's crimes inside it.
	near := func(a, b float64) bool { return a-b < 0.0008 && b-a < 0.0008 } // about 50 m
	half := [2]float64{0.012, 0.007}
	var rect [][2]float64
	var inRect int
	for try := 0; try < 50; try++ {
		x0, x1 := point.Lon.Float()-half[0], point.Lon.Float()+half[0]
		y0, y1 := point.Lat.Float()-half[1], point.Lat.Float()+half[1]
		clear, n := true, 0
		for l, k := range perLoc {
			p := st.Locs.Get(l)
			x, y := p.Lon.Float(), p.Lat.Float()
			if near(x, x0) || near(x, x1) || near(y, y0) || near(y, y1) {
				clear = false
				break
			}
			if x > x0 && x < x1 && y > y0 && y < y1 {
				n += k
			}
		}
		if clear {
			rect, inRect = [][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, n
			break
		}
		half[0] *= 1.07
		half[1] *= 1.07
	}
	if rect == nil || inRect == 0 {
		t.Fatal("found no rectangle clear of snap points")
	}
	var cats []string
	for _, c := range crime.Categories() {
		if !c.Info().Retired {
			cats = append(cats, c.Slug())
		}
	}
	// A force with a boundary that published nothing for a month in the
	// middle of the data: the map must hatch and name it.
	var gapMonth, gapForce string
	for _, f := range ref.Forces {
		id, ok := st.Force(f.ID)
		if !ok || gapMonth != "" {
			continue
		}
		for m := st.First.Add(1); m < st.Last; m = m.Add(1) {
			if st.CrimesOf(id, m) == nil {
				gapMonth, gapForce = m.String(), st.Forces[id].Name
				break
			}
		}
	}
	if gapMonth == "" {
		t.Fatal("the sample has no force with a month it did not publish")
	}
	street := strings.TrimPrefix(st.Strings.Str(point.Street), "On or near ")
	artifacts, _ := filepath.Abs(filepath.Join("..", "..", ".cache", "artifacts", "browser"))
	cfg := map[string]any{
		"base": srv.URL + "/", "otherOrigin": other.URL + "/", "artifacts": artifacts, "chromium": chromium,
		"month": m.String(), "firstMonth": st.First.String(), "categories": cats,
		"mapped": mapped, "burglary": burglary, "point": []float64{point.Lon.Float(), point.Lat.Float()},
		"postcode": postcode, "postcodePath": want, "postcodeAt": postcodeAt, "street": street,
		"gapMonth": gapMonth, "gapForce": gapForce, "only": os.Getenv("CRIMEMAP_BROWSER_ONLY"), "rectangle": rect, "inRectangle": inRect, "transport": transport,
		"axePages": []string{"", "map/", "forces/cumbria/", "forces/" + want[len("forces/"):], "compare/", "faq/", "neighbourhoods/",
			"cy/", "cy/map/", "cy/forces/cumbria/", "cy/faq/", "cy/search/"},
		"axePhonePages":  []string{"", "map/", "cy/map/"},
		"englishPhrases": englishPhrases(t),
		"requestedPages": []string{"", "map/", "forces/cumbria/", want, "compare/", "faq/", "search/", "data/", "neighbourhoods/", "no-such-page/"},
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
		Total  int
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("browser output: %v\n%s", err, out)
	}
	for _, f := range res.Failed {
		t.Errorf("%s: %s", f.Name, strings.TrimSpace(f.Error))
	}
	if len(res.Passed) != res.Total || res.Total == 0 || (cfg["only"] == "" && res.Total < 30) {
		t.Errorf("%d of %d checks passed: %v", len(res.Passed), res.Total, res.Passed)
	}
	t.Logf("passed: %v; screenshots in %s", res.Passed, artifacts)
}

// englishPhrases are the English catalogue's phrases that Welsh says
// differently, for the browser to look for on Welsh pages once their
// scripts have run.
func englishPhrases(t *testing.T) []string {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range englishOnly(cat) {
		out = append(out, l.text)
	}
	return out
}

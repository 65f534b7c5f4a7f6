package site

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
	"github.com/crimemap/crimemap/generator/sample"
)

// buildSample builds the small sample, which has reference postcodes.
func buildSample(t *testing.T) string {
	t.Helper()
	data := filepath.Join(t.TempDir(), "sample")
	if _, err := sample.Generate(data, sample.Options{}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out}); err != nil {
		t.Fatal(err)
	}
	return out
}

var hrefRe = regexp.MustCompile(`href="([^"#?]*)"`)

// links are a fragment's links, as site paths resolved from the page at
// dir ("postcodes/bl/").
func links(dir, html string) []string {
	var out []string
	for _, m := range hrefRe.FindAllStringSubmatch(html, -1) {
		p := path.Join(dir, m[1])
		if strings.HasSuffix(m[1], "/") {
			p += "/"
		}
		out = append(out, p)
	}
	return out
}

// TestPostcodeDistrictPages checks the way to an area by postcode without
// JavaScript: each postcode area's page lists, under each district, every
// neighbourhood the search index puts the district's postcodes in, and
// nothing else; and following links from postcodes/ reaches every
// neighbourhood that has a postcode.
func TestPostcodeDistrictPages(t *testing.T) {
	out := buildSample(t)
	shards, err := filepath.Glob(filepath.Join(out, "search", "postcodes", "*.json"))
	if err != nil || len(shards) == 0 {
		t.Fatalf("no postcode shards: %v", err)
	}
	withPostcode := map[string]bool{}
	for _, f := range shards {
		var entries map[string]struct{ Path string }
		if err := json.Unmarshal([]byte(read(t, f)), &entries); err != nil {
			t.Fatal(err)
		}
		district := strings.TrimSuffix(filepath.Base(f), ".json")
		var want []string
		for _, e := range entries {
			withPostcode[e.Path] = true
			if !slices.Contains(want, e.Path) {
				want = append(want, e.Path)
			}
		}
		slices.Sort(want)
		area := strings.ToLower(regexp.MustCompile(`^[A-Z]+`).FindString(district))
		dir := "postcodes/" + area + "/"
		page := read(t, filepath.Join(out, filepath.FromSlash(dir), "index.html"))
		// The district's heading, then its list, up to the next heading.
		i := strings.Index(page, `id="district-`+strings.ToLower(district)+`">`+district+`</h2>`)
		if i < 0 {
			t.Errorf("%s has no heading for %s", dir, district)
			continue
		}
		section := page[i:]
		if j := strings.Index(section[1:], "<h2"); j >= 0 {
			section = section[:j+1]
		}
		got := links(dir, section)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s lists %q for %s, the search index has %q", dir, got, district, want)
		}
	}

	// Everything with a postcode is two links from postcodes/, and every
	// link there is to a page that exists.
	index := read(t, filepath.Join(out, "postcodes", "index.html"))
	reached := map[string]bool{}
	for _, a := range links("postcodes/", index[strings.Index(index, "<main"):strings.Index(index, "</main>")]) {
		if !strings.HasPrefix(a, "postcodes/") || a == "postcodes/" {
			continue
		}
		page := read(t, filepath.Join(out, filepath.FromSlash(a), "index.html"))
		main := page[strings.Index(page, "<main"):strings.Index(page, "</main>")]
		for _, l := range links(a, main) {
			if strings.HasPrefix(l, "forces/") {
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(l), "index.html")); err != nil {
					t.Errorf("%s links %s, which is not there", a, l)
				}
				reached[l] = true
			}
		}
	}
	for p := range withPostcode {
		if !reached[p] {
			t.Errorf("%s has postcodes but cannot be reached from postcodes/", p)
		}
	}
	if len(reached) < len(withPostcode) || len(withPostcode) == 0 {
		t.Errorf("reached %d neighbourhoods; %d have postcodes", len(reached), len(withPostcode))
	}

	// The home and search pages lead to it, and the search page carries
	// every force and the A–Z letters, for a search that finds nothing.
	home := read(t, filepath.Join(out, "index.html"))
	if !strings.Contains(home, `href="postcodes/"`) {
		t.Error("the home page does not link the postcode districts")
	}
	search := read(t, filepath.Join(out, "search", "index.html"))
	for _, want := range []string{`href="../postcodes/"`, `id="covered-forces"`, `href="../forces/cumbria/"`, `href="../forces/btp/"`,
		`aria-label="Neighbourhoods by first letter"`, `href="../neighbourhoods/a/"`, `class="govuk-body cm-search-nojs"`} {
		if !strings.Contains(search, want) {
			t.Errorf("the search page lacks %s", want)
		}
	}
}

// rowOf is the compare table's row of a force.
func rowOf(t *testing.T, page, force string) string {
	t.Helper()
	i := strings.Index(page, ">"+force+"</a></th>")
	if i < 0 {
		t.Fatalf("no row for %s", force)
	}
	start := strings.LastIndex(page[:i], "<tr")
	return page[start : i+strings.Index(page[i:], "</tr>")]
}

var cellValueRe = regexp.MustCompile(`data-value="([^"]*)"`)

// TestCompareRates checks the compare page's rules: a force that polices
// transport has no residents and no rate, and the page says why once; the
// population's source is said once, not per row; a dash's sort value is
// empty, so it sorts after every figure; the table scrolls in a labelled,
// focusable region.
func TestCompareRates(t *testing.T) {
	out := buildSample(t)
	page := read(t, filepath.Join(out, "compare", "index.html"))
	btp := rowOf(t, page, "British Transport Police")
	vals := cellValueRe.FindAllStringSubmatch(btp, -1)
	if len(vals) != 6 {
		t.Fatalf("British Transport Police's row has %d sort values: %s", len(vals), btp)
	}
	// Crimes, unmapped, residents, rate, change, charged.
	if vals[2][1] != "" || vals[3][1] != "" {
		t.Errorf("British Transport Police has residents %q and a rate %q", vals[2][1], vals[3][1])
	}
	if !strings.Contains(buildtest.Text(btp), "none: polices transport") {
		t.Errorf("British Transport Police's residents are not explained: %s", buildtest.Text(btp))
	}
	note := regexp.MustCompile(`(?s)<p class="govuk-body" id="transport-forces">(.*?)</p>`).FindStringSubmatch(page)
	if note == nil || !strings.Contains(note[1], "British Transport Police polices the railways") || !strings.Contains(note[1], "no rate per 1,000 residents") {
		t.Errorf("no note on the forces without residents: %v", note)
	}
	cumbria := rowOf(t, page, "Cumbria Constabulary")
	cv := cellValueRe.FindAllStringSubmatch(cumbria, -1)
	if len(cv) != 6 || cv[2][1] == "" || cv[3][1] == "" {
		t.Errorf("Cumbria has no residents or rate: %v", cv)
	}
	if n := strings.Count(page, "population.csv"); n != 1 {
		t.Errorf("the population's source is named %d times, want once", n)
	}
	// Every dash has an empty sort value, and every empty sort value is a dash or an unknown.
	for _, m := range regexp.MustCompile(`<td[^>]*data-value="([^"]*)">(.*?)</td>`).FindAllStringSubmatch(page, -1) {
		dash := strings.HasPrefix(m[2], "–") || strings.HasPrefix(m[2], `<span class="cm-missing">`)
		if dash != (m[1] == "") {
			t.Errorf("cell %q has sort value %q", m[2], m[1])
		}
	}
	if !strings.Contains(page, `<div class="cm-table-wrap" role="region" tabindex="0" aria-label="Police forces compared, 12 months`) {
		t.Error("the compare table does not scroll in a labelled, focusable region")
	}
}

package pages

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/i18n"
)

// mapInput is the rule tests' country with four months on the map:
// Cumbria did not publish December 2025, Dyfed-Powys published September
// 2025 in part and has no outcomes for November and December.
func mapInput(t *testing.T, l i18n.Lang) *Input {
	t.Helper()
	in := country(t)
	for m := crime.MakeMonth(2025, 9); m <= crime.MakeMonth(2025, 12); m++ {
		in.MapMonths = append(in.MapMonths, m)
	}
	in.Tiles = func(m crime.Month) string { return "tiles/crimes-" + m.String() + ".pmtiles" }
	in.Boundaries, in.Catchments = "tiles/boundaries.pmtiles", "tiles/catchments.pmtiles"
	in.CatchmentsBoxed = []string{"Dyfed-Powys Police"}
	if l != i18n.English {
		in = inLang(in, l)
	}
	return in
}

// renderMap renders the map page with its language's templates.
func renderMap(t *testing.T, in *Input) (MapPage, string) {
	t.Helper()
	p := mapPage(in)
	var b bytes.Buffer
	if err := in.loc.set["map"].ExecuteTemplate(&b, "base", p); err != nil {
		t.Fatal(err)
	}
	return p, b.String()
}

// TestMapPageEnglish checks the sentences the map page writes in Go, as
// the browser tests read them.
func TestMapPageEnglish(t *testing.T) {
	p, page := renderMap(t, mapInput(t, i18n.English))
	dec := p.Months[0]
	if dec.Label != "December 2025 (incomplete for 2 forces)" || dec.Name != "December 2025" {
		t.Errorf("December: %q, %q", dec.Label, dec.Name)
	}
	if !regexp.MustCompile(`^Not on the map: ([\d,]+) of the ([\d,]+) crimes? in .+ ha(?:s|ve) no location\.$`).MatchString(dec.Unmapped) {
		t.Errorf("unmapped %q", dec.Unmapped)
	}
	if want := `[{"force":"cumbria","text":"Cumbria Constabulary did not publish December 2025"}]`; dec.Gaps != want {
		t.Errorf("gaps %s, want %s", dec.Gaps, want)
	}
	if want := `[{"force":"dyfed-powys","text":"Dyfed-Powys Police published only part of September 2025: far fewer crimes than usual"}]`; p.Months[3].Gaps != want {
		t.Errorf("September's gaps %s", p.Months[3].Gaps)
	}
	for _, want := range []string{
		`<h1 class="govuk-heading-l" id="map-heading">Crime map</h1>`,
		`Locations are approximate: see <a class="govuk-link" href="../faq/">what the dots mean</a>.`,
		`Dyfed-Powys Police published no boundary, so there the areas stop at a box around its snap points.`,
		`<td class="govuk-table__cell">Cumbria Constabulary: not published; Dyfed-Powys Police: no outcomes yet</td>`,
		`<span id="map-categories-summary">all 14</span>`,
		`data-root="../" data-home="../"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the map page lacks %s", want)
		}
	}
}

// TestMapPageWelsh checks the Welsh map page: every word of it Welsh, its
// links to pages under cy/ and to files at the root, and its names and
// messages for the scripts in Welsh.
func TestMapPageWelsh(t *testing.T) {
	in := mapInput(t, i18n.Welsh)
	p, page := renderMap(t, in)
	if p.Path != "cy/map/index.html" || p.Root != "../../" || p.Home != "../../cy/" {
		t.Fatalf("path %q root %q home %q", p.Path, p.Root, p.Home)
	}
	dec := p.Months[0]
	for _, c := range []struct{ got, want string }{
		{dec.Name, "Rhagfyr 2025"},
		{dec.Label, "Rhagfyr 2025 (anghyflawn ar gyfer 2 heddlu)"},
		{p.Months[3].Label, "Medi 2025 (anghyflawn ar gyfer 1 heddlu)"},
		{dec.Gaps, `[{"force":"cumbria","text":"Ni chyhoeddodd Cumbria Constabulary ffigurau ar gyfer Rhagfyr 2025"}]`},
		{p.Months[3].Gaps, `[{"force":"dyfed-powys","text":"Dim ond rhan o ffigurau Medi 2025 a gyhoeddodd Heddlu Dyfed-Powys: llawer llai o droseddau nag arfer"}]`},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if !strings.HasPrefix(dec.Unmapped, "Ddim ar y map: nid oes lleoliad gan 1 o'r ") || !strings.Contains(dec.Unmapped, " ym mis Rhagfyr 2025 (") {
		t.Errorf("unmapped %q", dec.Unmapped)
	}
	for _, want := range []string{
		`<html lang="cy"`,
		`<h1 class="govuk-heading-l" id="map-heading">Map troseddau</h1>`,
		`gweler <a class="govuk-link" href="../../cy/faq/">beth mae&#39;r dotiau&#39;n ei olygu</a>.`,
		`<a class="govuk-link" href="../../cy/forces/">Heddluoedd</a>, pob un gyda&#39;i gymdogaethau`,
		`action="../../cy/search/"`,
		`Ni chyhoeddodd Heddlu Dyfed-Powys ffin`,
		`<td class="govuk-table__cell">Cumbria Constabulary: heb ei gyhoeddi; Heddlu Dyfed-Powys: dim canlyniadau eto</td>`,
		`<span id="map-categories-summary">y 14 i gyd</span>`,
		`for="cat-burglary">Bwrgleriaeth</label>`,
		`data-boundaries="tiles/boundaries.pmtiles"`,
		`data-root="../../" data-home="../../cy/"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the Welsh map page lacks %s", want)
		}
	}

	// The names the scripts show, in Welsh.
	var names struct{ Categories, Outcomes map[string]string }
	if err := json.Unmarshal([]byte(p.Names), &names); err != nil {
		t.Fatal(err)
	}
	if names.Categories["burglary"] != "Bwrgleriaeth" || names.Categories["public-disorder-weapons"] != "Anhrefn cyhoeddus ac arfau" ||
		names.Outcomes["under-investigation"] != "Yn destun ymchwiliad" || len(names.Categories) != len(crime.Categories()) ||
		len(names.Outcomes) != len(crime.Outcomes())-1 {
		t.Errorf("names %v", names)
	}

	// The scripts' messages, in Welsh, as the page carries them.
	js, err := p.ScriptMessages()
	if err != nil {
		t.Fatal(err)
	}
	var script struct {
		Lang     string
		Messages map[string]any
	}
	if err := json.Unmarshal([]byte(js), &script); err != nil {
		t.Fatal(err)
	}
	if script.Lang != "cy" || script.Messages["js.map.popup.close"] != "Cau" {
		t.Errorf("script messages: %v", script)
	}

	// No English sentence of the map's catalogue is left on the page.
	cat, err := testCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	// Their own Messages, as these lookups lack the placeholders' values.
	en, cy := cat.For(i18n.English), cat.For(i18n.Welsh)
	visible := pageText(t, page)
	for _, key := range cat.Keys() {
		if !strings.HasPrefix(key, "map.") {
			continue
		}
		for _, part := range strings.Split(en.T(key, "link", "\x00", "forces", "\x00", "force", "\x00", "month", "\x00",
			"status", "\x00", "crimes", "\x00", "share", "\x00", "n", 2), "\x00") {
			if part = strings.TrimSpace(part); len(part) > 3 && !strings.Contains(cy.T(key, "n", 2), part) && strings.Contains(visible, part) {
				t.Errorf("the Welsh map page has the English %q (%s)", part, key)
			}
		}
	}
	if probs := in.msgs().Problems(); len(probs) > 0 {
		t.Errorf("Welsh messages missing: %v", probs)
	}
}

// pageText is a page's text and the attributes people read, unescaped,
// but for the scripts' messages, which are checked on their own.
func pageText(t *testing.T, page string) string {
	t.Helper()
	root, err := nethtml.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(*nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode && n.Data == "script" {
			return
		}
		if n.Type == nethtml.TextNode {
			b.WriteString(n.Data + "\n")
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "aria-label", "title", "alt", "placeholder", "content":
				b.WriteString(a.Val + "\n")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return b.String()
}

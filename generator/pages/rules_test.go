package pages

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/reference"
)

// hostile is a neighbourhood name with every character HTML escapes; it
// does not start with a letter, so the A–Z lists it under 0–9.
const hostile = `<b>Platform</b> & "Rail's"`

// country is the fixture of the page-rule tests: 24 months, 2024-01 to
// 2025-12, so an area's 12 months are 2025 and its year before 2024.
//   - avon-and-somerset: every month complete, 50 located crimes (10 in each of its five
//     neighbourhoods) and 1 with no location; 60,000 residents.
//   - btp: British Transport Police, complete, with residents, which it
//     must not be given a rate for.
//   - cumbria: did not publish December 2025, the latest month.
//   - dyfed-powys: September 2025 far below its usual 30 crimes; no outcomes
//     yet for November and December 2025.
//   - wiltshire: starts in April 2025 with 1 crime a month (9 in the 12), and
//     its name sorts first though its slug sorts last.
func country(t *testing.T) *Input {
	t.Helper()
	fx := fixture{first: crime.MakeMonth(2024, 1), forces: []fixForce{
		{slug: "avon-and-somerset", name: "Avon and Somerset Constabulary", nbhds: []string{"Zeta Park", "Ashby", "Église Street", "Elm", "123 Road"},
			crimes: steady(24, 50), unlocated: 1},
		{slug: "btp", name: "British Transport Police", nbhds: []string{hostile}, crimes: steady(24, 20)},
		{slug: "cumbria", name: "Cumbria Constabulary", nbhds: []string{"Carlisle"}, crimes: with(steady(24, 20), 23, noStreetFile)},
		{slug: "dyfed-powys", name: "Dyfed-Powys Police", nbhds: []string{"aberystwyth"}, crimes: with(steady(24, 30), 20, 2),
			noOutcomes: []int{22, 23}},
		{slug: "wiltshire", name: "Aardvark Police", crimes: append(slices.Repeat([]int{noStreetFile}, 15), steady(9, 1)...)},
	}, people: map[string]int{
		"avon-and-somerset": 60_000, "avon-and-somerset/Ashby": 2_000, "avon-and-somerset/Église Street": 500, "avon-and-somerset/Elm": 3_000, "avon-and-somerset/123 Road": 4_000,
		"btp": 100_000, "btp/" + hostile: 5_000, "cumbria": 100_000, "cumbria/Carlisle": 100_000,
		"dyfed-powys": 100_000, "dyfed-powys/aberystwyth": 100_000, "wiltshire": 100_000,
	}}
	return fx.input(t)
}

// forceDoc renders a force's page and parses it.
func forceDoc(t *testing.T, in *Input, slug string) (string, doc) {
	t.Helper()
	s := render(t, "area", forcePage(in, mustForce(t, in, slug)))
	return s, parseDoc(t, s)
}

// nbhdDoc renders a neighbourhood's page and parses it.
func nbhdDoc(t *testing.T, in *Input, slug, name string) (string, doc) {
	t.Helper()
	s := render(t, "area", neighbourhoodPage(in, mustForce(t, in, slug), nbhdID(t, in, slug, name)))
	return s, parseDoc(t, s)
}

// figures are the lines of an area page's headline figures.
func (d doc) figures(t *testing.T) []string {
	t.Helper()
	uls := d.all(func(n *html.Node) bool { return n.Data == "ul" && attr(n, "class") == "cm-figures" })
	if len(uls) != 1 {
		t.Fatalf("%d lists of figures", len(uls))
	}
	return texts(d.all(func(n *html.Node) bool { return n.Data == "li" && n.Parent == uls[0] }))
}

// table is the table whose caption starts with caption: its rows' cells'
// texts, the header row first.
func (d doc) table(t *testing.T, caption string) [][]string {
	t.Helper()
	for _, tb := range d.all(tag("table")) {
		cs := (doc{tb}).all(tag("caption"))
		if len(cs) == 0 || !strings.HasPrefix(text(cs[0]), caption) {
			continue
		}
		var rows [][]string
		for _, tr := range (doc{tb}).all(tag("tr")) {
			rows = append(rows, texts((doc{tr}).all(func(n *html.Node) bool { return n.Data == "td" || n.Data == "th" })))
		}
		return rows
	}
	t.Fatalf("no table %q", caption)
	return nil
}

// TestRateRules checks, on rendered pages, when an area gets a rate per
// 1,000 residents, and that a withheld rate says why and gives no figure.
func TestRateRules(t *testing.T) {
	in := country(t)
	const rateLine = "crimes per 1,000 residents in the 12 months"
	for _, c := range []struct {
		name, force, nbhd string
		rate              string // the figure line, "" when withheld
		why               string // the reason given under "About these figures"
	}{
		// 12 months × (50 + 1) crimes = 612; 612 / 60,000 × 1,000 = 10.2.
		{name: "a force", force: "avon-and-somerset",
			rate: "10.2 " + rateLine + " (population used: 60,000 residents, from the census populations of its LSOAs (reference population.csv))"},
		// 12 × 10 = 120 crimes; 120 / 2,000 × 1,000 = 60.0.
		{name: "a neighbourhood", force: "avon-and-somerset", nbhd: "Ashby",
			rate: "60.0 " + rateLine + " (population used: 2,000 residents, from the neighbourhood details the force publishes (reference neighbourhood files))"},
		{name: "unknown population", force: "avon-and-somerset", nbhd: "Zeta Park", why: "the population of this area is not known"},
		{name: "too few residents", force: "avon-and-somerset", nbhd: "Église Street", why: "500 residents are too few for a rate to mean much"},
		{name: "railway force", force: "btp", why: "British Transport Police polices the railways, not an area where people live"},
		{name: "railway neighbourhood", force: "btp", nbhd: hostile, why: "British Transport Police polices the railways"},
		{name: "latest month not published", force: "cumbria", why: "some months of the 12 were not published"},
		{name: "a month far below usual", force: "dyfed-powys", why: "a month of the 12 is far below the force's usual level"},
		{name: "few crimes", force: "wiltshire", why: "fewer than 10 crimes were recorded"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var page string
			var d doc
			if c.nbhd == "" {
				page, d = forceDoc(t, in, c.force)
			} else {
				page, d = nbhdDoc(t, in, c.force, c.nbhd)
			}
			figs := strings.Join(d.figures(t), "\n")
			if c.rate != "" {
				if !strings.Contains(figs, c.rate) {
					t.Errorf("figures %q, want %q", figs, c.rate)
				}
				if strings.Contains(page, "No rate per 1,000 residents") {
					t.Error("a rate and a reason for none")
				}
				return
			}
			if strings.Contains(figs, rateLine) {
				t.Errorf("a withheld rate in the figures: %q", figs)
			}
			if about := d.section(t, "about-figures"); !strings.Contains(about, "No rate per 1,000 residents is given: "+c.why) {
				t.Errorf("about these figures: %q, want %q", about, c.why)
			}
			// The reader is pointed from the figures to the reason.
			if a := d.all(func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "#about-figures" }); len(a) != 1 {
				t.Errorf("%d links to the reason", len(a))
			}
		})
	}
}

// TestNotPublished checks how a page shows a latest month its force did
// not publish: as not published everywhere, never as 0.
func TestNotPublished(t *testing.T) {
	in := country(t)
	page, d := forceDoc(t, in, "cumbria")
	figs := d.figures(t)
	// 11 published months of 20 crimes.
	for _, want := range []string{"– crimes in December 2025 (not published)",
		"220 crimes in the 12 months January 2025 to December 2025 (1 of the months not published), of which 0 (0.0%) have no location and are not on the map"} {
		if !slices.Contains(figs, want) {
			t.Errorf("figures %q, want %q", figs, want)
		}
	}
	if strings.Contains(page, "0 crimes in December 2025") {
		t.Error("the month not published is shown as 0")
	}
	warn := d.all(func(n *html.Node) bool { return attr(n, "class") == "govuk-warning-text__text" })
	if len(warn) != 1 || !strings.Contains(text(warn[0]), "No data was published for December 2025.") {
		t.Errorf("warning %q", texts(warn))
	}
	rows := d.table(t, "Crimes by category, Cumbria Constabulary")
	if rows[0][1] != "December 2025" {
		t.Errorf("heading %q", rows[0])
	}
	for _, r := range rows[1:] {
		if r[1] != "not published" {
			t.Errorf("category row %q: the latest month should read not published", r)
		}
	}
	nb := d.table(t, "Crimes by neighbourhood")
	if want := []string{"Carlisle", "not published", "220"}; !slices.Equal(nb[1], want) {
		t.Errorf("neighbourhood row %q, want %q", nb[1], want)
	}
	if about := d.section(t, "about-figures"); !strings.Contains(about,
		"No change on a year earlier is given: the 12 months January 2025 to December 2025 are not complete.") {
		t.Errorf("about these figures: %q", about)
	}
	// The neighbourhood's page says the same of the month.
	_, nd := nbhdDoc(t, in, "cumbria", "Carlisle")
	if figs := nd.figures(t); figs[0] != "– crimes in December 2025 (not published)" {
		t.Errorf("neighbourhood figures %q", figs)
	}
}

// TestIncompleteMonths checks the markers of months a force published in
// part: a month far below usual, months without outcomes.
func TestIncompleteMonths(t *testing.T) {
	in := country(t)
	page, d := forceDoc(t, in, "dyfed-powys")
	if figs := d.figures(t); figs[0] != "30 crimes in December 2025 (incomplete: no outcomes yet), of which 0 (0.0%) have no location and are not on the map" {
		t.Errorf("latest figure %q", figs[0])
	}
	if rows := d.table(t, "Crimes by category, Dyfed-Powys Police"); rows[0][1] != "December 2025 (no outcomes yet)" {
		t.Errorf("category heading %q", rows[0])
	}
	var trend []string
	for _, r := range d.table(t, "Crimes each month, Dyfed-Powys Police") {
		if r[0] == "September 2025" {
			trend = r
		}
	}
	if want := []string{"September 2025", "2 (far below usual)", "incomplete: far below usual"}; !slices.Equal(trend, want) {
		t.Errorf("trend row %q, want %q", trend, want)
	}
	// The months are listed oldest first, each with every reason; the
	// months of 2024, all complete, are not.
	inc := d.byID("incomplete")
	if inc == nil {
		t.Fatal("no list of incomplete months")
	}
	var items []string
	for s := inc.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode && s.Data == "ul" {
			items = texts((doc{s}).all(tag("li")))
			break
		}
	}
	if len(items) != 3 || !strings.HasPrefix(items[0], "September 2025: far below usual: 2 crimes, under half the usual 30 (the median of the force's published months in the 12 before it)") ||
		!strings.HasPrefix(items[1], "November 2025: no outcomes yet:") || !strings.HasPrefix(items[2], "December 2025: no outcomes yet:") {
		t.Errorf("incomplete months %q", items)
	}
	if !strings.Contains(page, "the force has published no outcomes yet for November 2025, December 2025, so") {
		t.Error("no note on the outcomes")
	}
	if len(d.all(func(n *html.Node) bool { return attr(n, "class") == "govuk-warning-text__text" })) != 0 {
		t.Error("a warning of months not published, with none")
	}
	// A neighbourhood's page says its months come from the force's files.
	_, nd := nbhdDoc(t, in, "dyfed-powys", "aberystwyth")
	if about := nd.section(t, "about-figures"); !strings.Contains(about, "These months' figures, which come from the force's files, cannot be taken at face value") {
		t.Errorf("neighbourhood's note %q", about)
	}
	// Months before a force's first file are not called missing: its
	// record had not begun.
	page, zd := forceDoc(t, in, "wiltshire")
	if strings.Contains(page, "No data was published for") {
		t.Error("months before the force's record are called not published")
	}
	if rows := zd.table(t, "Crimes each month, Aardvark Police"); len(rows) != 1+9 || rows[1][0] != "April 2025" {
		t.Errorf("trend from %q, %d rows", rows[1], len(rows)-1)
	}
	// The home page names the force missing in the latest month, and the
	// incomplete months of each.
	home := render(t, "home", homePage(in))
	for _, want := range []string{"No data was published for December 2025 by Cumbria Constabulary;",
		"<strong>Dyfed-Powys Police, September 2025:</strong> far below usual"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page: no %q", want)
		}
	}
}

// TestOrder checks the order of the lists: forces by name, the A–Z by
// letter without case or accents, 0–9 first, and categories in their
// fixed order, the retired one only with crimes.
func TestOrder(t *testing.T) {
	in := country(t)
	if in.Store.Forces[len(in.Store.Forces)-1].Slug != "wiltshire" {
		t.Fatal("the fixture's forces are not in the order of their slugs")
	}
	d := parseDoc(t, render(t, "forces", forceList(in)))
	var names []string
	for _, a := range d.all(tag("a")) {
		if strings.HasSuffix(attr(a, "href"), "/") && strings.Count(attr(a, "href"), "/") == 1 && attr(a, "href") != "../" {
			names = append(names, text(a))
		}
	}
	if want := []string{"Aardvark Police", "Avon and Somerset Constabulary", "British Transport Police",
		"Cumbria Constabulary", "Dyfed-Powys Police"}; !slices.Equal(names, want) {
		t.Errorf("forces %q, want %q", names, want)
	}

	letters := letterGroups(in)
	var heads []string
	for _, g := range letters {
		heads = append(heads, g.heading)
	}
	if want := []string{"0–9", "A", "C", "E", "Z"}; !slices.Equal(heads, want) {
		t.Fatalf("letters %q, want %q", heads, want)
	}
	for i, want := range map[int][]string{
		0: {"123 Road Avon and Somerset Constabulary", hostile + " British Transport Police"},
		1: {"aberystwyth Dyfed-Powys Police", "Ashby Avon and Somerset Constabulary"},
		3: {"Église Street Avon and Somerset Constabulary", "Elm Avon and Somerset Constabulary"},
	} {
		ld := parseDoc(t, render(t, "forces", letterPage(in, letters, i, 0)))
		var got []string
		for _, li := range ld.all(tag("li")) {
			// An entry is a link and its force; the menu's links have none.
			if a := (doc{li}).all(tag("a")); len(a) == 1 && len((doc{li}).all(tag("span"))) == 1 {
				got = append(got, text(li))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("letter %s: %q, want %q", heads[i], got, want)
		}
	}

	_, ad := forceDoc(t, in, "avon-and-somerset")
	var cats []string
	for _, r := range ad.table(t, "Crimes by category, Avon")[1:] {
		cats = append(cats, r[0])
	}
	var want []string
	for _, c := range crime.Categories() {
		if !c.Info().Retired {
			want = append(want, c.String())
		}
	}
	if want = append(want, "All"); !slices.Equal(cats, want) {
		t.Errorf("categories %q, want %q", cats, want)
	}
	// Each neighbourhood once, with its own 12 months: 10 crimes a month.
	nb := ad.table(t, "Crimes by neighbourhood")[1:]
	if len(nb) != 5 {
		t.Errorf("%d neighbourhoods", len(nb))
	}
	for _, r := range nb {
		if r[1] != "10" || r[2] != "120" {
			t.Errorf("neighbourhood row %q", r)
		}
	}
}

// TestCompareRules checks the compare page's rules by force: a dash for
// what cannot be given fairly, and why.
func TestCompareRules(t *testing.T) {
	in := country(t)
	s := render(t, "compare", comparePage(in))
	d := parseDoc(t, s)
	rows := map[string][]string{}
	var order []string
	for _, r := range d.table(t, "Police forces")[1:] {
		rows[r[0]] = r
		order = append(order, r[0])
	}
	// Columns: force, crimes, no location, residents, rate, change, charged.
	for name, want := range map[string][]string{
		// 612 crimes, 12 with no location; both years 612, so no change;
		// none charged of the 12 × 40 crimes that can have an outcome.
		"Avon and Somerset Constabulary": {"612", "12 (2.0%)", "60,000", "10.2", "0.0%", "0.0%"},
		"British Transport Police":       {"240", "0 (0.0%)", "none: polices transport", "–", "0.0%", "0.0%"},
		"Cumbria Constabulary":           {"220 (incomplete)", "0 (0.0%)", "100,000", "–", "–", "0.0%"},
		"Dyfed-Powys Police":             {"332 (incomplete)", "0 (0.0%)", "100,000", "–", "–", "0.0% (outcomes incomplete)"},
		// 9 crimes, all anti-social behaviour, which has no outcome.
		"Aardvark Police": {"9 (incomplete)", "0 (0.0%)", "100,000", "–", "–", "–"},
	} {
		if got := rows[name]; !slices.Equal(got[1:], want) {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	// A dash sorts last: it has no sort value.
	for _, td := range d.all(tag("td")) {
		if text(td) == "–" && attr(td, "data-value") != "" {
			t.Errorf("a dash with sort value %q", attr(td, "data-value"))
		}
	}
	if tr := d.byID("transport-forces"); tr == nil || !strings.HasPrefix(text(tr), "British Transport Police polices the railways") ||
		!strings.Contains(text(tr), "With no residents of its own, it has no rate") {
		t.Errorf("transport note missing or wrong")
	}
	if body := text(d.root); !strings.Contains(body, "Residents are the census populations of the force's LSOAs") || strings.Contains(body, "Residents of ") {
		t.Error("the population's one source not said once for all")
	}
	if len(order) != len(in.Store.Forces) {
		t.Errorf("%d rows for %d forces", len(order), len(in.Store.Forces))
	}
}

// TestNeighbourhoodPage checks what only a neighbourhood's page has: its
// name escaped once, its team from the details, the note on crimes no
// neighbourhood can hold.
func TestNeighbourhoodPage(t *testing.T) {
	in := country(t)
	in.Details = map[string]*reference.Details{"avon-and-somerset/Ashby": {
		Description: "<p>A <script>x()</script>quiet place</p>",
		People:      []reference.Person{{Name: "PC <Ann>", Rank: "Constable", Bio: "<b>Walks</b>"}},
		Priorities:  []reference.Priority{{Issue: "Parking", IssueDate: "2025-03-04T00:00:00", Action: "Patrols"}},
		Events:      []reference.Event{{Title: "Surgery", StartDate: "2025-05-06T18:30:00", Address: "Hall"}},
		ContactDetails: reference.Contacts{"telephone": "0123 456", "email": "team@example.org",
			"web": "javascript:alert(1)", "twitter": "https://x.example/ashby"},
	}}
	page, d := nbhdDoc(t, in, "avon-and-somerset", "Ashby")
	// One crime a month with no location: 12 in the 12 months.
	if about := d.section(t, "about-figures"); !strings.Contains(about,
		"Crimes with no location cannot be placed in a neighbourhood or on the map: 12 of Avon and Somerset Constabulary's crimes in the 12 months had none, and count in the force's figures only.") {
		t.Errorf("unmapped note %q", about)
	}
	for _, want := range []string{`<a class="govuk-link" href="tel:0123456">0123 456</a>`, `href="mailto:team@example.org"`,
		`href="https://x.example/ashby" rel="noopener noreferrer"`, "PC &lt;Ann&gt;", "<b>Walks</b>",
		"Issue (raised 4 March 2025)", "Tuesday 6 May 2025, 6:30pm, Hall", `<a class="govuk-link" href="#team">`} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s", want)
		}
	}
	for _, not := range []string{"<script>", `href="javascript:`, "PC <Ann>"} {
		if strings.Contains(page, not) {
			t.Errorf("page has %s", not)
		}
	}
	page, d = nbhdDoc(t, in, "btp", hostile)
	if strings.Contains(page, "<b>Platform") || strings.Contains(page, "&amp;amp;") {
		t.Error("the name is not escaped once")
	}
	if h := d.all(tag("h1")); len(h) != 1 || text(h[0]) != hostile {
		t.Errorf("heading %q", texts(h))
	}
}

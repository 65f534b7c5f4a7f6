package pages

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/crimemap/crimemap/content/messages"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/i18n"
	"github.com/crimemap/crimemap/generator/markdown"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/reference"
)

// The Welsh tests build the pages of area.json's messages (the area,
// home, compare, list and content pages) in Welsh, as Render gives them
// to the pages of /cy/, and check their words, names, months and plurals.

// headings are the texts of a page's h1 to h4.
func (d doc) headings() []string {
	return texts(d.all(func(n *html.Node) bool {
		return len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '4'
	}))
}

// TestWelshAreaPage checks a force's page in Welsh: its headings, the
// force's Welsh name, category and month names in Welsh, the month flags,
// and its links to pages under /cy/.
func TestWelshAreaPage(t *testing.T) {
	cy := inLang(country(t), i18n.Welsh)
	page := renderIn(t, cy, "area", forcePage(cy, mustForce(t, cy, "dyfed-powys")))
	d := parseDoc(t, page)
	if h := d.all(tag("html")); len(h) != 1 || attr(h[0], "lang") != "cy" {
		t.Errorf("lang %q", attr(h[0], "lang"))
	}
	heads := d.headings()
	for _, want := range []string{"Heddlu Dyfed-Powys", "Cynnwys", "Troseddau fesul categori", "Am y ffigurau hyn", "Misoedd anghyflawn",
		"Troseddau fis wrth fis", "Canlyniadau", "Stopio a chwilio", "Cymdogaethau"} {
		if !slices.Contains(heads, want) {
			t.Errorf("no heading %q in %q", want, heads)
		}
	}
	figs := d.figures(t)
	if want := "30 trosedd ym mis Rhagfyr 2025 (anghyflawn: dim canlyniadau eto)"; !strings.HasPrefix(figs[0], want) {
		t.Errorf("latest figure %q, want %q", figs[0], want)
	}
	if want := "332 trosedd yn y 12 mis o fis Ionawr 2025 i fis Rhagfyr 2025"; !strings.HasPrefix(figs[1], want) {
		t.Errorf("year figure %q, want %q", figs[1], want)
	}
	cats := d.table(t, "Troseddau fesul categori, Heddlu Dyfed-Powys")
	if want := []string{"Categori", "Rhagfyr 2025 (dim canlyniadau eto)", "12 mis"}; !slices.Equal(cats[0], want) {
		t.Errorf("category heading %q, want %q", cats[0], want)
	}
	var names []string
	for _, r := range cats[1:] {
		names = append(names, r[0])
	}
	for _, want := range []string{"Ymddygiad gwrthgymdeithasol", "Bwrgleriaeth", "Cyffuriau", "Lladrata", "Y cyfan"} {
		if !slices.Contains(names, want) {
			t.Errorf("no category %q in %q", want, names)
		}
	}
	var sept []string
	for _, r := range d.table(t, "Troseddau bob mis, Heddlu Dyfed-Powys") {
		if r[0] == "Medi 2025" {
			sept = r
		}
	}
	if want := []string{"Medi 2025", "2 (ymhell islaw’r arfer)", "anghyflawn: ymhell islaw’r arfer"}; !slices.Equal(sept, want) {
		t.Errorf("trend row %q, want %q", sept, want)
	}
	if !strings.Contains(text(d.root), "nid yw’r heddlu wedi cyhoeddi unrhyw ganlyniadau eto ar gyfer Tachwedd 2025, Rhagfyr 2025, felly") {
		t.Error("no Welsh note on the outcomes")
	}
	outcomes := d.table(t, "Canlyniadau diweddaraf, 12 mis o fis Ionawr 2025 i fis Rhagfyr 2025, Heddlu Dyfed-Powys")
	if outcomes[1][0] != "Dim canlyniad wedi'i gofnodi" {
		t.Errorf("outcome row %q", outcomes[1])
	}
	if nb := d.table(t, "Troseddau fesul cymdogaeth"); !slices.Equal(nb[0], []string{"Cymdogaeth", "Rhagfyr 2025", "12 mis"}) {
		t.Errorf("neighbourhoods' heading %q", nb[0])
	}
	// The page is cy/forces/dyfed-powys/: the trail leads to the Welsh
	// pages, the stylesheet to the one copy at the root.
	for _, want := range []string{`href="../../../cy/forces/"`, `href="../../../cy/"`, `href="../../../assets/site.css"`} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s", want)
		}
	}
	// A Welsh force's name is Welsh on the other pages too.
	_, ad := func() (string, doc) {
		s := renderIn(t, cy, "area", neighbourhoodPage(cy, mustForce(t, cy, "dyfed-powys"), nbhdID(t, cy, "dyfed-powys", "aberystwyth")))
		return s, parseDoc(t, s)
	}()
	if c := ad.all(func(n *html.Node) bool { return attr(n, "class") == "govuk-caption-l" }); len(c) != 1 || text(c[0]) != "Cymdogaeth yn ardal Heddlu Dyfed-Powys" {
		t.Errorf("caption %q", texts(c))
	}
	if about := ad.section(t, "about-figures"); !strings.Contains(about, "Ni ellir derbyn ffigurau’r misoedd hyn, sy’n dod o ffeiliau’r heddlu, fel y maent.") {
		t.Errorf("neighbourhood's note %q", about)
	}
}

// TestWelshRateReasons checks that each reason for withholding a rate is
// said in Welsh.
func TestWelshRateReasons(t *testing.T) {
	cy := inLang(country(t), i18n.Welsh)
	for _, c := range []struct{ force, nbhd, why string }{
		{"avon-and-somerset", "Zeta Park", "nid yw poblogaeth yr ardal hon yn hysbys"},
		{"avon-and-somerset", "Église Street", "mae 500 o drigolion yn rhy ychydig"},
		{"btp", "", "mae Heddlu Trafnidiaeth Prydain yn plismona’r rheilffyrdd"},
		{"cumbria", "", "ni chyhoeddwyd rhai o’r 12 mis"},
		{"dyfed-powys", "", "mae un o’r 12 mis ymhell islaw lefel arferol yr heddlu"},
		{"wiltshire", "", "cofnodwyd llai na 10 trosedd"},
	} {
		var p *AreaPage
		if c.nbhd == "" {
			p = forcePage(cy, mustForce(t, cy, c.force))
		} else {
			p = neighbourhoodPage(cy, mustForce(t, cy, c.force), nbhdID(t, cy, c.force, c.nbhd))
		}
		d := parseDoc(t, renderIn(t, cy, "area", p))
		if about := d.section(t, "about-figures"); !strings.Contains(about, "Ni roddir cyfradd fesul 1,000 o drigolion: "+c.why) {
			t.Errorf("%s %s: %q, want %q", c.force, c.nbhd, about, c.why)
		}
	}
	p := forcePage(cy, mustForce(t, cy, "avon-and-somerset"))
	figs := strings.Join(parseDoc(t, renderIn(t, cy, "area", p)).figures(t), "\n")
	if want := "10.2 trosedd fesul 1,000 o drigolion yn y 12 mis (y boblogaeth a ddefnyddiwyd: 60,000 o drigolion"; !strings.Contains(figs, want) {
		t.Errorf("figures %q, want %q", figs, want)
	}
}

// TestWelshPlurals checks the counts of crimes on area pages in both
// languages for each of Welsh's plural forms: 0, 1, 2, 3, 6 and 20 crimes
// in the latest month.
func TestWelshPlurals(t *testing.T) {
	fx := fixture{first: crime.MakeMonth(2024, 1), forces: []fixForce{
		// One crime a month shared between two neighbourhoods: Zero has
		// none.
		{slug: "gwent", name: "Gwent Police", nbhds: []string{"One", "Zero"}, crimes: steady(24, 1)},
		{slug: "north-wales", name: "North Wales Police", crimes: steady(24, 2)},
		{slug: "south-wales", name: "South Wales Police", crimes: steady(24, 3)},
		{slug: "kent", name: "Kent Police", crimes: steady(24, 6)},
		{slug: "essex", name: "Essex Police", crimes: steady(24, 20)},
	}}
	en := fx.input(t)
	cy := inLang(fx.input(t), i18n.Welsh)
	latest := func(in *Input, p *AreaPage) string {
		return parseDoc(t, renderIn(t, in, "area", p)).figures(t)[0]
	}
	for _, c := range []struct {
		force, nbhd string
		en, cy      string
	}{
		{"gwent", "Zero", "0 crimes in December 2025", "0 troseddau ym mis Rhagfyr 2025"},
		{"gwent", "One", "1 crime in December 2025", "1 drosedd ym mis Rhagfyr 2025"},
		{"north-wales", "", "2 crimes in December 2025", "2 drosedd ym mis Rhagfyr 2025"},
		{"south-wales", "", "3 crimes in December 2025", "3 trosedd ym mis Rhagfyr 2025"},
		{"kent", "", "6 crimes in December 2025", "6 throsedd ym mis Rhagfyr 2025"},
		{"essex", "", "20 crimes in December 2025", "20 trosedd ym mis Rhagfyr 2025"},
	} {
		for _, l := range []struct {
			in   *Input
			want string
		}{{en, c.en}, {cy, c.cy}} {
			var p *AreaPage
			if c.nbhd == "" {
				p = forcePage(l.in, mustForce(t, l.in, c.force))
			} else {
				p = neighbourhoodPage(l.in, mustForce(t, l.in, c.force), nbhdID(t, l.in, c.force, c.nbhd))
			}
			if got := latest(l.in, p); !strings.HasPrefix(got, l.want) {
				t.Errorf("%s %s: %q, want %q", c.force, c.nbhd, got, l.want)
			}
		}
	}
	// The home page counts the country's crimes and forces the same way:
	// 32 crimes in the latest month, in 5 forces.
	home := parseDoc(t, renderIn(t, cy, "home", homePage(cy)))
	if want := []string{"32 o droseddau a digwyddiadau o ymddygiad gwrthgymdeithasol ym mis Rhagfyr 2025",
		"2 gymdogaeth mewn 5 heddlu, pob un â thudalen o’i ffigurau"}; !strings.HasPrefix(home.figures(t)[0], want[0]) ||
		home.figures(t)[2] != want[1] {
		t.Errorf("home figures %q, want %q", home.figures(t), want)
	}
}

// TestWelshTeam checks a neighbourhood team's dates, times and labels in
// Welsh.
func TestWelshTeam(t *testing.T) {
	in := country(t)
	in.Details = map[string]*reference.Details{"avon-and-somerset/Ashby": {
		Priorities:     []reference.Priority{{Issue: "Parking", IssueDate: "2025-03-04T00:00:00", Action: "Patrols", ActionDate: "2025-04-01"}},
		Events:         []reference.Event{{Title: "Surgery", StartDate: "2025-05-06T18:30:00", Address: "Hall"}},
		ContactDetails: reference.Contacts{"telephone": "0123 456", "email": "team@example.org", "twitter": "https://x.example/ashby"},
	}}
	cy := inLang(in, i18n.Welsh)
	page := renderIn(t, cy, "area", neighbourhoodPage(cy, mustForce(t, cy, "avon-and-somerset"), nbhdID(t, cy, "avon-and-somerset", "Ashby")))
	for _, want := range []string{"Mater (codwyd 4 Mawrth 2025)", "Camau (1 Ebrill 2025)", "Dydd Mawrth 6 Mai 2025, 6:30yp, Hall",
		">Ffôn<", ">E-bost<", ">X (Twitter)<", ">Blaenoriaethau</h2>", ">Cysylltu â’r tîm</h2>"} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s", want)
		}
	}
}

// TestWelshListsAndCompare checks the lists, the compare page and a
// content page in Welsh.
func TestWelshListsAndCompare(t *testing.T) {
	cy := inLang(country(t), i18n.Welsh)
	letters := letterGroups(cy)
	ld := parseDoc(t, renderIn(t, cy, "forces", letterPage(cy, letters, 1, 0)))
	if h := ld.all(tag("h1")); len(h) != 1 || text(h[0]) != "Cymdogaethau: A" {
		t.Errorf("letter page's heading %q", texts(h))
	}
	var entries []string
	for _, li := range ld.all(tag("li")) {
		if a := (doc{li}).all(tag("a")); len(a) == 1 && len((doc{li}).all(tag("span"))) == 1 {
			entries = append(entries, text(li))
		}
	}
	if want := []string{"aberystwyth Heddlu Dyfed-Powys", "Ashby Avon and Somerset Constabulary"}; !slices.Equal(entries, want) {
		t.Errorf("letter A %q, want %q", entries, want)
	}
	if nav := ld.all(func(n *html.Node) bool {
		return n.Data == "nav" && attr(n, "aria-label") == "Cymdogaethau yn ôl y llythyren gyntaf"
	}); len(nav) != 1 {
		t.Error("no Welsh label on the letters")
	}
	idx := parseDoc(t, renderIn(t, cy, "forces", neighbourhoodIndex(cy, letters)))
	if body := text(idx.root); !strings.Contains(body, "Cymdogaethau o A i Z") || !strings.Contains(body, "1 gymdogaeth") || !strings.Contains(body, "2 gymdogaeth") {
		t.Errorf("A–Z index %q", body)
	}

	fd := parseDoc(t, renderIn(t, cy, "forces", forceList(cy)))
	if h := fd.all(tag("h1")); len(h) != 1 || text(h[0]) != "Heddluoedd" {
		t.Errorf("forces' heading %q", texts(h))
	}

	cd := parseDoc(t, renderIn(t, cy, "compare", comparePage(cy)))
	rows := cd.table(t, "Heddluoedd, 12 mis o fis Ionawr 2025 i fis Rhagfyr 2025")
	if want := []string{"Heddlu", "Troseddau", "Dim lleoliad, nid ar y map", "Trigolion", "Fesul 1,000 o drigolion",
		"Newid ers blwyddyn yn gynharach", "Cyhuddo neu i’r llys"}; !slices.Equal(rows[0], want) {
		t.Errorf("compare heading %q, want %q", rows[0], want)
	}
	byName := map[string][]string{}
	for _, r := range rows[1:] {
		byName[r[0]] = r
	}
	if r := byName["Heddlu Dyfed-Powys"]; len(r) < 7 || r[1] != "332 (anghyflawn)" || r[6] != "0.0% (canlyniadau’n anghyflawn)" {
		t.Errorf("Dyfed-Powys row %q", r)
	}
	if r := byName["Heddlu Trafnidiaeth Prydain"]; len(r) < 4 || r[3] != "dim: yn plismona trafnidiaeth" {
		t.Errorf("BTP row %q", r)
	}
	if tr := cd.byID("transport-forces"); tr == nil || !strings.HasPrefix(text(tr), "Mae Heddlu Trafnidiaeth Prydain yn plismona’r rheilffyrdd") ||
		!strings.Contains(text(tr), "Heb drigolion ei hun, nid oes ganddo gyfradd") {
		t.Error("no Welsh note on the transport force")
	}

	c := contentPage(cy, &markdown.Page{Title: "Cwestiynau", Slug: "faq", Updated: "2024-03-31"})
	if page := renderIn(t, cy, "content", c); !strings.Contains(page, "Diweddarwyd ddiwethaf ar 31 Mawrth 2024") {
		t.Error("no Welsh date on the content page")
	}
}

// TestNoEnglishInWelshPages renders the fixture's whole site and reads
// every Welsh page made from area.json's messages: none may hold a run of
// words from that file's English, which would mean a message not looked
// up in the page's language.
func TestNoEnglishInWelshPages(t *testing.T) {
	phrases := englishPhrases(t)
	in := country(t)
	dir := t.TempDir()
	st, err := Render(in, output.New(dir))
	if err != nil {
		t.Fatal(err)
	}
	// Every message these pages ask for is in both languages.
	for _, p := range st.Problems {
		for _, prefix := range []string{"area.", "list.", "home.", "compare.", "content."} {
			if strings.HasPrefix(p.Key, prefix) {
				t.Error(p)
			}
		}
	}
	// The pages of area.json's messages; a force's brief and changes
	// pages are others'.
	mine := regexp.MustCompile(`^cy/(index\.html|compare/index\.html|neighbourhoods/.*|forces/(index\.html|[^/]+/index\.html|[^/]+/(neighbourhoods[^/]*/)?[^/]+/index\.html))$`)
	pages := 0
	err = filepath.WalkDir(filepath.Join(dir, "cy"), func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		if !mine.MatchString(rel) || strings.Contains(rel, "/brief/") || strings.Contains(rel, "/changes") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		page := html.UnescapeString(string(b))
		for _, ph := range phrases {
			if strings.Contains(page, ph) {
				t.Errorf("%s has English %q", rel, ph)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Errorf("%d Welsh pages read", pages)
	}
}

// englishPhrases are the runs of text between placeholders in
// en/area.json's messages that are long enough to be English prose rather
// than a word Welsh shares ("Map", "Data").
func englishPhrases(t *testing.T) []string {
	t.Helper()
	b, err := fs.ReadFile(messages.FS, "en/area.json")
	if err != nil {
		t.Fatal(err)
	}
	var msgs map[string]json.RawMessage
	if err := json.Unmarshal(b, &msgs); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, raw := range msgs {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			texts = append(texts, s)
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(raw, &forms); err != nil {
			t.Fatal(err)
		}
		for _, f := range forms {
			texts = append(texts, f)
		}
	}
	placeholder := regexp.MustCompile(`\{[a-z0-9_-]+\}`)
	var out []string
	for _, s := range texts {
		for _, run := range placeholder.Split(s, -1) {
			run = strings.TrimSpace(strings.Trim(run, " ,.:;()"))
			if len(run) >= 16 && !slices.Contains(out, run) {
				out = append(out, run)
			}
		}
	}
	if len(out) < 50 {
		t.Fatalf("%d phrases from en/area.json", len(out))
	}
	return out
}

// TestWelshAZLimits checks that the Welsh A–Z keeps within MaxPageBytes
// too: its links are longer (cy/) and its words and force names other
// than English.
func TestWelshAZLimits(t *testing.T) {
	long := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, "L"+strings.Repeat("+&", 2048)+string(rune('a'+i%26)))
		}
		return out
	}
	same := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, "Neighbourhood number "+strings.Repeat("x", i%7)+" of a very long series")
		}
		return out
	}
	for name, forces := range map[string]map[string][]string{
		"long names":      {"dyfed-powys": long(200)},
		"5,000 under one": {"north-wales": same(5_000)},
	} {
		t.Run(name, func(t *testing.T) {
			in := inLang(azInput(forces), i18n.Welsh)
			pages := renderPlan(t, in)
			for p, b := range pages {
				if len(b) > MaxPageBytes {
					t.Errorf("%s is %d bytes, over %d", p, len(b), MaxPageBytes)
				}
			}
			if len(pages) < 3 {
				t.Errorf("%d list pages", len(pages))
			}
		})
	}
}

package pages

import (
	"html"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/changes"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/downloads"
	"github.com/crimemap/crimemap/generator/i18n"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/search"
	"github.com/crimemap/crimemap/generator/store"
)

// The Welsh pages of data.json's parts of the site: the data and API
// pages, changes, briefs, search, postcode districts, the 404 page and
// the transparency wording. Each is checked for its Welsh, for links that
// work from the Welsh folder (the data files once at the root, the pages
// in cy/), and for no English sentence of data.json.

// dataPrefixes are the key prefixes of content/messages/*/data.json.
var dataPrefixes = []string{"data.", "api.", "changes.", "brief.", "search.", "notfound.", "postcodes.", "transparency."}

// noEnglish fails for any English text of data.json's messages that a
// Welsh page shows.
func noEnglish(t *testing.T, name, page string) {
	t.Helper()
	for _, e := range englishIn(t, page) {
		t.Errorf("%s shows %s", name, e)
	}
}

// englishIn lists the English text of data.json's messages in a page:
// each message's literal text between its placeholders, where it is long
// enough to be words and differs from the Welsh.
func englishIn(t *testing.T, page string) []string {
	t.Helper()
	cat, err := testCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	page = html.UnescapeString(page)
	var out []string
	for _, key := range cat.Keys() {
		mine := false
		for _, p := range dataPrefixes {
			mine = mine || strings.HasPrefix(key, p)
		}
		if !mine {
			continue
		}
		welsh := strings.Join(cat.Fragments(i18n.Welsh, key), "\x00")
		for _, f := range cat.Fragments(i18n.English, key) {
			f = strings.TrimSpace(f)
			if len(f) < 12 || !strings.Contains(f, " ") || strings.Contains(welsh, f) {
				continue
			}
			if strings.Contains(page, f) {
				out = append(out, key+"'s English "+strconv.Quote(f))
			}
		}
	}
	return out
}

// linkTarget is where href leads from the page at p, from the site root
// ("/" for the root itself); "" for a link off the site or within the
// page.
func linkTarget(p, href string) string {
	if strings.Contains(href, "://") || strings.HasPrefix(href, "#") || strings.HasPrefix(href, "/") {
		return ""
	}
	href, _, _ = strings.Cut(href, "#")
	to := path.Join(path.Dir(p), href)
	switch {
	case to == ".":
		return "/" // the site's root, the English home page
	case strings.HasSuffix(href, "/"):
		to += "/"
	}
	return to
}

// checkLinks checks that every link of a page at p (from the site root)
// in its main part or its breadcrumbs leads to a page in the folder of the
// page's language, dir, that pages lists, or to a file under root on
// disk. The menu and footer are the layout's, checked with it.
func checkLinks(t *testing.T, p, page, dir string, pages map[string]bool, root string) {
	t.Helper()
	d := parseDoc(t, page)
	parts := d.all(func(n *xhtml.Node) bool {
		return n.Data == "main" || (n.Data == "nav" && strings.Contains(attr(n, "class"), "govuk-breadcrumbs"))
	})
	if len(parts) == 0 {
		t.Fatalf("%s has no main", p)
	}
	for _, part := range parts {
		for n := range part.Descendants() {
			if n.Type != xhtml.ElementNode || (n.Data != "a" && n.Data != "img") {
				continue
			}
			href := attr(n, "href")
			if n.Data == "img" {
				href = attr(n, "src")
			}
			to := linkTarget(p, href)
			switch {
			case to == "":
			case strings.HasPrefix(to, "../"):
				t.Errorf("%s: %s leads above the site's root", p, href)
			case strings.HasSuffix(to, "/"):
				if to == "/" {
					to = ""
				}
				if !strings.HasPrefix(to, dir) || !pages[strings.TrimPrefix(to, dir)] {
					t.Errorf("%s: %s leads to %s, no page in %q", p, href, to, dir)
				}
			default:
				if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(to))); err != nil {
					t.Errorf("%s: %s leads to %s, no file", p, href, to)
				}
			}
		}
	}
}

// plannedPages are the folders of every page plan makes for in, in its
// language's folder.
func plannedPages(in *Input) map[string]bool {
	out := map[string]bool{}
	for _, j := range plan(in) {
		out[strings.TrimSuffix(j.path, "index.html")] = true
	}
	return out
}

// downloadsCountry is a country with its downloads written to dir:
// Dyfed-Powys, which has a Welsh name, and Cumbria, which did not publish
// the latest month.
func downloadsCountry(t *testing.T) (*Input, string) {
	t.Helper()
	fx := fixture{first: crime.MakeMonth(2025, 1), forces: []fixForce{
		{slug: "cumbria", name: "Cumbria Constabulary", nbhds: []string{"Carlisle"}, crimes: with(steady(3, 8), 2, noStreetFile)},
		{slug: "dyfed-powys", name: "Dyfed-Powys Police", nbhds: []string{"Aberystwyth", "Llandeilo"}, crimes: steady(3, 12)},
	}}
	in := fx.input(t)
	fsys, _ := fx.files()
	dir := t.TempDir()
	res, err := downloads.Write(&downloads.Input{Store: in.Store, Index: in.Index, Agg: in.Agg, Source: fsys, BaseURL: in.Site.BaseURL}, output.New(dir))
	if err != nil {
		t.Fatal(err)
	}
	in.Downloads = res
	in.MapMonths = in.Store.Months()
	return in, dir
}

func TestDataPagesInWelsh(t *testing.T) {
	en, dir := downloadsCountry(t)
	cy := inLang(en, i18n.Welsh)
	for _, lin := range []*Input{en, cy} {
		pages := plannedPages(lin)
		for _, spec := range lin.Downloads.Pages() {
			p := downloadPage(lin, spec)
			s := renderIn(t, lin, spec.Template, p)
			checkLinks(t, p.Path, s, lin.loc.prefix, pages, dir)
			if lin == en {
				// The English page does show data.json's English, so the
				// check of the Welsh page can find it.
				if len(englishIn(t, s)) < 5 {
					t.Errorf("%s: %v", p.Path, englishIn(t, s))
				}
				continue
			}
			noEnglish(t, p.Path, s)
			d := parseDoc(t, s)
			h1 := text(d.all(tag("h1"))[0])
			switch spec.Path {
			case downloads.DataPagePath:
				if h1 != "Lawrlwytho’r data" {
					t.Errorf("%s: heading %q", p.Path, h1)
				}
				for _, want := range []string{"Pob heddlu, Mawrth 2025", "Troseddau ym mis Mawrth 2025", "Heddlu Dyfed-Powys",
					"Heb ei gyhoeddi ar gyfer Mawrth 2025: dim ffeiliau troseddau.", "Symiau gwirio a rhestrau", "o dan y Drwydded Llywodraeth Agored v3.0"} {
					if !strings.Contains(text(d.root), want) {
						t.Errorf("%s does not say %q", p.Path, want)
					}
				}
			case downloads.ForcePagePath("dyfed-powys"):
				if h1 != "Ffeiliau i’w lawrlwytho ar gyfer Heddlu Dyfed-Powys" {
					t.Errorf("%s: heading %q", p.Path, h1)
				}
				// The neighbourhoods' files are on their Welsh pages.
				if !strings.Contains(s, `href="../../../../cy/forces/dyfed-powys/aberystwyth/#downloads"`) {
					t.Errorf("%s does not link Aberystwyth's files", p.Path)
				}
			case downloads.APIPagePath:
				if h1 != "API statig" || !strings.Contains(text(d.root), "Galwadau nad oes ffeil yn eu hateb") {
					t.Errorf("%s: heading %q", p.Path, h1)
				}
			}
		}
	}
	// An area's files, listed on its page, in Welsh.
	f := mustForce(t, cy, "dyfed-powys")
	ad := areaDownloads(cy, "../../../", &cy.Store.Forces[f], "")
	if ad.ForceHref != "../../../cy/data/forces/dyfed-powys/" || ad.ForceName != "Heddlu Dyfed-Powys" || len(ad.Files) == 0 ||
		!strings.HasPrefix(ad.Files[0].Href, "../../../data/forces/dyfed-powys/") || ad.Files[0].Title != "Troseddau fesul mis a chategori" {
		t.Errorf("downloads %+v", ad)
	}
	if l := downloadsLink(cy, "../../", "cumbria"); l != "../../cy/data/forces/cumbria/" {
		t.Errorf("downloads link %s", l)
	}
	if p := cy.msgs().Problems(); len(p) > 0 {
		t.Errorf("messages lacking: %v", p)
	}
}

func TestChangesPageInWelsh(t *testing.T) {
	in := inLang(azInput(map[string][]string{"dyfed-powys": {"Aberystwyth"}}), i18n.Welsh)
	in.Store.Forces[0].Name = "Dyfed-Powys Police"
	outs := crime.Outcomes()
	var id store.CrimeID
	id[0] = 7
	fc := changes.Force{Added: 1, Removed: 2, Outcomes: 3, New: []crime.Month{crime.MakeMonth(2023, 6)},
		Months: []changes.Month{{Month: crime.MakeMonth(2023, 1), Added: 1, Removed: 2, Outcomes: 3}},
		Changes: []changes.Change{{Month: crime.MakeMonth(2023, 1), Kind: changes.OutcomeUpdate, ID: id, Category: crime.Burglary,
			Previous: outs[0], Outcome: outs[2]}},
		Pairs: []changes.Pair{{From: outs[0], To: outs[2], Count: 3}}}
	in.Changes = &changes.Result{Forces: []changes.Force{fc}}
	p := changesPage(in, 0)
	s := renderIn(t, in, "changes", p)
	noEnglish(t, p.Path, s)
	d := parseDoc(t, s)
	all := text(d.root)
	for _, want := range []string{"Beth sydd wedi newid ers yr adeiladu diwethaf", "Heddlu Dyfed-Powys", "Newydd yn yr adeiladu hwn: Mehefin 2023.",
		"1 mis cynharach wedi’i ailgyhoeddi", "1 drosedd wedi’i hychwanegu at fisoedd cynharach", "2 drosedd wedi’u tynnu",
		"3 diweddariad i ganlyniadau", "Ionawr 2023", "Bwrgleriaeth", in.msgs().Outcome(outs[2]), "canlyniad wedi’i ddiweddaru",
		"Pob newid, fesul mis, newid a dynodydd trosedd"} {
		if !strings.Contains(all, want) {
			t.Errorf("the changes page does not say %q:\n%s", want, all)
		}
	}
	// The CSV is at the root, once; the force's page is in cy/.
	for _, want := range []string{`href="../../../../data/forces/dyfed-powys/changes.csv"`, `href="../../../../cy/forces/dyfed-powys/"`} {
		if !strings.Contains(s, want) {
			t.Errorf("the changes page has no %s", want)
		}
	}
	if l := changesLink(in, "../../", 0); l != "../../cy/forces/dyfed-powys/changes/" {
		t.Errorf("changes link %s", l)
	}

	in.Changes = &changes.Result{NotCompared: changes.FirstBuild, Forces: make([]changes.Force, 1)}
	s = renderIn(t, in, "changes", changesPage(in, 0))
	if !strings.Contains(html.UnescapeString(s), "Dyma’r adeiladu cyntaf gyda storfa") {
		t.Errorf("the reason for not comparing is not in Welsh:\n%s", s)
	}
	noEnglish(t, "not compared", s)
}

// TestChangesMessages keeps the changes package's reasons and their
// English messages the same words.
func TestChangesMessages(t *testing.T) {
	cat, err := testCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	for reason, key := range changes.Messages {
		if got, err := cat.Text(i18n.English, key); err != nil || got != reason {
			t.Errorf("%s is %q (%v), want %q", key, got, err, reason)
		}
		if !cat.Has(i18n.Welsh, key) {
			t.Errorf("%s has no Welsh", key)
		}
	}
}

func TestBriefInWelsh(t *testing.T) {
	cy := inLang(country(t), i18n.Welsh)
	f := mustForce(t, cy, "dyfed-powys")
	dir := ForcePath("dyfed-powys")
	p := briefPage(cy, f, -1, dir, dir+briefSeg(cy, f, -1)+"/")
	s := renderIn(t, cy, "brief", p)
	// The trend is trendOf's, the area pages' own, whose words are not
	// data.json's.
	noEnglish(t, p.Path, strings.NewReplacer(string(p.TrendChart), "", string(p.TrendTable.HTML()), "").Replace(s))
	all := html.UnescapeString(text(parseDoc(t, s).root))
	for _, want := range []string{"Heddlu Dyfed-Powys: troseddau ym mis Rhagfyr 2025", "Mewn argyfwng, ffoniwch 999.", "ffoniwch 101",
		"Yn ôl i’r dudalen ar gyfer Heddlu Dyfed-Powys", "o fis Ionawr 2025 i fis Rhagfyr 2025", "dim canlyniadau eto"} {
		if !strings.Contains(all, want) {
			t.Errorf("the brief does not say %q:\n%s", want, all)
		}
	}
	if p.AreaURL != "https://crime.example/cy/forces/dyfed-powys/" || !strings.Contains(s, `alt="Cod QR sy’n agor https://crime.example/cy/forces/dyfed-powys/"`) {
		t.Errorf("QR code for %s", p.AreaURL)
	}
	n := nbhdID(t, cy, "dyfed-powys", "aberystwyth")
	dir = NeighbourhoodPath("dyfed-powys", cy.Index.Neighbourhoods[n].Slug)
	if p := briefPage(cy, f, n, dir, dir+"brief/"); p.Kind != "Cymdogaeth o fewn Heddlu Dyfed-Powys" {
		t.Errorf("kind %q", p.Kind)
	}
	cy.Site.BaseURL = ""
	if p := briefPage(cy, f, -1, dir, dir+"brief/"); !strings.HasPrefix(p.NoQR, "Nid oes cod QR") {
		t.Errorf("no QR: %q", p.NoQR)
	}
}

func TestSearchPostcodesNotFoundInWelsh(t *testing.T) {
	en := country(t)
	en.Districts = []search.District{{Code: "SY23", Areas: []search.DistrictArea{{Neighbourhood: nbhdID(t, en, "dyfed-powys", "aberystwyth"), Postcodes: 3}}},
		{Code: "SY24", Areas: []search.DistrictArea{{Neighbourhood: nbhdID(t, en, "dyfed-powys", "aberystwyth"), Postcodes: 1}}}}
	cy := inLang(en, i18n.Welsh)
	pages := plannedPages(cy)
	check := func(p Page, tmpl string, data any, want ...string) {
		t.Helper()
		s := renderIn(t, cy, tmpl, data)
		noEnglish(t, p.Path, s)
		checkLinks(t, p.Path, s, "cy/", pages, t.TempDir())
		all := html.UnescapeString(text(parseDoc(t, s).root))
		for _, w := range want {
			if !strings.Contains(all, w) {
				t.Errorf("%s does not say %q:\n%s", p.Path, w, all)
			}
		}
	}
	sp := searchPage(cy, letterGroups(cy))
	check(sp.Page, "search", sp, "Dod o hyd i’ch ardal", "Cod post neu le", "Mae gan y wefan hon ffigurau ar gyfer 5 heddlu.",
		"Heddlu Dyfed-Powys", "yn ôl dosbarth cod post, neu yn y rhestrau isod")
	areas := postcodeAreas(cy.Districts)
	ix := postcodeIndex(cy, areas)
	check(ix.Page, "forces", ix, "Dod o hyd i’ch ardal yn ôl dosbarth cod post", "SY23 i SY24")
	ap := postcodeAreaPage(cy, areas, 0)
	check(ap.Page, "forces", ap, "Codau post sy’n dechrau â SY", "Heddlu Dyfed-Powys")

	nf := notFound(cy)
	s := renderIn(t, cy, "notfound", nf)
	noEnglish(t, "404", s)
	if !strings.Contains(s, "Ni chanfuwyd y dudalen") ||
		!strings.Contains(s, `<a class="govuk-link" href="https://crime.example/cy/forces/">heddluoedd</a> a <a class="govuk-link" href="https://crime.example/cy/neighbourhoods/">chymdogaethau o A i Z</a>`) {
		t.Errorf("the Welsh 404 page:\n%s", s)
	}
}

func TestTransparencyInWelsh(t *testing.T) {
	en := country(t)
	cy := inLang(en, i18n.Welsh)
	if got := cy.unmappedText(1, 10); got != "ac mae 1 (10.0%) ohonynt heb leoliad ac nid yw ar y map" {
		t.Errorf("unmapped %q", got)
	}
	if en.unmappedText(3, 10) != "of which 3 (30.0%) have no location and are not on the map" {
		t.Errorf("unmapped in English %q", en.unmappedText(3, 10))
	}
	f := mustForce(t, cy, "dyfed-powys")
	w := latestWindow(cy.Store)
	notes := cy.incompleteNotes(f, w.from, w.latest)
	if len(notes) == 0 {
		t.Fatal("no incomplete months")
	}
	joined := ""
	for _, n := range notes {
		joined += n.Month + ": " + strings.Join(n.Reasons, "; ") + "\n"
	}
	for _, want := range []string{"Medi 2025: ymhell islaw’r arfer: 2 drosedd, llai na hanner yr arfer, sef 30", "Rhagfyr 2025: dim canlyniadau eto"} {
		if !strings.Contains(joined, want) {
			t.Errorf("incomplete months do not say %q:\n%s", want, joined)
		}
	}
	if en := en.incompleteNotes(f, w.from, w.latest); en[0].Reasons[0] != "far below usual: 2 crimes, under half the usual 30 (the median of the force's published months in the 12 before it), which suggests the month was published in part" {
		t.Errorf("in English %q", en[0].Reasons)
	}
	li := cy.Agg.Index(w.latest)
	if got := cy.monthFlag(cy.Agg.Status[f][li].Status); got != "dim canlyniadau eto" || en.monthFlag(cy.Agg.Status[f][li].Status) != "no outcomes yet" {
		t.Errorf("flag %q", got)
	}
	if got := cy.statusLabel(aggregate.Missing | aggregate.Low); got != "heb ei gyhoeddi; ymhell islaw’r arfer" {
		t.Errorf("label %q", got)
	}
	a := mustForce(t, cy, "avon-and-somerset")
	c := cy.yearChange(a, &cy.Agg.Forces[a], cy.Agg.Have[a], w)
	if c.Text == "" || !strings.Contains(c.Text, "o’i gymharu â’r 12 mis o fis Ionawr 2024 i fis Rhagfyr 2024 (612 trosedd)") {
		t.Errorf("change %+v", c)
	}
	if ce := en.yearChange(a, &cy.Agg.Forces[a], cy.Agg.Have[a], w); ce.Text != "0.0% on the 12 months January 2024 to December 2024 (612 crimes)" || ce.Value != c.Value {
		t.Errorf("change in English %+v", ce)
	}
	cu := mustForce(t, cy, "cumbria")
	if c := cy.yearChange(cu, &cy.Agg.Forces[cu], cy.Agg.Have[cu], w); c.Withheld != "nid yw’r 12 mis o fis Ionawr 2025 i fis Rhagfyr 2025 yn gyflawn" {
		t.Errorf("withheld %q", c.Withheld)
	}
	table, note := ethnicStops(cy, &cy.Agg.Forces[a], w, "Heddlu Avon a Gwlad yr Haf", nil)
	if table.RowHeading != "Grŵp ethnig" || table.Rows[0].Name != "Asiaidd neu Asiaidd Prydeinig" || table.Rows[len(table.Rows)-1].Name != "Heb ei nodi" ||
		!strings.HasPrefix(note, "Ni roddir cyfraddau") || table.Msgs != cy.msgs() {
		t.Errorf("stops by ethnic group %+v, %q", table, note)
	}
}

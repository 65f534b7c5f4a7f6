package downloads

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/i18n"
	"github.com/crimemap/crimemap/generator/store"
)

// TestAreaCSV checks the crimes CSVs: the published header, a row per
// crime of the area, and formula-like cells defused while numbers stay
// numbers.
func TestAreaCSV(t *testing.T) {
	fx := load(t, readFixture(t))
	fx.in.Store.Last = crime.MakeMonth(2025, 1) // so the latest month is January's bad-row file
	dir, _ := write(t, fx, "")
	rows := records(t, dir.Bytes(ForceDir("alpha")+CrimesCSVName(crime.MakeMonth(2025, 1))))
	if strings.Join(rows[0].fields, ",") != strings.Join(streetHeader, ",") {
		t.Errorf("header %q", rows[0].fields)
	}
	if len(rows)-1 != 6 {
		t.Fatalf("%d rows, want the 6 January rows kept", len(rows)-1)
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r.fields[0]] = r.fields
	}
	robbery := byID["a000000000000000000000000000000000000000000000000000000000000002"]
	if robbery[4] != "-0.500000" || robbery[6] != `On or near =HYPERLINK("http://example.com")` || robbery[8] != "'+Testtown, 001B" ||
		robbery[9] != "Robbery" || robbery[10] != "Offender given a caution" || robbery[2] != "Alpha Police" {
		t.Errorf("robbery row %q", robbery)
	}
	if r := byID["a000000000000000000000000000000000000000000000000000000000000005"]; r[8] != "'@Testtown 001B" || r[6] != "On or near Mill\nLane" {
		t.Errorf("vehicle crime row %q", r)
	}
	if r := byID["odd-id"]; r[8] != "'-Testtown 001A" {
		t.Errorf("odd id row %q", r)
	}
	if r := byID["a000000000000000000000000000000000000000000000000000000000000004"]; r[4] != "" || r[6] != "No Location" {
		t.Errorf("no location row %q", r)
	}
	// N1 has the rows west of -1; N2 those east.
	n1 := records(t, dir.Bytes(NeighbourhoodDir("alpha", "n1")+CrimesCSVName(crime.MakeMonth(2025, 1))))
	n2 := records(t, dir.Bytes(NeighbourhoodDir("alpha", "n2")+CrimesCSVName(crime.MakeMonth(2025, 1))))
	if len(n1)-1 != 3 || len(n2)-1 != 2 {
		t.Errorf("N1 %d rows, N2 %d", len(n1)-1, len(n2)-1)
	}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "-1.5": "-1.5", "+44": "+44", "-": "'-", "=1+2": "'=1+2", "@SUM(A1)": "'@SUM(A1)",
		"-2+3": "'-2+3", "\tx": "'\tx", "On or near =x": "On or near =x", "1e5": "1e5", "-1e5": "'-1e5",
	} {
		if got := safeCell(in); got != want {
			t.Errorf("safeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGeoJSON parses every GeoJSON file: points only, each at a snap point
// of the store, one per mapped crime of the area.
func TestGeoJSON(t *testing.T) {
	fx := load(t, readFixture(t))
	st := fx.in.Store
	dir, res := write(t, fx, "")
	snaps := map[[2]float64]bool{}
	for _, l := range st.Locs.All() {
		snaps[[2]float64{l.Lon.Float(), l.Lat.Float()}] = true
	}
	n := 0
	for _, d := range res.Downloads {
		if d.Kind != CrimesGeoJSON {
			continue
		}
		n++
		var fc struct {
			Type     string
			Features []struct {
				Type     string
				Geometry struct {
					Type        string
					Coordinates [2]float64
				}
				Properties map[string]any
			}
		}
		if err := json.Unmarshal(dir.Bytes(d.Path), &fc); err != nil {
			t.Fatalf("%s: %v", d.Path, err)
		}
		if fc.Type != "FeatureCollection" || len(fc.Features) != d.Rows {
			t.Errorf("%s: %s with %d features, %d rows", d.Path, fc.Type, len(fc.Features), d.Rows)
		}
		for _, f := range fc.Features {
			if f.Type != "Feature" || f.Geometry.Type != "Point" || !snaps[f.Geometry.Coordinates] {
				t.Errorf("%s: feature %v is not a point at a snap point", d.Path, f)
			}
			if len(f.Properties) != 5 || f.Properties["month"] != d.Month {
				t.Errorf("%s: properties %v", d.Path, f.Properties)
			}
		}
	}
	// Latest is March: both forces and alpha's two neighbourhoods; beta's
	// neighbourhoods too.
	if n != 6 {
		t.Errorf("%d GeoJSON files", n)
	}
	b := dir.Bytes(ForceDir("alpha") + CrimesGeoJSONName(crime.MakeMonth(2025, 3)))
	if !bytes.Contains(b, []byte(`"coordinates":[-1.500000,53.500000]},"properties":{"category":"shoplifting","persistent_id":"a000000000000000000000000000000000000000000000000000000000000021","month":"2025-03","location":"On or near West Street","outcome":"Under investigation"}`)) {
		t.Errorf("alpha's GeoJSON:\n%s", b)
	}
}

// TestCounts checks a months-by-category file: a month not published has
// "no" and empty cells, never zeros.
func TestCounts(t *testing.T) {
	fx := load(t, readFixture(t))
	dir, _ := write(t, fx, "")
	rows := records(t, dir.Bytes(ForceDir("beta")+CountsName))
	head := rows[0].fields
	if head[0] != "month" || head[1] != "published" || head[2] != "anti-social-behaviour" || head[len(head)-1] != "total" ||
		len(head) != 2+int(crime.NumCategories)-2+1 {
		t.Errorf("header %q", head)
	}
	feb := rows[2].fields
	if feb[0] != "2025-02" || feb[1] != "no" || strings.Join(feb[2:], "") != "" {
		t.Errorf("February %q", feb)
	}
	jan := rows[1].fields
	if jan[1] != "yes" || jan[len(jan)-1] != "3" {
		t.Errorf("January %q", jan)
	}
	nb := records(t, dir.Bytes(NeighbourhoodDir("beta", "betaville-001")+CountsName))
	if got := nb[1].fields; got[1] != "yes" || got[len(got)-1] != "1" {
		t.Errorf("Betaville 001's January %q", got)
	}
}

// TestSums checks SHA256SUMS against the files, and that it lists every
// file under data/ but itself.
func TestSums(t *testing.T) {
	fx := load(t, readFixture(t))
	dir, res := write(t, fx, "")
	all := dir.Tree()
	listed := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(all[SumsPath]))
	for sc.Scan() {
		sum, rel, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("line %q", sc.Text())
		}
		b, ok := all["data/"+rel]
		h := sha256.Sum256(b)
		if !ok || hex.EncodeToString(h[:]) != sum {
			t.Errorf("%s: sum %s does not match", rel, sum)
		}
		listed["data/"+rel] = true
	}
	for p := range all {
		if strings.HasPrefix(p, "data/") && p != SumsPath && !listed[p] {
			t.Errorf("%s is not in SHA256SUMS", p)
		}
	}
	if len(listed) != len(res.Downloads) {
		t.Errorf("%d sums, %d downloads", len(listed), len(res.Downloads))
	}
	// The manifest lists the same files with the same sums.
	var mf manifestFile
	if err := json.Unmarshal(all[ManifestPath], &mf); err != nil {
		t.Fatal(err)
	}
	for _, f := range mf.Files {
		h := sha256.Sum256(all[f.Path])
		if hex.EncodeToString(h[:]) != f.SHA256 || int64(len(all[f.Path])) != f.Bytes {
			t.Errorf("manifest: %s", f.Path)
		}
	}
}

// testMessages are the embedded catalogue's messages in each language.
var testMessages = sync.OnceValue(func() map[i18n.Lang]*i18n.Messages {
	cat, err := i18n.Load()
	if err != nil {
		panic(err)
	}
	return map[i18n.Lang]*i18n.Messages{i18n.English: cat.For(i18n.English), i18n.Welsh: cat.For(i18n.Welsh)}
})

// TestPages lays out the data and API pages in English and in Welsh: the
// pages package renders them (its tests check the HTML), so this checks
// what they list and that every link works from either language's
// folder, the Welsh pages being one folder deeper than the files they
// link.
func TestPages(t *testing.T) {
	fx := load(t, readFixture(t))
	_, res := write(t, fx, "")
	specs := res.Pages()
	if len(specs) != 4 || specs[0].Path != DataPagePath || specs[1].Path != "data/forces/alpha/index.html" || specs[1].Force != "alpha" ||
		specs[3].Path != APIPagePath || specs[3].Template != "api" {
		t.Fatalf("pages %v", specs)
	}
	en := Lang{Msgs: testMessages()[i18n.English]}
	cy := Lang{Msgs: testMessages()[i18n.Welsh], Dir: "cy/"}

	d := res.DataPage(specs[0], en)
	w := res.DataPage(specs[0], cy)
	if d.Title != "Download the data" || w.Title != "Lawrlwytho’r data" {
		t.Errorf("titles %q, %q", d.Title, w.Title)
	}
	hrefs := func(p *DataPage) []string {
		var out []string
		for _, f := range p.Archives.Files {
			out = append(out, f.Href)
		}
		for _, a := range p.Areas {
			out = append(out, a.Href)
			for _, f := range a.Table.Files {
				out = append(out, f.Href)
			}
		}
		return append(out, p.Sums.Href, p.Manifest.Href, p.Excluded.Href, p.Quality.ExcludedHref, p.APIHref, p.ReportHref, p.DataHref)
	}
	for _, want := range []string{"2025-03.zip", "latest.zip", "SHA256SUMS", "forces/alpha/", "forces/beta/crimes-2025-03.csv", "downloads.json",
		"excluded.csv", "../api/", "build-report/", "./"} {
		if !slices.Contains(hrefs(d), want) {
			t.Errorf("the data page has no link %q: %v", want, hrefs(d))
		}
	}
	// From cy/data/, the files are two folders up and the pages beside it.
	for _, want := range []string{"../../data/2025-03.zip", "../../data/latest.zip", "../../data/SHA256SUMS", "forces/alpha/",
		"../../data/forces/beta/crimes-2025-03.csv", "../../data/downloads.json", "../../data/excluded.csv", "../api/", "build-report/", "./"} {
		if !slices.Contains(hrefs(w), want) {
			t.Errorf("the Welsh data page has no link %q: %v", want, hrefs(w))
		}
	}
	if !slices.ContainsFunc(d.Quality.ByReason, func(r ReasonCount) bool { return r.Reason == "bad-coordinates" }) ||
		!slices.ContainsFunc(d.Quality.WholeFiles, func(f WholeFile) bool { return f.Path == "2025-02/2025-02-beta-outcomes.csv" }) {
		t.Errorf("quality %+v", d.Quality)
	}
	if !slices.ContainsFunc(d.Archives.Files, func(f FileRow) bool { return f.SHA256 == res.Downloads[0].SHA256 }) {
		t.Errorf("no archive with %s's sum", res.Downloads[0].Path)
	}
	if a := d.Archives.Files[0]; a.Title != "All forces, March 2025" || a.Format != "ZIP of CSV" {
		t.Errorf("newest archive %+v", a)
	}
	if a := w.Archives.Files[0]; a.Title != "Pob heddlu, Mawrth 2025" || a.Format != "ZIP o ffeiliau CSV" {
		t.Errorf("newest archive in Welsh %+v", a)
	}
	for _, js := range []template.JS{d.JSONLD, w.JSONLD} {
		if !strings.Contains(string(js), `"@type":"Dataset"`) {
			t.Errorf("JSON-LD %s", js)
		}
	}
	if !strings.Contains(string(w.JSONLD), `"Cymru, Lloegr a Gogledd Iwerddon"`) {
		t.Errorf("Welsh JSON-LD %s", w.JSONLD)
	}

	f := res.DataPage(specs[1], en)
	fw := res.DataPage(specs[1], cy)
	if f.Force == nil || f.Force.Table.Files[0].Href != "counts-by-month.csv" || fw.Force.Table.Files[0].Href != "../../../../data/forces/alpha/counts-by-month.csv" {
		t.Errorf("alpha's files %+v, in Welsh %+v", f.Force, fw.Force)
	}
	if f.DataHref != "../../" || fw.DataHref != "../../" || f.ReportHref != "../../build-report/" {
		t.Errorf("alpha's links to the data page %q, %q", f.DataHref, fw.DataHref)
	}
	// A neighbourhood's files are on its own page, so the force's page
	// does not grow with its neighbourhoods.
	for _, r := range f.Force.Table.Files {
		if strings.HasPrefix(r.Href, "n1/") {
			t.Errorf("alpha's page lists a neighbourhood's file %s", r.Href)
		}
	}
	if ns := f.Neighbourhoods; len(ns) != 2 || ns[0].Name != "East" || ns[1].Name != "West" {
		t.Errorf("neighbourhoods %+v, want East and West by name", ns)
	}
	if res.DataPage(PageSpec{Path: "x", Template: "data", Force: "nowhere"}, en) != nil {
		t.Error("a page for a force the data does not have")
	}

	api, apiw := res.APIPage(en), res.APIPage(cy)
	if api.DataHref != "../data/" || api.MapHref != "../map/" || apiw.DataHref != "../data/" || apiw.MapHref != "../map/" {
		t.Errorf("the API pages link %q %q, %q %q", api.DataHref, api.MapHref, apiw.DataHref, apiw.MapHref)
	}
	if api.Base != "https://your-site.example/api/" || len(api.Notes) != len(apiNotes) || len(api.Endpoints) != len(res.Endpoints()) {
		t.Errorf("API page %+v", api)
	}
	for i, e := range api.Endpoints {
		ew := apiw.Endpoints[i]
		if e.About == "" || ew.About == "" || e.About == ew.About || (e.DifferencesKey != "") != (e.Differences != "") {
			t.Errorf("%s: %q, in Welsh %q; differences %q", e.Live, e.About, ew.About, e.Differences)
		}
		if e.Live == "/api/<force>/<neighbourhood>/crimes/<YYYY-MM>" && e.Example != "api/alpha/N1/crimes/2025-03.json" {
			t.Errorf("%s: example %q", e.Live, e.Example)
		}
	}
	// Every message the pages ask for is in both languages.
	for l, m := range testMessages() {
		if p := m.Problems(); len(p) > 0 {
			t.Errorf("%s: %v", l.Name(), p)
		}
	}
}

func TestRelHref(t *testing.T) {
	for _, tt := range [][3]string{
		{"data/index.html", "data/2025-01.zip", "2025-01.zip"},
		{"data/index.html", "data/forces/a/", "forces/a/"},
		{"data/index.html", "api/", "../api/"},
		{"data/forces/a/index.html", "data/forces/a/n1/x.csv", "n1/x.csv"},
		{"data/forces/a/index.html", "data/", "../../"},
		{"data/forces/a/index.html", "data/build-report/", "../../build-report/"},
		{"data/forces/a/index.html", "data/forces/a/", "./"},
		{"", "data/x.csv", "data/x.csv"},
	} {
		if got := relHref(tt[0], tt[1]); got != tt[2] {
			t.Errorf("relHref(%q, %q) = %q, want %q", tt[0], tt[1], got, tt[2])
		}
	}
}

func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", `quote " and \ backslash`, "line\nbreak\r\ttab\x01", "<p>&amp;</p>", "Pant Y Dŵr",
		"sep\u2028arator\u2029", "bad \xff utf-8"} {
		b := appendString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Errorf("%q gave %s: %v", s, b, err)
			continue
		}
		want := strings.ToValidUTF8(s, "\ufffd")
		if got != want {
			t.Errorf("%q round-trips as %q", s, got)
		}
	}
}

func TestMicro(t *testing.T) {
	for m, want := range map[store.Micro]string{0: "0.000000", -1_500_000: "-1.500000", -500_000: "-0.500000",
		53_123_457: "53.123457", 7: "0.000007", -7: "-0.000007"} {
		if got := micro(m); got != want {
			t.Errorf("micro(%d) = %s, want %s", m, got, want)
		}
	}
	if Size(999) != "999 bytes" || Size(41_234_567) != "41.2 MB" || Count(1234567) != "1,234,567" {
		t.Errorf("%s %s %s", Size(999), Size(41_234_567), Count(1234567))
	}
	en, cy := testMessages()[i18n.English], testMessages()[i18n.Welsh]
	if size(en, 1) != "1 byte" || size(en, 999) != "999 bytes" || size(cy, 999) != "999 beit" || size(cy, 41_234_567) != "41.2 MB" {
		t.Errorf("%s %s %s %s", size(en, 1), size(en, 999), size(cy, 999), size(cy, 41_234_567))
	}
}

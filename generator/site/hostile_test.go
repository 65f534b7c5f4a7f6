package site

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
)

// The hostile fixture (testdata/hostile.txtar) puts markup, script, formula
// cells and path pieces in every value the data carries. These tests build
// it and check that nothing of it runs, nothing is written outside the
// output folder, exactly the bad rows are left out, each for its reason,
// and a build stopped by the data leaves the previous site as it was.

const hostileBase = "https://crime.example/"

// tree returns every file and folder under dir with a hash of its content
// (or "dir" or "link"), by slash path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			out[rel] = "link"
		case d.IsDir():
			out[rel] = "dir"
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h := sha256.Sum256(b)
			out[rel] = hex.EncodeToString(h[:])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// expectedExclusions reads the fixture's bad rows, each marked by a Crime
// ID "expect-<reason>", as "file:line reason".
func expectedExclusions(t *testing.T) []string {
	var want []string
	for name, f := range buildtest.FS(t, fixture(t, "hostile.txtar")) {
		if !strings.HasSuffix(name, ".csv") {
			continue
		}
		for i, line := range strings.Split(string(f.Data), "\n") {
			if reason, ok := strings.CutPrefix(line, "expect-"); ok {
				reason, _, _ = strings.Cut(reason, ",")
				want = append(want, fmt.Sprintf("%s:%d %s", name, i+1, reason))
			}
		}
	}
	if len(want) < 10 {
		t.Fatalf("fixture has %d marked bad rows", len(want))
	}
	slices.Sort(want)
	return want
}

// hostileScript is the site's own script: a hashed bundle under assets/.
var hostileScript = regexp.MustCompile(`^(https://crime\.example/|/|(\.\./)*)assets/[a-z-]+-[A-Z0-9]{8,}\.js$`)

// TestHostileSite builds the hostile fixture, then crawls everything the
// build wrote.
func TestHostileSite(t *testing.T) {
	s := buildtest.New(t, fixture(t, "hostile.txtar"), func(data, out string) (*Result, error) {
		return Build(Config{Assets: assetsDir, Data: data, Out: out, BaseURL: hostileBase})
	})
	data, out := s.Data, s.Out.Dir
	parent := filepath.Dir(out)
	dataBefore := tree(t, data)
	res := s.Build()

	// Nothing outside the output folder: the parent holds only the site
	// (and the build's lock), the input is unchanged, and the site holds
	// no links.
	onlySite(t, parent)
	if after := tree(t, data); !mapsEqual(after, dataBefore) {
		t.Errorf("the build changed its input folder")
	}
	site := tree(t, out)
	for p, h := range site {
		if h == "link" {
			t.Errorf("%s: a link in the site", p)
		}
	}

	// Exactly the marked rows were left out, each for its reason: the
	// build's list of excluded lines, data/excluded.csv, against the
	// fixture's marks.
	var got []string
	recs := readCSV(t, filepath.Join(out, "data", "excluded.csv"))
	for _, r := range recs[1:] {
		if r[2] != r[3] {
			t.Errorf("excluded lines %s to %s of %s: want single rows", r[2], r[3], r[0])
		}
		got = append(got, fmt.Sprintf("%s:%s %s", r[0], r[2], r[4]))
	}
	slices.Sort(got)
	if want := expectedExclusions(t); !slices.Equal(got, want) {
		t.Errorf("excluded\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Whole files and reference data: reported once each, with a reason.
	var rep struct {
		Rows, Excluded int
		Counts         []struct {
			Force, Month, Reason, Severity string
			Count                          int
		}
	}
	if err := json.Unmarshal(s.Out.Bytes("data/build-report.json"), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Excluded != len(expectedExclusions(t)) || res.Load.Excluded != rep.Excluded {
		t.Errorf("report: %d rows excluded, load %d; want %d", rep.Excluded, res.Load.Excluded, len(expectedExclusions(t)))
	}
	counts := map[string]int{}
	for _, c := range rep.Counts {
		counts[c.Reason+" "+c.Severity] += c.Count
	}
	for what, n := range map[string]int{
		"future-month excluded":       1, // 2099-01
		"bad-file-name excluded":      1, // 2025-01-Cumbria-street.csv
		"unknown-force warning":       1, // cumbira
		"self-intersecting warning":   1, // bow.kml
		"bad-reference excluded":      1, // empty.kml
		"bad-coordinates excluded":    3,
		"field-too-long excluded":     1,
		"wrong-column-count excluded": 1,
	} {
		if counts[what] != n {
			t.Errorf("report counts %d %s, want %d (all: %v)", counts[what], what, n, counts)
		}
	}

	// Every page: parses, runs nothing from the data, links out safely.
	pages := 0
	sawText := map[string]bool{}
	for rel := range site {
		p := filepath.Join(out, filepath.FromSlash(rel))
		switch {
		case strings.HasSuffix(rel, ".html"):
			pages++
			raw, _ := os.ReadFile(p)
			doc, err := html.Parse(bytes.NewReader(raw))
			if err != nil {
				t.Errorf("%s: %v", rel, err)
				continue
			}
			checkHostilePage(t, rel, doc, sawText)
		case strings.HasSuffix(rel, ".json"):
			var v any
			if err := json.Unmarshal([]byte(read(t, p)), &v); err != nil {
				t.Errorf("%s: %v", rel, err)
			}
		case strings.HasSuffix(rel, ".xml"):
			if err := wellFormedXML(read(t, p)); err != nil {
				t.Errorf("%s: %v", rel, err)
			}
		case strings.HasSuffix(rel, ".csv"):
			// Generated CSV (per-area files, the exclusion list) never
			// starts a cell with a formula character, unless a number.
			for i, r := range readCSV(t, p) {
				for _, cell := range r {
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						if _, err := strconv.ParseFloat(cell, 64); err != nil {
							t.Errorf("%s:%d: cell %q would run in a spreadsheet", rel, i+1, cell)
						}
					}
				}
			}
		}
	}
	if pages < 10 {
		t.Errorf("crawled %d pages", pages)
	}
	// The hostile text is shown, as text, where a reader looks for it (a
	// snap point is named by one of its streets, so the hostile street has
	// a point of its own).
	for _, s := range []string{
		`Cumbria <script>alert("force")</script> Constabulary`,
		`On or near <script>alert(1)</script>`,
		`Castle <img src=x onerror=alert(1)>`,
		`"><svg onload=alert(1)> 001`,
	} {
		if !sawText[s] {
			t.Errorf("no page shows %q as text", s)
		}
	}
}

// onlySite fails if the output's parent folder holds anything but the
// site, its lock, and the spare and journal the next build starts from
// (swap.go): no work folder, no site left aside.
func onlySite(t *testing.T, parent string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		switch e.Name() {
		case "public", "public.lock", "public.spare", "public.journal", "cache":
		default:
			t.Errorf("the output's parent holds %s", e.Name())
		}
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(read(t, path)))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func wellFormedXML(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// dangerous are elements that run or embed something, which no page needs
// and none may get from data.
var dangerous = map[string]bool{"iframe": true, "object": true, "embed": true, "base": true, "frame": true,
	"frameset": true, "applet": true}

// checkHostilePage checks one page: the only scripts are the site's own
// hashed bundles and JSON-LD that is JSON; no event handler attributes; no
// javascript:, data: or vbscript: address; no element that embeds another
// document; no style from data; every link leaving the site carries
// rel="noopener". It notes the page's text in saw.
func checkHostilePage(t *testing.T, rel string, doc *html.Node, saw map[string]bool) {
	t.Helper()
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if p := n.Parent; p == nil || p.Data != "script" {
				saw[strings.TrimSpace(n.Data)] = true
				for _, s := range []string{`Cumbria <script>alert("force")</script> Constabulary`, `Castle <img src=x onerror=alert(1)>`} {
					if strings.Contains(n.Data, s) {
						saw[s] = true
					}
				}
				if strings.Contains(n.Data, "On or near <script>alert(1)</script>") {
					saw["On or near <script>alert(1)</script>"] = true
				}
				if strings.Contains(n.Data, `"><svg onload=alert(1)> 001`) {
					saw[`"><svg onload=alert(1)> 001`] = true
				}
			}
		case html.ElementNode:
			if dangerous[n.Data] {
				t.Errorf("%s: <%s> element", rel, n.Data)
			}
			switch n.Data {
			case "script":
				src, typ := htmlAttr(n, "src"), htmlAttr(n, "type")
				switch {
				case typ == "application/ld+json" || typ == "application/json":
					var text strings.Builder
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						text.WriteString(c.Data)
					}
					var v any
					if err := json.Unmarshal([]byte(text.String()), &v); err != nil || strings.Contains(text.String(), "<") {
						t.Errorf("%s: a %s data block is not plain JSON (%v): %.80q", rel, typ, err, text.String())
					}
				case src == "" || !hostileScript.MatchString(src):
					t.Errorf("%s: script %q is not one of the site's bundles", rel, src)
				}
			case "style":
				t.Errorf("%s: <style> element", rel)
			case "a":
				if u, err := url.Parse(htmlAttr(n, "href")); err == nil && u.Host != "" && u.Host != "crime.example" {
					if !strings.Contains(" "+htmlAttr(n, "rel")+" ", " noopener ") {
						t.Errorf("%s: external link %q without rel=noopener", rel, htmlAttr(n, "href"))
					}
				}
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") {
					t.Errorf("%s: <%s %s=%q>", rel, n.Data, a.Key, a.Val)
				}
				if k == "style" || k == "srcdoc" || k == "formaction" {
					t.Errorf("%s: <%s %s>", rel, n.Data, a.Key)
				}
				if k == "href" || k == "src" || k == "action" || k == "xlink:href" || k == "poster" || k == "data" {
					v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
					for _, scheme := range []string{"javascript:", "data:", "vbscript:"} {
						if strings.HasPrefix(v, scheme) {
							t.Errorf("%s: <%s %s=%q>", rel, n.Data, a.Key, a.Val)
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// TestHostileSlugs checks the neighbourhood ids that clash once made into
// file names (NC04, nc04 and a full-width ＮＣ０４), and ids with spaces and
// "..": each gets a page of its own at a safe path, and the same path on
// every build.
func TestHostileSlugs(t *testing.T) {
	data := buildtest.Unpack(t, fixture(t, "hostile.txtar"))
	var paths [2][]string
	for i := range paths {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out}); err != nil {
			t.Fatal(err)
		}
		dirs, err := filepath.Glob(filepath.Join(out, "forces", "cumbria", "*", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range dirs {
			rel, _ := filepath.Rel(out, d)
			paths[i] = append(paths[i], filepath.ToSlash(rel))
		}
		slices.Sort(paths[i])
	}
	if !slices.Equal(paths[0], paths[1]) {
		t.Errorf("paths differ between builds:\n%v\n%v", paths[0], paths[1])
	}
	safe := regexp.MustCompile(`^forces/cumbria/[a-z0-9]+(-[a-z0-9]+)*/index\.html$`)
	nb := 0
	for _, p := range paths[0] {
		if !safe.MatchString(p) {
			t.Errorf("unsafe path %q", p)
		}
		if !strings.HasPrefix(p, "forces/cumbria/neighbourhoods/") && !strings.HasPrefix(p, "forces/cumbria/changes/") &&
			!strings.HasPrefix(p, "forces/cumbria/brief/") && !strings.Contains(p, "/brief/") {
			nb++
		}
	}
	// NC04, nc04, ＮＣ０４, "a b", "NC..04", bow; empty.kml is left out.
	if nb != 6 {
		t.Errorf("%d neighbourhood pages, want 6: %v", nb, paths[0])
	}
}

// TestHostileStops checks that a build the data stops, with --strict or a
// fatal problem, leaves the previous site exactly as it was and no
// staging folder behind.
func TestHostileStops(t *testing.T) {
	basic := newSite(t, "basic.txtar")
	basic.Build()
	out := basic.Out.Dir
	parent := filepath.Dir(out)
	hostile := buildtest.Unpack(t, fixture(t, "hostile.txtar"))
	before := tree(t, out)

	// A gazetteer without the data's locations: every location published
	// would not be a snap point, a fatal problem.
	gaz := filepath.Join(t.TempDir(), "gazetteer.csv")
	if err := os.WriteFile(gaz, []byte("id,longitude,latitude,name,addresses,kind\ng1,-1.000000,52.000000,High Street,20,street\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"strict", Config{Assets: assetsDir, Data: hostile, Out: out, Strict: true}, "problems with --strict"},
		{"fatal", Config{Assets: assetsDir, Data: hostile, Out: out, Gazetteer: gaz}, "fatal"},
	} {
		_, err := Build(tt.cfg)
		if !errors.Is(err, ErrData) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: build error %v, want %q", tt.name, err, tt.want)
		}
		if after := tree(t, out); !mapsEqual(after, before) {
			t.Errorf("%s: the previous site changed", tt.name)
		}
		onlySite(t, parent)
	}
}

// TestHostileZipSite builds the hostile fixture from a zip that also holds
// entries climbing out of the folder, an absolute path, a link and a
// repeated name: they are reported and unread, the site is the folder's,
// and nothing is written outside the output folder.
func TestHostileZipSite(t *testing.T) {
	path := zipFolder(t, buildtest.Unpack(t, fixture(t, "hostile.txtar")), "")
	// Append the hostile entries to a copy of the archive.
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	zr.Close()
	evil := "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n" +
		",2025-01,X,X,-3.075000,54.525000,On or near Evil Street,,,Burglary,,\n"
	for _, e := range []struct {
		name string
		mode os.FileMode
		body string
	}{
		{"../2025-01/2025-01-kent-street.csv", 0, evil},
		{"../../../../tmp/2025-01/2025-01-essex-street.csv", 0, evil},
		{"/2025-01/2025-01-surrey-street.csv", 0, evil},
		{"2025-01/2025-01-sussex-street.csv", os.ModeSymlink | 0o777, "/etc/passwd"},
		{"2025-01/2025-01-durham-street.csv", 0, evil}, // repeated: the first is read
	} {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, e.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "hostile.zip")
	if err := os.WriteFile(zipPath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if _, err := Build(Config{Assets: assetsDir, Data: zipPath, Out: out, BaseURL: hostileBase}); err != nil {
		t.Fatal(err)
	}
	onlySite(t, parent)
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the zip's folder holds %v", entries)
	}
	site := buildtest.Open(t, out)
	rep := site.Read("data/build-report.json")
	var br struct {
		Counts []struct {
			Reason, Severity string
			Count            int
		}
		Examples []struct{ File, Reason, Detail string }
	}
	if err := json.Unmarshal([]byte(rep), &br); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range br.Counts {
		if c.Reason == "bad-archive" && c.Severity == "excluded" {
			n += c.Count
		}
	}
	if n != 5 {
		t.Errorf("%d bad-archive problems, want 5", n)
	}
	// No force from an entry left out is in the site, and the repeated
	// entry was not read.
	site.AssertMissing("forces/kent", "forces/essex", "forces/surrey", "forces/sussex")
	site.AssertFileNot("forces/durham/index.html", "Evil Street")
	// The report names the entries left out, as text.
	for rel, h := range tree(t, out) {
		if h == "link" {
			t.Errorf("%s: a link in the site", rel)
		}
		if strings.HasSuffix(rel, ".html") {
			doc, err := html.Parse(strings.NewReader(site.Read(rel)))
			if err != nil {
				t.Fatal(err)
			}
			checkHostilePage(t, rel, doc, map[string]bool{})
		}
	}
	site.AssertText("data/build-report/index.html", "../2025-01/2025-01-kent-street.csv")
}

func htmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

package verify

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"

	"github.com/crimemap/crimemap/generator/manifest"
	"github.com/crimemap/crimemap/generator/site"
)

var built struct {
	once       sync.Once
	dir        string // holds the input and the site
	data, site string
	err        error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// buildSite builds the site of testdata/input.txtar once for every test
// and returns its folder and its input's; tests change copies of it.
func buildSite(t *testing.T) (siteDir, data string) {
	t.Helper()
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "verify-test-")
		if built.err != nil {
			return
		}
		built.data = filepath.Join(built.dir, "input")
		built.site = filepath.Join(built.dir, "public")
		// Once for the package, so not through a test's Unpack.
		archive, err := os.ReadFile(filepath.Join("testdata", "input.txtar"))
		if err == nil {
			err = buildtest.Extract(string(archive), built.data)
		}
		if err != nil {
			built.err = err
			return
		}
		_, built.err = site.Build(site.Config{Assets: filepath.Join("..", "..", "assets"), Data: built.data,
			Out: built.site, BaseURL: "https://crime.example/"})
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.site, built.data
}

// copySite returns a copy of the built site to change.
func copySite(t *testing.T) string {
	t.Helper()
	src, _ := buildSite(t)
	dst := filepath.Join(t.TempDir(), "public")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// remanifest writes the manifest of the site as it now is, as a build
// that wrote the change would have, so a case sees only its own problem.
func remanifest(t *testing.T, dir string) {
	t.Helper()
	var es []manifest.Entry
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == manifest.Name {
			return nil
		}
		n, sum, err := manifest.HashFile(p)
		es = append(es, manifest.Entry{Path: rel, Size: n, SHA256: sum})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, manifest.Name), manifest.Encode(es), 0o644); err != nil {
		t.Fatal(err)
	}
}

// edit replaces the first old in the file rel of the site with new and
// returns the line it was on.
func edit(t *testing.T, dir, rel, old, new string) int {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte(old))
	if i < 0 {
		t.Fatalf("%s has no %q", rel, old)
	}
	out := slices.Concat(b[:i], []byte(new), b[i+len(old):])
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return 1 + bytes.Count(b[:i], []byte("\n"))
}

// find returns the first file of the site, in path order, whose path
// matches pattern and whose content holds s.
func find(t *testing.T, dir, pattern, s string) string {
	t.Helper()
	re := regexp.MustCompile(pattern)
	found := ""
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || found != "" {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if !re.MatchString(rel) {
			return nil
		}
		if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, []byte(s)) {
			found = rel
		}
		return nil
	})
	if err != nil || found == "" {
		t.Fatalf("no file like %s holding %q (%v)", pattern, s, err)
	}
	return found
}

func check(t *testing.T, dir string, opt Options) *Report {
	t.Helper()
	rep, err := Site(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func problems(rep *Report) []string {
	out := make([]string, len(rep.Problems))
	for i, p := range rep.Problems {
		out[i] = p.String()
	}
	return out
}

func TestCleanSite(t *testing.T) {
	dir, data := buildSite(t)
	rep := check(t, dir, Options{Data: data, Lang: "en-GB", LangDirs: map[string]string{"cy/": "cy"}})
	if !rep.OK() {
		t.Errorf("problems in the site as built:\n%s", strings.Join(problems(rep), "\n"))
	}
	if !rep.PrivacyChecked || rep.InputPoints != 4 || rep.Locations == 0 {
		t.Errorf("privacy: checked %v, %d locations against %d input points", rep.PrivacyChecked, rep.Locations, rep.InputPoints)
	}
	if rep.Pages < 10 || rep.Links < 100 || rep.JSON < 10 || rep.XML < 2 || rep.Archives != 3 || rep.Tiles < 15 { // archives: two months and the catchments
		t.Errorf("checked too little: %s", rep.Summary())
	}
	if rep.BaseURL != "https://crime.example/" || rep.BaseFrom != "canonical link of index.html" {
		t.Errorf("base URL %q from %q", rep.BaseURL, rep.BaseFrom)
	}
	if !strings.Contains(rep.Summary(), "published locations checked against 4 input locations; 0 problems") {
		t.Errorf("summary: %s", rep.Summary())
	}

	// Without the input the same site passes, and says what it skipped.
	rep = check(t, dir, Options{})
	if !rep.OK() || rep.PrivacyChecked || !strings.Contains(rep.Summary(), "privacy check skipped (no input given)") {
		t.Errorf("without the input: %v, %s", problems(rep), rep.Summary())
	}
}

// TestTampered changes a copy of the site in one way each and checks the
// report names exactly that. With remanifest the manifest is rewritten
// after the change, so only the check under test can see it.
func TestTampered(t *testing.T) {
	_, data := buildSite(t)
	type tamper func(t *testing.T, dir string) (want []string)
	tests := []struct {
		name       string
		remanifest bool
		tamper     tamper
		// others are patterns every further problem must match, each at
		// least once.
		others []string
	}{
		{"changed byte", false, func(t *testing.T, dir string) []string {
			edit(t, dir, "about/index.html", "<h1", "<h1 ")
			edit(t, dir, "about/index.html", "<head>\n", "<head>")
			return []string{"about/index.html: SHA-256 differs from the manifest"}
		}, nil},
		{"changed size", false, func(t *testing.T, dir string) []string {
			info, err := os.Stat(filepath.Join(dir, "api", "forces.json"))
			if err != nil {
				t.Fatal(err)
			}
			edit(t, dir, "api/forces.json", "[", "[ ")
			return []string{fmt.Sprintf("api/forces.json: size %d, the manifest says %d", info.Size()+1, info.Size())}
		}, nil},
		{"added file", false, func(t *testing.T, dir string) []string {
			if err := os.WriteFile(filepath.Join(dir, "forces", "extra.html.bak"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{"forces/extra.html.bak: not in the manifest"}
		}, nil},
		{"deleted page", false, func(t *testing.T, dir string) []string {
			if err := os.Remove(filepath.Join(dir, "faq", "index.html")); err != nil {
				t.Fatal(err)
			}
			return []string{"faq/index.html: in the manifest but missing"}
		}, []string{`^[a-z0-9/-]+\.(html|xml):\d+: broken link "((\.\./)*|https://crime\.example/)faq/(#[a-z-]+)?"$`, `^sitemap\.xml:\d+: broken link "https://crime\.example/faq/"$`}},
		{"no manifest", false, func(t *testing.T, dir string) []string {
			if err := os.Remove(filepath.Join(dir, manifest.Name)); err != nil {
				t.Fatal(err)
			}
			return []string{"manifest.txt: no manifest: no such file or directory"}
		}, nil},
		{"bad manifest", false, func(t *testing.T, dir string) []string {
			edit(t, dir, manifest.Name, " 404.html\n", " \n")
			return []string{"manifest.txt:2: unreadable manifest: want <sha256> <size> <path>"}
		}, nil},
		{"broken link", true, func(t *testing.T, dir string) []string {
			line := edit(t, dir, "about/index.html", "</main>", `<a href="../no-such-page/">x</a></main>`)
			return []string{fmt.Sprintf(`about/index.html:%d: broken link "../no-such-page/"`, line)}
		}, nil},
		{"missing fragment", true, func(t *testing.T, dir string) []string {
			line := edit(t, dir, "about/index.html", "</main>", `<a href="../faq/#no-such-question">x</a></main>`)
			return []string{fmt.Sprintf(`about/index.html:%d: link "../faq/#no-such-question": no element with id "no-such-question"`, line)}
		}, nil},
		{"rejected URL", true, func(t *testing.T, dir string) []string {
			line := edit(t, dir, "about/index.html", "</main>", `<a href="#ZgotmplZ">101</a></main>`)
			return []string{fmt.Sprintf(`about/index.html:%d: link "#ZgotmplZ": html/template rejected the URL written here`, line)}
		}, nil},
		{"page faults", true, func(t *testing.T, dir string) []string {
			l1 := edit(t, dir, "about/index.html", "</main>", "<script>alert(1)</script>\n<svg></svg>\n<p>&amp;amp;</p></main>")
			edit(t, dir, "about/index.html", "<h1", "<h2")
			return []string{
				"about/index.html: 0 h1 elements, want 1",
				fmt.Sprintf("about/index.html:%d: inline script", l1),
				fmt.Sprintf("about/index.html:%d: chart without role=\"img\" and aria-labelledby", l1+1),
				fmt.Sprintf("about/index.html:%d: chart not followed by a table", l1+1),
				fmt.Sprintf("about/index.html:%d: double-escaped text \"&amp;amp;\"", l1+2),
			}
		}, nil},
		{"page too large", true, func(t *testing.T, dir string) []string {
			edit(t, dir, "about/index.html", "</main>", "<p>"+strings.Repeat("A long list. ", MaxPageBytes/13)+"</p></main>")
			info, err := os.Stat(filepath.Join(dir, "about", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if info.Size() <= MaxPageBytes {
				t.Fatalf("page is %d bytes, not over the limit", info.Size())
			}
			return []string{fmt.Sprintf("about/index.html: page is %s bytes, over the 200,000-byte limit", count(int(info.Size())))}
		}, nil},
		{"css", true, func(t *testing.T, dir string) []string {
			css := find(t, dir, `^assets/site-.*\.css$`, "")
			line := edit(t, dir, css, "\n", "\n.x{background:url(img/none.png)}\n")
			return []string{fmt.Sprintf(`%s:%d: broken link "img/none.png"`, css, line+1)}
		}, nil},
		{"sitemap elsewhere", true, func(t *testing.T, dir string) []string {
			line := edit(t, dir, "sitemap.xml", "https://crime.example/faq/", "https://elsewhere.example/faq/")
			return []string{fmt.Sprintf(`sitemap.xml:%d: sitemap address "https://elsewhere.example/faq/" is not under the base URL https://crime.example/`, line)}
		}, nil},
		{"bad XML", true, func(t *testing.T, dir string) []string {
			edit(t, dir, "forces/alpha/feed.xml", "</feed>", "</fed>")
			return nil
		}, []string{`^forces/alpha/feed\.xml:\d+: invalid XML: element <feed> closed by </fed>$`}},
		{"invalid JSON", true, func(t *testing.T, dir string) []string {
			edit(t, dir, "api/forces.json", "]", "")
			return []string{"api/forces.json:1: invalid JSON: unexpected end of JSON input"}
		}, nil},
		{"two JSON values", true, func(t *testing.T, dir string) []string {
			edit(t, dir, "api/forces.json", "]", "]\n[]")
			return []string{"api/forces.json:2: invalid JSON: more than one JSON value"}
		}, nil},
		{"JSON syntax", true, func(t *testing.T, dir string) []string {
			edit(t, dir, "api/crime-categories.json", ",", ",,")
			return []string{"api/crime-categories.json:1: invalid JSON: invalid character ',' looking for beginning of object key string"}
		}, nil},
		{"truncated archive", true, func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, filepath.FromSlash(find(t, dir, `^tiles/crimes-2025-01.*\.pmtiles$`, "")))
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b[:len(b)-10], 0o644); err != nil {
				t.Fatal(err)
			}
			return nil
		}, []string{`^tiles/crimes-2025-01(-[0-9a-f]+)?\.pmtiles: unreadable tile archive: open archive: tile data at \d+\+\d+ lies outside the \d+-byte file$`}},
		{"corrupt archive", true, func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, filepath.FromSlash(find(t, dir, `^tiles/crimes-2025-02.*\.pmtiles$`, "")))
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for i := len(b) - 40; i < len(b)-8; i++ { // inside the last tile's gzip stream
				b[i] ^= 0x5a
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			return nil
		}, []string{`^tiles/crimes-2025-02(-[0-9a-f]+)?\.pmtiles: unreadable tile archive: tile id \d+: .*$`}},
		{"GeoJSON point moved", true, func(t *testing.T, dir string) []string {
			gj := find(t, dir, `^data/.*\.geojson$`, "[-1.500000,53.500000]")
			line := edit(t, dir, gj, "[-1.500000,53.500000]", "[-1.500100,53.500000]")
			return []string{fmt.Sprintf("%s:%d: published location -1.500100,53.500000 is not a location of the input", gj, line)}
		}, nil},
		{"GeoJSON line", true, func(t *testing.T, dir string) []string {
			gj := find(t, dir, `^data/.*\.geojson$`, `"type":"Point"`)
			line := edit(t, dir, gj, `"type":"Point"`, `"type":"LineString"`)
			return []string{fmt.Sprintf(`%s:%d: a "LineString" geometry: only points may be published`, gj, line)}
		}, nil},
		{"API location moved", true, func(t *testing.T, dir string) []string {
			api := find(t, dir, `^api/alpha/.*/crimes/2025-02\.json$`, `"latitude":"53.600000"`)
			edit(t, dir, api, `"latitude":"53.600000"`, `"latitude":"53.600100"`)
			return []string{api + ":1: published location -1.600000,53.600100 is not a location of the input"}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySite(t)
			want := tt.tamper(t, dir)
			if tt.remanifest {
				remanifest(t, dir)
			}
			rep := check(t, dir, Options{Data: data, Lang: "en-GB", LangDirs: map[string]string{"cy/": "cy"}})
			got := problems(rep)
			if rep.OK() {
				t.Fatal("no problems reported")
			}
			for _, w := range want {
				if !slices.Contains(got, w) {
					t.Errorf("missing problem %q", w)
				}
			}
			var res []*regexp.Regexp
			for _, o := range tt.others {
				res = append(res, regexp.MustCompile(o))
			}
			matched := make([]bool, len(res))
			for _, g := range got {
				if slices.Contains(want, g) {
					continue
				}
				ok := false
				for i, re := range res {
					if re.MatchString(g) {
						ok, matched[i] = true, true
					}
				}
				if !ok {
					t.Errorf("unexpected problem %q", g)
				}
			}
			for i, m := range matched {
				if !m {
					t.Errorf("no problem like %s", tt.others[i])
				}
			}
		})
	}
}

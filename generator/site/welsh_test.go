package site

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/crimemap/crimemap/content/messages"
	"github.com/crimemap/crimemap/generator/i18n"
	"github.com/crimemap/crimemap/generator/sample"
)

const welshBase = "https://crime.example/"

// TestWelshSite builds the sample and checks the two languages against
// each other: every English page has a Welsh page at the same path under
// cy/ and no Welsh page lacks an English one; each says its language,
// names the other as its hreflang alternate and links to it from the
// language switch; the Welsh pages use Welsh names for months, categories
// and forces; and no Welsh page shows a sentence of the English catalogue.
func TestWelshSite(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sample")
	if _, err := sample.Generate(data, sample.Options{}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out, BaseURL: welshBase}); err != nil {
		t.Fatal(err)
	}
	english, welsh := map[string]bool{}, map[string]bool{}
	err := filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, out+string(filepath.Separator)))
		if cy, ok := strings.CutPrefix(rel, "cy/"); ok {
			welsh[cy] = true
		} else {
			english[rel] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(english) < 100 {
		t.Fatalf("%d English pages: too few to check", len(english))
	}
	for rel := range welsh {
		if !english[rel] {
			t.Errorf("cy/%s has no English page", rel)
		}
	}
	for rel := range english {
		if !welsh[rel] {
			t.Errorf("%s has no Welsh page at cy/%s", rel, rel)
			continue
		}
		checkPair(t, out, rel)
	}

	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	leaks := englishOnly(cat)
	if len(leaks) < 600 {
		t.Fatalf("%d English phrases to look for: the catalogue is smaller than expected", len(leaks))
	}
	for rel := range welsh {
		text := visibleText(t, read(t, filepath.Join(out, "cy", rel)))
		for _, l := range leaks {
			if containsWords(text, l.text) {
				t.Errorf("cy/%s shows %q, English of message %s", rel, l.text, l.key)
			}
		}
	}

	// Welsh names from the data's codes, and Welsh plurals, on pages whose
	// figures the sample fixes.
	gm := visibleText(t, read(t, filepath.Join(out, "cy/forces/greater-manchester/index.html")))
	for _, want := range []string{"Ni chyhoeddwyd data ar gyfer Mai 2025, Mehefin 2025", "Bwrgleriaeth", "Ymddygiad gwrthgymdeithasol", "Rhagfyr 2025"} {
		if !strings.Contains(gm, want) {
			t.Errorf("cy/forces/greater-manchester/ lacks %q", want)
		}
	}
	if dp := visibleText(t, read(t, filepath.Join(out, "cy/forces/index.html"))); !strings.Contains(dp, "Heddlu") {
		t.Errorf("cy/forces/ names no force in Welsh")
	}

	var rep struct{ Translations []string }
	if err := json.Unmarshal([]byte(read(t, filepath.Join(out, "data", "build-report.json"))), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Translations == nil || len(rep.Translations) > 0 {
		t.Errorf("build report's translations: %q, want an empty list", rep.Translations)
	}
}

// checkPair checks a page and its Welsh twin: lang, hreflang alternates
// both ways and the language switch.
func checkPair(t *testing.T, out, rel string) {
	t.Helper()
	dir := strings.TrimSuffix(rel, "index.html")
	en := read(t, filepath.Join(out, rel))
	cy := read(t, filepath.Join(out, "cy", rel))
	for _, p := range []struct {
		rel, page, lang, other, otherLang string
	}{
		{rel, en, "en-GB", "cy/" + rel, "cy"},
		{"cy/" + rel, cy, "cy", rel, "en-GB"},
	} {
		if !strings.Contains(p.page, `<html lang="`+p.lang+`"`) {
			t.Errorf("%s: not lang=%q", p.rel, p.lang)
		}
		for _, alt := range []string{
			`<link rel="alternate" hreflang="en-GB" href="` + welshBase + dir + `">`,
			`<link rel="alternate" hreflang="cy" href="` + welshBase + "cy/" + dir + `">`,
		} {
			if !strings.Contains(p.page, alt) {
				t.Errorf("%s lacks %s", p.rel, alt)
			}
		}
		m := switchRE.FindStringSubmatch(p.page)
		if m == nil {
			t.Errorf("%s has no language switch", p.rel)
			continue
		}
		if m[2] != p.otherLang {
			t.Errorf("%s: the switch leads to hreflang %q, want %q", p.rel, m[2], p.otherLang)
		}
		// The 404 page's links are absolute, as it is served anywhere.
		target, abs := strings.CutPrefix(m[1], welshBase)
		if !abs {
			target = path.Join(path.Dir(p.rel), target)
		}
		if target == "." {
			target = ""
		}
		if want := strings.TrimSuffix(strings.TrimSuffix(p.other, "index.html"), "/"); strings.TrimSuffix(target, "/") != want {
			t.Errorf("%s: the switch leads to %q, want %q", p.rel, target, want)
		}
	}
}

var switchRE = regexp.MustCompile(`<a class="cm-lang__link cm-lang-switch" href="([^"]*)" hreflang="([^"]*)"`)

// leak is English text of a message that a Welsh page must not show.
type leak struct{ key, text string }

// englishOnly lists the phrases of the English catalogue that Welsh says
// differently: each literal run of a message, with its placeholders taken
// out, of at least two words. Shorter runs ("Map", "Data") are the same
// words in both languages or too common to tell apart from data.
func englishOnly(cat *i18n.Catalogue) []leak {
	var out []leak
	for _, key := range cat.Keys() {
		cy := strings.Join(cat.Fragments(i18n.Welsh, key), "\x00")
		for _, f := range cat.Fragments(i18n.English, key) {
			f = strings.TrimSpace(strings.Trim(f, " .,:;()"))
			if len(f) < 12 || !strings.Contains(f, " ") || strings.Contains(cy, f) {
				continue
			}
			out = append(out, leak{key, f})
		}
	}
	return out
}

// visibleText is what a reader meets on a page in its own language: its
// text outside scripts and styles, and the attributes that are read out or
// shown (labels, titles, alternative text, the description), each
// unescaped, separated by newlines, with runs of space made one. Parts
// marked lang="en" on a page in another language are left out: they are
// the reference data's own English (a team's priorities and events), said
// to be English for screen readers.
func visibleText(t *testing.T, page string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(strings.Join(strings.Fields(n.Data), " ") + "\n")
			return
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				return
			}
			for _, a := range n.Attr {
				if a.Key == "lang" && a.Val == "en" && n.Data != "html" {
					return
				}
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "aria-label", "title", "alt", "placeholder", "content", "aria-description":
					b.WriteString(strings.Join(strings.Fields(a.Val), " ") + "\n")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// containsWords reports whether text holds phrase as whole words: not
// "neighbourhood of" inside "neighbourhood officers".
func containsWords(text, phrase string) bool {
	for i := 0; ; {
		k := strings.Index(text[i:], phrase)
		if k < 0 {
			return false
		}
		start, end := i+k, i+k+len(phrase)
		if !letterAt(text, start-1) && !letterAt(text, end) {
			return true
		}
		i = start + 1
	}
}

// letterAt reports whether text has a letter or digit at byte i.
func letterAt(text string, i int) bool {
	if i < 0 || i >= len(text) {
		return false
	}
	c := text[i]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// TestMissingTranslation builds with a catalogue whose Welsh lacks a
// message: the build lists it in the build report and its Welsh pages
// show the English, and with --strict the build fails, naming the message,
// and leaves the last good site in place.
func TestMissingTranslation(t *testing.T) {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(messages.FS, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(messages.FS, p)
		if p == "cy/site.json" {
			b = regexp.MustCompile(`(?m)^\s*"nav\.skip": .*\n`).ReplaceAll(b, nil)
		}
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// The real files have no problem --strict would fail on.
	data := filepath.Join("..", "..", "..", "shared", "realdata", "crime")
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Messages: fsys}); err != nil {
		t.Fatal(err)
	}
	report := read(t, filepath.Join(out, "data", "build-report.json"))
	if !strings.Contains(report, `Welsh message \"nav.skip\": missing (en/site.json:`) {
		t.Errorf("the build report does not list the missing message:\n%s", report)
	}
	if page := read(t, filepath.Join(out, "cy", "index.html")); !strings.Contains(page, ">Skip to main content</a>") {
		t.Errorf("the Welsh home page does not fall back to the English text")
	}
	if page := read(t, filepath.Join(out, "cy", "data", "build-report", "index.html")); !strings.Contains(page, "nav.skip") {
		t.Errorf("the Welsh build report page does not list the missing message")
	}
	before, err := os.ReadFile(filepath.Join(out, "manifest.txt"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(Config{Assets: assetsDir, Data: data, Out: out, Messages: fsys, Strict: true})
	if err == nil || !strings.Contains(err.Error(), `Welsh message "nav.skip"`) || !strings.Contains(err.Error(), "--strict") {
		t.Fatalf("strict build: %v, want a failure naming nav.skip", err)
	}
	if after := read(t, filepath.Join(out, "manifest.txt")); after != string(before) {
		t.Errorf("the failed build changed the site")
	}
}

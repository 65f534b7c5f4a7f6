package site

import (
	"bytes"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/crimemap/crimemap/generator/sample"
)

var doubleEscaped = regexp.MustCompile(`&amp;(amp|lt|gt|quot|#[0-9]+|#x[0-9a-fA-F]+);`)

// TestCrawl builds the small sample and checks every page as a reader's
// browser and a screen reader would meet it: it parses, has a language, a
// title and one h1, every internal link and asset resolves, no text is
// escaped twice, no script is inline, every chart is followed by a table
// with its numbers, and every link leaving the site opens no window to it.
func TestCrawl(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sample")
	if _, err := sample.Generate(data, sample.Options{}); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: site, BaseURL: "https://crime.example/"}); err != nil {
		t.Fatal(err)
	}
	pages := 0
	err := filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		rel, _ := filepath.Rel(site, p)
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if m := doubleEscaped.Find(raw); m != nil {
			t.Errorf("%s: double-escaped text %q", rel, m)
		}
		doc, err := html.Parse(bytes.NewReader(raw))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		checkPage(t, site, filepath.ToSlash(rel), doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 80 {
		t.Errorf("crawled %d pages", pages)
	}
}

func checkPage(t *testing.T, site, rel string, doc *html.Node) {
	t.Helper()
	var h1, titles int
	lang := ""
	var order []string // "svg" and "table", in document order
	var walk func(n *html.Node, inSVG bool)
	walk = func(n *html.Node, inSVG bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				lang = attr(n, "lang")
			case "h1":
				h1++
			case "title":
				if !inSVG && n.FirstChild != nil && strings.TrimSpace(n.FirstChild.Data) != "" {
					titles++
				}
			case "script":
				if attr(n, "src") == "" && attr(n, "type") != "application/ld+json" {
					t.Errorf("%s: inline script", rel)
				}
			case "svg":
				if !inSVG {
					order = append(order, "svg")
					if attr(n, "role") != "img" || attr(n, "aria-labelledby") == "" {
						t.Errorf("%s: chart without role and label", rel)
					}
				}
				inSVG = true
			case "table":
				order = append(order, "table")
			case "a":
				href := attr(n, "href")
				if u, err := url.Parse(href); err == nil && u.Scheme == "https" && u.Host != "crime.example" {
					if !strings.Contains(attr(n, "rel"), "noopener") {
						t.Errorf("%s: external link %s without rel=noopener", rel, href)
					}
				}
			}
			for _, k := range []string{"href", "src"} {
				if v := attr(n, k); v != "" {
					checkLink(t, site, rel, v)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inSVG)
		}
	}
	walk(doc, false)
	if lang != "en-GB" || titles != 1 || h1 != 1 {
		t.Errorf("%s: lang %q, %d titles, %d h1", rel, lang, titles, h1)
	}
	for i, k := range order {
		if k == "svg" && (i+1 >= len(order) || order[i+1] != "table") {
			t.Errorf("%s: chart %d is not followed by a table", rel, i)
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// checkLink reports an internal link or asset that does not resolve to a
// file of the site.
func checkLink(t *testing.T, site, rel, link string) {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Errorf("%s: bad link %q", rel, link)
		return
	}
	if u.Scheme == "mailto" || u.Scheme == "tel" {
		return
	}
	p := u.Path
	switch {
	case u.Scheme != "" && u.Host != "crime.example":
		return // leaves the site
	case u.Scheme != "":
		p = strings.TrimPrefix(p, "/")
	case strings.HasPrefix(p, "/"):
		p = strings.TrimPrefix(p, "/")
	case p == "":
		return // a fragment on the same page
	default:
		p = path.Join(path.Dir(rel), p)
	}
	full := filepath.Join(site, filepath.FromSlash(p))
	if info, err := os.Stat(full); err == nil && info.IsDir() {
		full = filepath.Join(full, "index.html")
	}
	if _, err := os.Stat(full); err != nil {
		t.Errorf("%s: broken link %q", rel, link)
	}
}

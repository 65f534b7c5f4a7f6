package content_test

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/content"
	"github.com/crimemap/crimemap/generator/markdown"
)

// languages are the page sets the site builds: the folder of content.FS
// each is loaded from, and the URL folder its pages are served under.
var languages = []struct{ name, dir, prefix string }{
	{"English", ".", "/"},
	{"Welsh", "cy", "/cy/"},
}

func load(t *testing.T, dir string) []*markdown.Page {
	t.Helper()
	pages, err := markdown.LoadDir(content.FS, dir)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// TestPages checks the embedded pages of each language as the build reads
// them: they parse, the expected ones are there, in-page anchors point at
// headings that exist, links to other pages stay in the page's language and
// point at headings that exist, and links to files reach the one copy at the
// site's root.
func TestPages(t *testing.T) {
	for _, lang := range languages {
		t.Run(lang.name, func(t *testing.T) {
			pages := load(t, lang.dir)
			bySlug := map[string]*markdown.Page{}
			var slugs []string
			for _, p := range pages {
				bySlug[p.Slug] = p
				slugs = append(slugs, p.Slug)
			}
			if got, want := strings.Join(slugs, " "), "faq about accessibility"; got != want {
				t.Errorf("pages in order: %s, want %s", got, want)
			}
			for _, p := range pages {
				if p.Description == "" {
					t.Errorf("%s: no description", p.Source)
				}
				checkLinks(t, lang.prefix, p, bySlug)
			}
		})
	}
}

func checkLinks(t *testing.T, prefix string, p *markdown.Page, bySlug map[string]*markdown.Page) {
	t.Helper()
	// A page is served at <prefix><slug>/, so "../faq/" from a Welsh page
	// is /cy/faq/, and "../../data/latest.zip" is /data/latest.zip.
	base := &url.URL{Path: prefix + p.Slug + "/"}
	for _, href := range hrefs(string(p.HTML)) {
		u, err := url.Parse(href)
		if err != nil {
			t.Errorf("%s: link %s: %v", p.Source, href, err)
			continue
		}
		if u.IsAbs() || u.Host != "" {
			continue // another site
		}
		if u.Path == "" {
			if u.Fragment != "" && !slices.Contains(headingIDs(p), u.Fragment) {
				t.Errorf("%s: link %s: no heading with that id on the page", p.Source, href)
			}
			continue
		}
		target := base.ResolveReference(u).Path
		isPage := strings.HasSuffix(target, "/") || strings.HasSuffix(target, ".html")
		inWelsh := strings.HasPrefix(target, "/cy/")
		switch {
		case !isPage && inWelsh:
			// Downloads and the API are written once, at the root.
			t.Errorf("%s: link %s is %s: files exist only at the site's root, so climb one more folder", p.Source, href, target)
		case isPage && (inWelsh != (prefix == "/cy/")):
			t.Errorf("%s: link %s is %s, a page in the other language", p.Source, href, target)
		case isPage && u.Fragment != "":
			slug := strings.Trim(strings.TrimPrefix(target, prefix), "/")
			if other := bySlug[slug]; other != nil && !slices.Contains(headingIDs(other), u.Fragment) {
				t.Errorf("%s: link %s: no heading with that id in %s", p.Source, href, other.Source)
			}
		}
	}
}

// TestWelshMatchesEnglish checks that every page exists in both languages
// under one slug, and that the headings have the same ids, levels and
// order in both, so that /faq/#id and /cy/faq/#id land on the same section.
func TestWelshMatchesEnglish(t *testing.T) {
	en, cy := bySlug(load(t, ".")), bySlug(load(t, "cy"))
	for slug, e := range en {
		if cy[slug] == nil {
			t.Errorf("%s has no Welsh page: add cy/%s.md", e.Source, slug)
		}
	}
	for slug, c := range cy {
		e := en[slug]
		if e == nil {
			t.Errorf("%s has no English page with slug %q", c.Source, slug)
			continue
		}
		if c.Order != e.Order {
			t.Errorf("%s: order %d, but %s has %d", c.Source, c.Order, e.Source, e.Order)
		}
		if c.Title == e.Title || c.Description == e.Description {
			t.Errorf("%s: title or description is the English one: translate it", c.Source)
		}
		enIDs, cyIDs := headingIDs(e), headingIDs(c)
		for _, id := range enIDs {
			if !slices.Contains(cyIDs, id) {
				t.Errorf("%s: no heading with id %q, which %s has: give the Welsh heading {#%s}", c.Source, id, e.Source, id)
			}
		}
		for _, id := range cyIDs {
			if !slices.Contains(enIDs, id) {
				t.Errorf("%s: heading id %q is not in %s", c.Source, id, e.Source)
			}
		}
		if got, want := headingOutline(c), headingOutline(e); got != want {
			t.Errorf("%s: headings (level id) differ from %s:\n got %s\nwant %s", c.Source, e.Source, got, want)
		}
	}
}

func bySlug(pages []*markdown.Page) map[string]*markdown.Page {
	m := map[string]*markdown.Page{}
	for _, p := range pages {
		m[p.Slug] = p
	}
	return m
}

// headingRE matches a heading's opening tag as the markdown package writes
// it, id first.
var headingRE = regexp.MustCompile(`<h([1-6]) id="([^"]*)"`)

// headingIDs lists the ids of every heading on the page, h4 to h6 included,
// which the table of contents leaves out.
func headingIDs(p *markdown.Page) []string {
	var ids []string
	for _, m := range headingRE.FindAllStringSubmatch(string(p.HTML), -1) {
		ids = append(ids, m[2])
	}
	return ids
}

// headingOutline is the page's headings as "h2 id" in order, one string so
// that a difference prints whole.
func headingOutline(p *markdown.Page) string {
	var out []string
	for _, m := range headingRE.FindAllStringSubmatch(string(p.HTML), -1) {
		out = append(out, "h"+m[1]+" "+m[2])
	}
	return strings.Join(out, ", ")
}

func hrefs(html string) []string {
	var out []string
	for _, part := range strings.Split(html, `href="`)[1:] {
		href, _, _ := strings.Cut(part, `"`)
		out = append(out, strings.ReplaceAll(href, "&amp;", "&"))
	}
	return out
}

package content_test

import (
	"net/url"
	"path"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/content"
	"github.com/crimemap/crimemap/generator/markdown"
)

// TestPages checks the embedded pages as the build reads them: they parse,
// the expected ones are there, and links between them point at headings
// that exist.
func TestPages(t *testing.T) {
	pages, err := markdown.LoadDir(content.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
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
		for _, href := range hrefs(string(p.HTML)) {
			u, err := url.Parse(href)
			if err != nil || u.IsAbs() {
				continue
			}
			// Pages are served at <slug>/, so "../faq/" is the faq page.
			target := p
			if u.Path != "" {
				slug := path.Base(path.Clean(path.Join(p.Slug, u.Path)))
				if target = bySlug[slug]; target == nil {
					continue // another part of the site, such as ../data/
				}
			}
			if u.Fragment != "" && !strings.Contains(string(target.HTML), `id="`+u.Fragment+`"`) {
				t.Errorf("%s: link %s: no such heading", p.Source, href)
			}
		}
	}
}

func hrefs(html string) []string {
	var out []string
	for _, part := range strings.Split(html, `href="`)[1:] {
		href, _, _ := strings.Cut(part, `"`)
		out = append(out, strings.ReplaceAll(href, "&amp;", "&"))
	}
	return out
}

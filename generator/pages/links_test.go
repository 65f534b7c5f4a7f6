package pages

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/output"
)

// TestFixtureLinks renders the whole fixture site, as a build does, and
// follows every relative link of every page: each must name a file the
// render wrote, or one another part of a build writes: the bundled
// files, the map, whose page needs tiles, the FAQ, from content/, and the
// build report's JSON.
func TestFixtureLinks(t *testing.T) {
	elsewhere := map[string]bool{"map/index.html": true, "faq/index.html": true, "data/build-report.json": true,
		"cy/map/index.html": true, "cy/faq/index.html": true}
	in := country(t)
	dir := t.TempDir()
	st, err := Render(in, output.New(dir))
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range hrefRE.FindAllStringSubmatch(string(b), -1) {
			href := m[1]
			if href == "" || strings.Contains(href, ":") || strings.HasPrefix(href, "//") || strings.Contains(href, "assets/") {
				continue
			}
			href, _, _ = strings.Cut(href, "?")
			target := resolve(rel, href)
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(target))); err != nil && !elsewhere[target] {
				t.Errorf("%s links %q: no such file", rel, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages != st.Pages {
		t.Errorf("%d pages written, Render counts %d", pages, st.Pages)
	}
	// Every force and neighbourhood has its page.
	for _, n := range in.Index.Neighbourhoods {
		p := NeighbourhoodPath(in.Store.Forces[n.Force].Slug, n.Slug) + "index.html"
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("no page %s", p)
		}
	}
}

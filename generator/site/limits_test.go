package site

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/verify"
)

// manyNeighbourhoods is how many neighbourhoods the big force of
// TestBuildManyNeighbourhoods has: the design limit for one force.
const manyNeighbourhoods = 2000

// writeManyFixture writes one month of a force with manyNeighbourhoods
// neighbourhoods (made from LSOA names, one crime each, names under every
// letter and some under none) and a small force with two.
func writeManyFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	put := func(rel, body string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const m = "2025-03"
	var b strings.Builder
	b.WriteString(streetHead)
	for i := range manyNeighbourhoods {
		town := fmt.Sprintf("%c%s", 'A'+rune(i%26), strings.Repeat("ton", 1+i%3))
		if i%100 == 0 {
			town = fmt.Sprintf("%d Acre", i) // under 0–9
		}
		lon, lat := -2.0+float64(i%50)*0.01, 53.0+float64(i/50)*0.01
		fmt.Fprintf(&b, ",%s,Big Police,Big Police,%.6f,%.6f,On or near Street %d,E01%06d,%s %04dA,Burglary,Under investigation,\n",
			m, lon, lat, i, i, town, i)
	}
	put(m+"/"+m+"-big-street.csv", b.String())
	put(m+"/"+m+"-small-street.csv", streetHead+
		fmt.Sprintf(",%s,Small Police,Small Police,-1.000000,52.000000,On or near Low Road,E01900001,Smallton 001A,Burglary,,\n", m)+
		fmt.Sprintf(",%s,Small Police,Small Police,-1.100000,52.100000,On or near High Road,E01900002,Smallton 002A,Burglary,,\n", m))
	return dir
}

// TestBuildManyNeighbourhoods builds a force with manyNeighbourhoods
// neighbourhoods and checks that no page is over the limit (through
// verify, which also checks every link), that every page is reachable
// from the home page by links, and every neighbourhood's files from its
// force's downloads page.
func TestBuildManyNeighbourhoods(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 2,000 neighbourhoods")
	}
	data := writeManyFixture(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out, BaseURL: "https://crime.example/"}); err != nil {
		t.Fatal(err)
	}
	rep, err := verify.Site(out, verify.Options{BaseURL: "https://crime.example/", Data: data, Lang: "en-GB", LangDirs: map[string]string{"cy/": "cy"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		t.Error(p)
	}

	// Every page and its size; then the pages' links.
	pages := map[string]int{}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		info, err := d.Info()
		pages[filepath.ToSlash(rel)] = int(info.Size())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	nbPage := regexp.MustCompile(`^forces/big/[a-z0-9-]+-[0-9]{4}/index\.html$`)
	nbs, biggest, largest := 0, 0, ""
	for p, n := range pages {
		if nbPage.MatchString(p) {
			nbs++
		}
		if n > biggest {
			biggest, largest = n, p
		}
	}
	t.Logf("%d pages, %d of them neighbourhoods of big; the largest %s, %d bytes", len(pages), nbs, largest, biggest)
	if nbs != manyNeighbourhoods {
		t.Fatalf("%d neighbourhood pages, want %d", nbs, manyNeighbourhoods)
	}
	if biggest > verify.MaxPageBytes {
		t.Errorf("%s is %d bytes", largest, biggest)
	}

	links := func(page string) []string {
		var ls []string
		for _, m := range hrefAttr.FindAllStringSubmatch(read(t, filepath.Join(out, filepath.FromSlash(page))), -1) {
			h := m[1]
			if strings.Contains(h, "://") || strings.HasPrefix(h, "mailto:") || strings.HasPrefix(h, "tel:") {
				continue
			}
			ls = append(ls, resolveHref(page, h))
		}
		return ls
	}
	// Breadth first from the home page, through pages only.
	seen := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	var files []string // links to files that are not pages
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, l := range links(p) {
			if _, ok := pages[l]; ok && !seen[l] {
				seen[l] = true
				queue = append(queue, l)
			} else if !ok {
				files = append(files, l)
			}
		}
	}
	for p := range pages {
		if !seen[p] && p != "404.html" && p != "cy/404.html" {
			t.Errorf("%s is not reachable from the home page", p)
		}
	}
	linked := map[string]bool{}
	for _, f := range files {
		linked[f] = true
	}
	for i := range manyNeighbourhoods {
		if i%97 != 0 { // a sample, under every kind of name
			continue
		}
		matches, err := filepath.Glob(filepath.Join(out, "data", "forces", "big", fmt.Sprintf("*-%04d", i), "*"))
		if err != nil || len(matches) != 3 {
			t.Fatalf("neighbourhood %d: files %v (%v)", i, matches, err)
		}
		for _, m := range matches {
			rel, _ := filepath.Rel(out, m)
			if !linked[filepath.ToSlash(rel)] {
				t.Errorf("%s is not linked from any page", rel)
			}
		}
	}

	// From the force's downloads page, each neighbourhood's files are
	// reached through the force's A–Z (its pages link each other), then
	// the neighbourhood's page.
	reach, az := map[string]bool{}, map[string]bool{}
	queue = []string{"data/forces/big/index.html"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, l := range links(p) {
			switch {
			case nbPage.MatchString(l):
				reach[l] = true
			case strings.HasPrefix(l, "forces/big/neighbourhoods/") && !az[l]:
				az[l] = true
				queue = append(queue, l)
			}
		}
	}
	if len(az) < 2 {
		t.Errorf("big's A–Z is on %d pages, want 2 or more at %d neighbourhoods", len(az), manyNeighbourhoods)
	}
	if len(reach) != manyNeighbourhoods {
		t.Errorf("%d neighbourhoods reachable from big's downloads page, want %d", len(reach), manyNeighbourhoods)
	}
	// The small force lists its neighbourhoods itself, and links their
	// files from its downloads page.
	small := read(t, filepath.Join(out, "data", "forces", "small", "index.html"))
	if !strings.Contains(small, `href="../../../forces/small/smallton-001/#downloads"`) {
		t.Error("small's downloads page does not link Smallton 001's downloads")
	}
	if _, ok := pages["forces/small/neighbourhoods/index.html"]; ok {
		t.Error("small has a page of neighbourhoods")
	}
}

// hrefAttr finds links and form actions (the search page is reached by the
// home page's form).
var hrefAttr = regexp.MustCompile(`(?:href|action)="([^"#]*)(?:#[^"]*)?"`)

// resolveHref is a link from a page as a path from the site root, a
// folder as its index.html.
func resolveHref(page, href string) string {
	if href == "" {
		return page
	}
	p := path.Join(path.Dir(page), href)
	if strings.HasSuffix(href, "/") || p == "." {
		p = strings.TrimPrefix(p+"/index.html", "./")
	}
	return p
}

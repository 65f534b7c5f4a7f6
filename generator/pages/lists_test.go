package pages

import (
	"bytes"
	"fmt"
	"github.com/crimemap/crimemap/generator/i18n"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/bundle"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/slug"
	"github.com/crimemap/crimemap/generator/store"
)

func TestInitial(t *testing.T) {
	for _, c := range []struct{ name, slug, heading string }{
		{"Ashby", "a", "A"}, {"ashby", "a", "A"}, {"Église Street", "e", "E"}, {"  Zed", "z", "Z"},
		{"123 Road", "0-9", "0–9"}, {"(Old) Town", "0-9", "0–9"}, {"", "0-9", "0–9"}, {"Ωmega", "0-9", "0–9"},
	} {
		if s, h := initial(c.name); s != c.slug || h != c.heading {
			t.Errorf("initial(%q) = %q, %q; want %q, %q", c.name, s, h, c.slug, c.heading)
		}
	}
}

// azInput is a country of forces, each with the named neighbourhoods. It
// has a month of data, else plan makes no lists; the lists read nothing
// of it.
func azInput(forces map[string][]string) *Input {
	in := &Input{Site: SiteInfo{Name: "crimemap"}, Store: &store.Store{}, Index: &index.Index{},
		Agg:    &aggregate.Aggregates{Months: 1},
		Assets: bundle.Manifest{"site.css": "assets/site.css", "site.js": "assets/site.js"}}
	for _, fs := range slices.Sorted(maps.Keys(forces)) {
		f := store.ForceID(len(in.Store.Forces))
		in.Store.Forces = append(in.Store.Forces, store.Force{Slug: fs, Name: "Force " + fs})
		var ids []string
		for i, name := range forces[fs] {
			ids = append(ids, fmt.Sprintf("%s-%d", name, i))
		}
		slugs := slug.Unique(ids)
		var byForce []int32
		for i, name := range forces[fs] {
			byForce = append(byForce, int32(len(in.Index.Neighbourhoods)))
			in.Index.Neighbourhoods = append(in.Index.Neighbourhoods, index.Neighbourhood{Force: f, ID: ids[i], Slug: slugs[ids[i]], Name: name})
		}
		in.Index.ByForce = append(in.Index.ByForce, byForce)
	}
	return inLang(in, i18n.English)
}

// renderPlan renders every list page plan(in) makes (the A–Z, the
// force lists) and returns them by path. It takes them from plan itself,
// so a list page plan stops making is missing here too.
func renderPlan(t *testing.T, in *Input) map[string][]byte {
	t.Helper()
	set, err := parse(in.Assets, in.msgs())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, j := range plan(in) {
		if j.tmpl != "forces" || !strings.HasPrefix(j.path, NeighbourhoodsDir) && !listRE.MatchString(j.path) {
			continue
		}
		var b bytes.Buffer
		if err := set[j.tmpl].ExecuteTemplate(&b, "base", j.build()); err != nil {
			t.Fatalf("%s: %v", j.path, err)
		}
		out[j.path] = b.Bytes()
	}
	if len(out) == 0 {
		t.Fatal("plan made no list pages")
	}
	return out
}

// listRE finds the list a page of an A–Z belongs to.
var listRE = regexp.MustCompile(`^(neighbourhoods/[^/]+|forces/[^/]+/neighbourhoods[^/]*)/([0-9]+/)?index\.html$`)

var hrefRE = regexp.MustCompile(`href="([^"#]*)(#[^"]*)?"`)

// resolve is a link from a page, as a path from the site root, with
// folders as their index.html.
func resolve(page, href string) string {
	dir := page[:strings.LastIndex(page, "/")+1]
	p := dir + href
	var parts []string
	for _, s := range strings.Split(p, "/") {
		switch s {
		case "..":
			parts = parts[:len(parts)-1]
		case ".":
		default:
			parts = append(parts, s)
		}
	}
	p = strings.Join(parts, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

// TestAZLimits lays out the A–Z for the design limits and worse: 10,000
// neighbourhoods all under one letter, long names that escape to five
// times their length, a force of 2,000. Every page must be under
// MaxPageBytes, every neighbourhood reachable from neighbourhoods/ by
// links, and every link between list pages must name a page there is.
func TestAZLimits(t *testing.T) {
	spread := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("%c%s %d", 'A'+rune(i*7%26), strings.Repeat("x", 5+i%20), i))
		}
		return out
	}
	same := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("Neighbourhood number %05d of a very long series", i))
		}
		return out
	}
	long := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("L%d %s", i, strings.Repeat("+&", 2048)))
		}
		return out
	}
	cases := []struct {
		name      string
		forces    map[string][]string
		wantPages int // at least this many pages under one letter or force
	}{
		{"10,000 in 40 forces", func() map[string][]string {
			m := map[string][]string{}
			all := spread(10_000)
			for i := range 40 {
				m[fmt.Sprintf("force-%02d", i)] = all[i*250 : (i+1)*250]
			}
			return m
		}(), 1},
		{"10,000 under N", map[string][]string{"a": same(5_000), "b": same(5_000)}, 5},
		{"2,000 in one force", map[string][]string{"btp": same(2_000), "small": spread(20)}, 2},
		{"long names", map[string][]string{"long": long(200), "neighbourhoods": {"Neighbourhoods"}}, 20},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := azInput(c.forces)
			pages := renderPlan(t, in)
			nbPages := map[string]bool{}
			for _, n := range in.Index.Neighbourhoods {
				nbPages[NeighbourhoodPath(in.Store.Forces[n.Force].Slug, n.Slug)+"index.html"] = true
			}
			biggest, perDir := 0, map[string]int{}
			linked := map[string]bool{}
			for p, b := range pages {
				biggest = max(biggest, len(b))
				if len(b) > MaxPageBytes {
					t.Errorf("%s is %d bytes, over %d", p, len(b), MaxPageBytes)
				}
				if m := listRE.FindStringSubmatch(p); m != nil {
					perDir[m[1]]++
				}
				for _, m := range hrefRE.FindAllStringSubmatch(string(b), -1) {
					if strings.Contains(m[1], "://") || strings.HasSuffix(m[1], ".css") || strings.HasSuffix(m[1], ".js") {
						continue
					}
					target := resolve(p, m[1])
					linked[target] = true
					if _, ok := pages[target]; !nbPages[target] && listRE.MatchString(target) && !ok {
						t.Errorf("%s links %q, no such page", p, m[1])
					}
				}
			}
			t.Logf("%d pages, the largest %d bytes", len(pages), biggest)
			for target := range nbPages {
				if !linked[target] {
					t.Errorf("%s is not linked from any list", target)
				}
			}
			most := 0
			for _, n := range perDir {
				most = max(most, n)
			}
			if most < c.wantPages {
				t.Errorf("at most %d pages under one folder, want %d: %v", most, c.wantPages, perDir)
			}
		})
	}
}

// TestForceListDir checks that a force's A–Z never takes the folder of one
// of its neighbourhoods.
func TestForceListDir(t *testing.T) {
	in := azInput(map[string][]string{"f": {"Neighbourhoods", "Neighbourhoods List", "Other"}})
	// The ids are "Neighbourhoods-0"...; give the slugs the clashes.
	in.Index.Neighbourhoods[0].Slug = "neighbourhoods"
	in.Index.Neighbourhoods[1].Slug = "neighbourhoods-list"
	if got := forceListDir(in, 0); got != "forces/f/neighbourhoods-list-2/" {
		t.Errorf("forceListDir = %q", got)
	}
	in.Index.Neighbourhoods[0].Slug = "other-0"
	if got := forceListDir(in, 0); got != "forces/f/neighbourhoods/" {
		t.Errorf("forceListDir = %q", got)
	}
}

// TestListEscapes checks that a name is escaped once in the lists.
func TestListEscapes(t *testing.T) {
	in := azInput(map[string][]string{"f": {`<b>"Tom" & Jerry's</b>`}})
	for p, b := range renderPlan(t, in) {
		if bytes.Contains(b, []byte("<b>")) || bytes.Contains(b, []byte("&amp;amp;")) {
			t.Errorf("%s: name not escaped once", p)
		}
	}
}

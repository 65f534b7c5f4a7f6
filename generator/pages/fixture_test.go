package pages

import (
	"bytes"
	"fmt"
	"github.com/crimemap/crimemap/generator/i18n"
	"html/template"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"
	"golang.org/x/net/html"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/bundle"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/population"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// The page-rule tests build a small country in Go, write it as the
// data.police.uk archive's street files and load it as a build does
// (source, index, aggregate), so the aggregates a page reads, the
// completeness of each month included, are the real ones for data the
// test states in a few lines.

// fixForce is one force of a fixture.
type fixForce struct {
	// slug must be one of data.police.uk's; the name is the rows' own.
	slug, name string
	// nbhds are the names of its neighbourhoods, each a square boundary
	// west to east in the force's band of longitude.
	nbhds []string
	// crimes are its located crimes in each month from the fixture's
	// first, shared out in turn among its neighbourhoods (all in the first
	// when it has none) and among fixCategories; noStreetFile for a month
	// it did not publish.
	crimes []int
	// unlocated are crimes a month, in every published month, with no
	// location: counted for the force, in no neighbourhood.
	unlocated int
	// noOutcomes are months (indexes from the first) whose crimes have no
	// last outcome, while the other months' have.
	noOutcomes []int
}

// noStreetFile marks a month a force did not publish.
const noStreetFile = -1

// fixCategories are the categories a fixture's crimes take in turn: the
// first has no outcome, the others "Under investigation".
var fixCategories = []string{"Anti-social behaviour", "Burglary", "Drugs", "Robbery"}

// fixture is a country of forces over months from first.
type fixture struct {
	first  crime.Month
	forces []fixForce
	// people are the residents of a force ("slug") or a neighbourhood
	// ("slug/name"); an area not here has no known population.
	people map[string]int
}

// steady is n months of c crimes each.
func steady(n, c int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = c
	}
	return out
}

// with is crimes with month i set to c.
func with(crimes []int, i, c int) []int {
	out := append([]int(nil), crimes...)
	out[i] = c
	return out
}

const fixStreetHead = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"

// files writes the fixture as street files, and the neighbourhoods'
// boundaries. Force k has the band of longitude k-5 to k-4, in England
// and Wales; its neighbourhood j the square from k-5+j/10, 53.
func (fx fixture) files() (fstest.MapFS, []index.Boundary) {
	fsys := fstest.MapFS{}
	var bounds []index.Boundary
	id := 0
	for k, f := range fx.forces {
		x0 := float64(k - 5)
		for j, name := range f.nbhds {
			x := x0 + float64(j)/10
			bounds = append(bounds, index.Boundary{Force: f.slug, ID: name, Name: name,
				Shape: orb.MultiPolygon{{{{x, 53}, {x + 0.1, 53}, {x + 0.1, 53.1}, {x, 53.1}, {x, 53}}}}})
		}
		for i, n := range f.crimes {
			if n == noStreetFile {
				continue
			}
			m := fx.first.Add(i)
			outcome := "Under investigation"
			for _, no := range f.noOutcomes {
				if no == i {
					outcome = ""
				}
			}
			var b strings.Builder
			b.WriteString(fixStreetHead)
			row := func(c int, lon, lat string) {
				cat := fixCategories[c%len(fixCategories)]
				cid, out := "", ""
				if c%len(fixCategories) != 0 {
					id++
					cid, out = fmt.Sprintf("%064x", id), outcome
				}
				loc := "On or near Fixture Street"
				if lon == "" {
					loc = "No Location"
				}
				fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,,,%s,%s,\n", cid, m, f.name, f.name, lon, lat, loc, cat, out)
			}
			for c := range n {
				j := 0
				if len(f.nbhds) > 0 {
					j = c % len(f.nbhds)
				}
				row(c/max(len(f.nbhds), 1), fmt.Sprintf("%.6f", x0+float64(j)/10+0.05), "53.050000")
			}
			for c := range f.unlocated {
				row(c, "", "")
			}
			fsys[fmt.Sprintf("%s/%s-%s-street.csv", m, m, f.slug)] = &fstest.MapFile{Data: []byte(b.String())}
		}
	}
	return fsys, bounds
}

// input loads the fixture as a build does and makes the pages' Input.
func (fx fixture) input(t *testing.T) *Input {
	t.Helper()
	fsys, bounds := fx.files()
	report := validate.NewReport()
	st, _, err := source.Load(&source.Input{FS: fsys, Root: "."}, report, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A month a force did not publish is reported, as it should be;
	// anything else is a mistake in the fixture.
	for _, p := range report.Examples() {
		if p.Reason != validate.MissingMonth {
			t.Fatalf("fixture problem: %v", p)
		}
	}
	ix, err := index.Build(st, bounds)
	if err != nil {
		t.Fatal(err)
	}
	agg, err := aggregate.Build(st, ix)
	if err != nil {
		t.Fatal(err)
	}
	pop := &population.Figures{
		Forces: make([]int, len(st.Forces)), ForceSource: make([]population.Source, len(st.Forces)),
		Neighbourhoods: make([]int, len(ix.Neighbourhoods)), NbhdSource: make([]population.Source, len(ix.Neighbourhoods)),
	}
	for f, force := range st.Forces {
		if n := fx.people[force.Slug]; n > 0 {
			pop.Forces[f], pop.ForceSource[f] = n, population.FromLSOAs
		}
	}
	for i, n := range ix.Neighbourhoods {
		if p := fx.people[st.Forces[n.Force].Slug+"/"+n.Name]; p > 0 {
			pop.Neighbourhoods[i], pop.NbhdSource[i] = p, population.FromDetails
		}
	}
	return inLang(&Input{Site: SiteInfo{Name: "crimemap", BaseURL: "https://crime.example/"}, Store: st, Index: ix, Agg: agg,
		Population: pop, Assets: fixAssets, Report: report}, i18n.English)
}

// testCatalogue is the embedded catalogue, loaded once for every test.
var testCatalogue = sync.OnceValues(i18n.Load)

// inLang returns in as the pages of one language see it, as Render gives
// it to them, for tests that build a page directly.
func inLang(in *Input, l i18n.Lang) *Input {
	cat, err := testCatalogue()
	if err != nil {
		panic(err)
	}
	in.Catalogue = cat
	msgs := cat.For(l)
	set, err := parse(in.Assets, msgs)
	if err != nil {
		panic(err)
	}
	return in.forLang(l, msgs, set)
}

// fixAssets name every bundled file a page may load.
var fixAssets = bundle.Manifest{"site.css": "assets/site.css", "site.js": "assets/site.js", "area.css": "assets/area.css",
	"area.js": "assets/area.js", "map.css": "assets/map.css", "map.js": "assets/map.js"}

// fixTemplates are the page templates, parsed once for every test.
var fixTemplates = sync.OnceValues(func() (map[string]*template.Template, error) {
	cat, err := testCatalogue()
	if err != nil {
		return nil, err
	}
	return parse(fixAssets, cat.For(i18n.English))
})

// render renders one page's data with its template, as Render does.
func render(t *testing.T, tmpl string, data any) string {
	t.Helper()
	set, err := fixTemplates()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := set[tmpl].ExecuteTemplate(&b, "base", data); err != nil {
		t.Fatalf("render %s: %v", tmpl, err)
	}
	return b.String()
}

// renderIn renders one page's data with the template of in's language.
func renderIn(t *testing.T, in *Input, tmpl string, data any) string {
	t.Helper()
	var b bytes.Buffer
	if err := in.loc.set[tmpl].ExecuteTemplate(&b, "base", data); err != nil {
		t.Fatalf("render %s: %v", tmpl, err)
	}
	return b.String()
}

// mustForce is the id of the force with a slug.
func mustForce(t *testing.T, in *Input, slug string) store.ForceID {
	t.Helper()
	f, ok := forceID(in, slug)
	if !ok {
		t.Fatalf("no force %q", slug)
	}
	return f
}

// nbhdID is the index of a force's neighbourhood by name.
func nbhdID(t *testing.T, in *Input, slug, name string) int32 {
	t.Helper()
	for _, nb := range in.Index.ByForce[mustForce(t, in, slug)] {
		if in.Index.Neighbourhoods[nb].Name == name {
			return nb
		}
	}
	t.Fatalf("no neighbourhood %q in %q", name, slug)
	return -1
}

// doc is a rendered page, parsed, to look at its elements.
type doc struct{ root *html.Node }

func parseDoc(t *testing.T, s string) doc {
	t.Helper()
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc{n}
}

// all returns the elements for which match is true, in document order.
func (d doc) all(match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for n := range d.root.Descendants() {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
	}
	return out
}

// byID is the element with an id, or nil.
func (d doc) byID(id string) *html.Node {
	es := d.all(func(n *html.Node) bool { return attr(n, "id") == id })
	if len(es) == 0 {
		return nil
	}
	return es[0]
}

// tag matches elements by name.
func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

// attr is an element's attribute, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// text is an element's text, its white space folded.
func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// texts are the texts of elements.
func texts(ns []*html.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = text(n)
	}
	return out
}

// section is the text of a page from the element with id to the next
// heading of the same or a higher level, for what a section says.
func (d doc) section(t *testing.T, id string) string {
	t.Helper()
	h := d.byID(id)
	if h == nil {
		t.Fatalf("no element #%s", id)
	}
	var b strings.Builder
	b.WriteString(text(h))
	for s := h.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode && len(s.Data) == 2 && s.Data[0] == 'h' && s.Data[1] <= h.Data[1] {
			break
		}
		if s.Type == html.ElementNode {
			b.WriteString(" " + text(s))
		}
	}
	return b.String()
}

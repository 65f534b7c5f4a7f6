package pages

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/crimemap/crimemap/generator/store"
	"golang.org/x/text/unicode/norm"
)

// MaxPageBytes is the most HTML any one page may hold, whatever the
// number of neighbourhoods: lists of neighbourhoods are split across
// pages to stay under it (see ListBudget).
const MaxPageBytes = 200_000

// ListBudget is the most list markup one page of an A–Z list holds; a
// longer list goes on to a next page. Half of MaxPageBytes leaves room for
// the layout and the letter navigation, and for one entry with the
// longest name the data allows (4 KB, escaped).
const ListBudget = 100_000

// ForceTableBudget is the most a force's page gives to its table of
// neighbourhoods: about 240 of usual names (a real force has up to a few
// hundred). A force whose table would be larger lists its neighbourhoods
// on a page of their own (forceListDir), by first letter, and so does its
// downloads page, so that neither page grows with the force. The rule is
// in bytes, not neighbourhoods, so that long names cannot get round it.
const ForceTableBudget = 80_000

// ownsList reports whether a force's page lists its neighbourhoods itself:
// whether the rows of its table (templates/area.html, up to 300 bytes
// with a month's flag, and the name and slug each) fit in ForceTableBudget.
func ownsList(in *Input, f store.ForceID) bool {
	n := 0
	for _, nb := range in.Index.ByForce[f] {
		x := &in.Index.Neighbourhoods[nb]
		if n += 300 + escapedLen(x.Name) + len(x.Slug); n > ForceTableBudget {
			return false
		}
	}
	return true
}

// entryBytes bounds what an A–Z entry (templates/forces.html) writes:
// the markup around it, its name and note escaped, and its link with the
// deepest root a list page has.
func entryBytes(l AreaLink) int {
	return 100 + escapedLen(l.Name) + escapedLen(l.Note) + len(l.Href)
}

// escapedLen is the length of s as html/template writes it in text, which
// is HTMLEscapeString's but for "+", which it writes as "&#43;".
func escapedLen(s string) int {
	return len(template.HTMLEscapeString(s)) + 4*strings.Count(s, "+")
}

// initial is the group a name is listed under: its first letter without
// accents, as a slug and a heading ("e", "E" for "Église"), or "0-9",
// "0–9" for a name that does not start with a letter a–z.
func initial(name string) (slug, heading string) {
	for _, r := range norm.NFKD.String(strings.TrimSpace(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // an accent split off its letter
		case r >= 'a' && r <= 'z':
			return string(r), string(r - 'a' + 'A')
		case r >= 'A' && r <= 'Z':
			return string(r - 'A' + 'a'), string(r)
		}
		break
	}
	return "0-9", "0–9"
}

// sortKey orders names as a reader expects: without case or accents.
func sortKey(name string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(name) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// azEntry is a link in an A–Z list with the group it goes in.
type azEntry struct {
	AreaLink
	key, slug, heading string
}

// sortAZ orders entries by name, then note and link, so the lists are the
// same for the same data; "0–9" comes first, as digits sort first.
func sortAZ(es []azEntry) {
	for i := range es {
		es[i].key = sortKey(es[i].Name)
		es[i].slug, es[i].heading = initial(es[i].Name)
	}
	slices.SortFunc(es, func(a, b azEntry) int {
		return cmp.Or(cmp.Compare(groupRank(a.slug), groupRank(b.slug)), cmp.Compare(a.key, b.key),
			cmp.Compare(a.Note, b.Note), cmp.Compare(a.Href, b.Href))
	})
}

func groupRank(slug string) int {
	if slug == "0-9" {
		return 0
	}
	return int(slug[0])
}

// paginate splits a sorted list into pages of at most ListBudget bytes of
// entries (and at least one entry).
func paginate(es []azEntry) [][]azEntry {
	var pages [][]azEntry
	start, size := 0, 0
	for i, e := range es {
		n := entryBytes(e.AreaLink)
		if i > start && size+n > ListBudget {
			pages = append(pages, es[start:i])
			start, size = i, 0
		}
		size += n
	}
	if start < len(es) || len(pages) == 0 {
		pages = append(pages, es[start:])
	}
	return pages
}

// pageDir is the folder of page k (from 0) of a list whose first page is
// dir: dir itself, then dir/2/, dir/3/...
func pageDir(dir string, k int) string {
	if k == 0 {
		return dir
	}
	return dir + strconv.Itoa(k+1) + "/"
}

// pager is the navigation between the pages of one list, from a page
// whose language's root is home; nil for a list on one page.
func (in *Input) pager(home, dir string, k, n int, label string) *Nav {
	if n <= 1 {
		return nil
	}
	nav := &Nav{Label: label}
	for j := range n {
		nav.Items = append(nav.Items, Link{Text: strconv.Itoa(j + 1), Href: home + pageDir(dir, j), Current: j == k})
	}
	if k > 0 {
		nav.Prev = &Link{Text: in.t("list.previous"), Href: home + pageDir(dir, k-1)}
	}
	if k < n-1 {
		nav.Next = &Link{Text: in.t("list.next"), Href: home + pageDir(dir, k+1)}
	}
	return nav
}

// Nav is a row of links between pages: letters, or the pages of a list.
type Nav struct {
	Label      string // the nav element's accessible name
	Prev, Next *Link
	Items      []Link
	// All shows every item on a phone too. GOV.UK's pagination shows
	// only the first, last and current page there, which suits numbered
	// pages but hides most of a row of letters or postcode areas.
	All bool
}

// NeighbourhoodsDir is the A–Z of every neighbourhood: an index of
// letters, each letter's neighbourhoods on neighbourhoods/<letter>/.
const NeighbourhoodsDir = "neighbourhoods/"

// letterGroup is one letter's neighbourhoods and its pages.
type letterGroup struct {
	slug, heading string
	pages         [][]azEntry
	count         int
}

// letterGroups groups every neighbourhood by first letter, each split
// into pages, each with its force's name in the page's language. Links
// are from the language's root.
func letterGroups(in *Input) []letterGroup {
	es := make([]azEntry, 0, len(in.Index.Neighbourhoods))
	forces := make([]string, len(in.Store.Forces))
	for f, force := range in.Store.Forces {
		forces[f] = in.msgs().Force(force.Slug, force.Name)
	}
	for _, n := range in.Index.Neighbourhoods {
		force := &in.Store.Forces[n.Force]
		es = append(es, azEntry{AreaLink: AreaLink{Name: n.Name, Note: forces[n.Force], Href: NeighbourhoodPath(force.Slug, n.Slug)}})
	}
	sortAZ(es)
	var out []letterGroup
	for i := 0; i < len(es); {
		j := i
		for j < len(es) && es[j].slug == es[i].slug {
			j++
		}
		out = append(out, letterGroup{slug: es[i].slug, heading: es[i].heading, pages: paginate(es[i:j]), count: j - i})
		i = j
	}
	return out
}

// lettersNav links every letter's first page, from a page whose
// language's root is home.
func (in *Input) lettersNav(home string, gs []letterGroup, current string) *Nav {
	nav := &Nav{Label: in.t("list.letters"), All: true}
	for _, g := range gs {
		nav.Items = append(nav.Items, Link{Text: g.heading, Href: home + NeighbourhoodsDir + g.slug + "/", Current: g.slug == current})
	}
	return nav
}

// neighbourhoodIndex is neighbourhoods/: each letter with its count,
// the way to any area without JavaScript or search.
func neighbourhoodIndex(in *Input, gs []letterGroup) ListPage {
	p := ListPage{Page: newPage(in, NeighbourhoodsDir+"index.html", "neighbourhoods"), Title: in.t("list.az.title"),
		Intro: in.t("list.az.intro")}
	p.Description = in.t("list.az.description")
	p.Breadcrumbs = []Link{p.homeCrumb()}
	g := Group{}
	for _, l := range gs {
		g.Links = append(g.Links, AreaLink{Name: l.heading, Href: l.slug + "/", Note: in.t("count.neighbourhoods", "n", l.count)})
	}
	p.Groups = []Group{g}
	return p
}

// letterPage is page k of one letter's neighbourhoods.
func letterPage(in *Input, gs []letterGroup, i, k int) ListPage {
	g := gs[i]
	dir := NeighbourhoodsDir + g.slug + "/"
	p := ListPage{Page: newPage(in, pageDir(dir, k)+"index.html", "neighbourhoods"),
		Title: in.t("list.letter.title", "letter", g.heading)}
	if len(g.pages) > 1 {
		p.Title = in.t("list.letter.title-paged", "letter", g.heading, "page", strconv.Itoa(k+1), "pages", strconv.Itoa(len(g.pages)))
	}
	p.Intro = in.t("list.letter.intro", "n", g.count)
	if g.slug == "0-9" {
		p.Intro = in.t("list.letter.intro-digits", "n", g.count)
	}
	p.Breadcrumbs = []Link{p.homeCrumb(), {Text: in.t("nav.neighbourhoods"), Href: p.Home + NeighbourhoodsDir}}
	p.Letters = in.lettersNav(p.Home, gs, g.slug)
	grp := Group{}
	for _, e := range g.pages[k] {
		l := e.AreaLink
		l.Href = p.Home + l.Href
		grp.Links = append(grp.Links, l)
	}
	p.Groups = []Group{grp}
	p.Pager = in.pager(p.Home, dir, k, len(g.pages), in.t("list.letter.pages", "letter", g.heading))
	return p
}

// forceListDir is the folder of a force's A–Z of neighbourhoods, when its
// page cannot list them (ownsList): forces/<force>/neighbourhoods/, or, should a
// neighbourhood of the force have that slug, the first of
// neighbourhoods-list, neighbourhoods-list-2, ... that none has.
func forceListDir(in *Input, f store.ForceID) string {
	taken := map[string]bool{}
	for _, nb := range in.Index.ByForce[f] {
		taken[in.Index.Neighbourhoods[nb].Slug] = true
	}
	seg := "neighbourhoods"
	for i := 1; taken[seg]; i++ {
		seg = "neighbourhoods-list"
		if i > 1 {
			seg += "-" + strconv.Itoa(i)
		}
	}
	return ForcePath(in.Store.Forces[f].Slug) + seg + "/"
}

// forceAZ is a force's neighbourhoods by first letter, split into pages:
// each page's groups, and where each letter's group starts.
type forceAZ struct {
	dir   string
	pages [][]azEntry
	// letters are the groups in order, with the page each starts on.
	letters []letterStart
}

type letterStart struct {
	slug, heading string
	page, count   int
}

// makeForceList lays out a force's A–Z; nil when the force's page lists
// its neighbourhoods itself.
func makeForceList(in *Input, f store.ForceID) *forceAZ {
	nbs := in.Index.ByForce[f]
	if ownsList(in, f) {
		return nil
	}
	force := &in.Store.Forces[f]
	es := make([]azEntry, 0, len(nbs))
	for _, nb := range nbs {
		n := &in.Index.Neighbourhoods[nb]
		es = append(es, azEntry{AreaLink: AreaLink{Name: n.Name, Href: NeighbourhoodPath(force.Slug, n.Slug)}})
	}
	sortAZ(es)
	fl := &forceAZ{dir: forceListDir(in, f), pages: paginate(es)}
	for k, pg := range fl.pages {
		for _, e := range pg {
			if n := len(fl.letters); n == 0 || fl.letters[n-1].slug != e.slug {
				fl.letters = append(fl.letters, letterStart{slug: e.slug, heading: e.heading, page: k})
			}
			fl.letters[len(fl.letters)-1].count++
		}
	}
	return fl
}

// nav links each letter where its group starts, from a page whose
// language's root is home.
func (fl *forceAZ) nav(in *Input, home string) *Nav {
	nav := &Nav{Label: in.t("list.letters"), All: true}
	for _, l := range fl.letters {
		nav.Items = append(nav.Items, Link{Text: l.heading, Href: home + pageDir(fl.dir, l.page) + "#letter-" + l.slug})
	}
	return nav
}

// forceListPage is page k of a force's A–Z.
func forceListPage(in *Input, f store.ForceID, fl *forceAZ, k int) ListPage {
	force := &in.Store.Forces[f]
	name := in.msgs().Force(force.Slug, force.Name)
	p := ListPage{Page: newPage(in, pageDir(fl.dir, k)+"index.html", "forces"), Title: in.t("list.force.title", "force", name)}
	if len(fl.pages) > 1 {
		p.Title = in.t("list.force.title-paged", "force", name, "page", strconv.Itoa(k+1), "pages", strconv.Itoa(len(fl.pages)))
	}
	n := len(in.Index.ByForce[f])
	p.Intro = in.t("list.force.intro", "force", name, "n", n)
	p.Description = in.t("list.force.description", "force", name, "n", n)
	p.Breadcrumbs = []Link{p.homeCrumb(), {Text: in.t("nav.forces"), Href: p.Home + "forces/"},
		{Text: name, Href: p.Home + ForcePath(force.Slug)}}
	p.Letters = fl.nav(in, p.Home)
	starts := map[string]int{}
	for _, l := range fl.letters {
		starts[l.slug] = l.page
	}
	for _, e := range fl.pages[k] {
		if len(p.Groups) == 0 || p.Groups[len(p.Groups)-1].ID != "letter-"+e.slug {
			h := e.heading
			if starts[e.slug] < k {
				h = in.t("list.continued", "letter", h)
			}
			p.Groups = append(p.Groups, Group{Heading: h, ID: "letter-" + e.slug})
		}
		g := &p.Groups[len(p.Groups)-1]
		l := e.AreaLink
		l.Href = p.Home + l.Href
		g.Links = append(g.Links, l)
	}
	p.Pager = in.pager(p.Home, fl.dir, k, len(fl.pages), in.t("list.force.pages", "force", name))
	return p
}

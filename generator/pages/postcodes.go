package pages

import (
	"cmp"
	"slices"
	"strings"

	"github.com/crimemap/crimemap/generator/search"
)

// PostcodesDir is "find by postcode district", the way to an area by its
// postcode without JavaScript: an index of postcode areas (the letters a
// postcode starts with, "BL"), and a page per area, postcodes/<area>/,
// listing each district ("BL1") with the neighbourhoods its postcodes are
// in. Every neighbourhood that holds a reference postcode is linked from
// one of them.
const PostcodesDir = "postcodes/"

// postcodeArea is one postcode area's districts.
type postcodeArea struct {
	code      string // "BL"
	districts []search.District
}

// slug is the area's folder under PostcodesDir: lower case, as every
// other path of the site.
func (a postcodeArea) slug() string { return strings.ToLower(a.code) }

// postcodeAreas groups the districts by area, in the districts' order.
func postcodeAreas(ds []search.District) []postcodeArea {
	var out []postcodeArea
	for _, d := range ds {
		area := search.PostcodeArea(d.Code)
		if len(out) == 0 || out[len(out)-1].code != area {
			out = append(out, postcodeArea{code: area})
		}
		out[len(out)-1].districts = append(out[len(out)-1].districts, d)
	}
	return out
}

// postcodesNav links every postcode area's page from a page whose link
// to its language's root is home.
func postcodesNav(in *Input, home string, as []postcodeArea, current string) *Nav {
	nav := &Nav{Label: in.t("postcodes.nav"), All: true}
	for _, a := range as {
		nav.Items = append(nav.Items, Link{Text: a.code, Href: home + PostcodesDir + a.slug() + "/", Current: a.code == current})
	}
	return nav
}

// postcodeIndex is postcodes/: every postcode area, with the range of its
// districts, so a reader with "BL1 1RA" knows to follow "BL".
func postcodeIndex(in *Input, as []postcodeArea) ListPage {
	p := ListPage{Page: newPage(in, PostcodesDir+"index.html", "home"), Title: in.t("postcodes.title"), Intro: in.t("postcodes.intro")}
	p.Description = in.t("postcodes.description")
	p.Breadcrumbs = []Link{p.homeCrumb(), {Text: in.t("search.title"), Href: p.Home + "search/"}}
	g := Group{}
	for _, a := range as {
		note := a.districts[0].Code
		if n := len(a.districts); n > 1 {
			note = in.t("postcodes.range", "first", note, "last", a.districts[n-1].Code)
		}
		g.Links = append(g.Links, AreaLink{Name: a.code, Href: a.slug() + "/", Note: note})
	}
	p.Groups = []Group{g}
	return p
}

// postcodeAreaPage is one postcode area's page: each district a heading
// with the neighbourhoods its postcodes are in.
func postcodeAreaPage(in *Input, as []postcodeArea, i int) ListPage {
	a := as[i]
	dir := PostcodesDir + a.slug() + "/"
	p := ListPage{Page: newPage(in, dir+"index.html", "home"), Title: in.t("postcodes.area.title", "area", a.code),
		Intro: in.t("postcodes.area.intro", "area", a.code)}
	p.Description = in.t("postcodes.area.description", "first", a.districts[0].Code, "last", a.districts[len(a.districts)-1].Code)
	p.Breadcrumbs = []Link{p.homeCrumb(), {Text: in.t("search.title"), Href: p.Home + "search/"},
		{Text: in.t("postcodes.districts"), Href: p.Home + PostcodesDir}}
	p.Letters = postcodesNav(in, p.Home, as, a.code)
	for _, d := range a.districts {
		g := Group{Heading: d.Code, ID: "district-" + strings.ToLower(d.Code)}
		for _, da := range d.Areas {
			n := &in.Index.Neighbourhoods[da.Neighbourhood]
			force := &in.Store.Forces[n.Force]
			g.Links = append(g.Links, AreaLink{Name: n.Name, Note: in.msgs().Force(force.Slug, force.Name), Href: p.Home + NeighbourhoodPath(force.Slug, n.Slug)})
		}
		slices.SortFunc(g.Links, func(x, y AreaLink) int {
			return cmp.Or(cmp.Compare(sortKey(x.Name), sortKey(y.Name)), cmp.Compare(x.Note, y.Note), cmp.Compare(x.Href, y.Href))
		})
		p.Groups = append(p.Groups, g)
	}
	return p
}

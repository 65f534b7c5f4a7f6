package pages

import (
	"cmp"
	"slices"
)

// SearchPage finds an area by postcode or name. Its search runs in the
// browser (assets/js/search.js); the page itself carries every way to an
// area without it: the postcode districts, the forces the site covers and
// the neighbourhoods' letters. So a search that finds nothing, a postcode
// outside the covered forces, or a browser without JavaScript, still has
// somewhere to go on the same page.
type SearchPage struct {
	Page
	// Forces are every force the site covers, by name.
	Forces []AreaLink
	// Letters link the neighbourhoods' A–Z by first letter.
	Letters *Nav
	// PostcodesHref links the postcode-district pages, "" when there are
	// none; AZHref the neighbourhoods' A–Z.
	PostcodesHref, AZHref string
}

func searchPage(in *Input, letters []letterGroup) SearchPage {
	p := SearchPage{Page: newPage(in, "search/index.html", "home")}
	if len(in.Districts) > 0 {
		p.PostcodesHref = p.Home + PostcodesDir
	}
	p.AZHref = p.Home + NeighbourhoodsDir
	p.Description = in.t("search.description")
	p.Breadcrumbs = []Link{p.homeCrumb()}
	for _, f := range in.Store.Forces {
		p.Forces = append(p.Forces, AreaLink{Name: in.msgs().Force(f.Slug, f.Name), Href: p.Home + ForcePath(f.Slug)})
	}
	slices.SortFunc(p.Forces, func(a, b AreaLink) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Href, b.Href)) })
	p.Letters = in.lettersNav(p.Home, letters, "")
	return p
}

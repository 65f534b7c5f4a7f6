package pages

import (
	"slices"

	"github.com/crimemap/crimemap/generator/downloads"
	"github.com/crimemap/crimemap/generator/store"
)

// DownloadPage is a page of downloads or the API's documentation, laid out
// by the downloads package.
type DownloadPage struct {
	Page
	Data *downloads.DataPage
	API  *downloads.APIPage
}

func downloadPage(in *Input, spec downloads.PageSpec) DownloadPage {
	p := DownloadPage{Page: newPage(in, spec.Path, "data")}
	l := downloads.Lang{Msgs: in.msgs(), Dir: in.loc.prefix}
	if spec.Template == "api" {
		p.API = in.Downloads.APIPage(l)
		p.Description = p.API.Description
	} else {
		p.Data = in.Downloads.DataPage(spec, l)
		if p.Data.Force != nil {
			p.Data = forceDataPage(in, p.Home, p.Data)
		}
		p.Description, p.JSONLD = p.Data.Description, p.Data.JSONLD
	}
	p.Breadcrumbs = []Link{p.homeCrumb()}
	if spec.Path != downloads.DataPagePath {
		p.Breadcrumbs = append(p.Breadcrumbs, Link{Text: in.t("nav.data"), Href: p.Home + "data/"})
	}
	return p
}

// dataHref is the navigation's link for data: the downloads, or the data
// quality report when there are none.
func dataHref(in *Input) string {
	if in.Downloads != nil {
		return "data/"
	}
	return "data/build-report/"
}

// downloadsLink links a force's page to its downloads page, in the
// language's folder, from a page whose link to the site root is root
// (Page.Root); "" without downloads.
func downloadsLink(in *Input, root, force string) string {
	if in.Downloads == nil {
		return ""
	}
	return root + in.loc.prefix + downloads.ForceDir(force)
}

// areaDownloads are a neighbourhood's files for its page, from a page
// whose link to the site root is root (Page.Root): the files at the root,
// the force's downloads page in the language's folder. Nil without
// downloads.
func areaDownloads(in *Input, root string, force *store.Force, nb string) *AreaDownloads {
	if in.Downloads == nil {
		return nil
	}
	d := &AreaDownloads{ForceHref: root + in.loc.prefix + downloads.ForceDir(force.Slug), SumsHref: root + downloads.SumsPath,
		ForceName: in.msgs().Force(force.Slug, force.Name)}
	for _, r := range in.Downloads.AreaDownloads(in.msgs(), force.Slug, nb) {
		r.Href = root + r.Href
		d.Files = append(d.Files, r)
	}
	return d
}

// forceDataPage links a force's downloads page to its neighbourhoods'
// files from a page whose link to its language's root is home: each
// neighbourhood page's Downloads section, or, for a force whose own page
// cannot list them (ownsList), its A–Z, so the page stays small.
func forceDataPage(in *Input, home string, d *downloads.DataPage) *downloads.DataPage {
	f, ok := forceID(in, d.Force.Slug)
	if !ok {
		return d
	}
	c := *d
	if fl := makeForceList(in, f); fl != nil {
		c.NeighbourhoodsHref = home + fl.dir
		return &c
	}
	c.Neighbourhoods = slices.Clone(d.Neighbourhoods)
	for i := range c.Neighbourhoods {
		n := &c.Neighbourhoods[i]
		n.Href = home + NeighbourhoodPath(d.Force.Slug, n.Slug) + "#downloads"
	}
	return &c
}

// forceID finds a force by its slug.
func forceID(in *Input, slug string) (store.ForceID, bool) {
	for f := range in.Store.Forces {
		if in.Store.Forces[f].Slug == slug {
			return store.ForceID(f), true
		}
	}
	return 0, false
}

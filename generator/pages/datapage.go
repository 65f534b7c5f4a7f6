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
	p := DownloadPage{Page: newPage(in, spec.Path, "data"), Data: spec.Data, API: spec.API}
	if spec.Data != nil && spec.Data.Force != nil {
		p.Data = forceDataPage(in, p.Root, spec.Data)
	}
	p.Description = spec.Description
	if spec.Data != nil {
		p.JSONLD = spec.Data.JSONLD
	}
	p.Breadcrumbs = []Link{p.homeCrumb()}
	if spec.Path != downloads.DataPagePath {
		p.Breadcrumbs = append(p.Breadcrumbs, Link{Text: "Data", Href: p.Root + "data/"})
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

// downloadsLink links a force's page to its files on its downloads page.
func downloadsLink(in *Input, root, force string) string {
	if in.Downloads == nil {
		return ""
	}
	return root + downloads.ForceDir(force)
}

// areaDownloads are a neighbourhood's files for its page, from a page at
// root; nil without downloads.
func areaDownloads(in *Input, root string, force *store.Force, nb string) *AreaDownloads {
	if in.Downloads == nil {
		return nil
	}
	d := &AreaDownloads{ForceHref: root + downloads.ForceDir(force.Slug), SumsHref: root + downloads.SumsPath, ForceName: force.Name}
	for _, r := range in.Downloads.AreaDownloads(force.Slug, nb) {
		r.Href = root + r.Href
		d.Files = append(d.Files, r)
	}
	return d
}

// forceDataPage links a force's downloads page to its neighbourhoods'
// files: each neighbourhood page's Downloads section, or, for a force
// whose own page cannot list them (ownsList), its A–Z, so the page
// stays small.
func forceDataPage(in *Input, root string, d *downloads.DataPage) *downloads.DataPage {
	f, ok := forceID(in, d.Force.Slug)
	if !ok {
		return d
	}
	c := *d
	if fl := makeForceList(in, f); fl != nil {
		c.NeighbourhoodsHref = root + fl.dir
		return &c
	}
	c.Neighbourhoods = slices.Clone(d.Neighbourhoods)
	for i := range c.Neighbourhoods {
		n := &c.Neighbourhoods[i]
		n.Href = root + NeighbourhoodPath(d.Force.Slug, n.Slug) + "#downloads"
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

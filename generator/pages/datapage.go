package pages

import (
	"github.com/crimemap/crimemap/generator/downloads"
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
	p.Description = spec.Description
	if spec.Data != nil {
		p.JSONLD = spec.Data.JSONLD
	}
	p.Breadcrumbs = []Link{{Text: "Home", Href: p.Root}}
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

// downloadsLink links an area's page to its files on its force's data page.
func downloadsLink(in *Input, root, force, nb string) string {
	if in.Downloads == nil {
		return ""
	}
	href := root + downloads.ForceDir(force)
	if nb != "" {
		href += "#nb-" + nb
	}
	return href
}

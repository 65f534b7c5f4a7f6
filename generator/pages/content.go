package pages

import (
	"html/template"

	"github.com/crimemap/crimemap/generator/markdown"
)

// ContentPage is a page written in Markdown under content/ (or, in
// another language, content/<lang>/).
type ContentPage struct {
	Page
	// Updated is the day the page was last updated, for people in the
	// page's language ("31 March 2024").
	Title, Updated string
	HTML           template.HTML
	TOC            []markdown.Heading
}

func contentPage(in *Input, c *markdown.Page) ContentPage {
	section := c.Slug
	p := ContentPage{Page: newPage(in, c.Slug+"/index.html", section), Title: c.Title, HTML: c.HTML, TOC: c.TOC}
	if c.Updated != "" {
		p.Updated = in.dateOnly(c.Updated)
	}
	p.Description = c.Description
	p.Breadcrumbs = []Link{p.homeCrumb()}
	return p
}

// NotFound is the 404 page. It is served at any missing address, so its
// links are absolute, from the site's base URL.
type NotFound struct{ Page }

func notFound(in *Input) NotFound {
	p := NotFound{Page: newPage(in, notFoundPath, "")}
	root := "/"
	if in.Site.BaseURL != "" {
		root = in.Site.BaseURL
	}
	p.Root, p.Home = root, root+in.loc.prefix
	p.Alternates = alternates(in, root, notFoundPath)
	p.Chrome = in.chromes.get(in, root, "")
	return p
}

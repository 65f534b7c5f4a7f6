package markdown

import (
	"bytes"
	"html/template"
	"path"
	"strings"

	"github.com/crimemap/crimemap/generator/slug"
)

// Page is a parsed content page, ready for the page template.
type Page struct {
	Title       string
	Description string // for <meta name="description">
	Slug        string // URL path segment
	Updated     string // YYYY-MM-DD, or "" when not given
	Order       int    // position in page lists
	// HTML is the rendered body. It is safe to print unescaped: goldmark
	// ran in safe mode, so it holds no author-written HTML.
	HTML template.HTML
	// TOC is the table of contents: h2 headings with their h3 headings.
	TOC []Heading
	// Source is the file the page came from, for messages.
	Source string
}

// Parse parses the content file name, whose bytes are src. Errors in the
// file are *Error values naming the file and line.
func Parse(name string, src []byte) (*Page, error) {
	// Editors on Windows may start a file with a byte order mark.
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	fm, err := parseFrontMatter(name, src)
	if err != nil {
		return nil, err
	}
	s := fm.slug
	if s == "" {
		base := strings.TrimSuffix(path.Base(name), path.Ext(name))
		if s = slug.Make(base); s == "" {
			return nil, errorf(name, 0, "no slug can be made from the file name: set slug in the front matter")
		}
	}
	r, err := render(name, fm.body, fm.bodyLine)
	if err != nil {
		return nil, err
	}
	return &Page{
		Title:       fm.title,
		Description: fm.description,
		Slug:        s,
		Updated:     fm.updated,
		Order:       fm.order,
		HTML:        template.HTML(r.html),
		TOC:         r.toc,
		Source:      name,
	}, nil
}

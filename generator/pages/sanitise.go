package pages

import (
	"html/template"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// The HTML that neighbourhood details may carry (descriptions, biographies,
// priorities, events): paragraphs, line breaks, emphasis, lists and links
// to web and mail addresses. Everything else, scripts, styles, images,
// forms and event handlers included, is removed.
var policy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "strong", "em", "b", "i", "ul", "ol", "li")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	p.RequireNoReferrerOnLinks(true)
	p.RequireNoFollowOnFullyQualifiedLinks(false)
	return p
})

// sanitise returns HTML from data, cut down to the allow-list, safe to print
// as HTML.
func sanitise(s string) template.HTML {
	clean := policy().Sanitize(s)
	// Links leave the site without telling it where the reader came from,
	// and without access to this page's window.
	clean = strings.ReplaceAll(clean, `rel="noreferrer"`, `rel="noopener noreferrer"`)
	return template.HTML(clean) //nolint:gosec // sanitised by the allow-list above
}

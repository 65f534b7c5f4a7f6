// Package pages renders the site's HTML pages from the aggregates.
//
// A page is a template in templates/ executed by html/template with a
// page's data (HomePage, AreaPage, ...). html/template escapes every
// string it prints for where it prints it.
//
// Every page is rendered in each of the site's languages: English at the
// root and Welsh under cy/, with the same paths beneath (lang.go). Its
// words come from the message catalogues (generator/i18n): templates call
// T, parsed once per language with that language's messages, and Go that
// writes page text calls in.t and in.msgs() on the language's copy of the
// Input. A sentence with a link in it is one message (Page.TH). Page.Home
// starts links to pages, in the page's language; Page.Root starts links
// to what exists once (assets, tiles, downloads, the API). Every page
// names its twin in the other language for hreflang and the language
// switch, and carries its scripts' messages as JSON.
//
// The parts of a page that grow with the data, the rows of tables and
// lists (Table.HTML, the rows in areahtml.go, the navigation in
// chrome.go), are written in Go as pre-rendered template.HTML, because the
// template engine's reflection over hundreds of cells costs more than the
// rest of a page. Those writers take only constants of this package as
// markup and escape every value from data themselves: markup.text and
// markup.url escape exactly as html/template does in the same place
// (html.go), and Table.HTML as template.HTMLEscapeString does. The other
// pre-rendered values are the charts and area maps (charts and areamap
// escape their own labels), the neighbourhood details' text, which
// sanitise cleans with an allow-list, Markdown pages, and JSON-LD
// (template.JS, made by encoding/json). The feeds, the sitemaps and
// robots.txt are written by hand too, with xmlBuilder escaping as
// encoding/xml does.
//
// Links are relative, so a built site works from any folder, a CDN path
// or file://. Pages are rendered in parallel and each page's bytes depend
// only on the data, so builds are reproducible.
package pages

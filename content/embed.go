// Package content holds the site's Markdown pages (questions, about,
// accessibility), embedded in the binary so a build needs no files beside
// it: the English pages at the top, and their Welsh translations, with the
// same file names, under cy/. generator/markdown parses them; its tests
// check every page here.
//
// The site loads each language with markdown.LoadDir(FS, ".") for English
// and markdown.LoadDir(FS, "cy") for Welsh; a page has the same slug in both,
// so the Welsh one is served at /cy/<slug>/. Welsh headings give the English
// heading's id explicitly ("## Pennawd {#english-id}"), so an anchor works in
// either language; the tests here check that the two sets of pages match.
package content

import "embed"

// FS holds every page, as <slug>.md (English) and cy/<slug>.md (Welsh). Each
// file needs front matter with at least a title; headings start at ##
// because the page template prints the title as h1.
//
//go:embed *.md cy/*.md
var FS embed.FS

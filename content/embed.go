// Package content holds the site's Markdown pages (questions, about,
// accessibility), embedded in the binary so a build needs no files beside
// it. generator/markdown parses them; its tests check every page here.
package content

import "embed"

// FS holds every page. Each file needs front matter with at least a title;
// headings start at ## because the page template prints the title as h1.
//
//go:embed *.md
var FS embed.FS

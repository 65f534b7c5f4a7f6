// Package templates holds the site's html/template layouts and pages,
// embedded in the binary so a build needs no files beside it.
package templates

import "embed"

// FS holds every template. base.html defines the layout; each page template
// defines the blocks "title" and "main".
//
//go:embed *.html
var FS embed.FS

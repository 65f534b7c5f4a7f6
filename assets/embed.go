// Package assets holds the site's stylesheets and scripts, embedded in the
// binary.
package assets

import "embed"

// FS holds the stylesheets.
//
//go:embed css/*.css
var FS embed.FS

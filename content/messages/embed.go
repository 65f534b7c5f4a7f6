// Package messages holds the site's message catalogues, embedded in the
// binary so a build needs no files beside it: a folder per language (en/,
// cy/), and in each one JSON file per part of the site (names.json for the
// data's names, pages.json, map.json and so on), the same file names in
// every language. generator/i18n parses and checks them; it is the only
// reader. REVIEW.md, beside them, lists the Welsh still to be checked.
package messages

import "embed"

// FS holds every catalogue file, as <language>/<part>.json.
//
//go:embed */*.json
var FS embed.FS

// Package messages holds the site's message catalogues, one JSON file per
// language (en.json, cy.json), embedded in the binary so a build needs no
// files beside it. generator/i18n parses and checks them; it is the only
// reader. REVIEW.md, beside them, lists the Welsh still to be checked.
package messages

import "embed"

// FS holds every catalogue, named by language code.
//
//go:embed *.json
var FS embed.FS

package reference

import (
	"strings"
)

// forceAliases maps slugified names to data.police.uk slugs where dropping
// the words for a police force (below) is not enough: the ONS force-area
// name "London, City of" and the forces data.police.uk abbreviates.
var forceAliases = map[string]string{
	"london-city-of":                     "city-of-london",
	"british-transport":                  "btp",
	"police-service-of-northern-ireland": "northern-ireland",
	"psni":                               "northern-ireland",
}

// forceWords end the forces' own names ("Cumbria Constabulary", "Dyfed-Powys
// Police", "Metropolitan Police Service", as the rows' Falls within column
// spells them) but not their slugs.
var forceWords = []string{"-police-service", "-constabulary", "-police"}

// ForceSlug turns a force's name into its data.police.uk slug: "Devon &
// Cornwall" → "devon-and-cornwall", "London, City of" → "city-of-london",
// "Cumbria Constabulary" → "cumbria". A slug is returned unchanged.
func ForceSlug(name string) string {
	s := slugify(name)
	if alias, ok := forceAliases[s]; ok {
		return alias
	}
	for _, w := range forceWords {
		if t, ok := strings.CutSuffix(s, w); ok && t != "" {
			s = t
			break
		}
	}
	if alias, ok := forceAliases[s]; ok {
		return alias
	}
	return s
}

// slugify lower-cases s, spells "&" as "and", and turns every run of other
// characters than a-z and 0-9 into one hyphen, trimmed at both ends.
func slugify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false
	emit := func(r rune) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteRune(r)
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			emit(r)
		case r == '&':
			hyphen = true
			for _, c := range "and" {
				emit(c)
			}
			hyphen = true
		default:
			hyphen = true
		}
	}
	return b.String()
}

// validSlug reports whether s is already a slug, as force folder and file
// names must be.
func validSlug(s string) bool {
	return s != "" && slugify(s) == s
}

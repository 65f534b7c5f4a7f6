package i18n

import (
	"strings"

	"golang.org/x/text/feature/plural"
)

// formNames are the CLDR plural categories as catalogues spell them,
// indexed by golang.org/x/text's Form.
var formNames = [...]string{
	plural.Zero:  "zero",
	plural.One:   "one",
	plural.Two:   "two",
	plural.Few:   "few",
	plural.Many:  "many",
	plural.Other: "other",
}

// numForms sizes per-form arrays.
const numForms = len(formNames)

// categoryOrder is the order CLDR lists the categories in, for messages.
var categoryOrder = []plural.Form{plural.Zero, plural.One, plural.Two, plural.Few, plural.Many, plural.Other}

func parseForm(s string) (plural.Form, bool) {
	for f, name := range formNames {
		if name == s {
			return plural.Form(f), true
		}
	}
	return 0, false
}

// formOf is the plural category CLDR gives the whole number n in lang.
func formOf(l Lang, n int64) plural.Form {
	if n < 0 {
		n = -n // the rules are for the absolute value
	}
	// A whole number has no visible fraction digits: v, w, f and t are 0.
	return plural.Cardinal.MatchPlural(l.tag(), int(n), 0, 0, 0, 0)
}

// formsUsed lists, in CLDR order, the categories lang ever chooses for a
// whole number.
func formsUsed(l Lang) []plural.Form {
	if forms, ok := usedForms[l]; ok {
		return forms
	}
	return scanForms(l)
}

// usedForms holds the site's languages' categories, worked out once.
var usedForms = func() map[Lang][]plural.Form {
	m := map[Lang][]plural.Form{}
	for _, l := range Langs() {
		m[l] = scanForms(l)
	}
	return m
}()

// scanForms lists, in CLDR order, the categories lang ever chooses for a
// whole number. English and Welsh show all theirs by 6; trying 0 to 1,000
// also catches rules on n mod 100, which other languages have. Asking the
// library, rather than writing the lists out, keeps the check of a
// catalogue in step with the rules that choose its forms.
func scanForms(l Lang) []plural.Form {
	var seen [numForms]bool
	for n := int64(0); n <= 1000; n++ {
		seen[formOf(l, n)] = true
	}
	var out []plural.Form
	for _, f := range categoryOrder {
		if seen[f] {
			out = append(out, f)
		}
	}
	return out
}

// formList writes forms for a message: "one, other".
func formList(forms []plural.Form) string {
	names := make([]string, len(forms))
	for i, f := range forms {
		names[i] = formNames[f]
	}
	return strings.Join(names, ", ")
}

package i18n

import (
	"fmt"

	"golang.org/x/text/language"
)

// Lang is one of the site's languages, as its BCP 47 code: what a page's
// lang and hreflang attributes say and what names its catalogue file.
type Lang string

// The site's languages.
const (
	English Lang = "en"
	Welsh   Lang = "cy"
)

// Langs lists the site's languages, English first: it is the default, the
// language at /, and the one a missing message falls back to.
func Langs() []Lang { return []Lang{English, Welsh} }

// ParseLang returns the language for its code.
func ParseLang(s string) (Lang, error) {
	for _, l := range Langs() {
		if string(l) == s {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown language %q (want en or cy)", s)
}

// String returns the language's code.
func (l Lang) String() string { return string(l) }

// Name returns the language's name in English, for errors and reports.
func (l Lang) Name() string {
	switch l {
	case English:
		return "English"
	case Welsh:
		return "Welsh"
	}
	return string(l)
}

// dir is the folder of the language's catalogue files in content/messages.
func (l Lang) dir() string { return string(l) + "/" }

// tag is the language as golang.org/x/text knows it, for its plural rules.
// The site's own are parsed once, as every counted message asks.
func (l Lang) tag() language.Tag {
	switch l {
	case English:
		return tagEnglish
	case Welsh:
		return tagWelsh
	}
	return language.Make(string(l))
}

var (
	tagEnglish = language.Make(string(English))
	tagWelsh   = language.Make(string(Welsh))
)

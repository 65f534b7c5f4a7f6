// Package i18n gives the site's text in each of its languages: English (the
// default, served at /) and Welsh (served under /cy/).
//
// # Catalogues
//
// Every message lives in a catalogue keyed by message ID, a folder per
// language in content/messages (en/, cy/) of one JSON file per part of the
// site, the same names in each, embedded in the binary
// by package content/messages. A value is either a text or, for a message
// that counts something, an object of plural forms keyed by CLDR plural
// category (zero, one, two, few, many, other). The form is chosen for the
// count n by the CLDR plural rules of golang.org/x/text/feature/plural:
// English uses one and other, Welsh all six (0, 1, 2, 3, 6 and everything
// else). Mutations such as "1 drosedd" and "6 throsedd" are catalogue text,
// never code, so a Welsh speaker can correct them without a programmer.
//
// # Placeholders and escaping
//
// A text may hold placeholders, {name}, filled from name/value pairs the
// caller gives: T("count.crimes", "n", 3). A string value is inserted as it
// is; an integer is a count, written with thousands separators (1,234) in
// both languages, as Welsh public bodies write numbers. A number that is
// not a count, such as a year, is passed as a string so it keeps no
// separator. "{{" and "}}" write a literal brace. A plural message always
// takes its count as n.
//
// The catalogue returns plain text, never markup. html/template escapes it
// where a page prints it, like any other string, so a translation may say
// "<" or "&" safely and cannot add markup to a page.
//
// # Errors
//
// Load fails, naming the file, line and key, when a catalogue is not valid
// JSON, holds a key twice, has a value that is neither a text nor an object
// of plural forms, uses an unknown plural category or one its language
// never chooses, or has a malformed placeholder: such a file is broken, and
// no build should use it.
//
// A catalogue that parses but is incomplete still loads, and
// Catalogue.Problems lists every gap: a key one language lacks, a plural
// form its language needs and lacks, placeholders that differ between the
// languages, an empty text. The build reports them and fails on them in
// --strict.
//
// Looking a message up never panics. Catalogue.Text returns a Problem for
// a key it lacks or arguments that do not fit. Messages.T, the function
// pages and templates call, records the Problem instead, for the build to
// list, and falls back to the English text and then to the key itself, so
// a page still renders and the gap is visible.
//
// # Data names
//
// Messages also has the names in the data: crime categories, outcomes and
// their groups, stop-and-search fields and values, ethnic groups, months
// and dates ("Rhagfyr 2025") and the forces that have an official Welsh
// name. A stop-and-search value the catalogue does not know, and any place
// or street name, is shown exactly as the data gives it.
//
// A Catalogue is immutable once loaded and a Messages may be shared by
// pages rendered in parallel.
package i18n

package pages

import (
	"html/template"
	"strings"
)

// markup builds HTML in Go for the parts of a page that repeat hundreds of
// times across the site (table rows, lists, the navigation): the template
// engine's reflection costs more than the rest of a page's work there.
// Every value from data goes through text or url, which escape it exactly
// as html/template does in the same place, so the bytes match what a
// template would write.
type markup struct{ strings.Builder }

// raw writes trusted markup: constants of this package, or HTML already
// made safe (template.HTML).
func (m *markup) raw(s string) { m.WriteString(s) }

// text writes s escaped for HTML text or a quoted attribute value.
func (m *markup) text(s string) { escapeHTML(&m.Builder, s) }

// url writes s as a quoted href or src value: an address with a scheme
// other than http, https or mailto is replaced, then it is normalised and
// escaped (html/template's urlFilter, urlNormalizer and attrEscaper).
func (m *markup) url(s string) {
	if !safeURL(s) {
		s = "#ZgotmplZ"
	}
	m.trustedURL(template.URL(s))
}

// trustedURL writes an address already vouched for, which html/template
// would not filter but still normalises and escapes.
func (m *markup) trustedURL(u template.URL) {
	var b strings.Builder
	normaliseURL(&b, string(u))
	escapeHTML(&m.Builder, b.String())
}

// html returns the markup written.
func (m *markup) html() template.HTML {
	return template.HTML(m.String()) //nolint:gosec // every value escaped by text or url
}

// htmlEscapes are the characters html/template escapes in text and in
// quoted attributes, and what it writes for them.
var htmlEscapes = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// escapeHTML writes s as html/template's htmlEscaper and attrEscaper do
// for a plain string.
func escapeHTML(b *strings.Builder, s string) { escapeWith(b, s, htmlEscapes[:]) }

// textEscapes are the characters text/template's HTMLEscapeString
// escapes, which Table.HTML has always used: html/template's less '+'.
var textEscapes = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// escapeText writes s as template.HTMLEscapeString would return it,
// without its allocation when there is something to escape.
func escapeText(b *strings.Builder, s string) { escapeWith(b, s, textEscapes[:]) }

// escapeWith writes s with each byte that has an entry in escapes replaced
// by it. The characters escaped are all ASCII, so working on bytes gives
// the same result as the templates' loops over runes, invalid UTF-8
// included.
func escapeWith(b *strings.Builder, s string, escapes []string) {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if int(c) >= len(escapes) || escapes[c] == "" {
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(escapes[c])
		written = i + 1
	}
	b.WriteString(s[written:])
}

// safeURL is html/template's isSafeURL: no scheme, or http, https or
// mailto.
func safeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

// normaliseURL is html/template's urlNormalizer: bytes that are neither
// unreserved nor reserved in a URL are %-encoded, and existing %-escapes
// are kept.
func normaliseURL(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		// As html/template does, a valid escape is kept only when a byte
		// follows it.
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		written = i + 1
	}
	b.WriteString(s[written:])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

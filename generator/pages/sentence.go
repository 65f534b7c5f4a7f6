package pages

import (
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/crimemap/crimemap/generator/downloads"
)

// A sentence with a link or a code in it is one message, its link a
// placeholder, so that a translation can put the link where its language
// wants it: "Find an area from the {home}" is "Dewch o hyd i ardal o’r
// {home}". TH writes such a message; LinkTo and Code make its markup.
// Templates call them on the page: {{.TH "key" "home" (.LinkTo .Home
// "key.of.link.text")}}.

// TH is T for a message with markup in it: the message's text escaped,
// and each placeholder whose value is template.HTML (from LinkTo, Code or
// LicenceLink) written as that markup. Other values are as T takes them.
func (p Page) TH(key string, args ...any) template.HTML {
	var pieces []template.HTML
	targs := slices.Clone(args)
	for i := 1; i < len(targs); i += 2 {
		switch v := targs[i].(type) {
		case template.HTML:
			// NUL marks where the piece goes. A value's own NULs are made
			// U+FFFD first, as escaping would write them anyway, so data
			// can never pose as a piece.
			targs[i] = "\x00" + strconv.Itoa(len(pieces)) + "\x00"
			pieces = append(pieces, v)
		case string:
			targs[i] = strings.ReplaceAll(v, "\x00", "\uFFFD")
		}
	}
	s := p.in.t(key, targs...)
	var m markup
	for {
		i := strings.IndexByte(s, 0)
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], 0)
		if j < 0 {
			break
		}
		m.text(s[:i])
		if k, err := strconv.Atoi(s[i+1 : i+1+j]); err == nil && k < len(pieces) {
			m.raw(string(pieces[k]))
		}
		s = s[i+j+2:]
	}
	m.text(s)
	return m.html()
}

// LinkTo is a link for TH: href, and as its text the message textKey
// filled from args.
func (p Page) LinkTo(href, textKey string, args ...any) template.HTML {
	return linkHTML(href, p.in.t(textKey, args...), "")
}

// LinkText is a link for TH whose text is given, not a message: a file's
// name or title.
func (p Page) LinkText(href, text string) template.HTML { return linkHTML(href, text, "") }

// Strong is s in bold, for TH: a phone number to stand out.
func (p Page) Strong(s string) template.HTML {
	var m markup
	m.raw(`<strong>`)
	m.text(s)
	m.raw(`</strong>`)
	return m.html()
}

// linkHTML is a GOV.UK link with its text, and rel when not "".
func linkHTML(href, text, rel string) template.HTML {
	var m markup
	m.raw(`<a class="govuk-link" href="`)
	m.url(href)
	m.raw(`"`)
	if rel != "" {
		m.raw(` rel="`)
		m.text(rel)
		m.raw(`"`)
	}
	m.raw(`>`)
	m.text(text)
	m.raw(`</a>`)
	return m.html()
}

// Code is s as code, for TH: a file name, a command, a value of the data,
// the same in every language.
func (p Page) Code(s string) template.HTML {
	var m markup
	m.raw(`<code>`)
	m.text(s)
	m.raw(`</code>`)
	return m.html()
}

// LicenceLink links the Open Government Licence for TH, with its name as
// the phrase "under the {licence}" takes it in the page's language.
func (p Page) LicenceLink() template.HTML {
	return linkHTML(downloads.LicenceURL, p.in.t("data.licence-name"), "license noopener")
}

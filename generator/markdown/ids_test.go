package markdown

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestExplicitHeadingIDs(t *testing.T) {
	p := mustParse(t, `## Cyfraddau
## Rates
## Cyfraddau eto {#rates}
### Ynys Môn ## {#ynys-mon-2}
Setext heading {#setext}
------------------------
## Braces kept as text \{#not-an-id}
## Dros 20 km {#over-20-km}
`)
	want := []Heading{
		{Level: 2, ID: "cyfraddau", Text: "Cyfraddau"},
		// "rates" is taken by the explicit id below, though it comes
		// later: links from other pages rely on the explicit one.
		{Level: 2, ID: "rates-1", Text: "Rates"},
		{Level: 2, ID: "rates", Text: "Cyfraddau eto", Children: []Heading{
			{Level: 3, ID: "ynys-mon-2", Text: "Ynys Môn"},
		}},
		{Level: 2, ID: "setext", Text: "Setext heading"},
		{Level: 2, ID: "braces-kept-as-text-not-an-id", Text: "Braces kept as text {#not-an-id}"},
		{Level: 2, ID: "over-20-km", Text: "Dros 20 km"},
	}
	if !reflect.DeepEqual(p.TOC, want) {
		t.Errorf("TOC\n got %+v\nwant %+v", p.TOC, want)
	}
	for _, line := range []string{
		`<h2 id="rates" class="govuk-heading-l">Cyfraddau eto</h2>`,
		`<h3 id="ynys-mon-2" class="govuk-heading-m">Ynys Môn</h3>`,
		`<h2 id="setext" class="govuk-heading-l">Setext heading</h2>`,
		`<h2 id="braces-kept-as-text-not-an-id" class="govuk-heading-l">Braces kept as text {#not-an-id}</h2>`,
	} {
		if !strings.Contains(string(p.HTML), line+"\n") {
			t.Errorf("HTML lacks %s:\n%s", line, p.HTML)
		}
	}
}

func TestExplicitHeadingIDErrors(t *testing.T) {
	// The body starts on line 4 of the file: page() adds three lines.
	tests := []struct {
		body string
		line int
		msg  string
	}{
		{"## A {#Rates}\n", 4, `heading id "Rates": use only a–z, 0–9 and hyphens`},
		{"## A {#rates_2024}\n", 4, `heading id "rates_2024": use only`},
		{"## A {#ynys-môn}\n", 4, `heading id "ynys-môn": use only`},
		{"## A {#a.b}\n", 4, `heading id "a.b": use only`},
		{"## A {#}\n", 4, `heading id "": use only`},
		{"## A {id=\"x y\"}\n", 4, `heading id "x y": use only`},
		{"## A {id=5}\n", 4, "heading id 5: write it as {#id}"},
		{"Intro.\n\n## A {#not valid}\n", 6, `heading ends in "{#not valid}", which cannot be its id`},
		{"## A {#x!}\n", 4, `heading ends in "{#x!}"`},
		{"## A {#x} ##\n", 4, `heading ends in "{#x}"`},
		{"## A {#a} {#b}\n", 4, `heading ends in "{#a}"`},
		{"## A {.big}\n", 4, `heading attribute "class": only an id, written {#id}, is allowed`},
		{"## A {#a .big}\n", 4, `heading attribute "class"`},
		{"## A {style=\"color: red\"}\n", 4, `heading attribute "style"`},
		{"## A {#a onclick=\"alert(1)\"}\n", 4, `heading attribute "onclick"`},
		{"## A {#same}\n\nText.\n\n## B {#same}\n", 8, `id "same" is already given to the heading on line 4`},
		{"## Main content\n\n## B {#main-content}\n", 6, `id "main-content" is used by the page template`},
		{"## B {#" + TOCLabelID + "}\n", 4, "is used by the page template"},
		{"Text\n{#setext-bad id}\n---\n", 5, `heading ends in "{#setext-bad id}"`},
	}
	for _, tt := range tests {
		p, err := Parse("content/cy/faq.md", page(tt.body))
		var e *Error
		if !errors.As(err, &e) || e.File != "content/cy/faq.md" || e.Line != tt.line || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("%q: err = %v, want content/cy/faq.md:%d: ...%s...", tt.body, err, tt.line, tt.msg)
		}
		if p != nil {
			t.Errorf("%q: page returned with the error: %s", tt.body, p.HTML)
		}
	}
}

// TestHeadingErrorsInDocumentOrder checks that the first problem in the
// page is the one reported, whatever its kind.
func TestHeadingErrorsInDocumentOrder(t *testing.T) {
	_, err := Parse("a.md", page("## A {#Bad}\n\n# One\n"))
	if err == nil || err.Error() != `a.md:4: heading id "Bad": use only a–z, 0–9 and hyphens` {
		t.Errorf("err = %v, want the bad id on line 4 first", err)
	}
	_, err = Parse("a.md", page("# One\n\n## A {#Bad}\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "a.md:4: level 1 heading") {
		t.Errorf("err = %v, want the level 1 heading on line 4 first", err)
	}
	_, err = Parse("a.md", page("## {#empty}\n"))
	if err == nil || err.Error() != "a.md:4: heading has no text" {
		t.Errorf("err = %v, want a.md:4: heading has no text", err)
	}
}

package markdown

import (
	"reflect"
	"strings"
	"testing"
)

func TestHeadingIDs(t *testing.T) {
	p := mustParse(t, `## Rates
## Rates
## Rates 1
## Rates
## Main content
## Navigation
## What's on the map?
## Crime in Ynys Môn & Pen-y-bont
## Sub *one* &amp; [two](../two/)
## 2024
## ???
`)
	want := []string{
		"rates", "rates-1", "rates-1-1", "rates-2",
		"main-content-1", "navigation-1",
		"whats-on-the-map",
		"crime-in-ynys-mon-and-pen-y-bont",
		"sub-one-and-two",
		"2024",
		"section",
	}
	var got []string
	for _, h := range p.TOC {
		got = append(got, h.ID)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ids\n got %q\nwant %q", got, want)
	}
	for _, id := range want {
		if !strings.Contains(string(p.HTML), `id="`+id+`"`) {
			t.Errorf("HTML lacks id %q", id)
		}
	}
	// The same heading gets the same id whatever was parsed before.
	q := mustParse(t, "## Rates\n")
	if q.TOC[0].ID != "rates" {
		t.Errorf("id depends on an earlier page: %q", q.TOC[0].ID)
	}
}

func TestTOC(t *testing.T) {
	p := mustParse(t, `### Before any h2

## First

### One
#### Too deep for the contents
### Two

## Second &amp; *last*

Paragraph.

## What's "this"?

### Three
`)
	want := []Heading{
		{Level: 3, ID: "before-any-h2", Text: "Before any h2"},
		{Level: 2, ID: "first", Text: "First", Children: []Heading{
			{Level: 3, ID: "one", Text: "One"},
			{Level: 3, ID: "two", Text: "Two"},
		}},
		{Level: 2, ID: "second-and-last", Text: "Second & last"},
		{Level: 2, ID: "whats-this", Text: "What\u2019s \u201cthis\u201d?", Children: []Heading{
			{Level: 3, ID: "three", Text: "Three"},
		}},
	}
	if !reflect.DeepEqual(p.TOC, want) {
		t.Errorf("TOC\n got %+v\nwant %+v", p.TOC, want)
	}
	if !strings.Contains(string(p.HTML), `<h4 id="too-deep-for-the-contents" class="govuk-heading-s">`) {
		t.Errorf("h4 has no id:\n%s", p.HTML)
	}
}

func TestTOCEmpty(t *testing.T) {
	if p := mustParse(t, "Just a paragraph.\n"); p.TOC != nil {
		t.Errorf("TOC = %+v, want none", p.TOC)
	}
}

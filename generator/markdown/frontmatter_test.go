package markdown

import (
	"errors"
	"strings"
	"testing"
)

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, src string
		want      Page
	}{
		{
			name: "plain.md",
			src:  "---\ntitle: Questions\ndescription: Short answers\norder: 2\n---\nBody.\n",
			want: Page{Title: "Questions", Description: "Short answers", Order: 2, Slug: "plain"},
		},
		{
			name: "quoted.md",
			src:  "---\ntitle: \"Crime: the \\\"facts\\\"\"\ndescription: 'It''s here'\nslug: my-page\nupdated: 2024-03-31\norder: -1\n---\n",
			want: Page{Title: `Crime: the "facts"`, Description: "It's here", Slug: "my-page", Updated: "2024-03-31", Order: -1},
		},
		{
			name: "content/Stop And Search.md",
			src:  "\ufeff---\r\n# a comment\r\n\r\ntitle: Stop: and search #1   \r\n---\r\n",
			want: Page{Title: "Stop: and search #1", Slug: "stop-and-search"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.name, []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tt.want.Title || p.Description != tt.want.Description || p.Slug != tt.want.Slug ||
				p.Updated != tt.want.Updated || p.Order != tt.want.Order {
				t.Errorf("got %+v, want %+v", *p, tt.want)
			}
			if p.Source != tt.name {
				t.Errorf("Source = %q, want %q", p.Source, tt.name)
			}
		})
	}
}

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct {
		src  string
		line int
		msg  string
	}{
		{"", 1, "missing front matter"},
		{"title: x\n", 1, "missing front matter"},
		{"---\ntitle: x\n", 1, "not closed"},
		{"---\n---\nbody", 1, "no title"},
		{"---\ndescription: x\n---\n", 1, "no title"},
		{"---\ntitle:\n---\n", 2, "title: must not be empty"},
		{"---\ntitle: \"\"\n---\n", 2, "title: must not be empty"},
		{"---\ntitle: x\nthis is not a pair\n---\n", 3, "want key: value"},
		{"---\ntitle: x\n: y\n---\n", 3, "want key: value"},
		{"---\ntitle: x\n\norder: two\n---\n", 4, "order: want a whole number"},
		{"---\ntitle: x\ntitle: y\n---\n", 3, "title is already set on line 2"},
		{"---\ntitle: x\ntitel: y\n---\n", 3, "unknown key"},
		{"---\ntitle: x\nslug: Not A Slug\n---\n", 3, "is not a slug"},
		{"---\ntitle: x\nslug: ../etc\n---\n", 3, "is not a slug"},
		{"---\ntitle: x\nupdated: 31/03/2024\n---\n", 3, "want a date"},
		{"---\ntitle: x\nupdated: 2024-02-30\n---\n", 3, "want a date"},
		{"---\ntitle: \"x\n---\n", 2, "bad double-quoted value"},
		{"---\ntitle: 'x\n---\n", 2, "not closed"},
		{"---\ntitle: 'it's'\n---\n", 2, "written ''"},
		{"---\ntitle: x\n  nested: y\n---\n", 3, "indented line"},
	}
	for _, tt := range tests {
		_, err := Parse("page.md", []byte(tt.src))
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%q: err = %v, want *Error", tt.src, err)
			continue
		}
		if e.File != "page.md" || e.Line != tt.line || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("%q: got %q, want page.md:%d: ...%s...", tt.src, err, tt.line, tt.msg)
		}
		if want := "page.md:"; !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: %q does not start with %q", tt.src, err, want)
		}
	}
}

func TestSlugFromFileName(t *testing.T) {
	if _, err := Parse("content/....md", []byte("---\ntitle: x\n---\n")); err == nil ||
		!strings.Contains(err.Error(), "set slug in the front matter") {
		t.Errorf("err = %v, want no slug from the file name", err)
	}
	p, err := Parse("content/....md", []byte("---\ntitle: x\nslug: dots\n---\n"))
	if err != nil || p.Slug != "dots" {
		t.Errorf("got %v, %v; want slug dots", p, err)
	}
}

package pages

import (
	"html/template"
	"strings"
	"testing"
)

// TestTHKeepsData puts links in a sentence and checks that a value from
// the data, NULs and markup included, is escaped whole and cannot stand
// in for a link.
func TestTHKeepsData(t *testing.T) {
	p := newPage(country(t), "x/index.html", "")
	link := template.HTML(`<a href="/">home page</a>`)
	got := string(p.TH("notfound.find", "home", link, "forces", "a\x000\x00<b>", "neighbourhoods", "n"))
	if !strings.HasPrefix(got, `Find an area from the <a href="/">home page</a>, or browse a`+"\uFFFD0\uFFFD"+`&lt;b&gt; and n.`) {
		t.Errorf("got %q", got)
	}
	if strings.Count(got, "<a ") != 1 {
		t.Errorf("data became a link: %q", got)
	}
}

package i18n

import (
	"encoding/json"
	"slices"
	"sync"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
)

// TestConcurrentLookups has pages rendered in parallel share one Messages,
// as the build will; run with -race.
func TestConcurrentLookups(t *testing.T) {
	cy := load(t).For(Welsh)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for n := range 100 {
				cy.T("count.crimes", "n", n)
				cy.T("not-a-key")
				cy.Category(crime.Category(1 + i%2))
			}
		})
	}
	wg.Wait()
	if p := cy.Problems(); len(p) != 1 || p[0].Key != "not-a-key" {
		t.Errorf("problems: %v", p)
	}
}

// BenchmarkT is the cost of a message on a page: a plain text, and a
// counted one.
func BenchmarkT(b *testing.B) {
	c, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	cy := c.For(Welsh)
	b.Run("text", func(b *testing.B) {
		for b.Loop() {
			cy.T("category.burglary")
		}
	})
	b.Run("plural", func(b *testing.B) {
		for b.Loop() {
			cy.T("count.crimes", "n", 1234)
		}
	})
}

// TestScript gives a page's scripts their messages: only the prefixes
// asked for, plural messages as their language's forms, and a message
// Welsh lacks in English, recorded as a problem.
func TestScript(t *testing.T) {
	c, err := LoadFS(catalogueFS(`{
  "js.map.zoom": "Zoom in",
  "js.map.count": {"one": "{n} crime", "other": "{n} crimes"},
  "js.map.only-en": "Only English {{braces}}",
  "page.title": "Title"
}`, `{
  "js.map.zoom": "Chwyddo i mewn",
  "js.map.count": {"zero": "{n} troseddau", "one": "{n} drosedd", "two": "{n} drosedd",
    "few": "{n} trosedd", "many": "{n} throsedd", "other": "{n} trosedd"},
  "page.title": "Teitl"
}`))
	if err != nil {
		t.Fatal(err)
	}
	cy := c.For(Welsh)
	got, err := json.Marshal(cy.Script("js.map."))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"lang":"cy","messages":{"js.map.count":{"few":"{n} trosedd","many":"{n} throsedd","one":"{n} drosedd","other":"{n} trosedd","two":"{n} drosedd","zero":"{n} troseddau"},"js.map.only-en":"Only English {{braces}}","js.map.zoom":"Chwyddo i mewn"}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if p := cy.Problems(); len(p) != 1 || p[0].Key != "js.map.only-en" {
		t.Errorf("problems %v, want js.map.only-en", p)
	}
	if n := len(c.For(English).Script("nothing.").Messages); n != 0 {
		t.Errorf("%d messages for an unused prefix", n)
	}
}

// TestFragments gives a message's literal text without its placeholders,
// from every plural form.
func TestFragments(t *testing.T) {
	c := load(t)
	got := c.Fragments(English, "count.crimes")
	if slices.Sort(got); !slices.Equal(got, []string{" crime", " crimes"}) {
		t.Errorf("count.crimes: %q", got)
	}
	if got := c.Fragments(Welsh, "no.such.key"); got != nil {
		t.Errorf("a missing key: %q", got)
	}
}

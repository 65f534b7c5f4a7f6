package i18n

import (
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

package i18n

import (
	"slices"
	"testing"

	"golang.org/x/text/feature/plural"
)

// TestCrimeCounts checks plural selection through a real message: Welsh
// chooses among six forms (with the mutations after un, dwy and chwe),
// English among two.
func TestCrimeCounts(t *testing.T) {
	c := load(t)
	for _, tc := range []struct {
		lang Lang
		n    any
		want string
	}{
		{Welsh, 0, "0 troseddau"},
		{Welsh, 1, "1 drosedd"},  // un drosedd: soft mutation after un (trosedd is feminine)
		{Welsh, 2, "2 drosedd"},  // dwy drosedd: soft mutation
		{Welsh, 3, "3 trosedd"},  // tair trosedd: tair, unlike tri, does not mutate
		{Welsh, 6, "6 throsedd"}, // chwe throsedd: aspirate mutation
		{Welsh, 20, "20 trosedd"},
		{Welsh, 4, "4 trosedd"},
		{Welsh, int64(1234), "1,234 trosedd"},
		{English, 0, "0 crimes"},
		{English, 1, "1 crime"},
		{English, 2, "2 crimes"},
		{English, uint32(12345), "12,345 crimes"},
		{English, -1, "-1 crime"},
	} {
		got, err := c.Text(tc.lang, "count.crimes", "n", tc.n)
		if err != nil || got != tc.want {
			t.Errorf("%s %v: %q, %v; want %q", tc.lang, tc.n, got, err, tc.want)
		}
	}
	cy := c.For(Welsh)
	if got := cy.T("count.neighbourhoods", "n", 6); got != "6 chymdogaeth" {
		t.Errorf("6 neighbourhoods: %q", got)
	}
}

func TestFormsUsed(t *testing.T) {
	if got, want := formsUsed(Welsh), []plural.Form{plural.Zero, plural.One, plural.Two, plural.Few, plural.Many, plural.Other}; !slices.Equal(got, want) {
		t.Errorf("Welsh: %s, want %s", formList(got), formList(want))
	}
	if got, want := formsUsed(English), []plural.Form{plural.One, plural.Other}; !slices.Equal(got, want) {
		t.Errorf("English: %s, want %s", formList(got), formList(want))
	}
	for n, want := range map[int64]plural.Form{0: plural.Zero, 1: plural.One, 2: plural.Two, 3: plural.Few, 6: plural.Many, 20: plural.Other, 4: plural.Other, 13: plural.Other} {
		if got := formOf(Welsh, n); got != want {
			t.Errorf("Welsh %d: %s, want %s", n, formNames[got], formNames[want])
		}
	}
}

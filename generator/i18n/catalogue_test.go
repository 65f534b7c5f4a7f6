package i18n

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
)

func load(t *testing.T) *Catalogue {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEveryKeyInBothLanguages walks both catalogues: each key of one is in
// the other, of the same kind, with the same placeholders, and nothing is
// empty or short of a plural form.
func TestEveryKeyInBothLanguages(t *testing.T) {
	c := load(t)
	for _, p := range c.Problems() {
		t.Error(p)
	}
	for _, key := range c.Keys() {
		for _, l := range Langs() {
			if !c.Has(l, key) {
				t.Errorf("%s lacks %q", l.Name(), key)
			}
		}
	}
	if n := len(c.Keys()); n < 100 {
		t.Errorf("%d keys; the catalogue should have at least the data's names", n)
	}
}

// TestDataNamesCovered checks that every code the data has a name for has
// a message in every language, so a new category or outcome added to
// generator/crime fails here rather than on a Welsh page.
func TestDataNamesCovered(t *testing.T) {
	c := load(t)
	var keys []string
	for _, cat := range crime.Categories() {
		keys = append(keys, "category."+cat.Slug())
	}
	for _, o := range crime.Outcomes()[1:] {
		keys = append(keys, "outcome."+o.Info().Code)
	}
	keys = append(keys, outcomeGroupKeys[:]...)
	for _, id := range stopFieldIDs {
		keys = append(keys, "stop-field."+id)
	}
	keys = append(keys, ethnicGroupKeys[:]...)
	for i := 1; i <= 12; i++ {
		keys = append(keys, "month."+strconv.Itoa(i), "month.short."+strconv.Itoa(i))
	}
	keys = append(keys, "date.month-year", "date.day-month-year", "stop.not-stated", "lang.name")
	for _, key := range keys {
		if key == "" || key == "stop-field." {
			t.Errorf("a table in names.go has an empty entry: %v", keys)
			continue
		}
		for _, l := range Langs() {
			if !c.Has(l, key) {
				t.Errorf("%s lacks %q", l.Name(), key)
			}
		}
	}
	if got := len(crime.Categories()); got != 15 {
		t.Errorf("%d categories; the fourteen current and one retired were expected", got)
	}
}

// TestEnglishMatchesData checks that the English catalogue says what the
// data says, so English pages read the same once they take their names
// from the catalogue.
func TestEnglishMatchesData(t *testing.T) {
	c := load(t)
	en := c.For(English)
	for _, cat := range crime.Categories() {
		if got := en.Category(cat); got != cat.String() {
			t.Errorf("category %s: %q, data says %q", cat.Slug(), got, cat.String())
		}
	}
	for _, o := range crime.Outcomes() {
		if got := en.Outcome(o); got != o.String() {
			t.Errorf("outcome %q: %q, data says %q", o.Info().Code, got, o.String())
		}
	}
	for g := range crime.NumOutcomeGroups {
		if got := en.OutcomeGroup(g); got != g.String() {
			t.Errorf("outcome group %d: %q, data says %q", g, got, g.String())
		}
	}
	for f := range store.NumStopFields {
		if got := en.StopField(f); got != f.String() {
			t.Errorf("stop field %d: %q, data says %q", f, got, f.String())
		}
	}
	for g := range reference.NumEthnicGroups {
		if got := en.EthnicGroup(g); got != g.String() {
			t.Errorf("ethnic group %d: %q, data says %q", g, got, g.String())
		}
	}
	for m := 1; m <= 12; m++ {
		mo := crime.MakeMonth(2025, m)
		if got := en.Month(mo); got != mo.Long() {
			t.Errorf("month %s: %q, want %q", mo, got, mo.Long())
		}
	}
	if p := en.Problems(); len(p) > 0 {
		t.Errorf("problems: %v", p)
	}
}

// TestSameOrder keeps each file in the same order in both languages, so a
// reviewer can read them side by side.
func TestSameOrder(t *testing.T) {
	c := load(t)
	order := func(l Lang) map[string][]string {
		byFile := map[string][]string{}
		for key, m := range c.msgs[l] {
			part := strings.TrimPrefix(m.file, l.dir())
			byFile[part] = append(byFile[part], key)
		}
		for _, keys := range byFile {
			slices.SortFunc(keys, func(a, b string) int { return c.msgs[l][a].line - c.msgs[l][b].line })
		}
		return byFile
	}
	en, cy := order(English), order(Welsh)
	if !slices.Equal(slices.Sorted(maps.Keys(en)), slices.Sorted(maps.Keys(cy))) {
		t.Fatalf("files differ: en/ has %v, cy/ has %v", slices.Sorted(maps.Keys(en)), slices.Sorted(maps.Keys(cy)))
	}
	for part, enKeys := range en {
		cyKeys := cy[part]
		for i := range min(len(enKeys), len(cyKeys)) {
			if enKeys[i] != cyKeys[i] {
				t.Fatalf("%s entry %d: %q in en/, %q in cy/", part, i+1, enKeys[i], cyKeys[i])
			}
		}
		if len(enKeys) != len(cyKeys) {
			t.Fatalf("%s: en/ has %d entries, cy/ %d", part, len(enKeys), len(cyKeys))
		}
	}
}

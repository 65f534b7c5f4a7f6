package i18n

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func catalogueFS(en, cy string) fstest.MapFS {
	return fstest.MapFS{
		"en/names.json": {Data: []byte(en)},
		"cy/names.json": {Data: []byte(cy)},
	}
}

const goodEN = `{
  "hello": "Hello",
  "count": {"one": "{n} crime", "other": "{n} crimes"}
}`

const goodCY = `{
  "hello": "Helo",
  "count": {"zero": "{n} troseddau", "one": "{n} drosedd", "two": "{n} drosedd",
    "few": "{n} trosedd", "many": "{n} throsedd", "other": "{n} trosedd"}
}`

// TestBrokenFiles checks that a catalogue that cannot be used stops the
// load with an error naming the file, the line and the key.
func TestBrokenFiles(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cy     string
		expect []string // all in the error
	}{
		{"syntax", "{\n  \"hello\": \"Helo\",\n  \"count\": {\"one\": \"x\",}\n}", []string{"cy/names.json:3:", `after key "count"`, "not valid JSON"}},
		{"truncated", "{\n  \"hello\": \"Helo\"", []string{"cy/names.json:2:", `after key "hello"`, "unexpected EOF"}},
		{"unknown category", "{\n  \"hello\": \"Helo\",\n  \"count\": {\"several\": \"{n} trosedd\", \"other\": \"{n} trosedd\"}\n}",
			[]string{"cy/names.json:3:", `key "count"`, `unknown plural category "several"`}},
		{"number", "{\n  \"hello\": 7\n}", []string{"cy/names.json:2:", `key "hello"`, "a message is a text or an object of plural forms"}},
		{"array", "{\n  \"hello\": [\"Helo\"]\n}", []string{"cy/names.json:2:", `key "hello"`, "a message is a text"}},
		{"twice", "{\n  \"hello\": \"Helo\",\n  \"hello\": \"Shwmae\"\n}", []string{"cy/names.json:3:", `key "hello" given twice (first on line 2)`}},
		{"placeholder", "{\n  \"hello\": \"Helo {enw\"\n}", []string{"cy/names.json:2:", `key "hello"`, "placeholder not closed"}},
		{"bad name", "{\n  \"hello\": \"Helo {Enw}\"\n}", []string{"cy/names.json:2:", `placeholder {Enw}`}},
		{"lone brace", "{\n  \"hello\": \"Helo }\"\n}", []string{"cy/names.json:2:", `"}" with no placeholder open`}},
		{"form not a text", "{\n  \"count\": {\"one\": 1, \"other\": \"x\"}\n}", []string{"cy/names.json:2:", `plural form "one" is not a text`}},
		{"no forms", "{\n  \"count\": {}\n}", []string{"cy/names.json:2:", "no plural forms"}},
		{"not an object", `["hello"]`, []string{"cy/names.json:1:", "one JSON object"}},
		{"trailing", `{"hello": "Helo"} {}`, []string{"cy/names.json:1:", "more after"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadFS(catalogueFS(goodEN, tc.cy))
			if err == nil {
				t.Fatal("loaded")
			}
			for _, want := range tc.expect {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("%v\nwant %q in it", err, want)
				}
			}
		})
	}
}

func TestBrokenFilesAll(t *testing.T) {
	// A form English never chooses is a mistake (the text would never
	// show), and every broken entry of every file is reported at once.
	en := "{\n  \"hello\": \"Hello\",\n  \"count\": {\"few\": \"{n} crimes\", \"other\": \"{n} crimes\"}\n}"
	cy := "{\n  \"hello\": 1,\n  \"count\": {\"other\": \"{n\"}\n}"
	_, err := LoadFS(catalogueFS(en, cy))
	if err == nil {
		t.Fatal("loaded")
	}
	for _, want := range []string{
		`en/names.json:3: key "count": plural category "few" is never chosen in English, which uses one, other`,
		`cy/names.json:2: key "hello"`,
		`cy/names.json:3: key "count": plural form "other": placeholder not closed`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v\nwant %q in it", err, want)
		}
	}
	_, err = LoadFS(fstest.MapFS{"en/names.json": {Data: []byte(goodEN)}})
	if err == nil || !strings.Contains(err.Error(), "reading the Welsh catalogue") {
		t.Errorf("no cy/: %v", err)
	}
	_, err = Load()
	if err != nil {
		t.Errorf("embedded: %v", err)
	}
}

// TestProblems checks the gaps a catalogue that parses may have: each is
// listed, none stops the load.
func TestProblems(t *testing.T) {
	en := `{
  "hello": "Hello",
  "only-en": "Only English",
  "count": {"one": "{n} crime", "other": "{n} crimes"},
  "named": "Hello {name}",
  "plain": "A text",
  "blank": "x"
}`
	cy := `{
  "hello": "Helo",
  "only-cy": "Cymraeg yn unig",
  "count": {"one": "{n} drosedd", "other": "{n} trosedd"},
  "named": "Helo",
  "plain": {"other": "Testun"},
  "blank": ""
}`
	c, err := LoadFS(catalogueFS(en, cy))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range c.Problems() {
		got = append(got, p.Error())
	}
	want := []string{
		`Welsh message "blank": cy/names.json:7: empty text`,
		`Welsh message "count": cy/names.json:4: no plural form zero, two, few, many (Welsh uses zero, one, two, few, many, other)`,
		`Welsh message "named": cy/names.json:5: placeholders none here but {name} in en/names.json:5`,
		`English message "only-cy": missing (cy/names.json:3 has it)`,
		`Welsh message "only-en": missing (en/names.json:3 has it)`,
		`Welsh message "plain": cy/names.json:6: no plural form zero, one, two, few, many (Welsh uses zero, one, two, few, many, other)`,
		`Welsh message "plain": cy/names.json:6: plural forms here but a text in en/names.json:6`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A missing form falls back to "other" in the same language.
	if s, err := c.Text(Welsh, "count", "n", 6); err != nil || s != "6 trosedd" {
		t.Errorf("6: %q, %v", s, err)
	}
}

// TestLookupFailures checks that a lookup that cannot be answered is an
// error from Text and a recorded problem from T, never a panic.
func TestLookupFailures(t *testing.T) {
	en := strings.Replace(goodEN, `"hello": "Hello",`, `"hello": "Hello", "only-en": "Only English",`, 1)
	c, err := LoadFS(catalogueFS(en, goodCY))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key    string
		args   []any
		reason string
	}{
		{"nowhere", nil, "no such message"},
		{"count", nil, "needs its count as n"},
		{"count", []any{"n", 1.5}, "not float64"},
		{"count", []any{"n"}, "name/value pairs"},
		{"count", []any{3, "n"}, "a name must be a string"},
		{"count", []any{"n", uint64(1 << 63)}, "too large"},
	} {
		_, err := c.Text(Welsh, tc.key, tc.args...)
		var p Problem
		if !errors.As(err, &p) || !strings.Contains(p.Reason, tc.reason) || p.Key != tc.key || p.Lang != Welsh {
			t.Errorf("%s %v: %v, want a Problem saying %q", tc.key, tc.args, err, tc.reason)
		}
	}
	if _, err := c.Text("fr", "hello"); err == nil {
		t.Error("a language with no catalogue gave text")
	}

	cy := c.For(Welsh)
	if got := cy.T("only-en"); got != "Only English" {
		t.Errorf("missing in Welsh: %q, want the English", got)
	}
	if got := cy.T("nowhere"); got != "nowhere" {
		t.Errorf("missing everywhere: %q, want the key", got)
	}
	cy.T("nowhere") // counted once
	if got := cy.T("count", "n", "three"); got != "count" {
		t.Errorf("bad count: %q", got)
	}
	got := cy.Problems()
	if len(got) != 3 || got[0].Key != "count" || got[1].Key != "nowhere" || got[2].Key != "only-en" {
		t.Errorf("problems: %v", got)
	}
	// A data name that the catalogue lacks is recorded; a bad code is too.
	if got := cy.Category(0); got != "" {
		t.Errorf("category 0: %q", got)
	}
	if got := cy.Category(1); got != "category.anti-social-behaviour" {
		t.Errorf("category without catalogue: %q", got)
	}
	if n := len(cy.Problems()); n != 5 {
		t.Errorf("%d problems, want 5: %v", n, cy.Problems())
	}
}

func TestParseText(t *testing.T) {
	for in, want := range map[string]string{
		"":                    "",
		"plain":               "plain",
		"{a} and {b}":         "A and B",
		"{{literal}} {a}":     "{literal} A",
		"{a}{a}":              "AA",
		"}}{{":                "}{",
		"x {long-name_2} y":   "x L y",
		"Ydy {a}'n iawn? {b}": "Ydy A'n iawn? B",
	} {
		tx, err := parseText(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		got, err := tx.render([]any{"a", "A", "b", "B", "long-name_2", "L"})
		if err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", in, got, err, want)
		}
	}
	tx, _ := parseText("{a} {b}")
	if _, err := tx.render([]any{"a", "A"}); err == nil || !strings.Contains(err.Error(), "{b}") {
		t.Errorf("a missing value: %v", err)
	}
	for _, bad := range []string{"{", "}", "{}", "{1a}", "{a b}", "{A}"} {
		if _, err := parseText(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// TestKeyInTwoFiles refuses a key that two files of one language give,
// since which of them a page would get would depend on reading order.
func TestKeyInTwoFiles(t *testing.T) {
	fsys := catalogueFS(goodEN, goodCY)
	fsys["en/pages.json"] = &fstest.MapFile{Data: []byte("{\n  \"other\": \"x\",\n  \"hello\": \"Hi\"\n}")}
	_, err := LoadFS(fsys)
	if err == nil || !strings.Contains(err.Error(), `en/pages.json:3: key "hello" is in en/names.json:2 too`) {
		t.Errorf("got %v", err)
	}
}

package i18n

import (
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
)

func TestDates(t *testing.T) {
	c := load(t)
	en, cy := c.For(English), c.For(Welsh)
	dec := crime.MakeMonth(2025, 12)
	for _, tc := range []struct{ got, want string }{
		{cy.Month(dec), "Rhagfyr 2025"},
		{en.Month(dec), "December 2025"},
		{cy.Month(crime.MakeMonth(2026, 1)), "Ionawr 2026"},
		{cy.Month(crime.MakeMonth(2010, 7)), "Gorffennaf 2010"},
		{cy.ShortMonth(crime.MakeMonth(2024, 2)), "Chwef 2024"},
		{en.ShortMonth(crime.MakeMonth(2024, 2)), "Feb 2024"},
		{cy.Date(time.Date(2025, 12, 5, 0, 0, 0, 0, time.UTC)), "5 Rhagfyr 2025"},
		{en.Date(time.Date(2025, 3, 21, 0, 0, 0, 0, time.UTC)), "21 March 2025"},
		{cy.Number(1234), "1,234"},
		{cy.Number(-1234567), "-1,234,567"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
	// Every month has its own Welsh name.
	want := strings.Fields("Ionawr Chwefror Mawrth Ebrill Mai Mehefin Gorffennaf Awst Medi Hydref Tachwedd Rhagfyr")
	for i, name := range want {
		if got := cy.Month(crime.MakeMonth(2025, i+1)); got != name+" 2025" {
			t.Errorf("month %d: %q, want %q", i+1, got, name+" 2025")
		}
	}
}

func TestNames(t *testing.T) {
	c := load(t)
	en, cy := c.For(English), c.For(Welsh)
	for _, tc := range []struct{ got, want string }{
		{cy.Category(crime.AntiSocialBehaviour), "Ymddygiad gwrthgymdeithasol"},
		{cy.Category(crime.ViolentCrime), "Trais a throseddau rhywiol"},
		{cy.OutcomeGroup(crime.GroupNoFurther), "Dim camau pellach"},
		{cy.Outcome(crime.NoOutcome), ""},
		{cy.StopField(store.StopAge), "Ystod oedran"},
		{cy.StopValue(store.StopType, "Person and Vehicle search"), "Chwilio person a cherbyd"},
		{cy.StopValue(store.StopType, "Person and vehicle search"), "Chwilio person a cherbyd"},
		{cy.StopValue(store.StopGender, ""), "Heb ei nodi"},
		{cy.StopValue(store.StopObject, crime.NotStated), "Heb ei nodi"},
		{cy.StopValue(store.StopAge, "over 34"), "dros 34"},
		{en.StopValue(store.StopAge, "over 34"), "over 34"},
		// A value the catalogue does not have is data, shown as written.
		{cy.StopValue(store.StopObject, "Seals or hunting equipment"), "Seals or hunting equipment"},
		{cy.StopValue(store.StopLegislation, "Firearms Act 1968 (section 47)"), "Firearms Act 1968 (section 47)"},
		{cy.EthnicGroup(reference.White), "Gwyn"},
		{cy.Force("dyfed-powys", "Dyfed-Powys Police"), "Heddlu Dyfed-Powys"},
		{cy.Force("gwent", "Gwent Police"), "Heddlu Gwent"},
		{cy.Force("north-wales", "North Wales Police"), "Heddlu Gogledd Cymru"},
		{cy.Force("south-wales", "South Wales Police"), "Heddlu De Cymru"},
		{cy.Force("cumbria", "Cumbria Constabulary"), "Cumbria Constabulary"},
		{en.Force("gwent", "Gwent Police"), "Gwent Police"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
	if p := cy.Problems(); len(p) > 0 {
		t.Errorf("problems: %v", p)
	}
}

// TestStopValuesCovered checks the stop-and-search values the files use
// today (crime.StopWording maps older wording onto these) against the
// catalogue, so a typo in a key does not quietly leave a value in English.
func TestStopValuesCovered(t *testing.T) {
	c := load(t)
	cy := c.For(Welsh)
	values := map[store.StopField][]string{
		store.StopType:   {"Person search", "Person and Vehicle search", "Vehicle search"},
		store.StopGender: {"Male", "Female", "Other"},
		store.StopAge:    {"under 10", "10-17", "18-24", "25-34", "over 34"},
		store.StopObject: {"Controlled drugs", "Offensive weapons", "Stolen goods", "Article for use in theft",
			"Articles for use in criminal damage", "Firearms", "Anything to threaten or harm anyone", "Fireworks",
			"Evidence of offences under the Act", "Psychoactive substances", "Crossbows"},
		store.StopOutcome: {"A no further action disposal", "Arrest", "Community resolution", "Khat or Cannabis warning",
			"Summons / charged by post", "Penalty Notice for Disorder", "Caution (simple or conditional)", "Outcome unavailable"},
		store.StopOfficerEthnicity: {"White", "Black", "Asian", "Other", "Mixed"},
	}
	numeric := map[string]bool{"10-17": true, "18-24": true, "25-34": true}
	for f, vals := range values {
		for _, v := range vals {
			got := cy.StopValue(f, v)
			if got == v && !numeric[v] {
				t.Errorf("%s %q has no Welsh", f, v)
			}
		}
	}
}

// TestEscapingLeftToTemplates shows the contract: the catalogue gives text
// as it is, and html/template escapes it where a page prints it.
func TestEscapingLeftToTemplates(t *testing.T) {
	c := load(t)
	got, err := c.Text(English, "date.month-year", "month", "<b>", "year", "&")
	if err != nil || got != "<b> &" {
		t.Fatalf("%q, %v: the catalogue should not escape", got, err)
	}
	cy := c.For(Welsh)
	tmpl := template.Must(template.New("").Funcs(template.FuncMap{"T": cy.T}).Parse(
		`<p lang="{{.Lang}}">{{T "count.crimes" "n" .N}} · {{T "date.month-year" "month" .Name "year" "2025"}}</p>`))
	var b strings.Builder
	if err := tmpl.Execute(&b, map[string]any{"Lang": cy.Lang(), "N": 3, "Name": "<i>Rhagfyr</i>"}); err != nil {
		t.Fatal(err)
	}
	if want := `<p lang="cy">3 trosedd · &lt;i&gt;Rhagfyr&lt;/i&gt; 2025</p>`; b.String() != want {
		t.Errorf("%s, want %s", b.String(), want)
	}
}

package charts

import (
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/i18n"
)

func catalogue(t *testing.T) *i18n.Catalogue {
	t.Helper()
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEnglishByDefault draws a chart with no Text and with the English
// catalogue's messages: the same bytes.
func TestEnglishByDefault(t *testing.T) {
	en := catalogue(t).For(i18n.English)
	tr := sampleTrend()
	withText := tr
	withText.Text = en
	if a, b := tr.SVG(), withText.SVG(); a != b {
		t.Errorf("a chart with no Text is not the English one:\n%s\n%s", a, b)
	}
	if p := en.Problems(); len(p) > 0 {
		t.Errorf("catalogue problems: %v", p)
	}
}

// welshTrend is the sample trend with a flagged month, in Welsh: its
// labels, as a page would give them, and the catalogue's Welsh.
func welshTrend(cy *i18n.Messages) Trend {
	tr := sampleTrend()
	short := []string{"Ion", "Chwef", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach", "Rhag"}
	for i := range tr.Points {
		tr.Points[i].Label = short[i%12] + " " + strings.Fields(tr.Points[i].Label)[1]
	}
	tr.Points[20].Flag = "llawer yn is na'r arfer"
	tr.Title, tr.YLabel, tr.Text = "Troseddau a gofnodwyd bob mis", "Troseddau", cy
	return tr
}

// TestWelsh draws each kind of chart with the Welsh messages: every word
// the package writes is Welsh, and the same chart with no Text is still
// English.
func TestWelsh(t *testing.T) {
	c := catalogue(t)
	cy := c.For(i18n.Welsh)
	tr := welshTrend(cy)
	out := string(tr.SVG())
	for _, want := range []string{
		">Dim data</text>",
		">Mis anghyflawn (gweler y tabl)</text>",
		">Heb ei gyhoeddi</text>",
		"<desc id=\"chart-force-trend-desc\">Troseddau, Ion 2023 – Rhag 2025: uchaf ",
		"; dim data ar gyfer Hyd 2023, Mai 2025 – Meh 2025; anghyflawn: Medi 2024 (llawer yn is na&#39;r arfer).</desc>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the Welsh trend lacks %q", want)
		}
	}
	bars := sampleBars()
	bars.Text = cy
	if got, want := bars.Summary(), "14 categori, cyfanswm 12,834; y mwyaf: Violence and sexual offences 4,123, Anti-social behaviour 2,876, Shoplifting 1,204."; got != want {
		t.Errorf("Welsh bars summary\n got %q\nwant %q", got, want)
	}
	for _, tt := range []struct {
		name string
		got  string
		want string
	}{
		{"no bars", Bars{Text: cy}.Summary(), "Dim data."},
		{"one bar", Bars{Text: cy, Bars: []Bar{{"Cyffuriau", 12}}}.Summary(), "Cyffuriau 12."},
		{"two zero", Bars{Text: cy, Bars: []Bar{{"A", 0}, {"B", 0}}}.Summary(), "2 gategori, pob un yn 0."},
		{"three zero", Bars{Text: cy, Bars: []Bar{{"A", 0}, {"B", 0}, {"C", 0}}}.Summary(), "3 chategori, pob un yn 0."},
		{"no points", Trend{Text: cy}.Summary(), "Dim data."},
		{"one month missing", Trend{Text: cy, Points: []Point{{Label: "Ion 2025", Missing: true}}}.Summary(), "Dim data ar gyfer Ion 2025."},
		{"flat", Trend{Text: cy, Points: []Point{{Label: "Ion 2025", Value: 5}, {Label: "Chwef 2025", Value: 5}}}.Summary(),
			"Ion 2025 – Chwef 2025: 5 ym mhob mis sydd â data."},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	// The default title and the no-data chart.
	empty := string(Bars{Text: cy}.SVG())
	if !strings.Contains(empty, "<title id=\"") || !strings.Contains(empty, ">Siart</title>") || !strings.Contains(empty, ">Dim data</text>") {
		t.Errorf("the empty Welsh chart: %s", empty)
	}
	// Nothing the package writes in English is left in the Welsh chart.
	en := c.For(i18n.English)
	for _, key := range []string{"chart.no-data", "chart.legend.incomplete", "chart.legend.not-published"} {
		if s := en.T(key); strings.Contains(out, ">"+s+"<") {
			t.Errorf("the Welsh trend has the English %q", s)
		}
	}
	for _, s := range []string{" from ", "highest", "lowest", "latest", "no data for", "incomplete:"} {
		if strings.Contains(out, s) {
			t.Errorf("the Welsh trend has English %q", s)
		}
	}
	if p := cy.Problems(); len(p) > 0 {
		t.Errorf("Welsh problems: %v", p)
	}

	// The English Text gives what no Text gives, byte for byte.
	tr.Text = en
	withEnglish := string(tr.SVG())
	tr.Text = nil
	if withEnglish != string(tr.SVG()) {
		t.Error("a chart with the English messages differs from one with none")
	}
	if b := sampleBars(); string(b.SVG()) != string(Bars{ID: b.ID, Title: b.Title, Bars: b.Bars, Text: en}.SVG()) {
		t.Error("bars with the English messages differ from bars with none")
	}
}

// TestIDIgnoresText checks that a chart with no ID gets the same id
// whatever its Text, as its id hashes its content, not its language.
func TestIDIgnoresText(t *testing.T) {
	en := catalogue(t).For(i18n.English)
	tr := sampleTrend()
	tr.ID = ""
	a := string(tr.SVG())
	tr.Text = en
	if b := string(tr.SVG()); a != b {
		t.Error("the English messages changed an ID-less chart")
	}
}

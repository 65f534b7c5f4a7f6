package charts

import (
	"flag"
	"html/template"
	"os"
	"strings"
	"testing"
)

var preview = flag.String("preview", "", "write an HTML page showing sample charts to this file, to look at in a browser")

// TestPreview writes a page of sample charts for a person to check by eye;
// it does nothing unless -preview is given.
func TestPreview(t *testing.T) {
	if *preview == "" {
		t.Skip("no -preview file")
	}
	short := make([]Point, 12)
	for i, l := range months(12) {
		short[i] = Point{Label: l, Value: float64(i * i)}
	}
	short[5].Missing = true
	outcomes := Bars{ID: "outcomes", Title: "Outcomes", Bars: []Bar{
		{"Investigation complete; no suspect identified", 812},
		{"Unable to prosecute suspect", 455},
		{"Further investigation is not in the public interest", 42},
		{"Offender given a caution", 31},
		{"Under investigation", 7},
	}}
	charts := []struct {
		h   string
		svg template.HTML
	}{
		{"Trend, 36 months with gaps", sampleTrend().SVG()},
		{"Categories", sampleBars().SVG()},
		{"Trend, 12 months", Trend{ID: "short", Title: "Short", YLabel: "Crimes", Points: short}.SVG()},
		{"Outcomes", outcomes.SVG()},
		{"Single point", Trend{ID: "one", Title: "One", Points: []Point{{Label: "Dec 2025", Value: 3}}}.SVG()},
		{"All zero", Trend{ID: "zero", Title: "Zero", Points: []Point{{Label: "Nov 2025"}, {Label: "Dec 2025"}}}.SVG()},
		{"All missing", Trend{ID: "none", Title: "None", Points: []Point{{Label: "Dec 2025", Missing: true}}}.SVG()},
	}
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Charts</title>` +
		`<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#0b0c0c;max-width:640px;margin:0 auto;padding:0 15px}h2{font-size:19px;margin:24px 0 8px}</style>`)
	for _, c := range charts {
		b.WriteString("<h2>" + template.HTMLEscapeString(c.h) + "</h2>")
		b.WriteString(string(c.svg))
	}
	if err := os.WriteFile(*preview, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

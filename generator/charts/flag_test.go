package charts

import (
	"strings"
	"testing"
)

// TestTrendFlags checks that an incomplete month is still plotted, on a
// dotted band with a hollow marker, named in the legend and description,
// while a missing month is still a gap.
func TestTrendFlags(t *testing.T) {
	pts := make([]Point, 6)
	for i, l := range months(6) {
		pts[i] = Point{Label: l, Value: 100}
	}
	pts[2].Missing = true
	pts[4].Value, pts[4].Flag = 30, "far below usual"
	tr := Trend{ID: "t", Title: "Crimes", YLabel: "Crimes", Points: pts}
	root := parse(t, tr.SVG())
	line, dots := plot(t, root)
	if len(line) != 2 || len(dots) != 5 {
		t.Fatalf("line %v dots %v: want a gap at the missing month and 5 points", line, dots)
	}
	var bands, rings int
	for _, r := range root.find("rect") {
		if r.attr("fill") == "url(#chart-t-incomplete)" && r.attr("stroke") == "" {
			bands++
		}
	}
	for _, p := range root.find("path") {
		if p.attr("stroke") == colourHalo && p.attr("stroke-linecap") == "round" {
			rings += len(subpaths(t, p.attr("d")))
		}
	}
	if bands != 1 || rings != 1 {
		t.Errorf("%d dotted bands and %d rings, want 1 of each", bands, rings)
	}
	var texts []string
	for _, e := range root.find("text") {
		texts = append(texts, e.Text)
	}
	all := strings.Join(texts, "|")
	if !strings.Contains(all, "Incomplete month (see the table)") || !strings.Contains(all, "Not published") {
		t.Errorf("legend lacks its entries: %s", all)
	}
	if s := tr.Summary(); !strings.Contains(s, "no data for Mar 2023; incomplete: May 2023 (far below usual).") {
		t.Errorf("summary %q", s)
	}
	// No flag, no legend: the chart is as before.
	pts[4].Flag = ""
	if out := string(Trend{ID: "t", Points: pts}.SVG()); strings.Contains(out, "Incomplete month") {
		t.Error("legend without a flagged month")
	}
}

package charts

import (
	"fmt"
	"html/template"
	"math"
)

// Bar is one category of a Bars chart.
type Bar struct {
	Label string
	Value float64
}

// Bars is a horizontal bar chart of values by category, drawn in the order
// given (sort before calling). Labels sit left of the bars, wrapped onto as
// many lines as they need, and each value is printed at the end of its bar.
type Bars struct {
	ID          string // unique on the page; see the package comment
	Title       string // the accessible name; the page prints its own heading
	Description string // defaults to Summary()
	Bars        []Bar
	// Text gives the chart's own words (the default title, "No data", the
	// summary) in the page's language; nil gives English. The caller
	// gives the rest, the bars' labels included, in the same language.
	Text Text
}

// Bars layout in viewBox units.
const (
	barHeight  = 22.0
	barGap     = 10.0
	labelShare = 0.42 // most of the width labels may take
	minBar     = 2.0  // a non-zero value never looks like zero
)

// SVG draws the chart; see the package comment for what it guarantees.
func (b Bars) SVG() template.HTML {
	id := chartID(b.ID, b.content)
	w := words(b.Text)
	title := firstNonEmpty(b.Title, w.T("chart.title"))
	desc := firstNonEmpty(b.Description, b.Summary())
	if len(b.Bars) == 0 {
		return noData(id, title, desc, w)
	}

	values := make([]float64, len(b.Bars))
	valueText := make([]string, len(b.Bars))
	hi, labelW, valueW := 0.0, 0.0, 0.0
	for i, bar := range b.Bars {
		values[i] = barValue(bar.Value)
		valueText[i] = formatValue(values[i])
		hi = math.Max(hi, values[i])
		labelW = math.Max(labelW, textWidth(clean(bar.Label), fontSize))
		valueW = math.Max(valueW, textWidth(valueText[i], fontSize))
	}
	labelW = math.Min(labelW, viewWidth*labelShare)
	labelRight := 4 + labelW
	barLeft := labelRight + 8
	barMax := viewWidth - barLeft - 6 - valueW - 4

	type row struct {
		lines []string
		top   float64
		h     float64
	}
	rows := make([]row, len(b.Bars))
	cur := 4.0
	for i, bar := range b.Bars {
		ls := wrapLabel(clean(bar.Label), labelW)
		h := math.Max(barHeight, float64(len(ls))*lineGap)
		rows[i] = row{lines: ls, top: cur, h: h}
		cur += h + barGap
	}
	height := cur - barGap + 4

	s := open(id, height, title, desc)
	for i, r := range rows {
		mid := r.top + r.h/2
		s.lines(labelRight, mid-float64(len(r.lines)-1)*lineGap/2+baselineShift, "end", r.lines)
		w := 0.0
		if hi > 0 {
			w = values[i] / hi * barMax
		}
		if values[i] > 0 {
			w = math.Max(w, minBar)
		}
		if w > 0 {
			s.WriteString(`<rect x="`)
			s.coord(barLeft)
			s.WriteString(`" y="`)
			s.coord(mid - barHeight/2)
			s.WriteString(`" width="`)
			s.coord(w)
			s.WriteString(`" height="`)
			s.coord(barHeight)
			s.WriteString(`" fill="` + colourData + `"/>`)
		}
		s.text(barLeft+w+6, mid+baselineShift, "start", valueText[i], "")
	}
	// The zero line the bars grow from.
	s.WriteString(`<path d="M`)
	s.coord(barLeft)
	s.WriteString(` 0V`)
	s.coord(height)
	s.WriteString(`" stroke="currentColor"/>`)
	return s.close()
}

// content is what an ID-less chart's id is a hash of: every field but
// Text, as for Trend.content.
func (b Bars) content() string {
	return fmt.Sprintf("barscharts.Bars{ID:%#v, Title:%#v, Description:%#v, Bars:%#v}", b.ID, b.Title, b.Description, b.Bars)
}

// barValue applies the package's rules for odd values: not finite or
// negative means zero.
func barValue(v float64) float64 {
	if !finite(v) {
		return 0
	}
	return tidy(v)
}

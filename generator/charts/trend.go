package charts

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Point is one month of a Trend.
type Point struct {
	Label   string  // e.g. "Jan 2025"; a space splits it over two lines on the axis
	Value   float64 // ignored when Missing
	Missing bool    // the source published nothing for this month
	// Flag, when not empty, says why the month is incomplete though
	// published ("far below usual"): the point is drawn hollow over a
	// dotted band, and the legend and description name the month.
	Flag string
}

// Trend is a line chart of monthly values, oldest first, up to about 36
// points. Missing months break the line and are marked "No data"; flagged
// months are plotted, hollow, on a dotted band, with a legend.
type Trend struct {
	ID          string // unique on the page; see the package comment
	Title       string // the accessible name; the page prints its own heading
	Description string // defaults to Summary()
	YLabel      string // what the values count, e.g. "Crimes", shown above the axis
	Points      []Point
	// Text gives the chart's own words (the default title, "No data", the
	// legend, the summary) in the page's language; nil gives English.
	// The caller gives the rest, labels and flags included, in the same
	// language.
	Text Text
}

// Trend layout in viewBox units.
const (
	trendPlotHeight = 240.0
	trendRight      = 8.0 // least room right of the plot
	dotWidth        = 8.0 // diameter of a point's marker
)

// SVG draws the chart; see the package comment for what it guarantees.
func (t Trend) SVG() template.HTML {
	id := chartID(t.ID, t.content)
	w := words(t.Text)
	title := firstNonEmpty(t.Title, t.YLabel, w.T("chart.title"))
	desc := firstNonEmpty(t.Description, t.Summary())
	pts := t.cleanPoints()
	present := 0
	hi := 0.0
	integral := true
	for _, p := range pts {
		if p.Missing {
			continue
		}
		present++
		hi = math.Max(hi, p.Value)
		integral = integral && p.Value == math.Trunc(p.Value)
	}
	if present == 0 {
		return noData(id, title, desc, w)
	}

	sc := niceScale(hi, integral)
	tickLabels := make([]string, len(sc.ticks))
	tickWidth := 0.0
	for i, v := range sc.ticks {
		tickLabels[i] = formatNumber(v, sc.decimals)
		if v == 0 {
			tickLabels[i] = "0" // not "0.0": zero needs no precision
		}
		tickWidth = math.Max(tickWidth, textWidth(tickLabels[i], fontSize))
	}

	// Month labels go on two lines ("Jan" over "2025"), which lets a phone
	// show a label every quarter instead of every half year.
	labels := make([][]string, len(pts))
	labelWidth := 0.0
	for i, p := range pts {
		labels[i] = splitLabel(clean(p.Label))
		for _, l := range labels[i] {
			labelWidth = math.Max(labelWidth, textWidth(l, fontSize))
		}
	}

	top := fontSize // room for the top tick label
	if t.YLabel != "" {
		top = fontSize + lineGap + 4
	}
	left := math.Max(tickWidth+10, 24)
	n := float64(len(pts))
	// The last label is centred on the last slot; make sure it is not cut
	// off at the right edge.
	right := math.Max(trendRight, labelWidth/2-(viewWidth-left-trendRight)/n/2+2)
	plotW := viewWidth - left - right
	slot := plotW / n
	bottom := top + trendPlotHeight
	height := bottom + 8 + fontSize + lineGap + 6
	flagged := false
	for _, p := range pts {
		flagged = flagged || p.Flag != "" && !p.Missing
	}
	legendY := height + fontSize
	if flagged {
		height += fontSize + lineGap
	}
	x := func(i int) float64 { return left + (float64(i)+0.5)*slot }
	y := func(v float64) float64 { return bottom - v/sc.top()*trendPlotHeight }

	s := open(id, height, title, desc)
	runs := missingRuns(pts)
	noDataText := ""
	if len(runs) > 0 {
		s.hatch()
		noDataText = w.T("chart.no-data")
	}
	if flagged {
		s.dots()
	}

	// Gridlines, one path for all of them.
	s.WriteString(`<path d="`)
	for _, v := range sc.ticks[1:] {
		s.WriteByte('M')
		s.coord(left)
		s.WriteByte(' ')
		s.coord(y(v))
		s.WriteByte('H')
		s.coord(viewWidth - right)
	}
	s.WriteString(`" stroke="` + colourGrid + `"/>`)

	for _, r := range runs {
		x0, x1 := left+float64(r[0])*slot, left+float64(r[1]+1)*slot
		s.WriteString(`<rect x="` + coord(x0) + `" y="` + coord(top) + `" width="` + coord(x1-x0) + `" height="` + coord(trendPlotHeight) + `" fill="url(#` + s.hatchID() + `)"/>`)
		cx, cy := (x0+x1)/2, top+trendPlotHeight/2
		if x1-x0 >= textWidth(noDataText, fontSize)+8 {
			s.text(cx, cy+baselineShift, "middle", noDataText, halo)
		} else {
			// Too narrow to write across: write up the band instead. Turning
			// about (cx, cy) rather than the baseline centres the glyphs.
			s.text(cx, cy+baselineShift, "middle", noDataText, halo+` transform="rotate(-90 `+coord(cx)+` `+coord(cy)+`)"`)
		}
	}

	// Flagged months: a dotted band behind the point, a different texture
	// from the no-data hatch so the two are told apart without colour.
	for i, p := range pts {
		if p.Flag == "" || p.Missing {
			continue
		}
		x0 := left + float64(i)*slot
		s.WriteString(`<rect x="` + coord(x0) + `" y="` + coord(top) + `" width="` + coord(slot) + `" height="` + coord(trendPlotHeight) + `" fill="url(#` + s.dotsID() + `)"/>`)
	}
	if flagged {
		// The legend: a swatch of each texture and what it means.
		lx := 0.0
		s.WriteString(`<rect x="0" y="` + coord(legendY-fontSize+2) + `" width="16" height="16" fill="url(#` + s.dotsID() + `)" stroke="` + colourHatch + `"/>`)
		s.WriteString(`<circle cx="8" cy="` + coord(legendY-fontSize+10) + `" r="3" fill="` + colourHalo + `" stroke="` + colourData + `" stroke-width="2"/>`)
		lx += 22
		incomplete := w.T("chart.legend.incomplete")
		s.text(lx, legendY, "start", incomplete, "")
		if len(runs) > 0 {
			lx += textWidth(incomplete, fontSize) + 16
			s.WriteString(`<rect x="` + coord(lx) + `" y="` + coord(legendY-fontSize+2) + `" width="16" height="16" fill="url(#` + s.hatchID() + `)" stroke="` + colourHatch + `"/>`)
			s.text(lx+22, legendY, "start", w.T("chart.legend.not-published"), "")
		}
	}

	if t.YLabel != "" {
		s.text(0, fontSize, "start", t.YLabel, "")
	}
	for i, v := range sc.ticks {
		s.text(left-8, y(v)+baselineShift, "end", tickLabels[i], "")
	}

	// Baseline at zero, with a tick under each labelled month.
	show := thinLabels(len(pts), slot, labelWidth)
	s.WriteString(`<path d="M`)
	s.coord(left)
	s.WriteByte(' ')
	s.coord(bottom)
	s.WriteByte('H')
	s.coord(viewWidth - right)
	for _, i := range show {
		s.WriteByte('M')
		s.coord(x(i))
		s.WriteByte(' ')
		s.coord(bottom)
		s.WriteString(`v5`)
	}
	s.WriteString(`" stroke="currentColor"/>`)
	for _, i := range show {
		s.lines(x(i), bottom+8+fontSize, "middle", labels[i])
	}

	// The line: a new subpath after every gap, so it never crosses a month
	// with no data. Round-capped zero-length subpaths mark every point, so a
	// month between two gaps still shows, and points do not depend on colour.
	var line, dots, hollow []byte
	prev := false
	for i, p := range pts {
		if p.Missing {
			prev = false
			continue
		}
		xy := len(line) + 1 // where this point's coordinates start
		if prev {
			line = append(line, 'L')
		} else {
			line = append(line, 'M')
		}
		line = appendCoord(line, x(i))
		line = append(line, ' ')
		line = appendCoord(line, y(p.Value))
		prev = true
		dots = append(append(append(dots, 'M'), line[xy:]...), "h0"...)
		if p.Flag != "" {
			hollow = append(append(append(hollow, 'M'), line[xy:]...), "h0"...)
		}
	}
	s.WriteString(`<path d="`)
	s.Write(line)
	s.WriteString(`" fill="none" stroke="` + colourData + `" stroke-width="3" stroke-linejoin="round"/>`)
	s.WriteString(`<path d="`)
	s.Write(dots)
	s.WriteString(`" stroke="` + colourData + `" stroke-width="`)
	s.coord(dotWidth)
	s.WriteString(`" stroke-linecap="round"/>`)
	if len(hollow) > 0 {
		// A white centre makes a flagged point a ring: its shape, not
		// its colour, says the month is incomplete.
		s.WriteString(`<path d="`)
		s.Write(hollow)
		s.WriteString(`" stroke="` + colourHalo + `" stroke-width="`)
		s.coord(dotWidth / 2)
		s.WriteString(`" stroke-linecap="round"/>`)
	}
	return s.close()
}

// content is what an ID-less chart's id is a hash of: every field but
// Text, written as fmt's %#v wrote the Trend before it had a Text, so that
// the ids of English charts did not change when it was added. The words'
// language need not be in it: a chart in another language has its title
// and labels in that language too.
func (t Trend) content() string {
	return fmt.Sprintf("trendcharts.Trend{ID:%#v, Title:%#v, Description:%#v, YLabel:%#v, Points:%#v}",
		t.ID, t.Title, t.Description, t.YLabel, t.Points)
}

// cleanPoints applies the package's rules for odd values: not finite means
// missing, negative means zero.
func (t Trend) cleanPoints() []Point {
	pts := make([]Point, len(t.Points))
	for i, p := range t.Points {
		if !finite(p.Value) {
			p.Missing = true
		}
		if p.Missing {
			p.Value = 0
		}
		p.Value = tidy(p.Value)
		pts[i] = p
	}
	return pts
}

// missingRuns returns the first and last index of each run of missing points.
func missingRuns(pts []Point) [][2]int {
	var runs [][2]int
	for i, p := range pts {
		if !p.Missing {
			continue
		}
		if k := len(runs) - 1; k >= 0 && runs[k][1] == i-1 {
			runs[k][1] = i
		} else {
			runs = append(runs, [2]int{i, i})
		}
	}
	return runs
}

// splitLabel puts the last word of a label on a second line.
func splitLabel(l string) []string {
	l = strings.TrimSpace(l)
	if i := strings.LastIndexByte(l, ' '); i > 0 {
		return []string{strings.TrimSpace(l[:i]), l[i+1:]}
	}
	return []string{l}
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

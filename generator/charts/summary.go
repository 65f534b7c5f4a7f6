package charts

import (
	"cmp"
	"slices"
)

// Summary is a one-sentence description of the trend for screen readers, the
// chart's desc when Description is empty, e.g. "Crimes from Jan 2023 to Dec
// 2025: highest 1,234 in Jul 2024; lowest 12 in Feb 2023; latest 800 in Dec
// 2025; no data for May 2025 to Jun 2025." in English. Each part is a whole
// message of the chart's Text ("chart.trend.*"): the span, the values,
// and the sentence that holds them, one message for each combination of
// gaps and incomplete months, so a language orders and punctuates the
// sentence its own way.
func (t Trend) Summary() string {
	w := words(t.Text)
	pts := t.cleanPoints()
	if len(pts) == 0 {
		return w.T("chart.summary.no-data")
	}
	first, last := clean(pts[0].Label), clean(pts[len(pts)-1].Label)
	hiI, loI, latest, present := -1, -1, -1, 0
	for i, p := range pts {
		if p.Missing {
			continue
		}
		present++
		if hiI < 0 || p.Value > pts[hiI].Value {
			hiI = i
		}
		if loI < 0 || p.Value < pts[loI].Value {
			loI = i
		}
		latest = i
	}
	if latest < 0 {
		if len(pts) == 1 {
			return w.T("chart.trend.no-data-month", "month", first)
		}
		return w.T("chart.trend.no-data-span", "first", first, "last", last)
	}
	var span string
	switch what := clean(t.YLabel); {
	case len(pts) == 1 && what != "":
		span = w.T("chart.trend.span-month", "what", what, "month", first)
	case len(pts) == 1:
		span = w.T("chart.trend.span-month-untitled", "month", first)
	case what != "":
		span = w.T("chart.trend.span", "what", what, "first", first, "last", last)
	default:
		span = w.T("chart.trend.span-untitled", "first", first, "last", last)
	}
	var values string
	switch {
	case present == 1:
		values = w.T("chart.trend.one-value", "value", formatValue(pts[hiI].Value), "month", clean(pts[hiI].Label))
	case pts[hiI].Value == pts[loI].Value:
		values = w.T("chart.trend.flat", "value", formatValue(pts[hiI].Value))
	default:
		values = w.T("chart.trend.range",
			"high", formatValue(pts[hiI].Value), "high-month", clean(pts[hiI].Label),
			"low", formatValue(pts[loI].Value), "low-month", clean(pts[loI].Label),
			"latest", formatValue(pts[latest].Value), "latest-month", clean(pts[latest].Label))
	}
	runs := missingRuns(pts)
	gaps := make([]string, len(runs))
	for i, r := range runs {
		gaps[i] = clean(pts[r[0]].Label)
		if r[1] > r[0] {
			gaps[i] = w.T("chart.trend.run", "first", gaps[i], "last", clean(pts[r[1]].Label))
		}
	}
	var flagged []string
	for _, p := range pts {
		if p.Flag != "" && !p.Missing {
			flagged = append(flagged, w.T("chart.trend.flagged-month", "month", clean(p.Label), "reason", clean(p.Flag)))
		}
	}
	key := "chart.trend.summary"
	switch {
	case len(gaps) > 0 && len(flagged) > 0:
		key = "chart.trend.summary-both"
	case len(gaps) > 0:
		key = "chart.trend.summary-gaps"
	case len(flagged) > 0:
		key = "chart.trend.summary-flagged"
	}
	return w.T(key, "span", span, "values", values, "gaps", list(w, gaps), "flagged", list(w, flagged))
}

// Summary is a one-sentence description of the bars for screen readers, the
// chart's desc when Description is empty, e.g. "14 categories, total 5,678;
// largest: Violence and sexual offences 1,234, Anti-social behaviour 900 and
// Shoplifting 500." in English, from the messages "chart.bars.*" of the
// chart's Text.
func (b Bars) Summary() string {
	w := words(b.Text)
	if len(b.Bars) == 0 {
		return w.T("chart.summary.no-data")
	}
	idx := make([]int, len(b.Bars))
	total := 0.0
	for i, bar := range b.Bars {
		idx[i] = i
		total += barValue(bar.Value)
	}
	total = tidy(total)
	// Largest first; ties keep the caller's order so the sentence is stable.
	slices.SortStableFunc(idx, func(x, y int) int {
		return cmp.Compare(barValue(b.Bars[y].Value), barValue(b.Bars[x].Value))
	})
	if total == 0 {
		return w.T("chart.bars.all-zero", "n", len(b.Bars))
	}
	if len(b.Bars) == 1 {
		return w.T("chart.bars.single", "label", clean(b.Bars[0].Label), "value", formatValue(total))
	}
	var top []string
	for _, i := range idx[:min(3, len(idx))] {
		if v := barValue(b.Bars[i].Value); v > 0 {
			top = append(top, w.T("chart.bars.item", "label", clean(b.Bars[i].Label), "value", formatValue(v)))
		}
	}
	return w.T("chart.bars.summary", "n", len(b.Bars), "total", formatValue(total), "largest", list(w, top))
}

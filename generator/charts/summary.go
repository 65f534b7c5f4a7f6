package charts

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Summary is a one-sentence description of the trend for screen readers, the
// chart's desc when Description is empty, e.g. "Crimes from Jan 2023 to Dec
// 2025: highest 1,234 in Jul 2024; lowest 12 in Feb 2023; latest 800 in Dec
// 2025; no data for May 2025 to Jun 2025."
func (t Trend) Summary() string {
	pts := t.cleanPoints()
	if len(pts) == 0 {
		return "No data."
	}
	first, last := clean(pts[0].Label), clean(pts[len(pts)-1].Label)
	span := "from " + first + " to " + last
	if len(pts) == 1 {
		span = "in " + first
	}
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
		return "No data " + span + "."
	}
	var b strings.Builder
	if t.YLabel != "" {
		b.WriteString(clean(t.YLabel) + " " + span)
	} else {
		b.WriteString(upperFirst(span))
	}
	at := func(i int) string { return formatValue(pts[i].Value) + " in " + clean(pts[i].Label) }
	switch {
	case present == 1:
		b.WriteString(": " + at(hiI))
	case pts[hiI].Value == pts[loI].Value:
		b.WriteString(": " + formatValue(pts[hiI].Value) + " every month with data")
	default:
		b.WriteString(": highest " + at(hiI) + "; lowest " + at(loI) + "; latest " + at(latest))
	}
	if runs := missingRuns(pts); len(runs) > 0 {
		parts := make([]string, len(runs))
		for i, r := range runs {
			parts[i] = clean(pts[r[0]].Label)
			if r[1] > r[0] {
				parts[i] += " to " + clean(pts[r[1]].Label)
			}
		}
		b.WriteString("; no data for " + list(parts))
	}
	var flagged []string
	for _, p := range pts {
		if p.Flag != "" && !p.Missing {
			flagged = append(flagged, clean(p.Label)+" ("+clean(p.Flag)+")")
		}
	}
	if len(flagged) > 0 {
		b.WriteString("; incomplete: " + list(flagged))
	}
	b.WriteString(".")
	return b.String()
}

// Summary is a one-sentence description of the bars for screen readers, the
// chart's desc when Description is empty, e.g. "14 categories, total 5,678;
// largest: Violence and sexual offences 1,234, Anti-social behaviour 900 and
// Shoplifting 500."
func (b Bars) Summary() string {
	if len(b.Bars) == 0 {
		return "No data."
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
	noun := "categories"
	if len(b.Bars) == 1 {
		noun = "category"
	}
	head := strconv.Itoa(len(b.Bars)) + " " + noun
	if total == 0 {
		return head + ", all 0."
	}
	var top []string
	for _, i := range idx[:min(3, len(idx))] {
		if v := barValue(b.Bars[i].Value); v > 0 {
			top = append(top, clean(b.Bars[i].Label)+" "+formatValue(v))
		}
	}
	if len(b.Bars) == 1 {
		return top[0] + "."
	}
	return head + ", total " + formatValue(total) + "; largest: " + list(top) + "."
}

// list joins items as English does: "a", "a and b", "a, b and c".
func list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

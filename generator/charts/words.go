package charts

import (
	"strings"
)

// Text gives the chart's own words in the page's language: the message
// key with its {name} placeholders filled from name/value pairs (a string
// as it is, an integer as a count), choosing a plural message's form by
// its count n. *i18n.Messages is one; the keys are "chart.*" in
// content/messages/<lang>/charts.json.
type Text interface {
	T(key string, args ...any) string
}

// words is the Text a chart writes with: the caller's, or English.
func words(t Text) Text {
	if t == nil {
		return english{}
	}
	return t
}

// english is the charts' messages in English, for a chart given no Text:
// the same texts as content/messages/en/charts.json (a test holds them
// equal), kept here so that the package draws on its own, without the
// catalogue, as it did before the site had two languages.
type english struct{}

// englishMessages are the texts; a plural message has its "one" form
// first and its "other" form second.
var englishMessages = map[string][]string{
	"chart.title":                     {"Chart"},
	"chart.no-data":                   {"No data"},
	"chart.legend.incomplete":         {"Incomplete month (see the table)"},
	"chart.legend.not-published":      {"Not published"},
	"chart.summary.no-data":           {"No data."},
	"chart.list.pair":                 {"{first} and {last}"},
	"chart.list.more":                 {"{first}, {rest}"},
	"chart.trend.no-data-span":        {"No data from {first} to {last}."},
	"chart.trend.no-data-month":       {"No data in {month}."},
	"chart.trend.span":                {"{what} from {first} to {last}"},
	"chart.trend.span-month":          {"{what} in {month}"},
	"chart.trend.span-untitled":       {"From {first} to {last}"},
	"chart.trend.span-month-untitled": {"In {month}"},
	"chart.trend.one-value":           {"{value} in {month}"},
	"chart.trend.flat":                {"{value} every month with data"},
	"chart.trend.range":               {"highest {high} in {high-month}; lowest {low} in {low-month}; latest {latest} in {latest-month}"},
	"chart.trend.run":                 {"{first} to {last}"},
	"chart.trend.flagged-month":       {"{month} ({reason})"},
	"chart.trend.summary":             {"{span}: {values}."},
	"chart.trend.summary-gaps":        {"{span}: {values}; no data for {gaps}."},
	"chart.trend.summary-flagged":     {"{span}: {values}; incomplete: {flagged}."},
	"chart.trend.summary-both":        {"{span}: {values}; no data for {gaps}; incomplete: {flagged}."},
	"chart.bars.item":                 {"{label} {value}"},
	"chart.bars.single":               {"{label} {value}."},
	"chart.bars.all-zero":             {"{n} category, all 0.", "{n} categories, all 0."},
	"chart.bars.summary":              {"{n} category, total {total}; largest: {largest}.", "{n} categories, total {total}; largest: {largest}."},
}

// T fills the message as i18n does, for English: n of 1 takes the "one"
// form. A key it lacks stands in as the key, as i18n's fallback does.
func (english) T(key string, args ...any) string {
	forms, ok := englishMessages[key]
	if !ok {
		return key
	}
	text := forms[0]
	if len(forms) > 1 {
		if n, _ := arg(args, "n").(int); n != 1 {
			text = forms[1]
		}
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(text[open:], '}')
		if end < 0 {
			break
		}
		b.WriteString(text[:open])
		switch v := arg(args, text[open+1:open+end]).(type) {
		case string:
			b.WriteString(v)
		case int:
			b.WriteString(formatNumber(float64(v), 0))
		}
		text = text[open+end+1:]
	}
	b.WriteString(text)
	return b.String()
}

// arg is the value named name among name/value pairs, or nil.
func arg(args []any, name string) any {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == name {
			return args[i+1]
		}
	}
	return nil
}

// list joins items with the language's list messages: in English "a",
// "a and b", "a, b and c".
func list(w Text, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	s := w.T("chart.list.pair", "first", items[len(items)-2], "last", items[len(items)-1])
	for i := len(items) - 3; i >= 0; i-- {
		s = w.T("chart.list.more", "first", items[i], "rest", s)
	}
	return s
}

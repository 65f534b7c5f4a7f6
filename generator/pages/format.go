package pages

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/i18n"
)

// num formats a count with thousands separators, as people read numbers.
func num(v any) string {
	switch x := v.(type) {
	case int:
		return format.Count(int64(x))
	case int64:
		return format.Count(x)
	case uint32:
		return format.Count(int64(x))
	case uint64:
		return format.Count(int64(x))
	}
	return "0"
}

// oneDecimal formats a rate or share with one decimal place.
func oneDecimal(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// percent formats part of whole as a percentage, or "–" when whole is 0.
func percent(part, whole uint32) string {
	if whole == 0 {
		return "–"
	}
	return oneDecimal(100*float64(part)/float64(whole)) + "%"
}

// signedPercent formats a change as "+4.2%" or "−3.1%".
func signedPercent(now, before uint32) string {
	if before == 0 {
		return "–"
	}
	c := 100 * (float64(now) - float64(before)) / float64(before)
	s := oneDecimal(c)
	if c > 0 {
		return "+" + s + "%"
	}
	if strings.HasPrefix(s, "-") {
		return "−" + strings.TrimPrefix(s, "-") + "%"
	}
	return s + "%"
}

// figureMark stands in for a figure while its sentence is made. It is a
// noncharacter, which neither a message nor a name has reason to hold,
// and it is taken out of the other values first.
const figureMark = "\uFDD0"

// figureLine is the message key with its {figure} printed large (class
// cm-figure), as a page's headline figures are. The sentence is the
// language's, so the figure may stand anywhere in it; args are the
// message's other name/value pairs, among them n for a plural message.
func figureLine(m *i18n.Messages, key, figure string, args ...any) template.HTML {
	all := make([]any, 0, len(args)+2)
	for i, a := range args {
		if s, ok := a.(string); ok && i%2 == 1 {
			a = strings.ReplaceAll(s, figureMark, "")
		}
		all = append(all, a)
	}
	all = append(all, "figure", figureMark)
	before, after, found := strings.Cut(m.T(key, all...), figureMark)
	var b markup
	if !found { // a translation without {figure}: the figure still shows, first
		before, after = "", " "+before
	}
	b.text(before)
	b.raw(`<span class="cm-figure">`)
	b.text(figure)
	b.raw(`</span>`)
	b.text(after)
	return b.html()
}

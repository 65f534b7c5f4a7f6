package charts

import (
	"sync"

	"github.com/crimemap/crimemap/generator/i18n"
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
		return englishText()
	}
	return t
}

// englishText is the catalogue's English (content/messages/en/
// charts.json), for a chart given no Text. The catalogue is embedded in
// the binary and checked by generator/i18n's tests; should it still fail
// to load, each message stands in as its key, as a missing message does,
// rather than the chart failing.
var englishText = sync.OnceValue(func() Text {
	cat, err := i18n.Load()
	if err != nil {
		return keys{}
	}
	return cat.For(i18n.English)
})

// keys gives each message as its key.
type keys struct{}

func (keys) T(key string, _ ...any) string { return key }

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

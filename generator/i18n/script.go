package i18n

import (
	"slices"
	"strings"
)

// Script is the messages a page's scripts show, for the page to carry as
// JSON (the scripts read them from the page, never from strings in the
// bundle): the language, and each message by key as its catalogue text,
// or for a plural message an object of the language's forms. Placeholders
// stay as {name}, and "{{" and "}}" as written, for the script to fill;
// a script picks a plural form with Intl.PluralRules for Lang.
type Script struct {
	Lang     Lang           `json:"lang"`
	Messages map[string]any `json:"messages"`
}

// Script returns the messages whose keys start with any of prefixes
// ("js.map."). A key Welsh lacks is given in English and recorded, as T
// does, so a script never meets a missing key the build did not report.
// encoding/json sorts the keys, so the page's bytes do not depend on map
// order.
func (m *Messages) Script(prefixes ...string) Script {
	s := Script{Lang: m.lang, Messages: map[string]any{}}
	for key, en := range m.cat.msgs[English] {
		if !slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(key, p) }) {
			continue
		}
		msg := m.cat.msgs[m.lang][key]
		if msg == nil {
			m.record(Problem{m.lang, key, "no such message"})
			msg = en
		}
		s.Messages[key] = msg.script()
	}
	return s
}

// script is the message as a script gets it.
func (msg *message) script() any {
	if !msg.plural {
		return msg.text.src
	}
	forms := map[string]string{}
	for f, t := range msg.forms {
		if t != nil {
			forms[formNames[f]] = t.src
		}
	}
	return forms
}

package i18n

import (
	"slices"
	"strings"
	"sync"
)

// Messages is one language's messages for pages and templates. Its
// lookups never fail: a message it cannot give is recorded, for the build
// to report, and stands in as English or as its key. It is safe for
// concurrent use.
type Messages struct {
	cat  *Catalogue
	lang Lang

	mu       sync.Mutex
	problems map[Problem]struct{}
}

// For returns lang's messages.
func (c *Catalogue) For(l Lang) *Messages {
	return &Messages{cat: c, lang: l, problems: map[Problem]struct{}{}}
}

// Lang is the language the messages are in, for a page's lang attribute.
func (m *Messages) Lang() Lang { return m.lang }

// T returns the message key with its placeholders filled from args,
// name/value pairs; a template calls it as {{T "count.crimes" "n" .N}}.
// When the language cannot give the message, T records why and returns the
// English text, or failing that the key, so the page still renders and the
// gap shows.
func (m *Messages) T(key string, args ...any) string {
	s, err := m.cat.Text(m.lang, key, args...)
	if err == nil {
		return s
	}
	p, ok := err.(Problem)
	if !ok { // Text returns only Problems; this keeps T from ever panicking
		p = Problem{m.lang, key, err.Error()}
	}
	m.record(p)
	if m.lang != English {
		if s, err := m.cat.Text(English, key, args...); err == nil {
			return s
		}
	}
	return key
}

// lookup returns the message key if the language has it, recording nothing
// when it does not: for names the data may or may not have a message for.
func (m *Messages) lookup(key string, args ...any) (string, bool) {
	if !m.cat.Has(m.lang, key) {
		return "", false
	}
	return m.T(key, args...), true
}

func (m *Messages) record(p Problem) {
	m.mu.Lock()
	m.problems[p] = struct{}{}
	m.mu.Unlock()
}

// Problems lists, sorted, every message a lookup could not give, each once.
func (m *Messages) Problems() []Problem {
	m.mu.Lock()
	out := make([]Problem, 0, len(m.problems))
	for p := range m.problems {
		out = append(out, p)
	}
	m.mu.Unlock()
	slices.SortFunc(out, func(a, b Problem) int {
		if c := strings.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		return strings.Compare(a.Reason, b.Reason)
	})
	return out
}

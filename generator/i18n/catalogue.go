package i18n

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/crimemap/crimemap/content/messages"
	"golang.org/x/text/feature/plural"
)

// Catalogue holds every language's messages, parsed and checked.
type Catalogue struct {
	msgs     map[Lang]map[string]*message
	problems []Problem
}

// message is one catalogue entry in one language: a text, or plural forms.
type message struct {
	file   string // the catalogue file it is in, "cy/pages.json"
	line   int    // where its key is in the file, for problems
	plural bool
	text   text
	forms  [numForms]*text // nil for a form the file does not give
}

// Problem is a message that one language lacks or cannot give. It is an
// error, so a lookup can return it, and comparable, so a build can count
// each once however many pages met it.
type Problem struct {
	Lang   Lang
	Key    string
	Reason string
}

func (p Problem) Error() string {
	return fmt.Sprintf("%s message %q: %s", p.Lang.Name(), p.Key, p.Reason)
}

// Load reads the catalogues embedded from content/messages.
func Load() (*Catalogue, error) {
	c, err := LoadFS(messages.FS)
	if err != nil {
		return nil, fmt.Errorf("content/messages: %w", err)
	}
	return c, nil
}

// LoadFS reads each language's catalogue: every <code>/*.json file in
// fsys, one per part of the site, the same names in every language. A key
// belongs to one file; the same key in two files of a language is an
// error, as is a language with no files. It fails when any file is broken,
// with every broken entry it found; gaps in files that parse are left to
// Problems.
func LoadFS(fsys fs.FS) (*Catalogue, error) {
	c := &Catalogue{msgs: map[Lang]map[string]*message{}}
	var errs []error
	for _, l := range Langs() {
		msgs, err := loadLang(fsys, l)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.msgs[l] = msgs
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	c.problems = c.check()
	return c, nil
}

// loadLang reads and merges one language's files.
func loadLang(fsys fs.FS, l Lang) (map[string]*message, error) {
	names, err := fs.Glob(fsys, l.dir()+"*.json")
	if err == nil && len(names) == 0 {
		err = fmt.Errorf("no %s*.json files", l.dir())
	}
	if err != nil {
		return nil, fmt.Errorf("reading the %s catalogue: %w", l.Name(), err)
	}
	all := map[string]*message{}
	var errs []error
	for _, name := range names { // Glob sorts them
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("reading the %s catalogue: %w", l.Name(), err))
			continue
		}
		msgs, err := parseFile(name, l, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for key, m := range msgs {
			if prev, dup := all[key]; dup {
				errs = append(errs, fmt.Errorf("%s: key %q is in %s too; a key belongs to one file", m.where(), key, prev.where()))
				continue
			}
			all[key] = m
		}
	}
	return all, errors.Join(errs...)
}

// where is the message's file and line, "cy/pages.json:12".
func (m *message) where() string { return fmt.Sprintf("%s:%d", m.file, m.line) }

// Problems lists the gaps found when the catalogue loaded, by key and then
// language: a key one language lacks, a plural form a language needs and
// lacks, a message that is plural in one language only, placeholders that
// differ between the languages, an empty text.
func (c *Catalogue) Problems() []Problem { return slices.Clone(c.problems) }

// Keys lists every message ID in any language, sorted.
func (c *Catalogue) Keys() []string {
	seen := map[string]bool{}
	var keys []string
	for _, msgs := range c.msgs {
		for k := range msgs {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	slices.Sort(keys)
	return keys
}

// Has reports whether lang has the message key.
func (c *Catalogue) Has(l Lang, key string) bool {
	_, ok := c.msgs[l][key]
	return ok
}

// Text returns the message key in lang with its placeholders filled from
// args, name/value pairs. A plural message takes its count as n and gives
// the form CLDR chooses for it; a form the catalogue lacks falls back to
// "other" (the gap is among Problems already). Any failure is a Problem.
func (c *Catalogue) Text(l Lang, key string, args ...any) (string, error) {
	msgs, ok := c.msgs[l]
	if !ok {
		return "", Problem{l, key, "no catalogue for this language"}
	}
	m := msgs[key]
	if m == nil {
		return "", Problem{l, key, "no such message"}
	}
	if err := checkArgs(args); err != nil {
		return "", Problem{l, key, err.Error()}
	}
	t := &m.text
	if m.plural {
		v, ok := argValue(args, "n")
		if !ok {
			return "", Problem{l, key, "a plural message needs its count as n"}
		}
		n, err := count(v)
		if err != nil {
			return "", Problem{l, key, "n: " + err.Error()}
		}
		f := formOf(l, n)
		if t = m.forms[f]; t == nil {
			if t = m.forms[plural.Other]; t == nil {
				return "", Problem{l, key, fmt.Sprintf("no plural form %q (for %d) and no %q", formNames[f], n, "other")}
			}
		}
	}
	s, err := t.render(args)
	if err != nil {
		return "", Problem{l, key, err.Error()}
	}
	return s, nil
}

// Fragments lists the literal text of a message in lang, every plural
// form's, with the placeholders taken out: what a page shows of the
// message whatever the values. Tests look for them to find a message one
// language's pages show in another's words.
func (c *Catalogue) Fragments(l Lang, key string) []string {
	msg := c.msgs[l][key]
	if msg == nil {
		return nil
	}
	var out []string
	for _, t := range msg.texts() {
		for _, p := range t.parts {
			if p.arg == "" {
				out = append(out, p.lit)
			}
		}
	}
	return out
}

// check finds the gaps in catalogues that parsed.
func (c *Catalogue) check() []Problem {
	var out []Problem
	add := func(l Lang, key, format string, a ...any) {
		out = append(out, Problem{l, key, fmt.Sprintf(format, a...)})
	}
	for _, key := range c.Keys() {
		en := c.msgs[English][key]
		for _, l := range Langs() {
			m := c.msgs[l][key]
			if m == nil {
				var have []string
				for _, o := range Langs() {
					if om := c.msgs[o][key]; om != nil {
						have = append(have, om.where())
					}
				}
				add(l, key, "missing (%s has it)", strings.Join(have, ", "))
				continue
			}
			if m.plural {
				var lack []plural.Form
				for _, f := range formsUsed(l) {
					if m.forms[f] == nil {
						lack = append(lack, f)
					}
				}
				if len(lack) > 0 {
					add(l, key, "%s: no plural form %s (%s uses %s)", m.where(), formList(lack), l.Name(), formList(formsUsed(l)))
				}
			}
			if m.empty() {
				add(l, key, "%s: empty text", m.where())
			}
			if l == English || en == nil {
				continue
			}
			switch {
			case en.plural && !m.plural:
				add(l, key, "%s: a text here but plural forms in %s", m.where(), en.where())
			case !en.plural && m.plural:
				add(l, key, "%s: plural forms here but a text in %s", m.where(), en.where())
			}
			if got, want := m.placeholders(), en.placeholders(); !slices.Equal(got, want) {
				add(l, key, "%s: placeholders %s here but %s in %s", m.where(), braces(got), braces(want), en.where())
			}
		}
	}
	return out
}

// placeholders lists the names a message uses in any form, sorted.
func (m *message) placeholders() []string {
	var names []string
	for _, t := range m.texts() {
		for _, a := range t.args {
			if !contains(names, a) {
				names = append(names, a)
			}
		}
	}
	slices.Sort(names)
	return names
}

// empty reports whether any of the message's texts prints nothing.
func (m *message) empty() bool {
	for _, t := range m.texts() {
		if t.empty() {
			return true
		}
	}
	return false
}

func (m *message) texts() []*text {
	if !m.plural {
		return []*text{&m.text}
	}
	var out []*text
	for _, t := range m.forms {
		if t != nil {
			out = append(out, t)
		}
	}
	return out
}

func braces(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return "{" + strings.Join(names, "}, {") + "}"
}

// jsonError is a file that is not valid JSON, as opposed to valid JSON
// with a bad message in it: the first stops reading the file, the second
// only that message.
type jsonError struct{ err error }

func (e jsonError) Error() string { return e.err.Error() }

// parseFile parses one language's catalogue: a JSON object whose values
// are texts or objects of plural forms. It reads token by token rather
// than into a map so that it can name the line of a bad entry and refuse
// a key given twice, which a map would silently keep the last of.
func parseFile(name string, l Lang, data []byte) (map[string]*message, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	key := "" // the last key read, to say where a syntax error is
	syntax := func(err error) error {
		off := dec.InputOffset()
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = se.Offset
		}
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		where := ""
		if key != "" {
			where = fmt.Sprintf(" after key %q", key)
		}
		return fmt.Errorf("%s:%d: not valid JSON%s: %w", name, lineAt(data, off), where, err)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, syntax(err)
	}
	if tok != json.Delim('{') {
		return nil, fmt.Errorf("%s:%d: a catalogue is one JSON object of messages", name, lineAt(data, dec.InputOffset()))
	}
	msgs := map[string]*message{}
	var errs []error
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntax(err)
		}
		key = tok.(string) // the decoder gives an object's keys as strings
		line := lineAt(data, dec.InputOffset())
		m, err := parseValue(dec, l)
		var je jsonError
		switch {
		case errors.As(err, &je):
			return nil, syntax(je.err)
		case err != nil:
			errs = append(errs, fmt.Errorf("%s:%d: key %q: %w", name, line, key, err))
			continue
		}
		if prev, dup := msgs[key]; dup {
			errs = append(errs, fmt.Errorf("%s:%d: key %q given twice (first on line %d)", name, line, key, prev.line))
			continue
		}
		m.file, m.line = name, line
		msgs[key] = m
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, syntax(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%s:%d: more after the catalogue's closing brace", name, lineAt(data, dec.InputOffset()))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return msgs, nil
}

// parseValue reads one message. It reads the whole value even when it is
// wrong, so the file's next entry can still be checked.
func parseValue(dec *json.Decoder, l Lang) (*message, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonError{err}
	}
	switch v := tok.(type) {
	case string:
		t, err := parseText(v)
		if err != nil {
			return nil, err
		}
		return &message{text: t}, nil
	case json.Delim:
		if v == '{' {
			return parseForms(dec, l)
		}
		if err := skip(dec); err != nil {
			return nil, err
		}
	}
	return nil, errors.New("a message is a text or an object of plural forms")
}

// parseForms reads a plural message's forms, after its opening brace.
func parseForms(dec *json.Decoder, l Lang) (*message, error) {
	m := &message{plural: true}
	var first error
	fail := func(err error) {
		if first == nil {
			first = err
		}
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonError{err}
		}
		name := tok.(string)
		tok, err = dec.Token()
		if err != nil {
			return nil, jsonError{err}
		}
		if d, ok := tok.(json.Delim); ok && (d == '{' || d == '[') {
			if err := skip(dec); err != nil {
				return nil, err
			}
		}
		s, isText := tok.(string)
		f, known := parseForm(name)
		switch {
		case !known:
			fail(fmt.Errorf("unknown plural category %q (CLDR has zero, one, two, few, many, other)", name))
		case !slices.Contains(formsUsed(l), f):
			fail(fmt.Errorf("plural category %q is never chosen in %s, which uses %s", name, l.Name(), formList(formsUsed(l))))
		case !isText:
			fail(fmt.Errorf("plural form %q is not a text", name))
		case m.forms[f] != nil:
			fail(fmt.Errorf("plural form %q given twice", name))
		default:
			t, err := parseText(s)
			if err != nil {
				fail(fmt.Errorf("plural form %q: %w", name, err))
				continue
			}
			m.forms[f] = &t
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, jsonError{err}
	}
	if first != nil {
		return nil, first
	}
	if len(m.texts()) == 0 {
		return nil, errors.New("no plural forms")
	}
	return m, nil
}

// skip reads the rest of an object or array whose opening token has been
// read.
func skip(dec *json.Decoder) error {
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return jsonError{err}
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// lineAt is the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

package pages

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/crimemap/crimemap/generator/i18n"
)

// locale is one language's side of a build: its messages, the folder its
// pages live in ("" for English at the root, "cy/" for Welsh) and its
// templates, parsed with T bound to its messages.
type locale struct {
	lang   i18n.Lang
	msgs   *i18n.Messages
	prefix string
	set    map[string]*template.Template

	mu      sync.Mutex
	scripts map[string]template.JS // by the page's Scripts, joined
}

// langPrefix is the folder a language's pages are in, from the root.
func langPrefix(l i18n.Lang) string {
	if l == i18n.English {
		return ""
	}
	return string(l) + "/"
}

// forLang returns the Input as one language's pages see it: the same data,
// that language's messages, content pages and menus. The forces' and
// neighbourhoods' shapes are shared by every language.
func (in *Input) forLang(l i18n.Lang, msgs *i18n.Messages, set map[string]*template.Template) *Input {
	if in.shapes == nil {
		in.shapes = &shapes{}
	}
	lin := *in
	lin.loc = &locale{lang: l, msgs: msgs, prefix: langPrefix(l), set: set}
	lin.chromes = &chromes{}
	if c, ok := in.LangContent[l]; ok {
		lin.Content = c
	}
	return &lin
}

// msgs is the language's messages, for Go that writes page text.
func (in *Input) msgs() *i18n.Messages { return in.loc.msgs }

// t is in.msgs().T, for brevity where Go writes many messages.
func (in *Input) t(key string, args ...any) string { return in.loc.msgs.T(key, args...) }

// scriptMessages returns the messages for a page's scripts: site.js's and
// the forces' names on every page, and each bundled script's own ("map.js"
// reads "js.map."), as the JSON the page carries. Pages that load the
// same scripts share one, made and encoded once rather than on each of
// thousands of pages.
func (in *Input) scriptMessages(scripts []string) (template.JS, error) {
	key := strings.Join(scripts, ",")
	loc := in.loc
	loc.mu.Lock()
	defer loc.mu.Unlock()
	if js, ok := loc.scripts[key]; ok {
		return js, nil
	}
	// The forces' names in the language, for the search index's places,
	// which name forces as the data does.
	prefixes := []string{"js.site.", "force."}
	for _, s := range scripts {
		prefixes = append(prefixes, "js."+strings.TrimSuffix(s, ".js")+".")
	}
	// encoding/json escapes <, > and &, so the JSON cannot end the
	// script element it is printed in.
	b, err := json.Marshal(loc.msgs.Script(prefixes...))
	if err != nil {
		return "", fmt.Errorf("the scripts' messages: %w", err)
	}
	js := template.JS(b) //nolint:gosec // JSON from encoding/json, HTML-escaped
	if loc.scripts == nil {
		loc.scripts = map[string]template.JS{}
	}
	loc.scripts[key] = js
	return js, nil
}

// Language is the page's language as its lang and hreflang attributes say
// it: British English, or Welsh.
type Language struct {
	Code string // "en-GB", "cy"
	Name string // in the language itself: "English", "Cymraeg"
}

func language(l i18n.Lang) Language {
	if l == i18n.Welsh {
		return Language{Code: "cy", Name: "Cymraeg"}
	}
	return Language{Code: "en-GB", Name: "English"}
}

// Alternate is the same page in one of the site's languages.
type Alternate struct {
	Language
	Href    string // relative to the page, for the language switch
	URL     string // absolute, for hreflang; "" without a base URL
	Current bool
}

// alternates lists the page at p (a path inside a language's folder) in
// every language, English first.
func alternates(in *Input, root, p string) []Alternate {
	dir := strings.TrimSuffix(p, "index.html")
	var out []Alternate
	for _, l := range i18n.Langs() {
		a := Alternate{Language: language(l), Href: root + langPrefix(l) + dir, Current: l == in.loc.lang}
		if in.Site.BaseURL != "" {
			a.URL = in.Site.BaseURL + langPrefix(l) + dir
		}
		out = append(out, a)
	}
	return out
}

// dataLang is Page.DataLang for the language being rendered.
func dataLang(in *Input) string {
	if in.loc.lang == i18n.English {
		return ""
	}
	return "en"
}

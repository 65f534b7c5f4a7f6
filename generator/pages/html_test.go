package pages

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// markupCases are strings to escape: ordinary, hostile and malformed.
var markupCases = []string{
	"", "Abbey Road", "On or near Station Road", "+3.1%", `"quoted" & 'single'`, "<script>alert(1)</script>",
	"a\x00b", "\xff\xfe bad UTF-8 \xc3", "Église – café ☕", "javascript:alert(1)", "JavaScript:alert(1)",
	"data:text/html;base64,PHNjcmlwdD4=", "https://example.org/a b?c=d&e=<f>#g", "mailto:team@example.org",
	"tel:+441234567890", "../../forces/x/", "%41%zz%4", "a%4", "a%41", "/path:with:colons", "a\tb\nc\r",
	"\ufdd0\uffff", "vbscript:x", "http:", ":", "//evil.example/", "?q=1&r=2", "#frag'\"", "[]!$*,;=@~",
}

// execute runs a one-action template on v.
func execute(t *testing.T, tmpl string, v any) string {
	t.Helper()
	var b bytes.Buffer
	if err := template.Must(template.New("t").Parse(tmpl)).Execute(&b, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestMarkupEscapesAsTemplates checks that markup writes every value as
// html/template writes it in the same place.
func TestMarkupEscapesAsTemplates(t *testing.T) {
	for _, s := range markupCases {
		var m markup
		m.text(s)
		if want := execute(t, `{{.}}`, s); m.String() != want {
			t.Errorf("text(%q) = %q, template %q", s, m.String(), want)
		}
		if want := execute(t, `<p title="{{.}}">`, s); `<p title="`+m.String()+`">` != want {
			t.Errorf("text(%q) as attribute = %q, template %q", s, m.String(), want)
		}
		m.Reset()
		escapeText(&m.Builder, s)
		if want := template.HTMLEscapeString(s); m.String() != want {
			t.Errorf("escapeText(%q) = %q, HTMLEscapeString %q", s, m.String(), want)
		}
		m.Reset()
		m.url(s)
		if want := execute(t, `<a href="{{.}}">`, s); `<a href="`+m.String()+`">` != want {
			t.Errorf("url(%q) = %q, template %q", s, m.String(), want)
		}
		m.Reset()
		m.trustedURL(template.URL(s))
		if want := execute(t, `<a href="{{.}}">`, template.URL(s)); `<a href="`+m.String()+`">` != want {
			t.Errorf("trustedURL(%q) = %q, template %q", s, m.String(), want)
		}
	}
}

// FuzzMarkup compares markup with html/template on any string.
func FuzzMarkup(f *testing.F) {
	for _, s := range markupCases {
		f.Add(s)
	}
	text := template.Must(template.New("t").Parse(`{{.}}`))
	href := template.Must(template.New("t").Parse(`<a href="{{.}}">`))
	f.Fuzz(func(t *testing.T, s string) {
		var m markup
		var b bytes.Buffer
		m.text(s)
		text.Execute(&b, s)
		if m.String() != b.String() {
			t.Fatalf("text(%q) = %q, template %q", s, m.String(), b.String())
		}
		m.Reset()
		escapeText(&m.Builder, s)
		if want := template.HTMLEscapeString(s); m.String() != want {
			t.Fatalf("escapeText(%q) = %q, HTMLEscapeString %q", s, m.String(), want)
		}
		m.Reset()
		b.Reset()
		m.url(s)
		href.Execute(&b, s)
		if got := `<a href="` + m.String() + `">`; got != b.String() {
			t.Fatalf("url(%q) = %q, template %q", s, got, b.String())
		}
		if strings.Contains(m.String(), "<") {
			t.Fatalf("url(%q) = %q", s, m.String())
		}
	})
}

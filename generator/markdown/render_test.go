package markdown

import (
	"errors"
	"strings"
	"testing"
)

// page wraps a Markdown body in minimal front matter (three lines).
func page(body string) []byte {
	return []byte("---\ntitle: Test\n---\n" + body)
}

func mustParse(t *testing.T, body string) *Page {
	t.Helper()
	p, err := Parse("test.md", page(body))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRawHTMLNotRendered(t *testing.T) {
	p := mustParse(t, `Hello <script>alert(1)</script> there.

<script>
alert(2)
</script>

<div onclick="alert(3)">block</div>

<img src=x onerror=alert(4)>

`+"`<script>` in code is text, and so is this:\n\n    <script>alert(5)</script>\n")
	html := string(p.HTML)
	for _, bad := range []string{"<script", "<div", "<img", "onclick", "onerror=alert"} {
		if strings.Contains(strings.ToLower(html), bad) {
			t.Errorf("HTML contains %q:\n%s", bad, html)
		}
	}
	for _, want := range []string{"<code>&lt;script&gt;</code>", "&lt;script&gt;alert(5)&lt;/script&gt;"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks escaped %q:\n%s", want, html)
		}
	}
}

func TestDangerousLinksNeutralised(t *testing.T) {
	for _, dest := range []string{
		"javascript:alert(1)",
		"JavaScript:alert(1)",
		"&#106;avascript:alert(1)",
		"vbscript:msgbox(1)",
		"data:text/html,<script>alert(1)</script>",
		"file:///etc/passwd",
	} {
		for _, md := range []string{"[x](" + dest + ")", "[x][r]\n\n[r]: " + dest, "![x](" + dest + ")"} {
			p := mustParse(t, md+"\n")
			html := strings.ToLower(string(p.HTML))
			for _, bad := range []string{"javascript", "vbscript", "data:", "file:"} {
				if strings.Contains(html, bad) {
					t.Errorf("%s: HTML contains %q: %s", md, bad, html)
				}
			}
		}
	}
}

func TestLevelOneHeadingRejected(t *testing.T) {
	tests := []struct {
		body string
		line int
	}{
		{"# Title again\n", 4},
		{"Intro.\n\n## Fine\n\n# Not fine\n", 8},
		{"Intro.\n\nSetext title\n============\n", 6},
		{"#\n", 4},
	}
	for _, tt := range tests {
		_, err := Parse("content/faq.md", page(tt.body))
		var e *Error
		if !errors.As(err, &e) || e.File != "content/faq.md" || e.Line != tt.line ||
			!strings.Contains(e.Msg, "level 1 heading") {
			t.Errorf("%q: err = %v, want content/faq.md:%d: level 1 heading ...", tt.body, err, tt.line)
		}
	}
	// A "#" that is not a heading is fine.
	mustParse(t, "Call 101, not #1.\n\n    # code\n")
}

func TestEmptyHeadingRejected(t *testing.T) {
	_, err := Parse("a.md", page("## Fine\n\n##\n"))
	if err == nil || err.Error() != "a.md:6: heading has no text" {
		t.Errorf("err = %v, want a.md:6: heading has no text", err)
	}
}

func TestTable(t *testing.T) {
	p := mustParse(t, "| Category | Crimes | Note |\n|:--|--:|:-:|\n| Burglary | 1,204 | a |\n")
	want := `<table class="govuk-table">
<thead class="govuk-table__head">
<tr>
<th scope="col" class="govuk-table__header">Category</th>
<th scope="col" class="govuk-table__header govuk-table__header--numeric">Crimes</th>
<th scope="col" class="govuk-table__header">Note</th>
</tr>
</thead>
<tbody>
<tr class="govuk-table__row">
<td class="govuk-table__cell">Burglary</td>
<td class="govuk-table__cell govuk-table__cell--numeric">1,204</td>
<td class="govuk-table__cell">a</td>
</tr>
</tbody>
</table>
`
	if string(p.HTML) != want {
		t.Errorf("got\n%s\nwant\n%s", p.HTML, want)
	}
	if strings.Contains(string(p.HTML), "style=") {
		t.Error("inline style in table")
	}
}

func TestDeterministic(t *testing.T) {
	src := page("## A\n\n## A\n\n### B\n\nText with 'quotes' -- and [a link](https://example.org/).\n")
	a, err := Parse("x.md", src)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, err := Parse("x.md", src)
		if err != nil {
			t.Fatal(err)
		}
		if a.HTML != b.HTML {
			t.Fatalf("HTML differs:\n%s\n%s", a.HTML, b.HTML)
		}
	}
}

func TestFrontendClasses(t *testing.T) {
	p := mustParse(t, "## Two\n\n### Three\n\n#### Four\n\nText.\n\n- a\n- b\n\n1. one\n\n> Quote.\n\n---\n")
	want := `<h2 id="two" class="govuk-heading-l">Two</h2>
<h3 id="three" class="govuk-heading-m">Three</h3>
<h4 id="four" class="govuk-heading-s">Four</h4>
<p class="govuk-body">Text.</p>
<ul class="govuk-list govuk-list--bullet">
<li>a</li>
<li>b</li>
</ul>
<ol class="govuk-list govuk-list--number">
<li>one</li>
</ol>
<blockquote class="govuk-inset-text"><p class="govuk-body">Quote.</p>
</blockquote>
<hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible">
`
	if string(p.HTML) != want {
		t.Errorf("got\n%s\nwant\n%s", p.HTML, want)
	}
}

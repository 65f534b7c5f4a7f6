package markdown

import (
	"strings"
	"testing"
)

func TestIsExternal(t *testing.T) {
	tests := []struct {
		dest string
		want bool
	}{
		{"https://data.police.uk/", true},
		{"HTTP://example.org", true},
		{"//example.org/x", true},
		{"../data/", false},
		{"/forces/", false},
		{"#contents", false},
		{"faq/#rates", false},
		{"mailto:someone@example.org", false},
		{"tel:101", false},
		{"https:relative", false},
		{"https://%zz", true},
	}
	for _, tt := range tests {
		if got := isExternal(tt.dest); got != tt.want {
			t.Errorf("isExternal(%q) = %v, want %v", tt.dest, got, tt.want)
		}
	}
}

func TestLinkRel(t *testing.T) {
	p := mustParse(t, `[data](https://data.police.uk/data/) and [ours](../data/) and
[top](#rates) and <https://www.gov.uk/> and [ref][r].

[r]: http://example.org/ "A title"
`)
	html := string(p.HTML)
	for _, want := range []string{
		`<a href="https://data.police.uk/data/" rel="external noopener" class="govuk-link">data</a>`,
		`<a href="../data/" class="govuk-link">ours</a>`,
		`<a href="#rates" class="govuk-link">top</a>`,
		`<a href="https://www.gov.uk/" rel="external noopener" class="govuk-link">https://www.gov.uk/</a>`,
		`<a href="http://example.org/" title="A title" rel="external noopener" class="govuk-link">ref</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s:\n%s", want, html)
		}
	}
}

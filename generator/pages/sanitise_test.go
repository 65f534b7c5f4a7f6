package pages

import (
	"strings"
	"testing"
)

func TestSanitise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>Hello <strong>there</strong></p>", "<p>Hello <strong>there</strong></p>"},
		{`<p onclick="x()">Hi</p><script>alert(1)</script>`, "<p>Hi</p>"},
		{`<a href="javascript:alert(1)">x</a>`, "x"},
		{`<a href="https://example.org/a">x</a>`, `<a href="https://example.org/a" rel="noopener noreferrer">x</a>`},
		{`<img src=x onerror=alert(1)><style>p{}</style>`, ""},
		{`<iframe src="https://evil.example"></iframe>Shops &amp; services`, "Shops &amp; services"},
		{`<ul><li>one</li></ul>`, `<ul><li>one</li></ul>`},
	}
	for _, tt := range tests {
		if got := string(sanitise(tt.in)); got != tt.want {
			t.Errorf("sanitise(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.Contains(string(sanitise(tt.in)), "script") {
			t.Errorf("%q kept a script", tt.in)
		}
	}
}

package pages

import (
	"testing"
)

// TestSanitiseHostile gives the sanitiser what hostile neighbourhood
// details may hold: every way of running script or leaving the page that
// the allow-list must remove, and the exact result for each.
func TestSanitiseHostile(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"upper-case scheme", `<a href="JAVASCRIPT:alert(1)">x</a>`, "x"},
		{"scheme with entities", `<a href="javascript&#58;alert(1)">x</a>`, "x"},
		{"scheme with a tab", "<a href=\"java\tscript:alert(1)\">x</a>", "x"},
		{"data URL", `<a href="data:text/html,<script>alert(1)</script>">x</a>`, "x"},
		{"vbscript", `<a href="vbscript:msgbox(1)">x</a>`, "x"},
		{"protocol-relative", `<a href="//evil.example/">x</a>`, "x"},
		{"relative", `<a href="/admin">x</a>`, "x"},
		{"mailto", `<a href="mailto:team@example.org">mail</a>`, `<a href="mailto:team@example.org" rel="noopener noreferrer">mail</a>`},
		{"target and rel from data", `<a href="https://example.org/" target="_blank" rel="opener">x</a>`, `<a href="https://example.org/" rel="noopener noreferrer">x</a>`},
		{"event handlers", `<p onmouseover="alert(1)" onclick=alert(1)>x</p>`, "<p>x</p>"},
		{"style attribute", `<p style="background:url(javascript:alert(1))">x</p>`, "<p>x</p>"},
		{"style element", `<style>body{display:none}</style>x`, "x"},
		{"svg", `<svg onload=alert(1)><script>alert(1)</script></svg>x`, "x"},
		{"math", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`, ""},
		{"form", `<form action="https://evil.example/"><input name=x><button>go</button></form>`, "go"},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=https://evil.example/">x`, "x"},
		{"base", `<base href="https://evil.example/">x`, "x"},
		{"object and embed", `<object data="x.swf"></object><embed src="x.swf">x`, "x"},
		{"comment", `<!--<script>alert(1)</script>-->x`, "x"},
		{"unclosed tag", `<p>x<script`, "<p>x"},
		{"broken markup", `<p <script>alert(1)</script>>x</p>`, "<p>alert(1)&gt;x</p>"}, // text, not script
		{"text stays text", `5 < 6 & "quoted"`, "5 &lt; 6 &amp; &#34;quoted&#34;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(sanitise(tt.in)); got != tt.want {
				t.Errorf("sanitise(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

package hosting

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
)

// Rule is one block of a _headers file: the headers for request paths that
// match Pattern.
type Rule struct {
	// Pattern is a path, where * matches any run of characters (slashes
	// too) and a :name segment matches one path segment.
	Pattern string
	Headers []Header
	// Detach lists headers to remove that earlier rules set ("! Name", a
	// Cloudflare Pages extension).
	Detach []string
}

// CacheRevalidate is the Cache-Control that Netlify and Cloudflare Pages
// send when no rule sets one, and that the preview sends likewise: pages
// are revalidated on every request, which is cheap on those hosts because
// they purge their CDN on each deploy.
const CacheRevalidate = "public, max-age=0, must-revalidate"

// Rules returns the _headers rules for a build: the security headers for
// every path, Cache-Control for the immutable and data folders, and
// Access-Control-Allow-Origin for the folders other origins may read (CORS).
//
// Both Netlify and Cloudflare Pages apply every rule that matches a path and
// join the values of a header set twice with a comma, so no path may match
// two rules that set Cache-Control: pages therefore get none here (the
// hosts' default, CacheRevalidate), since a "/*" rule for them would also
// match the immutable folders. Netlify allows * only at a pattern's end.
func Rules(o Options) []Rule {
	rules := []Rule{{Pattern: "/*", Headers: SecurityHeaders(o)}}
	add := func(pattern, cache string) {
		r := Rule{Pattern: pattern, Headers: []Header{{"Cache-Control", cache}}}
		if CORS(pattern) {
			r.Headers = append(r.Headers, Header{"Access-Control-Allow-Origin", AllowOrigin})
		}
		rules = append(rules, r)
	}
	for _, d := range immutableDirs {
		add("/"+d+"*", CacheImmutable)
	}
	for _, d := range dataDirs {
		add("/"+d+"*", CacheData)
	}
	for _, f := range dataFiles {
		add("/"+f, CacheData)
	}
	return rules
}

const headersIntro = `# Cache and security headers for hosts that read a _headers file (Netlify,
# Cloudflare Pages), written by crimemap build. Pages get the host's default
# caching (revalidate on every request). For other hosts, README.md
# ("Hosting") gives the same policy.
`

// HeadersFile returns the _headers file for a build, to be written at
// HeadersName in the site.
func HeadersFile(o Options) []byte {
	return append([]byte(headersIntro), EncodeRules(Rules(o))...)
}

// EncodeRules writes rules in the _headers format, a blank line between
// blocks. ParseRules reads them back unchanged.
func EncodeRules(rules []Rule) []byte {
	var b bytes.Buffer
	for i, r := range rules {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(r.Pattern)
		b.WriteByte('\n')
		for _, name := range r.Detach {
			fmt.Fprintf(&b, "  ! %s\n", name)
		}
		for _, h := range r.Headers {
			fmt.Fprintf(&b, "  %s: %s\n", h.Name, h.Value)
		}
	}
	return b.Bytes()
}

// ParseRules reads a _headers file: unindented lines are path patterns,
// indented lines below them "Name: value" headers or "! Name" detaches, and
// lines starting with # comments. An error names the line at fault.
// Absolute-URL patterns (https://host/path) are refused: the preview has one
// host, and crimemap never writes them.
func ParseRules(b []byte) ([]Rule, error) {
	var rules []Rule
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \t\r")
		trimmed := strings.TrimLeft(line, " \t")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if trimmed == line { // not indented: a pattern
			if !strings.HasPrefix(line, "/") {
				return nil, fmt.Errorf("line %d: pattern %q does not start with /", n, line)
			}
			if strings.ContainsAny(line, " \t") {
				return nil, fmt.Errorf("line %d: pattern %q has a space", n, line)
			}
			if _, err := compilePattern(line); err != nil {
				return nil, fmt.Errorf("line %d: pattern %q: %w", n, line, err)
			}
			rules = append(rules, Rule{Pattern: line})
			continue
		}
		if len(rules) == 0 {
			return nil, fmt.Errorf("line %d: header before any path pattern", n)
		}
		r := &rules[len(rules)-1]
		if name, ok := strings.CutPrefix(trimmed, "!"); ok {
			name = strings.TrimSpace(name)
			if !validName(name) {
				return nil, fmt.Errorf("line %d: bad header name %q", n, name)
			}
			r.Detach = append(r.Detach, name)
			continue
		}
		name, value, ok := strings.Cut(trimmed, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || !validName(name) {
			return nil, fmt.Errorf("line %d: want \"Name: value\", got %q", n, trimmed)
		}
		if !validValue(value) {
			return nil, fmt.Errorf("line %d: header %s has a control character", n, name)
		}
		r.Headers = append(r.Headers, Header{name, value})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return rules, nil
}

// validName reports whether s is an HTTP header name (an RFC 9110 token).
func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// validValue reports whether s can be sent as a header value.
func validValue(s string) bool {
	for _, c := range []byte(s) {
		if (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// Matcher applies parsed rules to request paths.
type Matcher struct {
	rules []Rule
	res   []*regexp.Regexp
}

// NewMatcher compiles rules.
func NewMatcher(rules []Rule) (*Matcher, error) {
	m := &Matcher{rules: rules}
	for _, r := range rules {
		re, err := compilePattern(r.Pattern)
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", r.Pattern, err)
		}
		m.res = append(m.res, re)
	}
	return m, nil
}

func compilePattern(p string) (*regexp.Regexp, error) {
	if !strings.HasPrefix(p, "/") {
		return nil, errors.New("does not start with /")
	}
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(p); {
		switch {
		case p[i] == '*':
			b.WriteString(".*")
			i++
		case p[i] == ':' && p[i-1] == '/':
			// A placeholder runs to the end of its segment.
			j := i + 1
			for j < len(p) && p[j] != '/' {
				j++
			}
			b.WriteString("[^/]+")
			i = j
		default:
			j := i
			for j < len(p) && p[j] != '*' && !(p[j] == ':' && p[j-1] == '/') {
				j++
			}
			b.WriteString(regexp.QuoteMeta(p[i:j]))
			i = j
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// Headers returns the headers for a request path, as the hosts apply them:
// every matching rule in order, a header set by several joined with ", ",
// a detach removing what earlier rules set.
func (m *Matcher) Headers(urlPath string) http.Header {
	h := http.Header{}
	for i, r := range m.rules {
		if !m.res[i].MatchString(urlPath) {
			continue
		}
		for _, name := range r.Detach {
			h.Del(name)
		}
		for _, hd := range r.Headers {
			if old := h.Get(hd.Name); old != "" {
				h.Set(hd.Name, old+", "+hd.Value)
			} else {
				h.Set(hd.Name, hd.Value)
			}
		}
	}
	return h
}

package hosting

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
)

// Rewrite maps a path a client asks for onto a file of the site, answered
// with the file's content and status 200 (not a redirect), as static hosts
// do for "200 rewrites". It is how the static API answers the live API's
// paths and query strings: /api/forces/avon-and-somerset is the file
// api/forces/avon-and-somerset.json.
//
// From and To use Netlify's placeholders: ":name" matches one path segment
// and is put back where To names it. Query lists the query parameters the
// rule needs, in any order; a parameter whose Value starts with ":" binds
// a placeholder, any other Value must be matched exactly. A request whose
// query does not satisfy a rule is left to the rules after it, so a rule
// with a query comes before a rule for the same path without one (the
// latest month written in, for a call without a date).
type Rewrite struct {
	From  string // e.g. "/api/stops-force"
	Query []Param
	To    string // e.g. "/api/stops-force/:force/:date.json"
}

// Param is one query parameter of a Rewrite.
type Param struct {
	Name  string // e.g. "force"
	Value string // ":force" binds a placeholder; "all-crime" must match
}

// Rewriter applies rewrite rules to requests: the first rule whose path and
// query match gives the file to answer with. It is the one reading of the
// rules; the _redirects file and the CloudFront function are written to
// behave the same, and their tests hold them to it.
//
// A placeholder's value, from the path or the query, must be one safe path
// segment (SafeValue), or the rule does not match: a request can name only
// files under the rule's own target folder, never climb out of the site.
type Rewriter struct {
	rules []compiledRewrite
}

type compiledRewrite struct {
	from  []string // path segments after the leading slash; ":name" binds
	query []Param
	to    []string // literal text and ":name" placeholders, alternately
}

// NewRewriter checks and compiles rules. Besides malformed paths, it
// refuses what the hosts would read differently: a placeholder in To that
// nothing binds, a placeholder name that is the start of another in the
// same rule (Cloudflare substitutes names by plain text replacement), a
// target that is not a clean site path, and text the _redirects syntax
// cannot carry (spaces, "=" in a query name, "#").
func NewRewriter(rules []Rewrite) (*Rewriter, error) {
	rw := &Rewriter{}
	for i, r := range rules {
		c, err := compileRewrite(r)
		if err != nil {
			return nil, fmt.Errorf("rewrite %d (%s): %w", i+1, r.From, err)
		}
		rw.rules = append(rw.rules, c)
	}
	return rw, nil
}

func compileRewrite(r Rewrite) (compiledRewrite, error) {
	var c compiledRewrite
	bound := map[string]bool{}
	bind := func(name string) error {
		if !validPlaceholder(name) {
			return fmt.Errorf("bad placeholder %q", ":"+name)
		}
		if bound[name] {
			return fmt.Errorf("placeholder %q bound twice", ":"+name)
		}
		bound[name] = true
		return nil
	}
	if !strings.HasPrefix(r.From, "/") || !plainText(r.From) || strings.ContainsAny(r.From, "?*") {
		return c, errors.New("from must be a path starting with / without spaces, ?, # or *")
	}
	c.from = strings.Split(r.From[1:], "/")
	for _, seg := range c.from {
		if name, ok := strings.CutPrefix(seg, ":"); ok {
			if err := bind(name); err != nil {
				return c, err
			}
		} else if strings.Contains(seg, ":") || seg == ".." || seg == "." {
			return c, fmt.Errorf("bad path segment %q", seg)
		}
	}
	for _, p := range r.Query {
		if p.Name == "" || !plainText(p.Name) || strings.ContainsAny(p.Name, "=&") {
			return c, fmt.Errorf("bad query parameter name %q", p.Name)
		}
		if name, ok := strings.CutPrefix(p.Value, ":"); ok {
			if err := bind(name); err != nil {
				return c, err
			}
		} else if p.Value == "" || !plainText(p.Value) || strings.Contains(p.Value, "&") {
			return c, fmt.Errorf("bad value %q for query parameter %s", p.Value, p.Name)
		}
	}
	c.query = r.Query
	for name := range bound {
		for other := range bound {
			if other != name && strings.HasPrefix(other, name) {
				return c, fmt.Errorf("placeholder %q is the start of %q", ":"+name, ":"+other)
			}
		}
	}
	if !strings.HasPrefix(r.To, "/") || !plainText(r.To) || strings.ContainsAny(r.To, "?*") {
		return c, errors.New("to must be a path starting with / without spaces, ?, # or *")
	}
	c.to = splitTarget(r.To)
	for i := 1; i < len(c.to); i += 2 {
		if !bound[c.to[i][1:]] {
			return c, fmt.Errorf("to uses %s, which nothing binds", c.to[i])
		}
	}
	// With every placeholder a plain name, the target must already be
	// clean: no "..", "." or empty segment that a host would fold away.
	sample := c.target(func(string) string { return "x" })
	if path.Clean(sample) != sample {
		return c, fmt.Errorf("to %q is not a clean path", r.To)
	}
	return c, nil
}

// splitTarget splits To into literal text and placeholders, alternately:
// a placeholder is ":" and the longest run of name characters after it.
func splitTarget(to string) []string {
	var parts []string
	lit := 0
	for i := 0; i < len(to); i++ {
		if to[i] != ':' {
			continue
		}
		j := i + 1
		for j < len(to) && isNameByte(to[j]) {
			j++
		}
		if j == i+1 {
			continue // a lone colon is text
		}
		parts = append(parts, to[lit:i], to[i:j])
		lit, i = j, j-1
	}
	return append(parts, to[lit:])
}

func (c compiledRewrite) target(value func(name string) string) string {
	var b strings.Builder
	for i, p := range c.to {
		if i%2 == 1 {
			b.WriteString(value(p[1:]))
		} else {
			b.WriteString(p)
		}
	}
	return b.String()
}

func isNameByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// validPlaceholder reports whether name is a placeholder name: a letter,
// then letters, digits and underscores, as Netlify and Cloudflare read it.
func validPlaceholder(name string) bool {
	if name == "" || !('a' <= name[0] && name[0] <= 'z' || 'A' <= name[0] && name[0] <= 'Z') {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isNameByte(name[i]) {
			return false
		}
	}
	return true
}

// plainText reports whether s can be one field of a _redirects line.
func plainText(s string) bool {
	for _, c := range []byte(s) {
		if c <= ' ' || c == 0x7f || c == '#' {
			return false
		}
	}
	return s != ""
}

// SafeValue reports whether a placeholder's value may be put into a file
// path: one non-empty path segment, with no "/", "\", "..", or NUL, so
// that no request can name a file outside the rule's target folder.
func SafeValue(v string) bool {
	return v != "" && !strings.ContainsAny(v, "/\\\x00") && !strings.Contains(v, "..")
}

// Match returns the site path (with a leading slash, unescaped) that the
// first matching rule gives for a request URL, or false when no rule
// matches. The path is compared segment by segment in its escaped form and
// each segment unescaped on its own, so an escaped slash stays inside its
// segment (and makes a placeholder's value unsafe). A query parameter
// given more than once counts by its first value; parameters no rule names
// are ignored.
func (rw *Rewriter) Match(u *url.URL) (string, bool) {
	_, target, ok := rw.Which(u)
	return target, ok
}

// Which is Match with the index of the rule that matched, for checks of
// the rules' order: that no rule takes the calls meant for a later one.
func (rw *Rewriter) Which(u *url.URL) (int, string, bool) {
	raw := u.EscapedPath()
	if !strings.HasPrefix(raw, "/") {
		return -1, "", false
	}
	var segs []string
	for _, s := range strings.Split(raw[1:], "/") {
		v, err := url.PathUnescape(s)
		if err != nil {
			return -1, "", false
		}
		segs = append(segs, v)
	}
	query, _ := url.ParseQuery(u.RawQuery) // a bad pair is left out, as browsers do
	for i, c := range rw.rules {
		if vals, ok := c.match(segs, query); ok {
			return i, c.target(func(name string) string { return vals[name] }), true
		}
	}
	return -1, "", false
}

func (c compiledRewrite) match(segs []string, query url.Values) (map[string]string, bool) {
	if len(segs) != len(c.from) {
		return nil, false
	}
	vals := map[string]string{}
	for i, want := range c.from {
		if name, ok := strings.CutPrefix(want, ":"); ok {
			if !SafeValue(segs[i]) {
				return nil, false
			}
			vals[name] = segs[i]
		} else if segs[i] != want {
			return nil, false
		}
	}
	for _, p := range c.query {
		got := query[p.Name]
		if len(got) == 0 {
			return nil, false
		}
		if name, ok := strings.CutPrefix(p.Value, ":"); ok {
			if !SafeValue(got[0]) {
				return nil, false
			}
			vals[name] = got[0]
		} else if got[0] != p.Value {
			return nil, false
		}
	}
	return vals, true
}

// Len returns the number of rules.
func (rw *Rewriter) Len() int { return len(rw.rules) }

// placeholderRE finds the placeholders of a rule's path: ":" and a name.
var placeholderRE = regexp.MustCompile(`:[A-Za-z][A-Za-z0-9_]*`)

// HasPlaceholder says whether a rule's path has a placeholder.
func HasPlaceholder(p string) bool { return placeholderRE.MatchString(p) }

// PathPattern matches the paths a rule's From or To can stand for: each
// placeholder one path segment, as the rewriter lets through.
func PathPattern(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	last := 0
	for _, m := range placeholderRE.FindAllStringIndex(p, -1) {
		b.WriteString(regexp.QuoteMeta(p[last:m[0]]))
		b.WriteString("[^/]+")
		last = m[1]
	}
	b.WriteString(regexp.QuoteMeta(p[last:]))
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// TargetExists reports whether a rule's target can name one of paths,
// which are sorted and in the target's form (both with a leading slash,
// or neither). Only the paths under the target's literal start are tried,
// so checking every rule against a national site's half a million files
// costs a few lookups a rule rather than a pass over them all.
func TargetExists(to string, paths []string) bool {
	prefix := to
	if m := placeholderRE.FindStringIndex(to); m != nil {
		prefix = to[:m[0]]
	}
	re := PathPattern(to)
	for i := sort.SearchStrings(paths, prefix); i < len(paths) && strings.HasPrefix(paths[i], prefix); i++ {
		if re.MatchString(paths[i]) {
			return true
		}
	}
	return false
}

// Answered keeps the rules whose target can name one of files, the site's
// paths as its manifest lists them (sorted, without a leading slash): a
// site without stop and search, say, has no file for the stops rules, and
// a rule that can only answer 404 is left out rather than published.
func Answered(rules []Rewrite, files []string) []Rewrite {
	var out []Rewrite
	for _, r := range rules {
		if TargetExists(strings.TrimPrefix(r.To, "/"), files) {
			out = append(out, r)
		}
	}
	return out
}

package downloads

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/hosting"
)

// The tests read the rules as hosting.Rewrite documents them (Netlify's
// placeholders, first match wins); this is that reading, kept small.

// matchPath binds pattern's placeholders against path, one segment each.
// A placeholder segment may carry a literal suffix (":date.json").
func matchPath(pattern, path string, bound map[string]string) bool {
	ps, ss := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(ss) {
		return false
	}
	for i, p := range ps {
		if !isPlaceholder(p) {
			if p != ss[i] {
				return false
			}
			continue
		}
		name, suffix, _ := strings.Cut(p[1:], ".")
		if suffix != "" {
			suffix = "." + suffix
		}
		v, ok := strings.CutSuffix(ss[i], suffix)
		if !ok || v == "" || !bind(bound, name, v) {
			return false
		}
	}
	return true
}

// bind sets a placeholder, or checks it against the value it already has.
func bind(bound map[string]string, name, v string) bool {
	if old, ok := bound[name]; ok {
		return old == v
	}
	bound[name] = v
	return true
}

// fill puts bound values in pattern's placeholders.
func fill(pattern string, bound map[string]string) string {
	ps := strings.Split(pattern, "/")
	for i, p := range ps {
		if isPlaceholder(p) {
			name, suffix, _ := strings.Cut(p[1:], ".")
			if suffix != "" {
				suffix = "." + suffix
			}
			ps[i] = bound[name] + suffix
		}
	}
	return strings.Join(ps, "/")
}

// resolve is what a host does with a request, by hosting's own matcher:
// the index of the first rule that matches it and the file it answers
// with, or -1.
func resolve(t *testing.T, rules []hosting.Rewrite, path string, query url.Values) (int, string) {
	t.Helper()
	rw, err := hosting.NewRewriter(rules)
	if err != nil {
		t.Fatal(err)
	}
	i, target, ok := rw.Which(&url.URL{Path: path, RawQuery: query.Encode()})
	if !ok {
		return -1, ""
	}
	return i, strings.TrimPrefix(target, "/")
}

// request is the call that rule r answers with file, found by binding the
// rule's target to the file; placeholders the target does not use (the
// date of crime-categories) get a month. ok is false when the rule's
// target cannot be that file.
func request(r hosting.Rewrite, file string) (path string, query url.Values, ok bool) {
	bound := map[string]string{}
	if !matchPath(r.To, "/"+file, bound) {
		return "", nil, false
	}
	var names []string
	for _, s := range strings.Split(r.From, "/") {
		if isPlaceholder(s) {
			names = append(names, s[1:])
		}
	}
	query = url.Values{}
	for _, p := range r.Query {
		if isPlaceholder(p.Value) {
			names = append(names, p.Value[1:])
		}
	}
	for _, n := range names {
		if _, ok := bound[n]; !ok {
			bound[n] = "2025-01"
		}
	}
	for _, p := range r.Query {
		if isPlaceholder(p.Value) {
			query.Set(p.Name, bound[p.Value[1:]])
		} else {
			query.Set(p.Name, p.Value)
		}
	}
	return fill(r.From, bound), query, true
}

// TestRewrites checks every rule against the fixture's API: a literal
// target exists and a placeholder target names files; every rule is the
// first match for a call to one of those files, so no rule before it
// takes its calls; and every file under api/ answers some call.
func TestRewrites(t *testing.T) {
	dir, res := write(t, load(t, readFixture(t)), "")
	var files []string
	for rel := range dir.Tree() {
		if strings.HasPrefix(rel, "api/") {
			files = append(files, rel)
		}
	}
	slices.Sort(files)
	rules := res.Rewrites()
	checkRules(t, rules, files)
	// The order comes from the rules, not from the table's order.
	reordered := slices.Clone(rules)
	slices.Reverse(reordered)
	slices.SortStableFunc(reordered, compareRules)
	checkRules(t, reordered, files)

	for _, c := range clientCalls {
		u, err := url.Parse(c.call)
		if err != nil {
			t.Fatal(err)
		}
		if _, got := resolve(t, rules, u.Path, u.Query()); got != c.file {
			t.Errorf("%s: %q, want %s", c.call, got, c.file)
		}
		dir.AssertExists(c.file)
	}
}

// TestRewritesFromPage checks that the page and the rules say the same:
// an endpoint with a file has rules whose targets are that file, and one
// without has none but says what answers instead.
func TestRewritesFromPage(t *testing.T) {
	_, res := write(t, load(t, readFixture(t)), "")
	latest := res.in.Store.Last.String()
	values := map[string]string{"force": "f", "neighbourhood": "n", "date": latest, "category": "c"}
	page := strings.NewReplacer("<force>", "f", "<neighbourhood>", "n", "<YYYY-MM>", latest, "<category>", "c")
	unanswered := 0
	for _, e := range res.Endpoints() {
		if e.Static == "" {
			unanswered++
			if len(e.Rules) > 0 || e.DifferencesKey == "" {
				t.Errorf("%s: no file, but rules %v or nothing said instead", e.Live, e.Rules)
			}
			continue
		}
		if len(e.Rules) == 0 {
			t.Errorf("%s: no rules", e.Live)
		}
		for _, r := range e.Rules {
			if got, want := strings.TrimPrefix(fill(r.To, values), "/"), page.Replace(e.Static); got != want {
				t.Errorf("%s: rule target %s is not %s", e.Live, r.To, e.Static)
			}
		}
	}
	if unanswered < 5 {
		t.Errorf("the page explains %d calls no file answers", unanswered)
	}
}

// checkRules checks that every rule is the first match for a call to one
// of files and that every file answers some call.
func checkRules(t *testing.T, rules []hosting.Rewrite, files []string) {
	t.Helper()
	reached := map[string]bool{}
	for i, r := range rules {
		first := false
		targets := 0
		for _, f := range files {
			path, query, ok := request(r, f)
			if !ok {
				continue
			}
			targets++
			j, got := resolve(t, rules, path, query)
			if j == i && got == f {
				first = true
				reached[f] = true
			}
		}
		switch {
		case targets == 0:
			t.Errorf("rule %d %s %v → %s: no file", i, r.From, r.Query, r.To)
		case !first:
			t.Errorf("rule %d %s %v → %s: every call it answers goes to an earlier rule", i, r.From, r.Query, r.To)
		}
	}
	for _, f := range files {
		if !reached[f] {
			t.Errorf("%s: no rule answers a call with it", f)
		}
	}

}

package downloads

import (
	"slices"
	"strings"

	"github.com/crimemap/crimemap/generator/hosting"
)

// Rewrites are the rules that answer the live data.police.uk API's calls
// with this build's files: /api/forces is api/forces.json, and
// /api/stops-force?force=F&date=M is api/stops-force/F/M.json. They come
// from the table the API page shows (APIPage), so a call the page says
// is answered has its rule.
//
// A host tries them in order and takes the first that matches, so they
// are ordered most specific first: at the first path segment where two
// rules differ in kind, the literal segment before the placeholder
// (/api/forces/:force before /api/:force/:neighbourhood, which would take
// its requests), and for the same path, the rule needing more query
// parameters, and more literal ones, first (category=all-crime before
// category=:category, a call with a date before the one without).
func (res *Result) Rewrites() []hosting.Rewrite {
	var out []hosting.Rewrite
	for _, e := range res.Endpoints() {
		out = append(out, e.Rules...)
	}
	slices.SortStableFunc(out, compareRules)
	return out
}

// compareRules orders a before b when a is the more specific rule.
func compareRules(a, b hosting.Rewrite) int {
	sa, sb := strings.Split(a.From, "/"), strings.Split(b.From, "/")
	for i := range min(len(sa), len(sb)) {
		pa, pb := isPlaceholder(sa[i]), isPlaceholder(sb[i])
		if pa != pb {
			if pa {
				return 1
			}
			return -1
		}
	}
	if len(sa) != len(sb) {
		return len(sa) - len(sb)
	}
	if len(a.Query) != len(b.Query) {
		return len(b.Query) - len(a.Query)
	}
	return literals(b.Query) - literals(a.Query)
}

func isPlaceholder(segment string) bool { return strings.HasPrefix(segment, ":") }

// literals counts the parameters that must match a value.
func literals(q []hosting.Param) int {
	n := 0
	for _, p := range q {
		if !isPlaceholder(p.Value) {
			n++
		}
	}
	return n
}

package hosting

import (
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// fixtureRewrites are shaped like the static API's rules.
var fixtureRewrites = []Rewrite{
	{From: "/api/forces", To: "/api/forces.json"},
	{From: "/api/forces/:force", To: "/api/forces/:force.json"},
	{From: "/api/:force/neighbourhoods", To: "/api/:force/neighbourhoods.json"},
	{From: "/api/stops-force", Query: []Param{{"force", ":force"}, {"date", ":date"}}, To: "/api/stops-force/:force/:date.json"},
	{From: "/api/stops-force", Query: []Param{{"force", ":force"}}, To: "/api/stops-force/:force/2025-12.json"},
	{From: "/api/crimes-no-location", Query: []Param{{"category", ":category"}, {"force", ":force"}, {"date", ":date"}},
		To: "/api/crimes-no-location/:force/:category/:date.json"},
	{From: "/api/crime-categories", Query: []Param{{"scope", "all"}}, To: "/api/crime-categories/all.json"},
}

// rewriteCases is the table of requests the Go matcher and the CloudFront
// function must answer alike; "" is no match.
var rewriteCases = []struct{ url, want string }{
	{"/api/forces", "/api/forces.json"},
	{"/api/forces?x=1", "/api/forces.json"},
	{"/api/forces/", ""},
	{"/api/forces/cumbria", "/api/forces/cumbria.json"},
	{"/api/forces/cumbria/people", ""},
	{"/api/cumbria/neighbourhoods", "/api/cumbria/neighbourhoods.json"},
	{"/api/forces/neighbourhoods", "/api/forces/neighbourhoods.json"},
	// Query parameters in any order, extra ones ignored, the dated rule
	// first and the latest month for a call without a date.
	{"/api/stops-force?force=cumbria&date=2025-11", "/api/stops-force/cumbria/2025-11.json"},
	{"/api/stops-force?date=2025-11&force=cumbria&poly=1", "/api/stops-force/cumbria/2025-11.json"},
	{"/api/stops-force?force=cumbria", "/api/stops-force/cumbria/2025-12.json"},
	{"/api/stops-force?force=cumbria&date=", "/api/stops-force/cumbria/2025-12.json"},
	{"/api/stops-force?force=a&force=b&date=2025-01", "/api/stops-force/a/2025-01.json"},
	{"/api/stops-force?date=2025-11", ""},
	{"/api/stops-force", ""},
	{"/api/crimes-no-location?category=all-crime&force=cumbria&date=2025-10", "/api/crimes-no-location/cumbria/all-crime/2025-10.json"},
	{"/api/crimes-no-location?category=all-crime&force=cumbria", ""},
	// A literal value must match exactly.
	{"/api/crime-categories?scope=all", "/api/crime-categories/all.json"},
	{"/api/crime-categories?scope=ALL", ""},
	{"/api/crime-categories", ""},
	// Escapes are read; a value with a space is one segment still.
	{"/api/forces/avon%2Dand%2Dsomerset", "/api/forces/avon-and-somerset.json"},
	{"/api/stops-force?force=city+of+london", "/api/stops-force/city of london/2025-12.json"},
	// Unsafe values never reach a path.
	{"/api/stops-force?force=..&date=2025-11", ""},
	{"/api/stops-force?force=../../etc&date=x", ""},
	{"/api/stops-force?force=a%2Fb", ""},
	{"/api/stops-force?force=a%5Cb", ""},
	{"/api/stops-force?force=a%00b", ""},
	{"/api/stops-force?force=cumbria&date=..%2F..%2Fx", "/api/stops-force/cumbria/2025-12.json"},
	{"/api/forces/..", ""},
	{"/api/forces/a%2Fb", ""},
	{"/api/stops-force?force=%zz", ""},
	{"/other", ""},
	{"/", ""},
}

func TestRewriterMatch(t *testing.T) {
	rw, err := NewRewriter(fixtureRewrites)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rewriteCases {
		u, err := url.Parse(c.url)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := rw.Match(u)
		if ok != (c.want != "") || got != c.want {
			t.Errorf("Match(%s) = %q, %v; want %q", c.url, got, ok, c.want)
		}
	}
}

func TestRewriterOrder(t *testing.T) {
	// The first matching rule wins, whatever comes later.
	rw, err := NewRewriter([]Rewrite{
		{From: "/api/forces/:force", To: "/api/forces/:force.json"},
		{From: "/api/:force/:id", To: "/api/:force/:id.json"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"/api/forces/cumbria": "/api/forces/cumbria.json",
		"/api/cumbria/E01":    "/api/cumbria/E01.json",
	} {
		if got, _ := rw.Match(&url.URL{Path: in}); got != want {
			t.Errorf("Match(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestNewRewriterRefuses(t *testing.T) {
	for _, c := range []struct {
		r    Rewrite
		want string
	}{
		{Rewrite{From: "api/forces", To: "/api/forces.json"}, "from must be"},
		{Rewrite{From: "/api/forces*", To: "/api/forces.json"}, "from must be"},
		{Rewrite{From: "/api/for ces", To: "/api/forces.json"}, "from must be"},
		{Rewrite{From: "/api/forces", To: "api/forces.json"}, "to must be"},
		{Rewrite{From: "/api/forces", To: "/api/forces.json?x=1"}, "to must be"},
		{Rewrite{From: "/api/:force", To: "/api/:id.json"}, "nothing binds"},
		{Rewrite{From: "/api/:1x", To: "/api/x.json"}, "bad placeholder"},
		{Rewrite{From: "/api/a:b", To: "/api/x.json"}, "bad path segment"},
		{Rewrite{From: "/api/../x", To: "/api/x.json"}, "bad path segment"},
		{Rewrite{From: "/api/:force/:force", To: "/api/:force.json"}, "bound twice"},
		{Rewrite{From: "/api/:force", Query: []Param{{"f", ":forceid"}}, To: "/api/:force/:forceid.json"}, "is the start of"},
		{Rewrite{From: "/api/x", Query: []Param{{"", ":a"}}, To: "/api/:a.json"}, "bad query parameter name"},
		{Rewrite{From: "/api/x", Query: []Param{{"a=b", ":a"}}, To: "/api/:a.json"}, "bad query parameter name"},
		{Rewrite{From: "/api/x", Query: []Param{{"a", ""}}, To: "/api/a.json"}, "bad value"},
		{Rewrite{From: "/api/x", Query: []Param{{"a", "b c"}}, To: "/api/a.json"}, "bad value"},
		{Rewrite{From: "/api/:a", To: "/api/../:a.json"}, "not a clean path"},
		{Rewrite{From: "/api/:a", To: "/api//:a.json"}, "not a clean path"},
	} {
		_, err := NewRewriter([]Rewrite{c.r})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewRewriter(%+v) = %v; want an error with %q", c.r, err, c.want)
		}
	}
}

func TestSplitTarget(t *testing.T) {
	got := splitTarget("/api/:force/x:y:/:date.json")
	want := []string{"/api/", ":force", "/x", ":y", ":/", ":date", ".json"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitTarget = %q, want %q", got, want)
	}
}

func TestRedirectsRoundTrip(t *testing.T) {
	file := RedirectsFile(fixtureRewrites)
	rules, err := ParseRedirects(file)
	if err != nil {
		t.Fatal(err)
	}
	if got := Rewrites(rules); !reflect.DeepEqual(got, fixtureRewrites) {
		t.Errorf("read back:\n%+v\nwant\n%+v", got, fixtureRewrites)
	}
	lines := strings.Split(string(file), "\n")
	for _, r := range rules {
		if !strings.HasPrefix(lines[r.Line-1], r.From+"  ") {
			t.Errorf("rule %s: line %d is %q", r.From, r.Line, lines[r.Line-1])
		}
	}
	// The Netlify form of a rule with a query.
	if !strings.Contains(string(file), "\n/api/stops-force  force=:force  date=:date  /api/stops-force/:force/:date.json  200\n") {
		t.Errorf("no query rule in Netlify's syntax:\n%s", file)
	}
}

func TestParseRedirectsRefuses(t *testing.T) {
	for in, want := range map[string]string{
		"/a /b.json 301\n":               "line 1: status \"301\"",
		"# c\n\n/a /b.json 200!\n":       "line 3: status \"200!\"",
		"/a 200\n":                       "line 1: want",
		"/a x /b.json 200\n":             "line 1: query parameter \"x\" has no =",
		"/a /b/:c.json 200\n":            "line 1: to uses :c",
		"/a/* /b/:splat 200\n":           "line 1: from must be",
		"/a  k=:v  /b/../:v.json  200\n": "not a clean path",
	} {
		_, err := ParseRedirects([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseRedirects(%q) = %v; want %q", in, err, want)
		}
	}
}

// TestAnswered keeps the rules whose target can name a file of the site
// and leaves out those that could only answer 404.
func TestAnswered(t *testing.T) {
	rules := []Rewrite{
		{From: "/api/forces", To: "/api/forces.json"},
		{From: "/api/stops-force", Query: []Param{{"force", ":force"}, {"date", ":date"}}, To: "/api/stops-force/:force/:date.json"},
		{From: "/api/forces/:force", To: "/api/forces/:force.json"},
		{From: "/api/:force/:nbhd/stops/:date", To: "/api/:force/:nbhd/stops/:date.json"},
	}
	files := []string{"api/cumbria/n1/crimes/2025-01.json", "api/forces.json", "api/forces/cumbria.json", "api/forces/cumbria/people.json"}
	var got []string
	for _, r := range Answered(rules, files) {
		got = append(got, r.From)
	}
	if want := []string{"/api/forces", "/api/forces/:force"}; !slices.Equal(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
}

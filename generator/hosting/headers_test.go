package hosting

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
)

// TestHeadersGolden pins the whole _headers file, for a site with the
// default map style and for one with its own: it is what the host
// applies to every response (security headers, caching), so a change to
// it should be one a person has read. After an intended change:
// go test ./generator/hosting -run TestHeadersGolden -update
// then review the diff of testdata/.
func TestHeadersGolden(t *testing.T) {
	for _, tt := range []struct {
		golden string
		o      Options
	}{
		{"_headers", Options{}},
		{"map-style/_headers", Options{MapStyle: "https://tiles.example.org/style.json"}},
	} {
		t.Run(tt.golden, func(t *testing.T) {
			buildtest.Golden(t, HeadersFile(tt.o), filepath.Join("testdata", filepath.FromSlash(tt.golden)))
		})
	}
}

func TestHeadersFileRoundTrip(t *testing.T) {
	o := Options{MapStyle: "https://tiles.example.org/style.json"}
	b := HeadersFile(o)
	rules, err := ParseRules(b)
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if !reflect.DeepEqual(rules, Rules(o)) {
		t.Fatalf("parsed %+v\nwant %+v", rules, Rules(o))
	}
	if again := EncodeRules(rules); !strings.HasSuffix(string(b), string(again)) {
		t.Errorf("encoding again gives\n%s\nwant the end of\n%s", again, b)
	}
	// Netlify allows * only at the end of a pattern.
	for _, r := range rules {
		if i := strings.IndexByte(r.Pattern, '*'); i >= 0 && i != len(r.Pattern)-1 {
			t.Errorf("pattern %q has * before its end", r.Pattern)
		}
	}
	// A detach survives a round trip too.
	in := []Rule{{Pattern: "/a/:id/*", Detach: []string{"X-Robots-Tag"}, Headers: []Header{{"X-A", "1: two"}}}}
	out, err := ParseRules(EncodeRules(in))
	if err != nil || !reflect.DeepEqual(out, in) {
		t.Errorf("round trip of %+v: %+v, %v", in, out, err)
	}
}

// Every path of a site gets, from the _headers rules, the security headers
// and exactly the Cache-Control that CacheControl gives it, or none for
// pages, which take the host's default.
func TestHeadersFileAgreesWithPolicy(t *testing.T) {
	o := Options{}
	m, err := NewMatcher(Rules(o))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"", "index.html", "forces/cumbria/", "forces/cumbria/feed.xml", "map/", "search/", "search/index.html",
		"search/places.json", "search/postcodes/M1.json", "assets/site-X.js", "assets/site-X.js.LEGAL.txt",
		"tiles/boundaries.pmtiles", "data/", "data/2025-12.zip", "data/SHA256SUMS", "api/forces.json",
		"api/cumbria/E05001000/crimes/2025-12.json", "sitemap.xml", "robots.txt", "404.html", "manifest.txt",
	} {
		h := m.Headers("/" + p)
		if got := h.Values("Content-Security-Policy"); len(got) != 1 || got[0] != CSP(o) {
			t.Errorf("/%s: Content-Security-Policy %q", p, got)
		}
		if h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("/%s: headers %v", p, h)
		}
		want := CacheControl(p)
		if c := Classify(p); c != Immutable && c != Data {
			want = ""
		}
		if got := h.Get("Cache-Control"); got != want {
			t.Errorf("/%s: Cache-Control %q, want %q", p, got, want)
		}
	}
}

func TestMatcher(t *testing.T) {
	rules, err := ParseRules([]byte(`# a comment
/*
  X-A: all
  Cache-Control: short

/static/*
  ! Cache-Control
  Cache-Control: long
  X-A: static
/users/:id/profile
  X-B: profile
/exact.txt
	X-C: tab-indented: with colon
`))
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewMatcher(rules)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want map[string]string
	}{
		{"/", map[string]string{"X-A": "all", "Cache-Control": "short"}},
		{"/static/a/b.js", map[string]string{"X-A": "all, static", "Cache-Control": "long"}},
		{"/staticx", map[string]string{"X-A": "all", "Cache-Control": "short"}},
		{"/users/42/profile", map[string]string{"X-A": "all", "Cache-Control": "short", "X-B": "profile"}},
		{"/users/4/2/profile", map[string]string{"X-A": "all", "Cache-Control": "short"}},
		{"/exact.txt", map[string]string{"X-A": "all", "Cache-Control": "short", "X-C": "tab-indented: with colon"}},
		{"/exactxtxt", map[string]string{"X-A": "all", "Cache-Control": "short"}},
	} {
		h := m.Headers(c.path)
		got := map[string]string{}
		for k := range h {
			got[k] = h.Get(k)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.path, got, c.want)
		}
	}
}

func TestParseRulesErrors(t *testing.T) {
	for _, c := range []struct{ text, err string }{
		{"  X-A: 1\n", "line 1: header before any path pattern"},
		{"/a\n  no colon\n", "line 2: want \"Name: value\""},
		{"/a\n  Bad Name: 1\n", "line 2: want \"Name: value\""},
		{"/a\n  !\n", "line 2: bad header name"},
		{"https://example.org/*\n  X-A: 1\n", "line 1: pattern \"https://example.org/*\" does not start with /"},
		{"/a b\n", "line 1: pattern \"/a b\" has a space"},
	} {
		_, err := ParseRules([]byte(c.text))
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%q: error %v, want %q", c.text, err, c.err)
		}
	}
}

// FuzzParseRules checks that whatever ParseRules accepts, EncodeRules
// writes back so that it parses to the same rules, and compiles.
func FuzzParseRules(f *testing.F) {
	f.Add(HeadersFile(Options{MapStyle: "https://a.example/s.json"}))
	f.Add([]byte("/a/:id/*\n  ! X-A\n  X-B: 1: 2\n# c\n/b\n\tX-C:\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rules, err := ParseRules(b)
		if err != nil {
			return
		}
		again, err := ParseRules(EncodeRules(rules))
		if err != nil {
			t.Fatalf("encoded rules do not parse: %v\n%s", err, EncodeRules(rules))
		}
		if len(rules) > 0 && !reflect.DeepEqual(again, rules) {
			t.Fatalf("round trip: %+v\nwant %+v", again, rules)
		}
		if _, err := NewMatcher(rules); err != nil {
			t.Fatalf("parsed rules do not compile: %v", err)
		}
	})
}

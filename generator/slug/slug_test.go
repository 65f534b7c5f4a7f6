package slug

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var safe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"City of London", "city-of-london"},
		{"Devon & Cornwall", "devon-and-cornwall"},
		{"NC04", "nc04"},
		{"Pant Y Dŵr", "pant-y-dwr"},
		{"../../etc/passwd", "etc-passwd"},
		{"  spaced  out  ", "spaced-out"},
		{"<script>alert(1)</script>", "script-alert-1-script"},
		{"Ｆｕｌｌｗｉｄｔｈ", "fullwidth"},
		{"...", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Make(strings.Repeat("ab", 100)); len(got) > MaxLen {
		t.Errorf("slug of %d bytes", len(got))
	}
}

func TestUnique(t *testing.T) {
	ids := []string{"NC04", "nc04", "A/B", "a b", "..", "Simple"}
	got := Unique(ids)
	seen := map[string]string{}
	for _, id := range ids {
		s := got[id]
		if !safe.MatchString(s) {
			t.Errorf("%q: unsafe slug %q", id, s)
		}
		if other, ok := seen[s]; ok {
			t.Errorf("%q and %q share slug %q", id, other, s)
		}
		seen[s] = id
	}
	if got["Simple"] != "simple" {
		t.Errorf("an id without a clash keeps its plain slug: %q", got["Simple"])
	}
	// The same id gets the same slug whatever the rest of the set.
	again := Unique([]string{"..", "NC04", "nc04"})
	if again[".."] != got[".."] || again["NC04"] != got["NC04"] {
		t.Errorf("slugs depend on the set: %v vs %v", again, got)
	}
}

func FuzzMake(f *testing.F) {
	f.Add("Barnsley 001")
	f.Add("../x")
	f.Fuzz(func(t *testing.T, s string) {
		if got := Make(s); got != "" && !safe.MatchString(got) {
			t.Errorf("Make(%q) = %q", s, got)
		}
	})
}

// TestUniqueHostile gives Unique identifiers from hostile data: path
// pieces, spaces, look-alikes, markup, ids equal but for case, repeats,
// and an id crafted to equal another's hashed slug. Every slug must be
// safe, unique and the same whatever the order of the ids.
func TestUniqueHostile(t *testing.T) {
	clash := suffixed("a-b", "A/B", 4) // what "A/B" gets when "a b" is there too
	ids := []string{
		"NC04", "nc04", "ＮＣ04", // ASCII, lower case, full-width look-alike: one slug
		"A/B", "a b", clash,
		"..", ".", "/", "", "../../etc/passwd", "/etc/passwd",
		"<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`,
		"Сity", "City", // Cyrillic С, Latin C
		"e\u0301", "é", // decomposed and composed: one slug
		strings.Repeat("x", 200), strings.Repeat("x", 201),
		"NC04", // repeated: counts once
	}
	want := map[string]string{
		"City":        "city",
		"Сity":        "ity", // non-Latin letters are dropped, and "ity" is free
		"/etc/passwd": "",    // clashes with "../../etc/passwd": hashed, checked below
	}
	got := Unique(ids)
	seen := map[string]string{}
	for id, s := range got {
		if !safe.MatchString(s) || len(s) > MaxLen+1+2*sha256Size {
			t.Errorf("%q: unsafe slug %q", id, s)
		}
		if other, ok := seen[s]; ok {
			t.Errorf("%q and %q share slug %q", id, other, s)
		}
		seen[s] = id
	}
	if len(got) != len(ids)-1 {
		t.Errorf("%d slugs for %d distinct ids", len(got), len(ids)-1)
	}
	for id, s := range want {
		if s != "" && got[id] != s {
			t.Errorf("%q: slug %q, want %q", id, got[id], s)
		}
	}
	for _, id := range []string{"NC04", "nc04", "ＮＣ04", "/etc/passwd", "../../etc/passwd", "e\u0301", "é"} {
		if !strings.HasPrefix(got[id], Make(id)+"-") || len(got[id]) != len(Make(id))+9 {
			t.Errorf("%q: slug %q, want %q and 8 hex digits of its hash", id, got[id], Make(id))
		}
	}
	// The crafted id keeps its plain slug; "A/B" takes a longer hash.
	if got[clash] != clash || got["A/B"] != suffixed("a-b", "A/B", 8) {
		t.Errorf("crafted clash: %q → %q, A/B → %q", clash, got[clash], got["A/B"])
	}
	// Order does not matter.
	rev := slices.Clone(ids)
	slices.Reverse(rev)
	if again := Unique(rev); !maps.Equal(again, got) {
		t.Errorf("slugs depend on the order of ids")
	}
}

const sha256Size = 32

// FuzzUnique checks that any set of ids gets safe slugs, one per id.
func FuzzUnique(f *testing.F) {
	f.Add("NC04", "nc04", "a-b")
	f.Add("A/B", "a b", suffixed("a-b", "A/B", 4))
	f.Add("..", "", "/")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		got := Unique([]string{a, b, c})
		seen := map[string]string{}
		for id, s := range got {
			if !safe.MatchString(s) {
				t.Errorf("%q: slug %q", id, s)
			}
			if other, dup := seen[s]; dup {
				t.Errorf("%q and %q share %q", id, other, s)
			}
			seen[s] = id
		}
	})
}

package slug

import (
	"regexp"
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

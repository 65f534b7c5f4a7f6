package charts

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// wrapEachTry is wrap as it was first written, measuring every try afresh:
// wrap must break lines exactly where it does.
func wrapEachTry(s string, width, size float64) []string {
	var out []string
	line := ""
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' }) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if textWidth(try, size) <= width {
			line = try
			continue
		}
		if line != "" {
			out = append(out, line)
			line = ""
		}
		for textWidth(w, size) > width && utf8.RuneCountInString(w) > 1 {
			i := fit(w, width, size)
			out = append(out, w[:i])
			w = w[i:]
		}
		line = w
	}
	if line != "" || len(out) == 0 {
		out = append(out, line)
	}
	return out
}

func TestWrapAsEachTry(t *testing.T) {
	words := []string{"Anti-social", "behaviour", "Violence", "and", "sexual", "offences", "Théft", "from", "the",
		"person", "I", "ill", "MMMWWW", "x", "Ωmega", "12,345", "", "Possession of weapons", "Supercalifragilisticexpialidocious"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var parts []string
		for range 1 + r.IntN(8) {
			parts = append(parts, words[r.IntN(len(words))])
		}
		s := strings.Join(parts, strings.Repeat(" ", 1+r.IntN(2)))
		// Widths near the lengths of the labels, where rounding decides.
		width := float64(r.IntN(400)) + []float64{0, 0.1, 0.34 * fontSize, 0.58 * fontSize}[r.IntN(4)]
		if got, want := wrap(s, width, fontSize), wrapEachTry(s, width, fontSize); !slices.Equal(got, want) {
			t.Fatalf("wrap(%q, %v) = %q, measured afresh %q", s, width, got, want)
		}
	}
}

// coordFormatFloat is coord as first written, with strconv throughout.
func coordFormatFloat(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}

func TestCoordAsFormatFloat(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 0.04, 0.05, 0.05000001, -0.04, -0.05, -0.06, 0.95, 0.949999, 1, 9.95, 10, 99.99,
		123.45, -123.45, 640, 1e12, 1e13 - 0.05, 1e13, 1e15, -1e15, 1e300, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		vals = append(vals, (r.Float64()-0.5)*math.Pow(10, float64(r.IntN(16))), float64(r.IntN(100000))/100)
	}
	for _, v := range vals {
		if got, want := coord(v), coordFormatFloat(v); got != want {
			t.Fatalf("coord(%v) = %q, want %q", v, got, want)
		}
	}
}

func FuzzIsClean(f *testing.F) {
	for _, s := range []string{"", "Abbey Road", "a\tb", "\x00", "\x7f", "\xff", "Église", "\ufffd", "\ufffe", "\U0001F600", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || !xmlChar(r) }) < 0
		if got := isClean(s); got != want {
			t.Fatalf("isClean(%q) = %v, want %v", s, got, want)
		}
	})
}

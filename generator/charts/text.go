package charts

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// textWidth estimates the drawn width of s at the given font size. The SVG
// is laid out before any browser sees it and in whatever font the page
// uses, so this errs wide: a label that has room here has room on screen.
func textWidth(s string, size float64) float64 { return ems(s) * size }

// ems is the width of s in ems: its runes' widths added in order.
func ems(s string) float64 {
	var em float64
	for _, r := range s {
		em += runeWidth(r)
	}
	return em
}

// runeWidth is the width of r in ems, as textWidth counts it.
func runeWidth(r rune) float64 {
	if r < utf8.RuneSelf {
		return asciiWidths[r]
	}
	return 0.8 // unknown scripts: assume wide
}

// asciiWidths are the widths of ASCII characters in ems: narrow letters and
// punctuation, wide letters, digits, capitals, and the rest. A table, as
// labels are measured letter by letter on every chart.
var asciiWidths = func() (w [utf8.RuneSelf]float64) {
	for r := range rune(utf8.RuneSelf) {
		switch {
		case strings.ContainsRune("fijlrtI.,:;'!|()[]{} ", r):
			w[r] = 0.34
		case strings.ContainsRune("mwMW@%", r):
			w[r] = 0.92
		case r >= '0' && r <= '9':
			w[r] = 0.6
		case r >= 'A' && r <= 'Z':
			w[r] = 0.7
		default:
			w[r] = 0.58
		}
	}
	return w
}()

// wrap breaks s into lines no wider than width, at spaces where it can; a
// word too long for a line on its own is broken between characters, so no
// text is ever cut off.
func wrap(s string, width, size float64) []string {
	var out []string
	line := ""
	// lineEm is ems(line). Extending it by a space and a word adds the
	// same numbers in the same order as ems of the longer line would, so
	// lines break exactly where measuring each try afresh breaks them.
	lineEm := 0.0
	// Only spaces break: a no-break space in a label keeps its words together.
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' }) {
		em := 0.0
		if line != "" {
			em = lineEm + runeWidth(' ')
		}
		for _, r := range w {
			em += runeWidth(r)
		}
		if em*size <= width {
			if line != "" {
				line += " " + w
			} else {
				line = w
			}
			lineEm = em
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
		line, lineEm = w, ems(w)
	}
	if line != "" || len(out) == 0 {
		out = append(out, line)
	}
	return out
}

// wrapLabel is wrap at the font size, remembering the lines of labels it
// has wrapped: a site's pages draw the same few category and outcome names
// at the same few widths thousands of times. The lines returned are shared
// and must not be changed. The memory is bounded, so labels from data
// cannot grow it without end.
func wrapLabel(s string, width float64) []string {
	key := wrapKey{s, width}
	if ls, ok := wrapped.Load(key); ok {
		return ls.([]string)
	}
	ls := wrap(s, width, fontSize)
	if wrappedCount.Add(1) <= maxWrapped {
		wrapped.Store(key, ls)
	}
	return ls
}

type wrapKey struct {
	s     string
	width float64
}

var (
	wrapped      sync.Map // wrapKey → []string
	wrappedCount atomic.Int64
)

// maxWrapped bounds the labels wrapLabel keeps.
const maxWrapped = 4096

// fit returns the byte length of the longest prefix of w (at least one rune)
// that fits in width.
func fit(w string, width, size float64) int {
	end := 0
	for i, r := range w {
		next := i + utf8.RuneLen(r)
		if end > 0 && textWidth(w[:next], size) > width {
			break
		}
		end = next
	}
	return end
}

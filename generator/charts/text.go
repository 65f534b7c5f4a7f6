package charts

import (
	"strings"
	"unicode/utf8"
)

// textWidth estimates the drawn width of s at the given font size. The SVG
// is laid out before any browser sees it and in whatever font the page
// uses, so this errs wide: a label that has room here has room on screen.
func textWidth(s string, size float64) float64 {
	var em float64
	for _, r := range s {
		switch {
		case strings.ContainsRune("fijlrtI.,:;'!|()[]{} ", r):
			em += 0.34
		case strings.ContainsRune("mwMW@%", r):
			em += 0.92
		case r >= '0' && r <= '9':
			em += 0.6
		case r >= 'A' && r <= 'Z':
			em += 0.7
		case r < 0x80:
			em += 0.58
		default:
			em += 0.8 // unknown scripts: assume wide
		}
	}
	return em * size
}

// wrap breaks s into lines no wider than width, at spaces where it can; a
// word too long for a line on its own is broken between characters, so no
// text is ever cut off.
func wrap(s string, width, size float64) []string {
	var out []string
	line := ""
	// Only spaces break: a no-break space in a label keeps its words together.
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

package charts

import (
	"hash/fnv"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Layout in viewBox units. The viewBox is about as wide as the page's text
// column on a desktop, so one unit is about one CSS pixel there.
const (
	viewWidth = 640.0
	fontSize  = 18.0
	lineGap   = fontSize * 1.25
	// baselineShift moves a text baseline down so the glyphs sit centred on
	// a y coordinate; dominant-baseline is not drawn alike by all browsers.
	baselineShift = fontSize * 0.35
	// maxValue keeps arithmetic on ticks and bar lengths finite.
	maxValue = 1e15
)

// Colours. Data marks are GOV.UK blue (5.2:1 on white); the no-data hatch is
// dark grey (4.7:1), so both meet the 3:1 needed for graphics. Gridlines are
// lighter on purpose: they only guide the eye, the tick labels carry values.
const (
	colourData  = "#1d70b8"
	colourHatch = "#6f777b"
	colourTint  = "#f3f2f1"
	colourGrid  = "#b1b4b6"
	colourHalo  = "#ffffff"
)

// svg accumulates one chart's markup. Its helpers write piece by piece,
// numbers included, rather than joining strings first: a site draws three
// charts on each of thousands of pages.
type svg struct {
	strings.Builder
	id  string
	num [32]byte // scratch for coordinates
}

// coord writes a coordinate (see coord).
func (s *svg) coord(v float64) { s.Write(appendCoord(s.num[:0], v)) }

// str writes the strings given, one after another.
func (s *svg) str(parts ...string) {
	for _, p := range parts {
		s.WriteString(p)
	}
}

// open writes the root element with its accessible name and description.
// Presentation attributes rather than a style attribute keep a strict CSP
// happy; fill="currentColor" and font-family="inherit" make text follow the
// page.
func open(id string, height float64, title, desc string) *svg {
	s := &svg{id: id}
	s.Grow(4096)
	s.str(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="`, id, `-title `, id, `-desc" viewBox="0 0 `)
	s.coord(viewWidth)
	s.WriteByte(' ')
	s.coord(height)
	s.WriteString(`" width="100%" font-family="inherit" font-size="`)
	s.coord(fontSize)
	s.str(`" fill="currentColor">`, `<title id="`, id, `-title">`, escape(title), `</title>`)
	s.str(`<desc id="`, id, `-desc">`, escape(desc), `</desc>`)
	return s
}

// close ends the root element and hands the markup over as trusted HTML;
// everything written through the helpers below is already escaped.
func (s *svg) close() template.HTML {
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// hatchID is the id of the no-data pattern; it must be unique on the page
// because all inline SVGs share the document's id space.
func (s *svg) hatchID() string { return s.id + "-nodata" }

// hatch defines the pattern that marks areas with no data, so missing months
// are told apart by texture and text, not by colour.
func (s *svg) hatch() {
	s.WriteString(`<defs><pattern id="` + s.hatchID() + `" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`)
	s.WriteString(`<rect width="6" height="6" fill="` + colourTint + `"/><path d="M0 0V6" stroke="` + colourHatch + `" stroke-width="2"/></pattern></defs>`)
}

// dotsID is the id of the incomplete-month pattern.
func (s *svg) dotsID() string { return s.id + "-incomplete" }

// dots defines the pattern behind incomplete months: dots, unlike the
// no-data hatch's lines.
func (s *svg) dots() {
	s.WriteString(`<defs><pattern id="` + s.dotsID() + `" width="6" height="6" patternUnits="userSpaceOnUse">`)
	s.WriteString(`<rect width="6" height="6" fill="` + colourTint + `"/><circle cx="3" cy="3" r="1.2" fill="` + colourHatch + `"/></pattern></defs>`)
}

// text writes one line of escaped text; anchor is "start", "middle" or "end".
func (s *svg) text(x, y float64, anchor, str, extra string) {
	s.WriteString(`<text x="`)
	s.coord(x)
	s.WriteString(`" y="`)
	s.coord(y)
	s.WriteByte('"')
	if anchor != "" && anchor != "start" {
		s.str(` text-anchor="`, anchor, `"`)
	}
	s.str(extra, `>`, escape(str), `</text>`)
}

// lines writes text of several lines, the first baseline at y.
func (s *svg) lines(x, y float64, anchor string, ls []string) {
	s.WriteString(`<text x="`)
	s.coord(x)
	s.WriteString(`" y="`)
	s.coord(y)
	s.WriteByte('"')
	if anchor != "" && anchor != "start" {
		s.str(` text-anchor="`, anchor, `"`)
	}
	s.WriteString(`>`)
	for i, l := range ls {
		if i == 0 {
			s.WriteString(escape(l))
			continue
		}
		s.WriteString(`<tspan x="`)
		s.coord(x)
		s.WriteString(`" dy="`)
		s.coord(lineGap)
		s.str(`">`, escape(l), `</tspan>`)
	}
	s.WriteString(`</text>`)
}

// halo is the extra attributes that outline text in white so it stays
// readable over the hatch.
const halo = ` stroke="` + colourHalo + `" stroke-width="4" stroke-linejoin="round" paint-order="stroke"`

// noData is the whole chart when there is nothing to plot: still an image
// with a name and a description, so the page reads the same either way.
func noData(id, title, desc string, w Text) template.HTML {
	const h = 48.0
	s := open(id, h, title, desc)
	s.hatch()
	s.WriteString(`<rect x="0.5" y="0.5" width="` + coord(viewWidth-1) + `" height="` + coord(h-1) + `" fill="url(#` + s.hatchID() + `)" stroke="` + colourHatch + `"/>`)
	s.text(viewWidth/2, h/2+baselineShift, "middle", w.T("chart.no-data"), halo)
	return s.close()
}

// chartID makes the id prefix for a chart's elements from the caller's ID,
// keeping only characters that are safe in an id and in a url(#...)
// reference. With no ID the content is hashed, so the id is stable from build
// to build and differs between charts that show different data.
func chartID(id string, content func() string) string {
	if id == "" {
		h := fnv.New64a()
		h.Write([]byte(content()))
		return "chart-" + strconv.FormatUint(h.Sum64(), 36)
	}
	var b strings.Builder
	b.WriteString("chart-")
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return b.String()
}

// escape makes data text safe as XML character data and HTML text, escaping
// it exactly once. Characters XML forbids (most control characters, invalid
// UTF-8) are dropped or replaced first, so the SVG always parses as XML too.
func escape(s string) string {
	return html.EscapeString(clean(s))
}

// clean replaces characters XML 1.0 cannot hold: tabs and newlines become
// spaces (text is one line anyway), invalid UTF-8 becomes U+FFFD and other
// control characters are dropped.
func clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s { // ranging turns invalid bytes into U+FFFD
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case xmlChar(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isClean reports whether clean would return s as it is: valid UTF-8 with
// no control characters, nor any other character XML cannot hold. Labels
// are almost always plain ASCII, which this passes over a byte at a time.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 {
				return false
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && w == 1 || !xmlChar(r) {
			return false
		}
		i += w
	}
	return true
}

// xmlChar reports whether r is allowed in XML 1.0 character data.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

// coord prints a coordinate with one decimal, dropping ".0", so output is
// small and the same bytes on every machine.
func coord(v float64) string { return string(appendCoord(nil, v)) }

// appendCoord appends coord(v) to b. A coordinate is v rounded to tenths,
// k/10 for a whole number k; for any k below 10¹³ the nearest float64 to
// k/10 prints, to one decimal, as exactly k/10, so the digits of k are
// written directly. Larger values and those not finite, which no chart
// draws, are printed by strconv.
func appendCoord(b []byte, v float64) []byte {
	k := math.Round(v * 10)
	if !(math.Abs(k) < 1e13) {
		s := strconv.FormatFloat(k/10, 'f', 1, 64)
		s = strings.TrimSuffix(s, ".0")
		if s == "-0" {
			s = "0"
		}
		return append(b, s...)
	}
	n := int64(k)
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/10, 10)
	if d := n % 10; d != 0 {
		b = append(b, '.', byte('0'+d))
	}
	return b
}

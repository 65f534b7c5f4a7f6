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

// svg accumulates one chart's markup.
type svg struct {
	strings.Builder
	id string
}

// open writes the root element with its accessible name and description.
// Presentation attributes rather than a style attribute keep a strict CSP
// happy; fill="currentColor" and font-family="inherit" make text follow the
// page.
func open(id string, height float64, title, desc string) *svg {
	s := &svg{id: id}
	s.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="`)
	s.WriteString(id + `-title ` + id + `-desc" viewBox="0 0 ` + coord(viewWidth) + ` ` + coord(height))
	s.WriteString(`" width="100%" font-family="inherit" font-size="` + coord(fontSize) + `" fill="currentColor">`)
	s.WriteString(`<title id="` + id + `-title">` + escape(title) + `</title>`)
	s.WriteString(`<desc id="` + id + `-desc">` + escape(desc) + `</desc>`)
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
	s.WriteString(`<text x="` + coord(x) + `" y="` + coord(y) + `"`)
	if anchor != "" && anchor != "start" {
		s.WriteString(` text-anchor="` + anchor + `"`)
	}
	s.WriteString(extra + `>` + escape(str) + `</text>`)
}

// lines writes text of several lines, the first baseline at y.
func (s *svg) lines(x, y float64, anchor string, ls []string) {
	s.WriteString(`<text x="` + coord(x) + `" y="` + coord(y) + `"`)
	if anchor != "" && anchor != "start" {
		s.WriteString(` text-anchor="` + anchor + `"`)
	}
	s.WriteString(`>`)
	for i, l := range ls {
		if i == 0 {
			s.WriteString(escape(l))
			continue
		}
		s.WriteString(`<tspan x="` + coord(x) + `" dy="` + coord(lineGap) + `">` + escape(l) + `</tspan>`)
	}
	s.WriteString(`</text>`)
}

// halo is the extra attributes that outline text in white so it stays
// readable over the hatch.
const halo = ` stroke="` + colourHalo + `" stroke-width="4" stroke-linejoin="round" paint-order="stroke"`

// noData is the whole chart when there is nothing to plot: still an image
// with a name and a description, so the page reads the same either way.
func noData(id, title, desc string) template.HTML {
	const h = 48.0
	s := open(id, h, title, desc)
	s.hatch()
	s.WriteString(`<rect x="0.5" y="0.5" width="` + coord(viewWidth-1) + `" height="` + coord(h-1) + `" fill="url(#` + s.hatchID() + `)" stroke="` + colourHatch + `"/>`)
	s.text(viewWidth/2, h/2+baselineShift, "middle", "No data", halo)
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
	if utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || !xmlChar(r) }) < 0 {
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

// xmlChar reports whether r is allowed in XML 1.0 character data.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0x10FFFF)
}

// coord prints a coordinate with one decimal, dropping ".0", so output is
// small and the same bytes on every machine.
func coord(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}

package areamap

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// Colours, from the GOV.UK palette the pages use; text colours meet 4.5:1
// on white.
const (
	areaColour      = "#1d70b8"
	neighbourColour = "#8b9297"
	nameColour      = "#505a5f"
	dotColour       = "#d4351c"
	roadColour      = "#c8cacc"
	majorColour     = "#a6893a"
)

// Dot radii in pixels: the largest count gets maxR, the others an area in
// proportion, and none is smaller than minR so that each can be seen and
// hold its number.
const (
	minR = 8.0
	maxR = 18.0
)

// SVG draws the map; "" when it has nothing to frame.
func (m *Map) SVG() string {
	bound, ok := m.Bound()
	if !ok {
		return ""
	}
	f := NewFrame(bound)
	var b strings.Builder
	b.Grow(16 << 10)
	bs := f.Bounds()
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="cm-areamap" viewBox="0 0 `)
	b.WriteString(strconv.Itoa(int(f.W)))
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(round(f.H)))
	b.WriteString(`" data-bounds="`)
	for i, v := range bs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatFloat(v, 'f', 6, 64))
	}
	b.WriteString(`" role="img" aria-labelledby="areamap-title areamap-desc" font-family="Arial, Helvetica, sans-serif">`)
	b.WriteString(`<title id="areamap-title">`)
	esc(&b, m.Title)
	b.WriteString(`</title><desc id="areamap-desc">`)
	esc(&b, m.Desc)
	b.WriteString(`</desc>`)
	b.WriteString(`<rect width="100%" height="100%" fill="#ffffff"/>`)

	var taken []box
	// Roads under everything, the minor first.
	for _, major := range []bool{false, true} {
		var d strings.Builder
		for _, r := range m.Roads {
			if r.Major == major {
				d.WriteString(linePath(f.lines(r.Line)))
			}
		}
		if d.Len() == 0 {
			continue
		}
		colour, width := roadColour, "2"
		if major {
			colour, width = majorColour, "3"
		}
		b.WriteString(`<path class="cm-areamap-roads" fill="none" stroke="` + colour + `" stroke-width="` + width + `" stroke-linecap="round" stroke-linejoin="round" d="`)
		b.WriteString(d.String())
		b.WriteString(`"/>`)
	}
	// Neighbours' outlines, then the area over them.
	var labels []label
	for _, n := range m.Neighbours {
		px := f.polygons(n.Shape)
		d := polygonPath(px)
		if d == "" {
			continue
		}
		b.WriteString(`<path class="cm-areamap-neighbour" fill="none" stroke="` + neighbourColour + `" stroke-width="1" stroke-dasharray="4 3" d="`)
		b.WriteString(d)
		b.WriteString(`"/>`)
		if c, ok := visibleCentre(px, f); ok {
			labels = append(labels, label{text: n.Name, at: c, size: 13, colour: nameColour, italic: true})
		}
	}
	if len(m.Area) > 0 {
		b.WriteString(`<path class="cm-areamap-area" fill="` + areaColour + `" fill-opacity="0.08" stroke="` + areaColour + `" stroke-width="3" stroke-linejoin="round" fill-rule="evenodd" d="`)
		b.WriteString(polygonPath(f.polygons(m.Area)))
		b.WriteString(`"/>`)
	}

	// Dots first in the list of what is taken, so no label covers one.
	var most uint32
	for _, p := range m.Places {
		most = max(most, p.Count)
	}
	type dot struct {
		at orb.Point
		r  float64
	}
	dots := make([]dot, len(m.Places))
	for i, p := range m.Places {
		r := minR
		if most > 0 {
			r = math.Max(minR, maxR*math.Sqrt(float64(p.Count)/float64(most)))
		}
		dots[i] = dot{f.Point(p.Lon, p.Lat), math.Round(r*10) / 10}
		taken = append(taken, box{dots[i].at[0] - r, dots[i].at[1] - r, dots[i].at[0] + r, dots[i].at[1] + r})
	}
	// Place labels, then towns, then neighbours: the nearest first.
	var placeLabels []label
	for i, p := range m.Places {
		placeLabels = append(placeLabels, label{text: p.Label, at: orb.Point{dots[i].at[0] + dots[i].r + 3, dots[i].at[1]}, size: 14,
			colour: "#0b0c0c", left: true, bold: true, alt: orb.Point{dots[i].at[0] - dots[i].r - 3, dots[i].at[1]}})
	}
	var townLabels []label
	for _, t := range m.Towns {
		townLabels = append(townLabels, label{text: t.Name, at: f.Point(t.At[0], t.At[1]), size: 15, colour: "#0b0c0c"})
	}
	b.WriteString(`<g class="cm-areamap-labels" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">`)
	for _, set := range [][]label{placeLabels, townLabels, labels} {
		for _, l := range set {
			if at, ok := l.place(f, taken); ok {
				taken = append(taken, l.box(at))
				l.write(&b, at)
			}
		}
	}
	b.WriteString(`</g>`)
	if len(m.Places) > 0 {
		b.WriteString(`<g class="cm-areamap-places">`)
		for i, p := range m.Places {
			d := dots[i]
			b.WriteString(`<g class="cm-areamap-place" data-count="`)
			b.WriteString(strconv.FormatUint(uint64(p.Count), 10))
			b.WriteString(`"><circle cx="`)
			num(&b, d.at[0])
			b.WriteString(`" cy="`)
			num(&b, d.at[1])
			b.WriteString(`" r="`)
			num(&b, d.r)
			b.WriteString(`" fill="` + dotColour + `" fill-opacity="0.9" stroke="#ffffff" stroke-width="1.5"/><text x="`)
			num(&b, d.at[0])
			b.WriteString(`" y="`)
			num(&b, d.at[1]+4)
			b.WriteString(`" text-anchor="middle" font-size="12" font-weight="700" fill="#ffffff">`)
			b.WriteString(strconv.Itoa(i + 1))
			b.WriteString(`</text></g>`)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// box is a rectangle in pixels: x0, y0, x1, y1.
type box [4]float64

func (a box) overlaps(c box) bool { return a[0] < c[2] && c[0] < a[2] && a[1] < c[3] && c[1] < a[3] }

// label is text to place where it overlaps nothing placed before.
type label struct {
	text         string
	at, alt      orb.Point // alt, if set, is a second place to try
	size         float64
	colour       string
	left         bool // at is the text's left end, not its middle
	bold, italic bool
}

// width estimates the text's width: Arial's letters average a little over
// half the font size.
func (l label) width() float64 { return float64(utf8.RuneCountInString(l.text)) * l.size * 0.56 }

func (l label) box(at orb.Point) box {
	w, h := l.width(), l.size
	x := at[0] - w/2
	if l.left {
		x = at[0]
	}
	if l.left && at == l.alt {
		x = at[0] - w
	}
	return box{x - 2, at[1] - h/2 - 2, x + w + 2, at[1] + h/2 + 2}
}

func (l label) place(f Frame, taken []box) (orb.Point, bool) {
	if l.text == "" {
		return orb.Point{}, false
	}
	tries := []orb.Point{l.at}
	if l.alt != (orb.Point{}) {
		tries = append(tries, l.alt)
	}
next:
	for _, at := range tries {
		bx := l.box(at)
		if bx[0] < 0 || bx[1] < 0 || bx[2] > f.W || bx[3] > f.H {
			continue
		}
		for _, t := range taken {
			if bx.overlaps(t) {
				continue next
			}
		}
		return at, true
	}
	return orb.Point{}, false
}

func (l label) write(b *strings.Builder, at orb.Point) {
	b.WriteString(`<text x="`)
	num(b, at[0])
	b.WriteString(`" y="`)
	num(b, at[1]+l.size*0.35)
	b.WriteString(`" font-size="`)
	num(b, l.size)
	b.WriteString(`" fill="` + l.colour + `"`)
	switch {
	case l.left && at == l.alt:
		b.WriteString(` text-anchor="end"`)
	case !l.left:
		b.WriteString(` text-anchor="middle"`)
	}
	if l.bold {
		b.WriteString(` font-weight="700"`)
	}
	if l.italic {
		b.WriteString(` font-style="italic"`)
	}
	b.WriteByte('>')
	esc(b, l.text)
	b.WriteString(`</text>`)
}

// visibleCentre is the middle of the part of a shape in view, pulled in
// from the edges, for its name.
func visibleCentre(px orb.MultiPolygon, f Frame) (orb.Point, bool) {
	b := px.Bound()
	b.Min[0], b.Min[1] = math.Max(b.Min[0], 0), math.Max(b.Min[1], 0)
	b.Max[0], b.Max[1] = math.Min(b.Max[0], f.W), math.Min(b.Max[1], f.H)
	if b.Max[0]-b.Min[0] < 20 || b.Max[1]-b.Min[1] < 12 {
		return orb.Point{}, false
	}
	return b.Center(), true
}

// num writes v to one decimal place.
func num(b *strings.Builder, v float64) {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
}

// esc writes s escaped for XML text and attribute values.
func esc(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case utf8.RuneError, 0:
			b.WriteRune('\uFFFD')
		default:
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				continue // not allowed in XML
			}
			b.WriteRune(r)
		}
	}
}

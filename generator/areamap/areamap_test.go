package areamap

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func square(x0, y0, x1, y1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
}

// TestFrameBounds checks that data-bounds are the corners of the viewBox:
// a script projecting a point with them lands where Go drew it.
func TestFrameBounds(t *testing.T) {
	for _, b := range []orb.Bound{
		{Min: orb.Point{-2.5, 53.5}, Max: orb.Point{-2.4, 53.6}},  // square-ish
		{Min: orb.Point{-2.5, 53.5}, Max: orb.Point{-1.0, 53.52}}, // wide
		{Min: orb.Point{-2.5, 53.5}, Max: orb.Point{-2.49, 54.5}}, // tall
		{Min: orb.Point{-2.5, 53.5}, Max: orb.Point{-2.5, 53.5}},  // a point
	} {
		f := NewFrame(b)
		if f.W != Width || f.H < MinHeight || f.H > MaxHeight {
			t.Errorf("%v: size %v×%v", b, f.W, f.H)
		}
		c := f.Bounds()
		for _, k := range []struct{ lon, lat, x, y float64 }{{c[0], c[3], 0, 0}, {c[2], c[1], f.W, f.H}} {
			p := f.Point(k.lon, k.lat)
			if math.Abs(p[0]-k.x) > 1e-6 || math.Abs(p[1]-k.y) > 1e-6 {
				t.Errorf("%v: corner %v,%v at %v, want %v,%v", b, k.lon, k.lat, p, k.x, k.y)
			}
		}
		// The whole box is in view.
		for _, q := range []orb.Point{b.Min, b.Max} {
			p := f.Point(q[0], q[1])
			if p[0] < 0 || p[0] > f.W || p[1] < 0 || p[1] > f.H {
				t.Errorf("%v: %v outside the view at %v", b, q, p)
			}
		}
		// Web Mercator between the corners, as a script would do it.
		lon, lat := (b.Min[0]+b.Max[0])/2, (b.Min[1]+b.Max[1])/2
		merc := func(lat float64) float64 { return math.Log(math.Tan(math.Pi/4 + lat*math.Pi/360)) }
		x := (lon - c[0]) / (c[2] - c[0]) * f.W
		y := (merc(c[3]) - merc(lat)) / (merc(c[3]) - merc(c[1])) * f.H
		if p := f.Point(lon, lat); math.Abs(p[0]-x) > 1e-6 || math.Abs(p[1]-y) > 1e-6 {
			t.Errorf("%v: centre at %v, a script would put it at %v,%v", b, p, x, y)
		}
	}
}

func TestSVG(t *testing.T) {
	m := Map{
		Title: `Map of <Bolton> & "Central"`, Desc: "Its boundary and places",
		Area:       square(-2.5, 53.5, -2.4, 53.6),
		Neighbours: []Area{{Name: "East & West", Shape: square(-2.4, 53.5, -2.3, 53.6)}, {Name: "Far", Shape: square(10, 10, 11, 11)}},
		Places: []Place{{Label: "High <Street>", Lon: -2.45, Lat: 53.55, Count: 12},
			{Label: "Low Street", Lon: -2.46, Lat: 53.54, Count: 3}},
		Roads: []Road{{Major: true, Line: orb.MultiLineString{{{-3, 53.55}, {-2, 53.55}}}}},
		Towns: []Town{{Name: "Boltonby", At: orb.Point{-2.42, 53.58}}},
	}
	svg := m.SVG()
	for _, want := range []string{
		`class="cm-areamap" viewBox="0 0 480 `,
		`<title id="areamap-title">Map of &lt;Bolton&gt; &amp; &#34;Central&#34;</title>`,
		`<desc id="areamap-desc">Its boundary and places</desc>`,
		`class="cm-areamap-area"`, `class="cm-areamap-roads"`,
		`>High &lt;Street&gt;</text>`, `>Boltonby</text>`, `>East &amp; West</text>`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("no %s in\n%s", want, svg)
		}
	}
	if strings.Contains(svg, "<Street>") || strings.Contains(svg, ">Far<") {
		t.Errorf("unescaped text, or a neighbour out of view named:\n%s", svg)
	}
	if got := regexp.MustCompile(`data-count="(\d+)"`).FindAllStringSubmatch(svg, -1); len(got) != 2 || got[0][1] != "12" || got[1][1] != "3" {
		t.Errorf("dots %v, want counts 12 and 3 in order", got)
	}
	if !regexp.MustCompile(`data-bounds="-?\d+\.\d{6},\d+\.\d{6},-?\d+\.\d{6},\d+\.\d{6}"`).MatchString(svg) {
		t.Error("no data-bounds west,south,east,north")
	}
	if m.SVG() != svg {
		t.Error("the same map drew different bytes")
	}
	// The larger count has the larger dot.
	rs := regexp.MustCompile(` r="([\d.]+)"`).FindAllStringSubmatch(svg, -1)
	if len(rs) != 2 {
		t.Fatalf("radii %v", rs)
	}
	if r0, _ := strconv.ParseFloat(rs[0][1], 64); r0 != maxR {
		t.Errorf("the largest count's dot has radius %v, want %v", r0, maxR)
	}
	if r1, _ := strconv.ParseFloat(rs[1][1], 64); r1 >= maxR || r1 < minR {
		t.Errorf("the smaller count's dot has radius %v", r1)
	}
	if (&Map{Title: "nothing"}).SVG() != "" {
		t.Error("a map with nothing to frame drew something")
	}
}

// TestSVGSmall checks that a boundary with survey detail costs bytes for
// what can be seen: a circle of 100,000 vertices and a neighbour running
// far out of view.
func TestSVGSmall(t *testing.T) {
	var ring orb.Ring
	for i := range 100000 {
		a := 2 * math.Pi * float64(i) / 100000
		ring = append(ring, orb.Point{-2.45 + 0.05*math.Cos(a), 53.55 + 0.03*math.Sin(a)})
	}
	ring = append(ring, ring[0])
	far := orb.Ring{{-2.4, 53.5}, {20, 53.5}, {20, 60}, {-2.4, 60}, {-2.4, 53.5}}
	m := Map{Title: "t", Area: orb.MultiPolygon{{ring}}, Neighbours: []Area{{Name: "n", Shape: orb.MultiPolygon{{far}}}}}
	svg := m.SVG()
	if len(svg) > 12000 {
		t.Errorf("map of a detailed circle is %d bytes", len(svg))
	}
	for _, n := range regexp.MustCompile(`[ML](-?\d+) (-?\d+)`).FindAllStringSubmatch(svg, -1) {
		if len(n[1]) > 4 || len(n[2]) > 4 {
			t.Fatalf("point %s far out of view: not clipped", n[0])
		}
	}
}

package charts

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func num(t *testing.T, n node, attr string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.attr(attr), 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.XMLName.Local, attr, n.attr(attr), err)
	}
	return v
}

func TestBarsLayout(t *testing.T) {
	tests := []struct {
		name   string
		bars   []Bar
		values []string // printed at the bar ends
		widths []string // "0", "min", "max" or "mid" for each bar
	}{
		{"sample", sampleBars().Bars[:3], []string{"4,123", "2,876", "1,204"}, []string{"max", "mid", "mid"}},
		{"zero and tiny", []Bar{{"Big", 100000}, {"Tiny", 1}, {"None", 0}}, []string{"100,000", "1", "0"}, []string{"max", "min", "0"}},
		{"all zero", []Bar{{"A", 0}, {"B", 0}}, []string{"0", "0"}, []string{"0", "0"}},
		{"single", []Bar{{"Only", 7}}, []string{"7"}, []string{"max"}},
		{"odd values", []Bar{{"Negative", -5}, {"NaN", math.NaN()}, {"Inf", math.Inf(1)}, {"Rate", 2.5}}, []string{"0", "0", "0", "2.5"}, []string{"0", "0", "0", "max"}},
		{"huge", []Bar{{"A", 123456789}, {"B", 12345}}, []string{"123,456,789", "12,345"}, []string{"max", "min"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := checkAccessible(t, Bars{ID: "b", Title: "Bars", Bars: tt.bars}.SVG())
			var labels, values []node
			for _, e := range root.find("text") {
				if e.attr("text-anchor") == "end" {
					labels = append(labels, e)
				} else {
					values = append(values, e)
				}
			}
			if len(labels) != len(tt.bars) || len(values) != len(tt.bars) {
				t.Fatalf("%d labels and %d values for %d bars", len(labels), len(values), len(tt.bars))
			}
			rects := root.find("rect")
			var widest float64
			for _, r := range rects {
				widest = math.Max(widest, num(t, r, "width"))
			}
			ri := 0
			lastY := -1.0
			for i, b := range tt.bars {
				if got := textOf(labels[i]); got != b.Label {
					t.Errorf("label %d = %q, want %q", i, got, b.Label)
				}
				if values[i].Text != tt.values[i] {
					t.Errorf("value %d = %q, want %q", i, values[i].Text, tt.values[i])
				}
				// Rows go down the page in the order given.
				y := num(t, values[i], "y")
				if y <= lastY {
					t.Errorf("row %d is not below row %d", i, i-1)
				}
				lastY = y
				if tt.widths[i] == "0" {
					continue // no rect for a zero
				}
				if ri >= len(rects) {
					t.Fatalf("bar %d has no rect", i)
				}
				r := rects[ri]
				ri++
				w := num(t, r, "width")
				switch tt.widths[i] {
				case "max":
					if w != widest {
						t.Errorf("bar %d width %v, want the widest %v", i, w, widest)
					}
				case "min":
					if w < minBar {
						t.Errorf("bar %d width %v, want at least %v", i, w, minBar)
					}
				}
				// The value is printed just past the bar's end, inside the
				// viewBox.
				end := num(t, r, "x") + w
				vx := num(t, values[i], "x")
				if vx < end || vx > end+10 {
					t.Errorf("value %d at x=%v, bar ends at %v", i, vx, end)
				}
				if vx+textWidth(values[i].Text, fontSize) > viewWidth {
					t.Errorf("value %d runs off the right edge", i)
				}
			}
			if ri != len(rects) {
				t.Errorf("%d rects for %d non-zero bars", len(rects), ri)
			}
		})
	}
}

// Bars are proportional to their values.
func TestBarsProportional(t *testing.T) {
	root := parse(t, Bars{ID: "p", Bars: []Bar{{"A", 400}, {"B", 300}, {"C", 100}}}.SVG())
	rects := root.find("rect")
	if len(rects) != 3 {
		t.Fatalf("%d rects", len(rects))
	}
	w0 := num(t, rects[0], "width")
	for i, want := range []float64{1, 0.75, 0.25} {
		if got := num(t, rects[i], "width") / w0; math.Abs(got-want) > 0.005 {
			t.Errorf("bar %d is %.3f of the longest, want %.3f", i, got, want)
		}
	}
}

// Long labels wrap onto lines that stay inside the chart and rows never
// overlap.
func TestBarsWrap(t *testing.T) {
	b := Bars{ID: "w", Bars: []Bar{
		{"Investigation complete; no suspect identified", 812},
		{"Further investigation is not in the public interest", 42},
		{"Asian or Asian British - Any other Asian background", 3},
		{"Drugs", 1},
	}}
	root := checkAccessible(t, b.SVG())
	var prevBottom float64
	for i, e := range root.find("text") {
		if e.attr("text-anchor") != "end" {
			continue
		}
		x := num(t, e, "x")
		lines := []string{e.Text}
		for _, c := range e.Children {
			lines = append(lines, c.Text)
		}
		if i < 3 && len(lines) < 2 {
			t.Errorf("label %q did not wrap", textOf(e))
		}
		for _, l := range lines {
			if x-textWidth(l, fontSize) < 0 {
				t.Errorf("line %q runs off the left edge", l)
			}
		}
		top := num(t, e, "y") - fontSize
		if top < prevBottom {
			t.Errorf("label %q overlaps the row above", textOf(e))
		}
		prevBottom = num(t, e, "y") + float64(len(lines)-1)*lineGap
	}
}

func TestBarsSummary(t *testing.T) {
	tests := []struct {
		name string
		b    Bars
		want string
	}{
		{"empty", Bars{}, "No data."},
		{"single", Bars{Bars: []Bar{{"Drugs", 12}}}, "Drugs 12."},
		{"all zero", Bars{Bars: []Bar{{"A", 0}, {"B", 0}}}, "2 categories, all 0."},
		{"two", Bars{Bars: []Bar{{"A", 1}, {"B", 3}}}, "2 categories, total 4; largest: B 3 and A 1."},
		{"sample", sampleBars(), "14 categories, total 12,834; largest: Violence and sexual offences 4,123, Anti-social behaviour 2,876 and Shoplifting 1,204."},
		{"ties keep order", Bars{Bars: []Bar{{"X", 5}, {"Y", 9}, {"Z", 9}, {"W", 9}}}, "4 categories, total 32; largest: Y 9, Z 9 and W 9."},
		{"zeros left out", Bars{Bars: []Bar{{"X", 5}, {"Y", 0}, {"Z", -2}}}, "3 categories, total 5; largest: X 5."},
		{"escaped once", Bars{Bars: []Bar{{"A & B", 2}, {"<C>", 1}}}, "2 categories, total 3; largest: A & B 2 and <C> 1."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.b.Summary(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			root := parse(t, tt.b.SVG())
			if got := root.find("desc")[0].Text; got != tt.want {
				t.Errorf("desc = %q", got)
			}
		})
	}
	// The caller's description wins.
	b := Bars{Description: "Mine.", Bars: []Bar{{"A", 1}}}
	if !strings.Contains(string(b.SVG()), ">Mine.</desc>") {
		t.Error("Description not used")
	}
}

package charts

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// subpaths splits a path's d attribute, as written by this package (absolute
// M, L and H commands, relative h and v), into subpaths of points.
func subpaths(t *testing.T, d string) [][][2]float64 {
	t.Helper()
	var out [][][2]float64
	for _, sub := range strings.Split(d, "M")[1:] {
		var pts [][2]float64
		for i, seg := range strings.Split(sub, "L") {
			seg = strings.TrimSuffix(seg, "h0")
			f := strings.Fields(seg)
			if len(f) != 2 {
				t.Fatalf("segment %d %q of %q is not x y", i, seg, d)
			}
			x, err1 := strconv.ParseFloat(f[0], 64)
			y, err2 := strconv.ParseFloat(f[1], 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("bad numbers in %q", seg)
			}
			pts = append(pts, [2]float64{x, y})
		}
		out = append(out, pts)
	}
	return out
}

// plot returns the chart's line and point markers, parsed.
func plot(t *testing.T, root node) (line, dots [][][2]float64) {
	t.Helper()
	for _, p := range root.find("path") {
		switch {
		case p.attr("stroke") == colourData && p.attr("fill") == "none":
			line = subpaths(t, p.attr("d"))
		case p.attr("stroke") == colourData && p.attr("stroke-linecap") == "round":
			dots = subpaths(t, p.attr("d"))
		}
	}
	return line, dots
}

// baselineY is the y of the zero line: the text of the "0" tick sits on it.
func baselineY(t *testing.T, root node) float64 {
	t.Helper()
	for _, e := range root.find("text") {
		if e.Text == "0" && e.attr("text-anchor") == "end" {
			y, _ := strconv.ParseFloat(e.attr("y"), 64)
			return y - baselineShift
		}
	}
	t.Fatal("no 0 tick")
	return 0
}

func TestTrendGaps(t *testing.T) {
	tests := []struct {
		name    string
		missing []int // indexes of missing months among 12
		runs    []int // points in each expected subpath of the line
		bands   int
	}{
		{"none missing", nil, []int{12}, 0},
		{"one gap", []int{4, 5}, []int{4, 6}, 1},
		{"two gaps", []int{2, 3, 7}, []int{2, 3, 4}, 2},
		{"isolated point", []int{0, 1, 3, 4}, []int{1, 7}, 2},
		{"missing at both ends", []int{0, 11}, []int{10}, 2},
		{"alternate", []int{1, 3, 5, 7, 9, 11}, []int{1, 1, 1, 1, 1, 1}, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pts := make([]Point, 12)
			for i, l := range months(12) {
				pts[i] = Point{Label: l, Value: 40 + float64(i)}
			}
			for _, i := range tt.missing {
				pts[i].Missing = true
				pts[i].Value = 0 // what a careless caller might leave
			}
			root := checkAccessible(t, Trend{ID: "g", Title: "Gaps", Points: pts}.SVG())
			line, dots := plot(t, root)
			if len(line) != len(tt.runs) {
				t.Fatalf("line has %d subpaths, want %d", len(line), len(tt.runs))
			}
			for i, sub := range line {
				if len(sub) != tt.runs[i] {
					t.Errorf("subpath %d has %d points, want %d", i, len(sub), tt.runs[i])
				}
			}
			if want := 12 - len(tt.missing); len(dots) != want {
				t.Errorf("%d point markers, want %d", len(dots), want)
			}
			// No point of the line or markers may sit on the baseline, where a
			// missing month drawn as zero would be.
			zero := baselineY(t, root)
			for _, set := range [][][][2]float64{line, dots} {
				for _, sub := range set {
					for _, p := range sub {
						if math.Abs(p[1]-zero) < 0.5 {
							t.Errorf("point at (%v, %v) is on the zero line", p[0], p[1])
						}
					}
				}
			}
			// Each run of missing months has one hatched band and a label.
			bands := 0
			for _, r := range root.find("rect") {
				if strings.HasPrefix(r.attr("fill"), "url(#") {
					bands++
				}
			}
			if bands != tt.bands {
				t.Errorf("%d hatched bands, want %d", bands, tt.bands)
			}
			labels := 0
			for _, e := range root.find("text") {
				if e.Text == "No data" {
					labels++
				}
			}
			if labels != tt.bands {
				t.Errorf("%d No data labels, want %d", labels, tt.bands)
			}
		})
	}
}

// A zero that was published is data, and sits on the baseline.
func TestTrendRealZero(t *testing.T) {
	pts := []Point{{Label: "Jan 2025", Value: 3}, {Label: "Feb 2025", Value: 0}, {Label: "Mar 2025", Value: 2}}
	root := parse(t, Trend{ID: "z", Points: pts}.SVG())
	line, _ := plot(t, root)
	if len(line) != 1 || len(line[0]) != 3 {
		t.Fatalf("line = %v, want one subpath of 3 points", line)
	}
	if zero := baselineY(t, root); math.Abs(line[0][1][1]-zero) > 0.05 {
		t.Errorf("zero drawn at y=%v, baseline at %v", line[0][1][1], zero)
	}
}

func TestTrendValues(t *testing.T) {
	tests := []struct {
		name  string
		pts   []Point
		ticks []string
	}{
		{"single point", []Point{{Label: "Dec 2025", Value: 7}}, []string{"0", "2", "4", "6", "8"}},
		{"all zeros", []Point{{Label: "Jan 2025"}, {Label: "Feb 2025"}}, []string{"0", "1", "2"}},
		{"huge", []Point{{Label: "Jan 2025", Value: 1234567}, {Label: "Feb 2025", Value: 12}}, []string{"0", "500,000", "1,000,000", "1,500,000"}},
		{"thousands", []Point{{Label: "Jan 2025", Value: 12345}}, []string{"0", "5,000", "10,000", "15,000"}},
		{"rates", []Point{{Label: "Jan 2025", Value: 0.7}, {Label: "Feb 2025", Value: 0.25}}, []string{"0", "0.2", "0.4", "0.6", "0.8"}},
		{"negative clamped", []Point{{Label: "Jan 2025", Value: -5}, {Label: "Feb 2025", Value: 3}}, []string{"0", "1", "2", "3"}},
		{"infinite is missing", []Point{{Label: "Jan 2025", Value: math.Inf(1)}, {Label: "Feb 2025", Value: 3}}, []string{"0", "1", "2", "3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := checkAccessible(t, Trend{ID: "v", Points: tt.pts}.SVG())
			var ticks []string
			for _, e := range root.find("text") {
				if e.attr("text-anchor") == "end" {
					ticks = append(ticks, e.Text)
				}
			}
			if strings.Join(ticks, " ") != strings.Join(tt.ticks, " ") {
				t.Errorf("ticks = %q, want %q", ticks, tt.ticks)
			}
			// Every point lies inside the plot: between the top tick and the
			// baseline.
			line, dots := plot(t, root)
			zero := baselineY(t, root)
			for _, sub := range append(line, dots...) {
				for _, p := range sub {
					if p[1] > zero+0.05 || p[1] < 0 || p[0] < 0 || p[0] > viewWidth {
						t.Errorf("point (%v, %v) outside the plot", p[0], p[1])
					}
				}
			}
		})
	}
}

func TestTrendXLabels(t *testing.T) {
	for _, n := range []int{1, 2, 3, 6, 12, 13, 24, 36} {
		pts := make([]Point, n)
		for i, l := range months(n) {
			pts[i] = Point{Label: l, Value: float64(i)}
		}
		root := parse(t, Trend{ID: "x", Points: pts}.SVG())
		var got []node
		for _, e := range root.find("text") {
			if e.attr("text-anchor") == "middle" && e.Text != "No data" {
				got = append(got, e)
			}
		}
		ms := months(n)
		if len(got) == 0 || textOf(got[0]) != ms[0] || textOf(got[len(got)-1]) != ms[n-1] {
			t.Errorf("%d months: first and last month must be labelled, got %d labels", n, len(got))
			continue
		}
		// Labels never overlap: centres are further apart than the widest
		// label.
		for i := 1; i < len(got); i++ {
			a, _ := strconv.ParseFloat(got[i-1].attr("x"), 64)
			b, _ := strconv.ParseFloat(got[i].attr("x"), 64)
			if b-a < textWidth("2025", fontSize)+8 {
				t.Errorf("%d months: labels %q and %q are %v apart", n, textOf(got[i-1]), textOf(got[i]), b-a)
			}
		}
		if n == 36 && (len(got) < 4 || len(got) > 13) {
			t.Errorf("36 months: %d labels", len(got))
		}
	}
}

func TestTrendSummary(t *testing.T) {
	pts := func(vals ...float64) []Point {
		out := make([]Point, len(vals))
		for i, l := range months(len(vals)) {
			out[i] = Point{Label: l, Value: vals[i], Missing: math.IsNaN(vals[i])}
		}
		return out
	}
	nan := math.NaN()
	tests := []struct {
		name string
		t    Trend
		want string
	}{
		{"empty", Trend{}, "No data."},
		{"all missing", Trend{Points: pts(nan, nan)}, "No data from Jan 2023 to Feb 2023."},
		{"single", Trend{YLabel: "Crimes", Points: pts(5)}, "Crimes in Jan 2023: 5 in Jan 2023."},
		{"flat", Trend{Points: pts(5, 5, 5)}, "From Jan 2023 to Mar 2023: 5 every month with data."},
		{"full", Trend{YLabel: "Crimes", Points: pts(10, 1234, nan, nan, 12, 800, nan)},
			"Crimes from Jan 2023 to Jul 2023: highest 1,234 in Feb 2023; lowest 10 in Jan 2023; latest 800 in Jun 2023; no data for Mar 2023 to Apr 2023 and Jul 2023."},
		{"ties take the first", Trend{Points: pts(3, 9, 3, 9)}, "From Jan 2023 to Apr 2023: highest 9 in Feb 2023; lowest 3 in Jan 2023; latest 9 in Apr 2023."},
		{"rates", Trend{Points: pts(0.25, 12.34)}, "From Jan 2023 to Feb 2023: highest 12.3 in Feb 2023; lowest 0.25 in Jan 2023; latest 12.3 in Feb 2023."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.t.Summary(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			// The summary is the desc when the caller gives none.
			root := parse(t, tt.t.SVG())
			if got := root.find("desc")[0].Text; got != tt.want {
				t.Errorf("desc = %q", got)
			}
		})
	}
}

package charts

import (
	"bytes"
	"encoding/xml"
	"html/template"
	"math"
	"strconv"
	"strings"
	"testing"
)

// node is a parsed SVG element.
type node struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []node     `xml:",any"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n node) hasAttr(name string) bool {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return true
		}
	}
	return false
}

// all returns n and every element under it, in document order.
func (n node) all() []node {
	out := []node{n}
	for _, c := range n.Children {
		out = append(out, c.all()...)
	}
	return out
}

// find returns every element with the given local name.
func (n node) find(name string) []node {
	var out []node
	for _, e := range n.all() {
		if e.XMLName.Local == name {
			out = append(out, e)
		}
	}
	return out
}

// textOf is the text of a <text> element, its tspans joined by spaces as a
// reader would hear them.
func textOf(n node) string {
	parts := []string{n.Text}
	for _, c := range n.Children {
		parts = append(parts, textOf(c))
	}
	return strings.Join(parts, " ")
}

// parse checks that out is one well-formed XML element and returns it.
func parse(t testing.TB, out template.HTML) node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(out)))
	d.Strict = true
	var root node
	if err := d.Decode(&root); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, out)
	}
	if _, err := d.Token(); err == nil {
		t.Fatalf("content after the root element:\n%s", out)
	}
	return root
}

// checkAccessible asserts the contract every chart shares.
func checkAccessible(t *testing.T, out template.HTML) node {
	t.Helper()
	root := parse(t, out)
	if root.XMLName.Local != "svg" {
		t.Fatalf("root is <%s>, want <svg>", root.XMLName.Local)
	}
	if got := root.attr("role"); got != "img" {
		t.Errorf("role = %q, want img", got)
	}
	if got := root.attr("width"); got != "100%" {
		t.Errorf("width = %q, want 100%%", got)
	}
	if root.hasAttr("height") {
		t.Errorf("root has a fixed height; the viewBox should set the aspect")
	}
	vb := strings.Fields(root.attr("viewBox"))
	if len(vb) != 4 || vb[0] != "0" || vb[1] != "0" || vb[2] != "640" {
		t.Errorf("viewBox = %q, want 0 0 640 h", root.attr("viewBox"))
	}
	ids := map[string]node{}
	for _, e := range root.all() {
		if id := e.attr("id"); id != "" {
			if _, dup := ids[id]; dup {
				t.Errorf("duplicate id %q", id)
			}
			ids[id] = e
		}
	}
	labelled := strings.Fields(root.attr("aria-labelledby"))
	if len(labelled) != 2 {
		t.Fatalf("aria-labelledby = %q, want a title and a desc id", root.attr("aria-labelledby"))
	}
	for i, want := range []string{"title", "desc"} {
		e, ok := ids[labelled[i]]
		if !ok || e.XMLName.Local != want {
			t.Errorf("aria-labelledby[%d] = %q does not name a <%s>", i, labelled[i], want)
			continue
		}
		if strings.TrimSpace(e.Text) == "" {
			t.Errorf("<%s> is empty", want)
		}
	}
	if len(root.Children) < 2 || root.Children[0].XMLName.Local != "title" || root.Children[1].XMLName.Local != "desc" {
		t.Errorf("<title> and <desc> should be the first children")
	}
	for _, e := range root.all() {
		switch e.XMLName.Local {
		case "script", "style", "foreignObject", "image", "use", "a":
			t.Errorf("<%s> is not allowed", e.XMLName.Local)
		}
		for _, a := range e.Attrs {
			name := a.Name.Local
			if name == "style" || strings.HasPrefix(name, "on") || name == "href" {
				t.Errorf("<%s %s=...> is not allowed", e.XMLName.Local, name)
			}
			if strings.Contains(a.Value, "url(") && !strings.HasPrefix(a.Value, "url(#") {
				t.Errorf("external reference %s=%q", name, a.Value)
			}
			if strings.HasPrefix(a.Value, "url(#") {
				ref := strings.TrimSuffix(strings.TrimPrefix(a.Value, "url(#"), ")")
				if _, ok := ids[ref]; !ok {
					t.Errorf("%s=%q refers to no element", name, a.Value)
				}
			}
			if name == "font-size" {
				if v, err := strconv.ParseFloat(a.Value, 64); err != nil || v < 12 {
					t.Errorf("font-size %q is below 12", a.Value)
				}
			}
		}
	}
	return root
}

func TestAccessible(t *testing.T) {
	tests := []struct {
		name string
		out  template.HTML
	}{
		{"trend", sampleTrend().SVG()},
		{"bars", sampleBars().SVG()},
		{"empty trend", Trend{}.SVG()},
		{"empty bars", Bars{}.SVG()},
		{"all missing", Trend{ID: "m", Points: []Point{{Label: "Jan 2025", Missing: true}, {Label: "Feb 2025", Missing: true}}}.SVG()},
		{"single point", Trend{ID: "one", Points: []Point{{Label: "Jan 2025", Value: 4}}}.SVG()},
		{"all zeros", Trend{ID: "z", Points: []Point{{Label: "Jan 2025"}, {Label: "Feb 2025"}}}.SVG()},
		{"zero bars", Bars{ID: "zb", Bars: []Bar{{"A", 0}, {"B", 0}}}.SVG()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkAccessible(t, tt.out)
			if len(tt.out) > 8<<10 {
				t.Errorf("%d bytes, want under 8 KiB", len(tt.out))
			}
		})
	}
}

func TestEmpty(t *testing.T) {
	tests := []struct {
		name      string
		out       template.HTML
		title     string
		desc      string
		wantNoTxt bool
	}{
		{"trend", Trend{}.SVG(), "Chart", "No data.", true},
		{"bars", Bars{Title: "Outcomes"}.SVG(), "Outcomes", "No data.", true},
		{"all missing", Trend{Title: "Crimes", Points: []Point{{Label: "Jan 2025", Missing: true}, {Label: "Mar 2025", Missing: true}}}.SVG(),
			"Crimes", "No data from Jan 2025 to Mar 2025.", true},
		{"not finite", Trend{Title: "Rate", Points: []Point{{Label: "Jan 2025", Value: math.NaN()}}}.SVG(), "Rate", "No data in Jan 2025.", true},
		{"caller's desc", Trend{Title: "T", Description: "Nothing yet."}.SVG(), "T", "Nothing yet.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := checkAccessible(t, tt.out)
			if got := root.find("title")[0].Text; got != tt.title {
				t.Errorf("title = %q, want %q", got, tt.title)
			}
			if got := root.find("desc")[0].Text; got != tt.desc {
				t.Errorf("desc = %q, want %q", got, tt.desc)
			}
			texts := root.find("text")
			if len(texts) != 1 || textOf(texts[0]) != "No data" {
				t.Errorf("want one text saying No data, got %d", len(texts))
			}
		})
	}
}

func TestEscaping(t *testing.T) {
	labels := []string{
		"<script>alert(1)</script>",
		"A & B",
		`"quoted" and 'single'`,
		"&amp; already",
		"</svg><img src=x onerror=alert(1)>",
		"Ünïcödé – Caerdydd",
	}
	var bars []Bar
	for i, l := range labels {
		bars = append(bars, Bar{Label: l, Value: float64(i + 1)})
	}
	b := Bars{ID: `x"><script>`, Title: "Title <b> & co", Description: "Desc & <i>", Bars: bars}
	out := b.SVG()
	s := string(out)
	for _, bad := range []string{"<script", "<img", "<b>", "<i>", "&amp;amp;amp;", "&amp;lt;", "&amp;gt;", "&amp;#"} {
		if strings.Contains(s, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	// Exactly one level: "&amp; already" is text with a literal ampersand,
	// so it appears escaped once, as &amp;amp; and nowhere else.
	if got := strings.Count(s, "&amp;amp;"); got != 1 {
		t.Errorf("&amp;amp; appears %d times, want once (the literal label)", got)
	}
	for _, want := range []string{"A &amp; B", "&lt;script&gt;", "Title &lt;b&gt; &amp; co", "Desc &amp; &lt;i&gt;"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	root := checkAccessible(t, out)
	if got := root.find("title")[0].Text; got != b.Title {
		t.Errorf("title round trip = %q, want %q", got, b.Title)
	}
	// Every label, once unescaped by a parser, reads as given.
	var got []string
	for _, e := range root.find("text") {
		if e.attr("text-anchor") == "end" {
			got = append(got, textOf(e))
		}
	}
	if len(got) != len(labels) {
		t.Fatalf("found %d labels, want %d", len(got), len(labels))
	}
	for i := range labels {
		if got[i] != labels[i] {
			t.Errorf("label %d = %q, want %q", i, got[i], labels[i])
		}
	}
	if !strings.HasPrefix(root.attr("aria-labelledby"), "chart-x---script--title ") {
		t.Errorf("unsafe ID not cleaned: %q", root.attr("aria-labelledby"))
	}

	// Trend labels and the y label too.
	tr := Trend{ID: "t", Title: "<T>", YLabel: "Crimes & ASB", Points: []Point{{Label: "<Jan>", Value: 1}, {Label: "A&B", Value: 2}}}
	ts := string(tr.SVG())
	for _, want := range []string{"&lt;Jan&gt;", "A&amp;B", "Crimes &amp; ASB", "&lt;T&gt;"} {
		if !strings.Contains(ts, want) {
			t.Errorf("trend lacks %q", want)
		}
	}
	if strings.Contains(ts, "&amp;amp;") || strings.Contains(ts, "<Jan>") {
		t.Errorf("trend escaped wrongly:\n%s", ts)
	}
	checkAccessible(t, tr.SVG())
}

func TestControlCharacters(t *testing.T) {
	b := Bars{Title: "bad\x00title\x1b", Bars: []Bar{{"tab\there\nnewline", 1}, {"bad utf8 \xff\xfe", 2}, {"\ufffe", 3}}}
	root := checkAccessible(t, b.SVG())
	if got := root.find("title")[0].Text; got != "badtitle" {
		t.Errorf("title = %q", got)
	}
}

func TestDeterministic(t *testing.T) {
	for i := 0; i < 3; i++ {
		if a, b := sampleTrend().SVG(), sampleTrend().SVG(); a != b {
			t.Fatal("trend output differs between runs")
		}
		if a, b := sampleBars().SVG(), sampleBars().SVG(); a != b {
			t.Fatal("bars output differs between runs")
		}
	}
	// Without an ID the id comes from the content: stable, and different
	// for different data.
	a := Trend{Points: []Point{{Label: "Jan", Value: 1}}}
	b := Trend{Points: []Point{{Label: "Jan", Value: 2}}}
	idA := parse(t, a.SVG()).attr("aria-labelledby")
	if idA != parse(t, a.SVG()).attr("aria-labelledby") {
		t.Error("derived id is not stable")
	}
	if idA == parse(t, b.SVG()).attr("aria-labelledby") {
		t.Error("different charts derived the same id")
	}
}

func TestChartID(t *testing.T) {
	tests := map[string]string{
		"force-trend": "chart-force-trend",
		"E05 001/a":   "chart-E05-001-a",
		`"><`:         "chart----",
		"é":           "chart--",
	}
	for in, want := range tests {
		if got := chartID(in, nil); got != want {
			t.Errorf("chartID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCoord(t *testing.T) {
	tests := map[float64]string{0: "0", math.Copysign(0, -1): "0", -0.01: "0", 1.25: "1.3", 12.04: "12", 640: "640", 99.95: "100"}
	for in, want := range tests {
		if got := coord(in); got != want {
			t.Errorf("coord(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestSize(t *testing.T) {
	for _, out := range []template.HTML{sampleTrend().SVG(), sampleBars().SVG()} {
		if len(out) > 8<<10 {
			t.Errorf("%d bytes, want under 8 KiB", len(out))
		}
		if bytes.Contains([]byte(out), []byte("\n")) {
			t.Error("output has newlines; it is printed inline")
		}
	}
}

// FuzzText checks that any title and label gives a well-formed chart whose
// text reads back exactly as given (less characters XML cannot hold).
func FuzzText(f *testing.F) {
	f.Add("A & B", "<script>", "Jan 2025")
	f.Add("&amp;", "\x00\xff", " ")
	f.Fuzz(func(t *testing.T, title, label, month string) {
		b := Bars{Title: title, Bars: []Bar{{Label: label, Value: 1}}}
		root := parse(t, b.SVG())
		want := firstNonEmpty(title, "Chart")
		if got := root.find("title")[0].Text; got != clean(want) {
			t.Errorf("title = %q, want %q", got, clean(want))
		}
		tr := Trend{Title: title, YLabel: label, Points: []Point{{Label: month, Value: 1}, {Label: label, Missing: true}}}
		parse(t, tr.SVG())
	})
}

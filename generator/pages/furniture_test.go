package pages

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"github.com/crimemap/crimemap/generator/i18n"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/output"
)

// The Atom feed as encoding/xml marshals it, which feed writes by hand.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Rights  string      `xml:"rights"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

// marshalFeed is feed's output made with encoding/xml.
func marshalFeed(t *testing.T, in *Input, dir, name string, ar *aggregate.Area, have []bool) []byte {
	a := in.Agg
	page := in.Site.BaseURL + dir
	if in.Site.BaseURL == "" {
		page = "./"
	}
	f := atomFeed{Lang: "en-GB", Title: "Crime figures for " + name, ID: "urn:crimemap:" + strings.TrimSuffix(dir, "/"),
		Links:  []atomLink{{Rel: "self", Href: "feed.xml"}, {Rel: "alternate", Href: page}},
		Author: atomAuthor{Name: in.Site.Name},
		Rights: "Contains public sector information licensed under the Open Government Licence v3.0."}
	for i := a.Months - 1; i >= 0 && len(f.Entries) < FeedMonths; i-- {
		if !have[i] {
			continue
		}
		m := a.Month(i)
		next := m.Add(1)
		updated := time.Date(next.Year(), time.Month(next.Num()), 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
		total := ar.Crimes[i].Total()
		f.Entries = append(f.Entries, atomEntry{
			Title:   fmt.Sprintf("%s: %s in %s", name, num(total)+" "+format.Noun(int64(total), "crime", "crimes"), m.Long()),
			ID:      f.ID + ":" + m.String(),
			Updated: updated,
			Link:    atomLink{Href: page},
			Summary: fmt.Sprintf("The police published %s in %s for %s.", num(total)+" "+format.Noun(int64(total), "crime or incident of anti-social behaviour", "crimes and incidents of anti-social behaviour"), name, m.Long()),
		})
	}
	if len(f.Entries) > 0 {
		f.Updated = f.Entries[0].Updated
	} else {
		f.Updated = "1970-01-01T00:00:00Z"
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(f); err != nil {
		t.Fatal(err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// TestFeedMatchesMarshal checks the hand-written feed against encoding/xml,
// for ordinary and hostile names and addresses, with and without months.
func TestFeedMatchesMarshal(t *testing.T) {
	first, err := crime.ParseMonth([]byte("2024-03"))
	if err != nil {
		t.Fatal(err)
	}
	const months = 15
	ar := &aggregate.Area{Crimes: make([]aggregate.Counts, months)}
	for i := range ar.Crimes {
		ar.Crimes[i][crime.Category(i%3)] = uint32(i * 997)
	}
	have := make([]bool, months)
	for i := range have {
		have[i] = i%4 != 1
	}
	for _, site := range []SiteInfo{{Name: "crimemap", BaseURL: "https://crime.example/"}, {Name: `<b>"Site" & 'co'</b>`}} {
		for _, name := range append(markupCases, "Ashby", "St. Mary's & <Holy> \"Cross\"") {
			for _, n := range []int{months, 0} {
				in := inLang(&Input{Site: site, Agg: &aggregate.Aggregates{First: first, Months: n}}, i18n.English)
				dir := "forces/a/" + "b/"
				out := output.New(t.TempDir())
				if err := feed(in, out, dir, name, ar, have); err != nil {
					t.Fatal(err)
				}
				got, err := os.ReadFile(filepath.Join(out.Root(), dir, "feed.xml"))
				if err != nil {
					t.Fatal(err)
				}
				if want := marshalFeed(t, in, dir, name, ar, have); !bytes.Equal(got, want) {
					t.Errorf("feed for %q, %d months:\n%s\nencoding/xml:\n%s", name, n, got, want)
				}
			}
		}
	}
}

// FuzzXMLText compares xmlBuilder.text with encoding/xml's escaping.
func FuzzXMLText(f *testing.F) {
	for _, s := range markupCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b xmlBuilder
		b.text(s)
		var want bytes.Buffer
		if err := xml.EscapeText(&want, []byte(s)); err != nil {
			t.Fatal(err)
		}
		if b.String() != want.String() {
			t.Fatalf("text(%q) = %q, encoding/xml %q", s, b.String(), want.String())
		}
	})
}

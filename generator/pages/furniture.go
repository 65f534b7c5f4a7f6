package pages

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/i18n"
	"github.com/crimemap/crimemap/generator/output"
)

// SitemapLimit is how many URLs one sitemap file may list; past it the
// sitemap becomes an index of several files, as the protocol requires.
const SitemapLimit = 50_000

// furniture writes the sitemap, robots.txt and the icons.
func furniture(in *Input, out *output.Dir, urls []string) error {
	if err := sitemaps(in, out, urls); err != nil {
		return err
	}
	robots := "User-agent: *\nAllow: /\n"
	if in.Site.BaseURL != "" {
		robots += "Sitemap: " + in.Site.BaseURL + "sitemap.xml\n"
	}
	if err := out.Write("robots.txt", []byte(robots)); err != nil {
		return err
	}
	if err := out.Write("favicon.svg", []byte(faviconSVG)); err != nil {
		return err
	}
	ico, err := faviconICO()
	if err != nil {
		return fmt.Errorf("favicon: %w", err)
	}
	return out.Write("favicon.ico", ico)
}

// feeds lists an Atom feed per force and neighbourhood, written by the
// page workers.
func feeds(in *Input, out *output.Dir) []job {
	if in.Agg.Months == 0 {
		return nil
	}
	var jobs []job
	for f, force := range in.Store.Forces {
		dir := ForcePath(force.Slug)
		jobs = append(jobs, job{path: dir + "feed.xml", write: func() error {
			return feed(in, out, dir, force.Name, &in.Agg.Forces[f], in.Agg.Have[f])
		}})
		for _, nb := range in.Index.ByForce[f] {
			n := &in.Index.Neighbourhoods[nb]
			dir := NeighbourhoodPath(force.Slug, n.Slug)
			jobs = append(jobs, job{path: dir + "feed.xml", write: func() error {
				return feed(in, out, dir, n.Name, &in.Agg.Neighbourhoods[nb], in.Agg.Have[f])
			}})
		}
	}
	return jobs
}

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string   `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL
}

// sitemapURL is a page and, as search engines read hreflang in sitemaps,
// the same page in every language.
type sitemapURL struct {
	XMLName    xml.Name      `xml:"url"`
	Loc        string        `xml:"loc"`
	Alternates []sitemapLang `xml:"xhtml:link"`
}

type sitemapLang struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

type sitemapIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapRef
}

type sitemapRef struct {
	XMLName xml.Name `xml:"sitemap"`
	Loc     string   `xml:"loc"`
}

// sitemaps writes sitemap.xml: one file, or an index of files of at most
// SitemapLimit URLs each. Sitemaps need absolute URLs, so there is none
// without a base URL. paths are the pages inside a language's folder;
// each is listed in every language, with its alternates.
func sitemaps(in *Input, out *output.Dir, paths []string) error {
	base := in.Site.BaseURL
	if base == "" {
		return nil
	}
	langs := i18n.Langs()
	var urls []sitemapURL
	for _, p := range paths {
		alts := make([]sitemapLang, len(langs))
		for i, l := range langs {
			alts[i] = sitemapLang{Rel: "alternate", HrefLang: language(l).Code, Href: base + langPrefix(l) + p}
		}
		for i := range langs {
			urls = append(urls, sitemapURL{Loc: alts[i].Href, Alternates: alts})
		}
	}
	files := (len(urls) + SitemapLimit - 1) / SitemapLimit
	write := func(path string, v any) error {
		b, err := xml.MarshalIndent(v, "", " ")
		if err != nil {
			return fmt.Errorf("sitemap: %w", err)
		}
		return out.Write(path, append([]byte(xml.Header), append(b, '\n')...))
	}
	set := func(urls []sitemapURL) urlset {
		return urlset{XHTML: "http://www.w3.org/1999/xhtml", URLs: urls}
	}
	if files <= 1 {
		return write("sitemap.xml", set(urls))
	}
	var idx sitemapIndex
	for i := range files {
		part := urls[i*SitemapLimit : min((i+1)*SitemapLimit, len(urls))]
		name := fmt.Sprintf("sitemaps/sitemap-%d.xml", i+1)
		if err := write(name, set(part)); err != nil {
			return err
		}
		idx.Sitemaps = append(idx.Sitemaps, sitemapRef{Loc: base + name})
	}
	return write("sitemap.xml", idx)
}

// FeedMonths is how many months an area's feed lists.
const FeedMonths = 12

// feed writes an area's Atom feed: one entry per month of figures, newest
// first. An entry is dated the first day of the month after its month,
// the earliest the figures can be out, so that the feed is the same for the
// same data.
//
// There is one feed for every area, and it is written directly, escaping
// each value as encoding/xml does, rather than marshalled: reflection made
// the feeds a tenth of the pages' work. TestFeedMatchesMarshal keeps the
// two the same.
func feed(in *Input, out *output.Dir, dir, name string, ar *aggregate.Area, have []bool) error {
	a := in.Agg
	dir = in.loc.prefix + dir
	page := in.Site.BaseURL + dir
	if in.Site.BaseURL == "" {
		page = "./"
	}
	id := "urn:crimemap:" + strings.TrimSuffix(dir, "/")
	type entry struct {
		m       crime.Month
		updated string
		total   uint32
	}
	var entries []entry
	for i := a.Months - 1; i >= 0 && len(entries) < FeedMonths; i-- {
		if !have[i] {
			continue
		}
		m := a.Month(i)
		next := m.Add(1)
		updated := time.Date(next.Year(), time.Month(next.Num()), 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
		entries = append(entries, entry{m, updated, ar.Crimes[i].Total()})
	}
	updated := "1970-01-01T00:00:00Z"
	if len(entries) > 0 {
		updated = entries[0].updated
	}
	var b xmlBuilder
	b.Grow(512 + 480*len(entries))
	b.raw(xml.Header + `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="`)
	b.text(language(in.loc.lang).Code)
	b.raw(`">` + "\n <title>")
	b.text(in.t("feed.title", "area", name))
	b.raw("</title>\n <id>")
	b.text(id)
	b.raw("</id>\n <updated>")
	b.text(updated)
	b.raw("</updated>\n" + ` <link rel="self" href="feed.xml"></link>` + "\n" + ` <link rel="alternate" href="`)
	b.text(page)
	b.raw(`"></link>` + "\n <author>\n  <name>")
	b.text(in.Site.Name)
	b.raw("</name>\n </author>\n <rights>")
	b.text(in.t("feed.rights"))
	b.raw("</rights>\n")
	for _, e := range entries {
		b.raw(" <entry>\n  <title>")
		month := in.msgs().Month(e.m)
		b.text(in.t("feed.entry", "area", name, "crimes", in.t("count.crimes", "n", e.total), "month", month))
		b.raw("</title>\n  <id>")
		b.text(id + ":" + e.m.String())
		b.raw("</id>\n  <updated>")
		b.text(e.updated)
		b.raw("</updated>\n" + `  <link href="`)
		b.text(page)
		b.raw(`"></link>` + "\n  <summary>")
		b.text(in.t("feed.summary", "n", e.total, "area", name, "month", month))
		b.raw("</summary>\n </entry>\n")
	}
	b.raw("</feed>\n")
	return out.Write(dir+"feed.xml", b.Bytes())
}

// xmlBuilder writes XML by hand.
type xmlBuilder struct{ bytes.Buffer }

func (b *xmlBuilder) raw(s string) { b.WriteString(s) }

// text writes s as XML character data or a quoted attribute value, escaped
// exactly as encoding/xml's EscapeString does: the five markup characters
// and tab, newline and carriage return as references, and characters XML
// cannot hold, invalid UTF-8 included, as U+FFFD.
func (b *xmlBuilder) text(s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		width := 1
		var esc string
		if c < utf8.RuneSelf {
			if esc = xmlEscapes[c]; esc == "" {
				i++
				continue
			}
		} else {
			var r rune
			r, width = utf8.DecodeRuneInString(s[i:])
			if isInCharacterRange(r) && !(r == utf8.RuneError && width == 1) {
				i += width
				continue
			}
			esc = "\uFFFD"
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		i += width
		last = i
	}
	b.WriteString(s[last:])
}

// xmlEscapes are what xmlBuilder.text writes for ASCII characters, "" for
// themselves.
var xmlEscapes = func() (t [utf8.RuneSelf]string) {
	for c := range byte(0x20) {
		t[c] = "\uFFFD"
	}
	t['"'], t['\''], t['&'], t['<'], t['>'] = "&#34;", "&#39;", "&amp;", "&lt;", "&gt;"
	t['\t'], t['\n'], t['\r'] = "&#x9;", "&#xA;", "&#xD;"
	return t
}()

// isInCharacterRange is encoding/xml's test of a character XML may hold.
func isInCharacterRange(r rune) bool {
	return r == 0x09 ||
		r == 0x0A ||
		r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

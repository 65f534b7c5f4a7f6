package pages

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/output"
)

// SitemapLimit is how many URLs one sitemap file may list; past it the
// sitemap becomes an index of several files, as the protocol requires.
const SitemapLimit = 50_000

// furniture writes the sitemap and robots.txt.
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
	return nil
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
	URLs    []sitemapURL
}

type sitemapURL struct {
	XMLName xml.Name `xml:"url"`
	Loc     string   `xml:"loc"`
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
// without a base URL.
func sitemaps(in *Input, out *output.Dir, urls []string) error {
	base := in.Site.BaseURL
	if base == "" {
		return nil
	}
	files := (len(urls) + SitemapLimit - 1) / SitemapLimit
	write := func(path string, v any) error {
		b, err := xml.MarshalIndent(v, "", " ")
		if err != nil {
			return fmt.Errorf("sitemap: %w", err)
		}
		return out.Write(path, append([]byte(xml.Header), append(b, '\n')...))
	}
	set := func(urls []string) urlset {
		var s urlset
		for _, u := range urls {
			s.URLs = append(s.URLs, sitemapURL{Loc: base + u})
		}
		return s
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

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
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

// FeedMonths is how many months an area's feed lists.
const FeedMonths = 12

// feed writes an area's Atom feed: one entry per month of figures, newest
// first. An entry is dated the first day of the month after its month,
// the earliest the figures can be out, so that the feed is the same for the
// same data.
func feed(in *Input, out *output.Dir, dir, name string, ar *aggregate.Area, have []bool) error {
	a := in.Agg
	page := in.Site.BaseURL + dir
	if in.Site.BaseURL == "" {
		page = "./"
	}
	f := atomFeed{Title: "Crime figures for " + name, ID: "urn:crimemap:" + strings.TrimSuffix(dir, "/"),
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
			Title:   fmt.Sprintf("%s: %s crimes in %s", name, num(total), m.Long()),
			ID:      f.ID + ":" + m.String(),
			Updated: updated,
			Link:    atomLink{Href: page},
			Summary: fmt.Sprintf("The police published %s crimes and incidents of anti-social behaviour in %s for %s.", num(total), name, m.Long()),
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
		return fmt.Errorf("feed %s: %w", dir, err)
	}
	buf.WriteByte('\n')
	return out.Write(dir+"feed.xml", buf.Bytes())
}

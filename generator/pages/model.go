package pages

import (
	"html/template"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
)

// SiteInfo is what every page says about the site.
type SiteInfo struct {
	Name string
	// BaseURL is the site's public address, ending in "/", for canonical
	// links, the sitemap and feeds.
	BaseURL string
}

// Link is a link with its text.
type Link struct {
	Text, Href string
	Current    bool
}

// Feed names an area's Atom feed.
type Feed struct {
	Title, Href string
}

// Page is what every template gets.
type Page struct {
	Site        *SiteInfo
	Path        string // output path, e.g. "forces/cumbria/index.html"
	Root        string // relative link to the site root, e.g. "../../"
	Canonical   string
	Description string
	Breadcrumbs []Link
	Nav         []Link
	FooterLinks []Link
	Feed        *Feed
	JSONLD      template.JS
}

// Cell is a count that may be missing, or a figure already formatted.
type Cell struct {
	Value   uint32
	Text    string
	Missing bool
}

// Row is one row of a table: a label and its cells.
type Row struct {
	Name  string
	Cells []Cell
}

// Table is a table of counts with a caption, column headings and totals.
type Table struct {
	Caption string
	Columns []string
	Rows    []Row
	Totals  []Cell
}

// window is the latest month and the 12 months to it.
type window struct {
	latest, from crime.Month
}

func (w window) yearRange() string { return w.from.Long() + " to " + w.latest.Long() }

// sumMonths adds up an area's months from..to that are not missing; have
// is nil for an area that is never missing (the country).
func sumMonths(a *aggregate.Aggregates, ar *aggregate.Area, from, to crime.Month, have []bool) (c aggregate.Counts, missing int) {
	for m := from; m <= to; m++ {
		i := a.Index(m)
		if i < 0 {
			continue
		}
		if have != nil && !have[i] {
			missing++
			continue
		}
		c.Plus(&ar.Crimes[i])
	}
	return c, missing
}

// categoryTable lays out the latest month and 12 months by category,
// listing current categories and any retired one with crimes.
func categoryTable(caption string, w window, latest, year aggregate.Counts, latestMissing bool) Table {
	t := Table{Caption: caption, Columns: []string{w.latest.Long(), "12 months"}}
	for _, c := range crime.Categories() {
		if c.Info().Retired && latest[c] == 0 && year[c] == 0 {
			continue
		}
		t.Rows = append(t.Rows, Row{Name: c.String(), Cells: []Cell{{Value: latest[c], Missing: latestMissing}, {Value: year[c]}}})
	}
	t.Totals = []Cell{{Value: latest.Total(), Missing: latestMissing}, {Value: year.Total()}}
	return t
}

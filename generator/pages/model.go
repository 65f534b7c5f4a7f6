package pages

import (
	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
)

// SiteInfo is what every page says about the site.
type SiteInfo struct {
	Name string
}

// Crumb is a breadcrumb link.
type Crumb struct {
	Text, Href string
}

// Page is the data every template gets.
type Page struct {
	Site        *SiteInfo
	Path        string // output path, e.g. "forces/cumbria/index.html"
	Root        string // relative link to the site root, e.g. "../../"
	Section     string // navigation section: "home", "forces" or "data"
	Description string
	Breadcrumbs []Crumb
}

// Cell is a count that may be missing.
type Cell struct {
	Value   uint32
	Missing bool
}

// CategoryRow is one category's counts in a table.
type CategoryRow struct {
	Name  string
	Cells []Cell
}

// CategoryTable is a table of counts by category.
type CategoryTable struct {
	Caption string
	Columns []string
	Rows    []CategoryRow
	Totals  []Cell
}

// window describes the latest month and the 12 months to it.
type window struct {
	latest, from crime.Month
}

func (w window) yearRange() string { return w.from.Long() + " to " + w.latest.Long() }

// sumYear adds up an area's months in the window that are not missing.
func sumYear(a *aggregate.Aggregates, ar *aggregate.Area, w window, have []bool) (c aggregate.Counts, missing int) {
	for m := w.from; m <= w.latest; m++ {
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
// listing only categories that are current or that have crimes.
func categoryTable(caption string, w window, latest, year aggregate.Counts, latestMissing bool) CategoryTable {
	t := CategoryTable{Caption: caption, Columns: []string{w.latest.Long(), "12 months"}}
	for _, c := range crime.Categories() {
		if c.Info().Retired && latest[c] == 0 && year[c] == 0 {
			continue
		}
		t.Rows = append(t.Rows, CategoryRow{Name: c.String(), Cells: []Cell{
			{Value: latest[c], Missing: latestMissing}, {Value: year[c]},
		}})
	}
	t.Totals = []Cell{{Value: latest.Total(), Missing: latestMissing}, {Value: year.Total()}}
	return t
}

package pages

import (
	"html/template"
	"strings"
	"sync"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/i18n"
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
	Site *SiteInfo
	Path string // output path, e.g. "forces/cumbria/index.html"
	Root string // relative link to the site root, e.g. "../../"
	// Home is the relative link to the root of the page's language, where
	// its pages are: Root, or Root + "cy/". Links to pages start with
	// Home; links to assets, tiles, data files and the API with Root.
	Home string
	// Lang is the page's language, and Alternates the page in every
	// language, for hreflang and the language switch.
	Lang       Language
	Alternates []Alternate
	// DataLang is the lang of text the reference data gives (a team's
	// description, priorities and events, which police write in English):
	// "" on English pages, "en" on others, so that a screen reader speaks
	// it as English and a reader knows why it is.
	DataLang    string
	Canonical   string
	Description string
	Breadcrumbs []Link
	// Chrome is the menu and the footer's links, shared by every page at
	// the same depth in the same section.
	Chrome *Chrome
	Feed   *Feed
	JSONLD template.JS
	// Scripts and Styles are bundled files this page loads besides the
	// site's own, by entry name ("map.js").
	Scripts, Styles []string
	// FullWidth lays the page out across the whole window, for the map.
	FullWidth bool

	in *Input // the language's input, for the scripts' messages
}

// ScriptMessages are the messages the page's scripts show, printed in
// the page as JSON for them to read.
func (p Page) ScriptMessages() (template.JS, error) { return p.in.scriptMessages(p.Scripts) }

// SwitchLanguage is the page in the other language, for the switch in
// the header.
func (p Page) SwitchLanguage() *Alternate {
	for i := range p.Alternates {
		if !p.Alternates[i].Current {
			return &p.Alternates[i]
		}
	}
	return nil
}

// Cell is a figure of a table, formatted, or a month not published.
type Cell struct {
	Text    string
	Missing bool
	// Flag marks a figure of an incomplete month, in words after it.
	Flag string
	// Withheld, when set, is printed in place of the figure: why there is
	// none ("too few").
	Withheld string
}

// count is the cell of a count. Formatting here rather than in the
// template keeps the template's work, reflection included, small on pages
// with hundreds of cells.
func count(v uint32, missing bool) Cell { return Cell{Text: num(v), Missing: missing} }

// Row is one row of a table: a label and its cells.
type Row struct {
	Name  string
	Cells []Cell
	Note  string // the text of the NoteHeading column
}

// Table is a table of counts with a caption, column headings and totals.
type Table struct {
	// Msgs gives the words every table has ("All", "not published") in the
	// page's language; nil writes English.
	Msgs    *i18n.Messages
	Caption string
	// RowHeading heads the rows' names; "Category" when empty.
	RowHeading string
	Columns    []string
	// NoteHeading, when set, adds a last column of text (Row.Note).
	NoteHeading string
	Rows        []Row
	Totals      []Cell
}

// window is the latest month and the 12 months to it.
type window struct {
	latest, from crime.Month
}

// yearRange is w's 12 months in the page's language, "January 2025 to
// December 2025". It is a message of its own, not "to" between two
// months, because Welsh mutates a month after "i" (to): its text keeps
// the month after "mis", which does not mutate.
func (in *Input) yearRange(w window) string {
	return in.t("area.year-range", "from", in.month(w.from), "to", in.month(w.latest))
}

// month is a month for people in the page's language, "December 2025",
// and shortMonth a chart's label, "Dec 2025". Every area page names three
// dozen months, the same on every page, so each language's names are
// made once (monthNames).
func (in *Input) month(m crime.Month) string {
	if ns := in.monthNames(); m >= crime.Earliest && m <= crime.Latest {
		return ns.long[m-crime.Earliest]
	}
	return in.msgs().Month(m)
}

func (in *Input) shortMonth(m crime.Month) string {
	if ns := in.monthNames(); m >= crime.Earliest && m <= crime.Latest {
		return ns.short[m-crime.Earliest]
	}
	return in.msgs().ShortMonth(m)
}

// monthNames are one language's names of every month the loader accepts.
type monthNames struct {
	msgs        *i18n.Messages // what they were made from
	long, short []string
}

// monthCache holds each language's monthNames, by i18n.Lang. An entry
// made from other Messages (an earlier build, another test) is made
// again, so names never come from a catalogue the page does not use.
var monthCache sync.Map

func (in *Input) monthNames() *monthNames {
	m := in.msgs()
	if v, ok := monthCache.Load(m.Lang()); ok && v.(*monthNames).msgs == m {
		return v.(*monthNames)
	}
	n := int(crime.Latest-crime.Earliest) + 1
	ns := &monthNames{msgs: m, long: make([]string, n), short: make([]string, n)}
	for i := range n {
		mo := crime.Earliest.Add(i)
		ns.long[i], ns.short[i] = m.Month(mo), m.ShortMonth(mo)
	}
	monthCache.Store(m.Lang(), ns)
	return ns
}

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
// listing current categories and any retired one with crimes, in the
// page's language.
func (in *Input) categoryTable(caption string, w window, latest, year aggregate.Counts, latestMissing bool, latestFlag string) Table {
	head := in.month(w.latest)
	if latestFlag != "" {
		head += " (" + latestFlag + ")"
	}
	m := in.msgs()
	t := Table{Msgs: m, Caption: caption, Columns: []string{head, in.t("area.col.12-months")}}
	for _, c := range crime.Categories() {
		if c.Info().Retired && latest[c] == 0 && year[c] == 0 {
			continue
		}
		t.Rows = append(t.Rows, Row{Name: m.Category(c), Cells: []Cell{count(latest[c], latestMissing), count(year[c], false)}})
	}
	t.Totals = []Cell{count(latest.Total(), latestMissing), count(year.Total(), false)}
	return t
}

// HTML renders the table. Tables are most of a page's markup, and writing
// them here, escaping each value, is several times faster than the
// template engine's reflection over hundreds of cells. Values are escaped
// as template.HTMLEscapeString does (escapeText); pieces are written one
// by one, not joined first, so a table costs one buffer.
func (t Table) HTML() template.HTML {
	var b strings.Builder
	b.Grow(t.size())
	t.write(&b)
	return template.HTML(b.String()) //nolint:gosec // every value escaped by write
}

// size is about the length of the table's HTML, a little over.
func (t Table) size() int {
	return 600 + 200*len(t.Columns) + len(t.Rows)*(120+90*len(t.Columns))
}

// write writes the table's HTML to b.
func (t Table) write(b *strings.Builder) {
	esc := func(s string) { escapeText(b, s) }
	// The wrapper scrolls a wide table on a phone: a labelled region in
	// the tab order, so a keyboard can scroll it too.
	b.WriteString(`<div class="cm-table-wrap" role="region" tabindex="0" aria-label="`)
	esc(t.Caption)
	b.WriteString(`"><table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--m">`)
	esc(t.Caption)
	word := func(key, english string) string {
		if t.Msgs == nil {
			return english
		}
		return t.Msgs.T(key)
	}
	rh := t.RowHeading
	if rh == "" {
		rh = word("table.category", "Category")
	}
	b.WriteString("</caption>\n" + `<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">`)
	esc(rh)
	b.WriteString(`</th>`)
	for _, c := range t.Columns {
		b.WriteString(`<th scope="col" class="govuk-table__header govuk-table__header--numeric">`)
		esc(c)
		b.WriteString("</th>")
	}
	if t.NoteHeading != "" {
		b.WriteString(`<th scope="col" class="govuk-table__header">`)
		esc(t.NoteHeading)
		b.WriteString("</th>")
	}
	b.WriteString("</tr></thead>\n" + `<tbody class="govuk-table__body">` + "\n")
	notPublished := word("table.not-published", "not published")
	cells := func(cs []Cell, strong bool) {
		for _, c := range cs {
			b.WriteString(`<td class="govuk-table__cell govuk-table__cell--numeric">`)
			if strong {
				b.WriteString("<strong>")
			}
			switch {
			case c.Missing:
				b.WriteString(`<span class="cm-missing">`)
				esc(notPublished)
				b.WriteString(`</span>`)
			case c.Withheld != "":
				b.WriteString(`<span class="cm-missing">`)
				esc(c.Withheld)
				b.WriteString(`</span>`)
			default:
				esc(c.Text)
				if c.Flag != "" {
					b.WriteString(` <span class="cm-flag">(`)
					esc(c.Flag)
					b.WriteString(`)</span>`)
				}
			}
			if strong {
				b.WriteString("</strong>")
			}
			b.WriteString("</td>")
		}
	}
	for _, r := range t.Rows {
		b.WriteString(`<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">`)
		esc(r.Name)
		b.WriteString("</th>")
		cells(r.Cells, false)
		if t.NoteHeading != "" {
			b.WriteString(`<td class="govuk-table__cell">`)
			esc(r.Note)
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n")
	if len(t.Totals) > 0 {
		b.WriteString(`<tfoot><tr class="govuk-table__row"><th scope="row" class="govuk-table__header">`)
		esc(word("table.all", "All"))
		b.WriteString(`</th>`)
		cells(t.Totals, true)
		if t.NoteHeading != "" {
			b.WriteString(`<td class="govuk-table__cell"></td>`)
		}
		b.WriteString("</tr></tfoot>\n")
	}
	b.WriteString("</table></div>\n")
}

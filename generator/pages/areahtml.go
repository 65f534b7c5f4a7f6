package pages

import (
	"html/template"
	"strconv"
	"strings"
)

// The repeated parts of an area's page, its lists and rows, are written
// here rather than ranged over in area.html: see markup. The template keeps
// the sections around them.

// PlaceRows are the rows of the table of places with most crimes, numbered
// as the map numbers its dots, each linking the interactive map there.
func (p *AreaPage) PlaceRows() template.HTML {
	var m markup
	m.Grow(300 * len(p.Places))
	for i, s := range p.Places {
		m.raw(`<tr class="govuk-table__row"><td class="govuk-table__cell govuk-table__cell--numeric">`)
		m.raw(strconv.Itoa(i + 1))
		m.raw(`</td><th scope="row" class="govuk-table__header">`)
		if i < len(p.PlaceLinks) && p.PlaceLinks[i] != "" {
			m.raw(`<a class="govuk-link" href="`)
			m.url(p.PlaceLinks[i])
			m.raw(`">`)
			m.text(s.Name)
			m.raw(`</a>`)
		} else {
			m.text(s.Name)
		}
		m.raw(`</th><td class="govuk-table__cell govuk-table__cell--numeric">`)
		m.text(num(s.Count))
		m.raw("</td></tr>\n")
	}
	return m.html()
}

// FileRows are the rows of the table of a neighbourhood's files.
func (d *AreaDownloads) FileRows() template.HTML {
	var m markup
	m.Grow(400 * len(d.Files))
	for _, f := range d.Files {
		m.raw(`<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="`)
		m.url(f.Href)
		m.raw(`" download>`)
		m.text(f.Title)
		m.raw(`</a></td><td class="govuk-table__cell">`)
		m.text(f.Format)
		m.raw(`</td><td class="govuk-table__cell govuk-table__cell--numeric">`)
		m.text(f.Size)
		m.raw(`</td><td class="govuk-table__cell govuk-table__cell--numeric">`)
		m.text(f.Rows)
		m.raw(`</td><td class="govuk-table__cell"><code class="govuk-body-s">`)
		m.text(f.SHA256)
		m.raw("</code></td></tr>\n")
	}
	return m.html()
}

// langAttr is a lang attribute for the details' text, or nothing on a
// page in their language.
func (t *Team) langAttr() string {
	if t.DataLang == "" {
		return ""
	}
	return ` lang="` + t.DataLang + `"`
}

// PeopleRows are the team's members as rows of a summary list.
func (t *Team) PeopleRows() template.HTML {
	var m markup
	for _, p := range t.People {
		m.raw(`<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">`)
		m.text(p.Name)
		if p.Rank != "" {
			m.raw(`<br><span class="govuk-body-s"` + t.langAttr() + `>`)
			m.text(p.Rank)
			m.raw(`</span>`)
		}
		m.raw(`</dt><dd class="govuk-summary-list__value"` + t.langAttr() + `>`)
		m.raw(string(p.Bio))
		m.raw("</dd></div>\n")
	}
	return m.html()
}

// PriorityItems are the team's priorities, each an inset.
func (t *Team) PriorityItems() template.HTML {
	var m markup
	for _, p := range t.Priorities {
		m.raw(`<div class="govuk-inset-text"><h3 class="govuk-heading-s">`)
		m.text(p.IssueHeading)
		m.raw(`</h3><div` + t.langAttr() + `>`)
		m.raw(string(p.Issue))
		m.raw(`</div>`)
		if p.Action != "" {
			m.raw(`<h3 class="govuk-heading-s">`)
			m.text(p.ActionHeading)
			m.raw(`</h3><div` + t.langAttr() + `>`)
			m.raw(string(p.Action))
			m.raw(`</div>`)
		}
		m.raw("</div>\n")
	}
	return m.html()
}

// EventItems are the team's events as list items.
func (t *Team) EventItems() template.HTML {
	var m markup
	for _, e := range t.Events {
		m.raw(`<li><h3 class="govuk-heading-s"` + t.langAttr() + `>`)
		m.text(e.Title)
		m.raw(`</h3><p class="govuk-body">`)
		m.text(e.When)
		if e.Address != "" {
			m.raw(`, `)
			m.text(e.Address)
		}
		m.raw(`</p><div` + t.langAttr() + `>`)
		m.raw(string(e.Description))
		m.raw(`</div>`)
		m.raw("</li>\n")
	}
	return m.html()
}

// ContactRows are the ways to reach the team as rows of a summary list.
func (t *Team) ContactRows() template.HTML {
	var m markup
	for _, c := range t.Contacts {
		m.raw(`<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">`)
		m.text(c.Label)
		m.raw(`</dt><dd class="govuk-summary-list__value">`)
		if c.Href != "" {
			m.raw(`<a class="govuk-link" href="`)
			m.trustedURL(c.Href)
			m.raw(`"`)
			if c.External {
				m.raw(` rel="noopener noreferrer"`)
			}
			m.raw(`>`)
			m.text(c.Text)
			m.raw(`</a>`)
		} else {
			m.text(c.Text)
		}
		m.raw("</dd></div>\n")
	}
	return m.html()
}

// NeighbourhoodRows are the rows of a force's table of neighbourhoods.
func (p *AreaPage) NeighbourhoodRows() template.HTML {
	var m markup
	m.Grow(300 * len(p.Neighbourhoods))
	notPublished := p.in.t("table.not-published")
	for _, n := range p.Neighbourhoods {
		m.raw(`<tr class="govuk-table__row"><th scope="row" class="govuk-table__header"><a class="govuk-link" href="`)
		m.url(n.Href)
		m.raw(`">`)
		m.text(n.Name)
		m.raw(`</a></th><td class="govuk-table__cell govuk-table__cell--numeric">`)
		if p.LatestMissing {
			m.raw(`<span class="cm-missing">`)
			m.text(notPublished)
			m.raw(`</span>`)
		} else {
			m.text(num(n.Latest))
			if n.LatestFlag != "" {
				m.raw(` <span class="cm-flag">(`)
				m.text(n.LatestFlag)
				m.raw(`)</span>`)
			}
		}
		m.raw(`</td><td class="govuk-table__cell govuk-table__cell--numeric">`)
		m.text(num(n.Year))
		m.raw("</td></tr>\n")
	}
	return m.html()
}

// StopTablesHTML is the stop-and-search tables, each folded under a
// summary that names what it breaks down and the total, so the section
// reads in a few lines and opens to the detail.
func (p *AreaPage) StopTablesHTML() template.HTML {
	var b strings.Builder
	n := 0
	for _, t := range p.StopTables {
		n += t.size() + 300
	}
	b.Grow(n)
	for _, t := range p.StopTables {
		b.WriteString(`<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">`)
		escapeText(&b, t.Caption)
		b.WriteString(": ")
		escapeText(&b, p.StopsNoun)
		b.WriteString(`</span></summary><div class="govuk-details__text">` + "\n")
		t.write(&b)
		b.WriteString("</div></details>\n")
	}
	return template.HTML(b.String()) //nolint:gosec // tables escape their values
}

// FigureItems are the area's headline figures as list items: each a
// sentence in the page's language with its figure printed large, and
// after it what qualifies it (a month incomplete, the crimes not on the
// map).
func (p *AreaPage) FigureItems() template.HTML {
	m := p.in.msgs()
	var b markup
	b.Grow(1200)
	item := func(line template.HTML, flag, unmapped string) {
		b.raw("<li>")
		b.raw(string(line))
		if flag != "" {
			b.raw(` <span class="cm-flag">`)
			b.text(flag)
			b.raw(`</span>`)
		}
		if unmapped != "" {
			b.text(", " + unmapped)
		}
		b.raw("</li>\n")
	}
	var flag string
	if p.LatestFlag != "" {
		flag = m.T("area.figure.incomplete", "flag", p.LatestFlag)
	}
	if p.LatestMissing {
		item(figureLine(m, "area.figure.latest-missing", p.LatestFigure, "month", p.Latest), flag, p.LatestUnmapped)
	} else {
		item(figureLine(m, "area.figure.latest", p.LatestFigure, "n", p.LatestTotal, "month", p.Latest), flag, p.LatestUnmapped)
	}
	key := "area.figure.year"
	args := []any{"n", p.YearTotal, "range", p.YearRange}
	if p.YearMissing > 0 {
		key = "area.figure.year-missing"
		args = append(args, "missing", p.YearMissing)
	}
	item(figureLine(m, key, p.YearFigure, args...), "", p.YearUnmapped)
	if p.Rate != "" {
		key := "area.figure.rate-lsoas"
		if p.RateFromDetails {
			key = "area.figure.rate-details"
		}
		item(figureLine(m, key, p.Rate, "people", p.RatePeople), "", "")
	}
	if p.Change.Text != "" {
		item(figureLine(m, "area.figure.change", p.Change.Text), "", "")
	}
	return b.html()
}

package pages

import (
	"cmp"
	"html/template"
	"slices"

	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// HomePage is the front page.
type HomePage struct {
	Page
	Latest, YearRange                string
	LatestTotal, YearTotal, Unmapped uint32
	// LatestUnmapped and YearUnmapped follow the totals (unmappedText).
	LatestUnmapped, YearUnmapped string
	// Incomplete lists each force's incomplete months of the 12.
	Incomplete    []IncompleteNote
	MissingForces *MissingForces
	Table         Table
	Forces        []AreaLink
	// Neighbourhoods counts the neighbourhoods with a page; Postcodes is
	// true when the postcode-district pages exist.
	Neighbourhoods int
	Postcodes      bool
}

// MissingForces names the forces with no data for the latest month.
type MissingForces struct {
	Month  string
	Forces []string
}

func homePage(in *Input) HomePage {
	st, a := in.Store, in.Agg
	w := latestWindow(st)
	li := a.Index(w.latest)
	p := HomePage{Page: newPage(in, "index.html", "home"), Latest: in.month(w.latest), YearRange: in.yearRange(w)}
	p.Description = in.t("home.description", "month", p.Latest)
	p.Neighbourhoods, p.Postcodes = len(in.Index.Neighbourhoods), len(in.Districts) > 0
	latest := a.National.Crimes[li]
	year, _ := sumMonths(a, &a.National, w.from, w.latest, nil)
	p.LatestTotal, p.YearTotal, p.Unmapped = latest.Total(), year.Total(), a.National.Unmapped[li]
	var yearUnmapped uint32
	for m := w.from; m <= w.latest; m++ {
		if i := a.Index(m); i >= 0 {
			yearUnmapped += a.National.Unmapped[i]
		}
	}
	p.LatestUnmapped = in.unmappedText(p.Unmapped, p.LatestTotal)
	p.YearUnmapped = in.unmappedText(yearUnmapped, p.YearTotal)
	p.Table = in.categoryTable(in.t("home.table.categories"), w, latest, year, false, "")
	for f := range st.Forces {
		force := &st.Forces[f]
		name := in.msgs().Force(force.Slug, force.Name)
		fy, _ := sumMonths(a, &a.Forces[f], w.from, w.latest, a.Have[f])
		if !a.Have[f][li] {
			if p.MissingForces == nil {
				p.MissingForces = &MissingForces{Month: p.Latest}
			}
			p.MissingForces.Forces = append(p.MissingForces.Forces, name)
		}
		p.Forces = append(p.Forces, AreaLink{Name: name, Href: ForcePath(force.Slug),
			Latest: a.Forces[f].Crimes[li].Total(), LatestMissing: !a.Have[f][li], Year: fy.Total(),
			LatestFlag: in.monthFlag(a.Status[f][li].Status)})
		for _, n := range in.incompleteNotes(store.ForceID(f), w.from, w.latest) {
			n.Force = name
			p.Incomplete = append(p.Incomplete, n)
		}
	}
	return p
}

func emptyHome(in *Input) HomePage {
	p := HomePage{Page: newPage(in, "index.html", "home"), Latest: in.t("home.empty.month"), YearRange: in.t("home.empty.range"),
		Table: Table{Msgs: in.msgs(), Caption: in.t("home.empty.table")}}
	return p
}

// FigureItems are the country's headline figures as list items, each a
// sentence in the page's language with its figure printed large.
func (p HomePage) FigureItems() template.HTML {
	m := p.in.msgs()
	var b markup
	item := func(line template.HTML, unmapped string) {
		b.raw("<li>")
		b.raw(string(line))
		if unmapped != "" {
			b.text(", " + unmapped)
		}
		b.raw("</li>\n")
	}
	item(figureLine(m, "home.figure.latest", num(p.LatestTotal), "n", p.LatestTotal, "month", p.Latest), p.LatestUnmapped)
	item(figureLine(m, "home.figure.year", num(p.YearTotal), "range", p.YearRange), p.YearUnmapped)
	item(figureLine(m, "home.figure.areas", num(p.Neighbourhoods), "n", p.Neighbourhoods,
		"forces", m.T("home.count.forces", "n", len(p.Forces))), "")
	return b.html()
}

// ListPage lists links in groups, for the lists of forces and the A–Z
// pages.
type ListPage struct {
	Page
	Title, Intro string
	// Letters, when set, links the list's letters; Pager, when set, the
	// pages of a list too long for one page.
	Letters, Pager *Nav
	Groups         []Group
}

// Group is a heading with links under it; ID is the heading's id.
type Group struct {
	Heading, ID string
	Links       []AreaLink
}

func forceList(in *Input) ListPage {
	p := ListPage{Page: newPage(in, "forces/index.html", "forces"), Title: in.t("list.forces.title")}
	p.Breadcrumbs = []Link{p.homeCrumb()}
	g := Group{}
	for _, f := range in.Store.Forces {
		g.Links = append(g.Links, AreaLink{Name: in.msgs().Force(f.Slug, f.Name), Href: f.Slug + "/"})
	}
	slices.SortFunc(g.Links, func(a, b AreaLink) int { return cmp.Compare(a.Name, b.Name) })
	p.Groups = []Group{g}
	return p
}

// ReportPage is the data quality page.
type ReportPage struct {
	Page
	Files, Rows, Excluded, Warnings, PerReason int
	Counts                                     []validate.Count
	Examples                                   []validate.Problem
	// Translations are the catalogue's gaps: messages a language lacks.
	Translations []string
}

func reportPage(in *Input) ReportPage {
	p := ReportPage{Page: newPage(in, "data/build-report/index.html", "data"),
		Files: in.Files, Rows: in.Rows, Excluded: in.Excluded,
		Warnings: in.Report.Total(validate.Warning), Counts: in.Report.Counts(),
		Examples: in.Report.Examples(), PerReason: validate.ExamplesPerReason}
	for _, gap := range in.Catalogue.Problems() {
		p.Translations = append(p.Translations, gap.Error())
	}
	p.Breadcrumbs = []Link{p.homeCrumb()}
	return p
}

// sortRows orders rows by count, most first, then by name.
func sortRows[T any](rows []T, key func(T) (uint32, string)) {
	slices.SortFunc(rows, func(a, b T) int {
		an, as := key(a)
		bn, bs := key(b)
		return cmp.Or(cmp.Compare(bn, an), cmp.Compare(as, bs))
	})
}

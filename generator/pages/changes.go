package pages

import (
	"strconv"

	"github.com/crimemap/crimemap/generator/changes"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
)

// ChangesListed is the most individual changes a force's changes page
// lists: a row is about 450 bytes with its 64-digit Crime ID, so 200 keep
// the page well under the 200 KB every page must stay below. The CSV has
// them all.
const ChangesListed = 200

// ChangesPairsListed bounds the table of outcome updates the same way;
// there are about 30 outcomes, so real data stays far below it.
const ChangesPairsListed = 150

// ChangesPage is a force's page of what changed since the last build.
type ChangesPage struct {
	Page
	Name        string
	NotCompared string
	// Reissued is how many of the force's months were re-issued.
	Reissued                 int
	Added, Removed, Outcomes int
	New                      string
	Months                   *Table
	Pairs                    []ChangePair
	PairsMore                int
	Crimes                   []ChangeRow
	Total                    int
	CSVHref                  string
}

// ChangePair is a row of the table of outcome updates.
type ChangePair struct {
	From, To, Count string
}

// ChangeRow is one change as the page lists it.
type ChangeRow struct {
	Month, ID, Change, Category, Previous, Outcome string
}

// changesDir is the folder of a force's changes page: forces/<force>/changes/,
// or, should a neighbourhood of the force have that slug, the first of
// changes-since-last-build, changes-since-last-build-2, ... that none has.
func changesDir(in *Input, f store.ForceID) string {
	taken := map[string]bool{}
	for _, nb := range in.Index.ByForce[f] {
		taken[in.Index.Neighbourhoods[nb].Slug] = true
	}
	seg := "changes"
	for i := 1; taken[seg]; i++ {
		seg = "changes-since-last-build"
		if i > 1 {
			seg += "-" + strconv.Itoa(i)
		}
	}
	return ForcePath(in.Store.Forces[f].Slug) + seg + "/"
}

// changesLink links a force's page to its changes page, in the
// language's folder, from a page whose link to the site root is root
// (Page.Root); "" without one.
func changesLink(in *Input, root string, f store.ForceID) string {
	if in.Changes == nil {
		return ""
	}
	return root + in.loc.prefix + changesDir(in, f)
}

// outcomeText names an outcome, or says there is none.
func outcomeText(in *Input, o crime.Outcome) string {
	if o == crime.NoOutcome {
		return in.t("changes.outcome.none")
	}
	return in.msgs().Outcome(o)
}

// reasonText gives a reason the changes package gave in the page's
// language; a reason the catalogue does not have is shown as it is.
func reasonText(in *Input, reason string) string {
	if key := changes.Messages[reason]; key != "" {
		return in.t(key)
	}
	return reason
}

func changesPage(in *Input, f store.ForceID) *ChangesPage {
	force := &in.Store.Forces[f]
	name := in.msgs().Force(force.Slug, force.Name)
	p := &ChangesPage{Page: newPage(in, changesDir(in, f)+"index.html", "forces"), Name: name}
	if in.Changes.NotCompared != "" {
		p.NotCompared = reasonText(in, in.Changes.NotCompared)
	}
	p.Description = in.t("changes.description", "force", name)
	p.Breadcrumbs = []Link{p.homeCrumb(), {Text: in.t("nav.forces"), Href: p.Home + "forces/"},
		{Text: name, Href: p.Home + ForcePath(force.Slug)}}
	p.CSVHref = p.Root + changes.CSVPath(force.Slug)
	if p.NotCompared != "" || int(f) >= len(in.Changes.Forces) {
		return p
	}
	fc := &in.Changes.Forces[f]
	p.Reissued, p.Added, p.Removed, p.Outcomes = len(fc.Months), fc.Added, fc.Removed, fc.Outcomes
	for i, m := range fc.New {
		if i > 0 {
			p.New += ", "
		}
		p.New += in.msgs().Month(m)
	}
	if len(fc.Months) > 0 {
		t := &Table{Msgs: in.msgs(), Caption: in.t("changes.months.caption", "force", name), RowHeading: in.t("changes.col.month"),
			Columns: []string{in.t("changes.col.added"), in.t("changes.col.removed"), in.t("changes.col.outcomes"),
				in.t("changes.col.no-id-before"), in.t("changes.col.no-id-now")}}
		for _, m := range fc.Months {
			r := Row{Name: in.msgs().Month(m.Month)}
			if m.Unavailable != "" {
				t.NoteHeading = in.t("changes.col.note")
				r.Note = in.t("changes.not-compared", "reason", reasonText(in, m.Unavailable))
				for range t.Columns {
					r.Cells = append(r.Cells, Cell{Text: "–"})
				}
			} else {
				for _, v := range []int{m.Added, m.Removed, m.Outcomes, m.NoIDBefore, m.NoIDNow} {
					r.Cells = append(r.Cells, Cell{Text: num(v)})
				}
			}
			t.Rows = append(t.Rows, r)
		}
		p.Months = t
	}
	for i, pr := range fc.Pairs {
		if i == ChangesPairsListed {
			p.PairsMore = len(fc.Pairs) - i
			break
		}
		p.Pairs = append(p.Pairs, ChangePair{From: outcomeText(in, pr.From), To: outcomeText(in, pr.To), Count: num(pr.Count)})
	}
	p.Total = len(fc.Changes)
	words := [...]string{changes.Added: in.t("changes.kind.added"), changes.Removed: in.t("changes.kind.removed"),
		changes.OutcomeUpdate: in.t("changes.kind.outcome")}
	for i := range fc.Changes[:min(len(fc.Changes), ChangesListed)] {
		c := &fc.Changes[i]
		row := ChangeRow{Month: in.msgs().Month(c.Month), ID: c.IDText(), Change: words[c.Kind], Category: in.msgs().Category(c.Category),
			Previous: outcomeText(in, c.Previous), Outcome: outcomeText(in, c.Outcome)}
		switch c.Kind {
		case changes.Added:
			row.Previous = "–"
		case changes.Removed:
			row.Outcome = "–"
		}
		p.Crimes = append(p.Crimes, row)
	}
	return p
}

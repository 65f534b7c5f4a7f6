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

// changesLink links a force's page to its changes page; "" without one.
func changesLink(in *Input, root string, f store.ForceID) string {
	if in.Changes == nil {
		return ""
	}
	return root + changesDir(in, f)
}

// outcomeText names an outcome, or says there is none.
func outcomeText(o crime.Outcome) string {
	if o == crime.NoOutcome {
		return "none"
	}
	return o.String()
}

func changesPage(in *Input, f store.ForceID) *ChangesPage {
	force := &in.Store.Forces[f]
	p := &ChangesPage{Page: newPage(in, changesDir(in, f)+"index.html", "forces"), Name: force.Name,
		NotCompared: in.Changes.NotCompared}
	p.Description = "What changed in " + force.Name + "'s earlier months since the last build: crimes added and removed and outcomes updated."
	p.Breadcrumbs = []Link{p.homeCrumb(), {Text: in.t("nav.forces"), Href: p.Home + "forces/"},
		{Text: force.Name, Href: p.Root + ForcePath(force.Slug)}}
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
		p.New += m.Long()
	}
	if len(fc.Months) > 0 {
		t := &Table{Caption: "Changes by re-issued month, " + force.Name, RowHeading: "Month",
			Columns: []string{"Crimes added", "Crimes removed", "Outcome updates", "Rows without a Crime ID before", "Rows without a Crime ID now"}}
		for _, m := range fc.Months {
			r := Row{Name: m.Month.Long()}
			if m.Unavailable != "" {
				t.NoteHeading = "Note"
				r.Note = "Not compared: " + m.Unavailable + "."
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
		p.Pairs = append(p.Pairs, ChangePair{From: outcomeText(pr.From), To: outcomeText(pr.To), Count: num(pr.Count)})
	}
	p.Total = len(fc.Changes)
	for i := range fc.Changes[:min(len(fc.Changes), ChangesListed)] {
		c := &fc.Changes[i]
		row := ChangeRow{Month: c.Month.Long(), ID: c.IDText(), Change: changeWords[c.Kind], Category: c.Category.String(),
			Previous: outcomeText(c.Previous), Outcome: outcomeText(c.Outcome)}
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

var changeWords = [...]string{changes.Added: "added", changes.Removed: "removed", changes.OutcomeUpdate: "outcome updated"}

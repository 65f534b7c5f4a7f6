package pages

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/store"
)

// MapPage is the interactive map.
type MapPage struct {
	Page
	Months     []MapMonth
	Categories []crime.CategoryInfo
	Boundaries string // the boundaries archive, from the root; "" for none
	// Catchments is the catchments archive, from the root; "" for none.
	// CatchmentsBoxed names the forces whose catchments stop at a box.
	Catchments      string
	CatchmentsBoxed string
	Worker          string // MapLibre's worker script
	Style           string // a basemap style URL, or "" for the offline style
	// Basemap is the street basemap archive, from the root, and
	// BasemapAttribution its credit; "" for none.
	Basemap, BasemapAttribution string
	// MonthTable has each month's crimes, those not on the map and which
	// forces' figures are incomplete: what the selector's flags refer to.
	MonthTable Table
}

// MapMonth is a month the map can show.
type MapMonth struct {
	// Name is the month in words; Label adds whether it is incomplete.
	Month, Name, Label, URL string
	Selected                bool
	// Gaps lists, as JSON, the forces whose month is missing or far
	// below usual, with the sentence that says so: the map hatches and
	// labels their areas, so a quiet area is never mistaken for no crime.
	Gaps string
	// Unmapped is the sentence on the crimes of the month the map cannot
	// show, so the map's total in view reconciles with the pages' totals.
	Unmapped string
}

// mapGap is a force whose month the map cannot show in full: Force is the
// force's id in the boundaries archive.
type mapGap struct {
	Force string `json:"force"`
	Text  string `json:"text"`
}

func gap(slug, name string, m crime.Month, s aggregate.Status) mapGap {
	text := name + " did not publish " + m.Long()
	if s&aggregate.Missing == 0 {
		text = name + " published only part of " + m.Long() + ": far fewer crimes than usual"
	}
	return mapGap{Force: slug, Text: text}
}

func mapPage(in *Input) MapPage {
	p := MapPage{Page: newPage(in, "map/index.html", "map"), Boundaries: in.Boundaries, Style: in.MapStyle, Catchments: in.Catchments,
		Basemap: in.Basemap, BasemapAttribution: in.BasemapAttribution}
	p.FullWidth = true
	if n := len(in.CatchmentsBoxed); n > 0 {
		p.CatchmentsBoxed = strings.Join(in.CatchmentsBoxed, ", ")
	}
	p.Description = "A map of street-level crime and stop and search, month by month."
	p.Scripts = []string{"map.js"}
	p.Styles = []string{"map.css"}
	p.MonthTable = Table{Caption: "Crimes each month, all forces, and those not on the map", RowHeading: "Month",
		Columns: []string{"Crimes", "No location, not on the map", "Share"}, NoteHeading: "Incomplete figures"}
	a := in.Agg
	for i := len(in.MapMonths) - 1; i >= 0; i-- {
		m := in.MapMonths[i]
		label := m.Long()
		var notes []string
		var gaps []mapGap
		for f := range in.Store.Forces {
			ms := a.StatusOf(store.ForceID(f), m)
			if ms.Started && ms.Status != aggregate.Complete {
				notes = append(notes, in.Store.Forces[f].Name+": "+ms.Status.Label())
			}
			if ms.Started && !ms.Status.CountsComplete() {
				gaps = append(gaps, gap(in.Store.Forces[f].Slug, in.Store.Forces[f].Name, m, ms.Status))
			}
		}
		// The option's text itself carries the flag, so every reader,
		// and every screen reader reading the list, meets it.
		if n := len(notes); n == 1 {
			label += " (incomplete for 1 force)"
		} else if n > 1 {
			label += fmt.Sprintf(" (incomplete for %d forces)", n)
		}
		mm := MapMonth{Month: m.String(), Name: m.Long(), Label: label, URL: in.Tiles(m), Selected: i == len(in.MapMonths)-1, Gaps: "[]"}
		// Marshalling strings cannot fail.
		if b, err := json.Marshal(gaps); err == nil && len(gaps) > 0 {
			mm.Gaps = string(b)
		}
		if j := a.Index(m); j >= 0 {
			total, un := a.National.Crimes[j].Total(), a.National.Unmapped[j]
			mm.Unmapped = fmt.Sprintf("Not on the map: %s of the %s %s in %s (%s) %s no location.",
				format.Count(int64(un)), format.Count(int64(total)), plural(total, "crime", "crimes"), m.Long(), percent(un, total), plural(un, "has", "have"))
			note := "none"
			if len(notes) > 0 {
				note = strings.Join(notes, "; ")
			}
			p.MonthTable.Rows = append(p.MonthTable.Rows, Row{Name: m.Long(),
				Cells: []Cell{count(total, false), count(un, false), {Text: percent(un, total)}}, Note: note})
		}
		p.Months = append(p.Months, mm)
	}
	for _, c := range crime.Categories() {
		if !c.Info().Retired {
			p.Categories = append(p.Categories, c.Info())
		}
	}
	if w, ok := in.Assets["worker.js"]; ok {
		p.Worker = p.Root + w
	}
	return p
}

// mapLink links an area's page to the map centred on the area.
func mapLink(root string, c [3]float64) string {
	if c == [3]float64{} {
		return ""
	}
	return fmt.Sprintf("%smap/#z=%.2f&ll=%.5f,%.5f", root, c[2], c[0], c[1])
}

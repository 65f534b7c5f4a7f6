package pages

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/i18n"
	"github.com/crimemap/crimemap/generator/store"
)

// MapPage is the interactive map. Its words are the language's "map.*"
// messages (content/messages/<lang>/map.json), those the template prints
// through T and those written here; its scripts' words are "js.map.*",
// which the page carries for them.
type MapPage struct {
	Page
	Months     []MapMonth
	Categories []MapCategory
	Boundaries string // the boundaries archive, from the root; "" for none
	// Catchments is the catchments archive, from the root; "" for none.
	// CatchmentsHint says what the catchments layer shows, naming the
	// forces whose catchments stop at a box.
	Catchments     string
	CatchmentsHint string
	Worker         string // MapLibre's worker script
	Style          string // a basemap style URL, or "" for the offline style
	// Basemap is the street basemap archive, from the root, and
	// BasemapAttribution its credit; "" for none.
	Basemap, BasemapAttribution string
	// Names is, as JSON, the names of every category and outcome in the
	// page's language by the slugs and codes the archives use
	// ({"categories": {...}, "outcomes": {...}}): the archives' own names
	// are English, and the scripts show these instead.
	Names string
	// MonthTable has each month's crimes, those not on the map and which
	// forces' figures are incomplete: what the selector's flags refer to.
	MonthTable Table
	// The sentences with a link in them, each one message with its link
	// in place ({link}), so a language orders the sentence its own way.
	Intro, MonthHint, InViewLink, NoJSForces, NoJSData template.HTML
}

// MapCategory is a crime type the map can show.
type MapCategory struct {
	Slug, Name string
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

func gap(in *Input, slug, name, month string, s aggregate.Status) mapGap {
	key := "map.gap.low"
	if s&aggregate.Missing != 0 {
		key = "map.gap.missing"
	}
	return mapGap{Force: slug, Text: in.t(key, "force", name, "month", month)}
}

func mapPage(in *Input) MapPage {
	msgs := in.msgs()
	p := MapPage{Page: newPage(in, "map/index.html", "map"), Boundaries: in.Boundaries, Style: in.MapStyle, Catchments: in.Catchments,
		Basemap: in.Basemap, BasemapAttribution: in.BasemapAttribution}
	p.FullWidth = true
	p.CatchmentsHint = in.t("map.layer.catchments-hint")
	if len(in.CatchmentsBoxed) > 0 {
		names := make([]string, len(in.CatchmentsBoxed))
		for i, name := range in.CatchmentsBoxed {
			names[i] = forceName(in, name)
		}
		p.CatchmentsHint = in.t("map.layer.catchments-hint-boxed", "forces", strings.Join(names, ", "))
	}
	p.Description = in.t("map.description")
	p.Scripts = []string{"map.js"}
	p.Styles = []string{"map.css"}
	home := p.Home
	p.Intro = linked(in, "map.intro", "link", home+"faq/", "map.intro-link")
	p.MonthHint = linked(in, "map.month-hint", "link", "#months", "map.month-hint-link")
	p.InViewLink = linked(in, "map.in-view-sentence", "link", "#in-view", "map.in-view-link")
	p.NoJSForces = linked(in, "map.nojs.forces", "link", home+"forces/", "map.nojs.forces-link")
	p.NoJSData = linked(in, "map.nojs.data", "link", home+"data/", "map.nojs.data-link")
	p.MonthTable = Table{Msgs: msgs, Caption: in.t("map.table.caption"), RowHeading: in.t("map.table.month"),
		Columns: []string{in.t("map.table.crimes"), in.t("map.table.unmapped"), in.t("map.table.share")}, NoteHeading: in.t("map.table.notes")}
	a := in.Agg
	for i := len(in.MapMonths) - 1; i >= 0; i-- {
		m := in.MapMonths[i]
		name := msgs.Month(m)
		var notes []string
		var gaps []mapGap
		for f := range in.Store.Forces {
			ms := a.StatusOf(store.ForceID(f), m)
			force := msgs.Force(in.Store.Forces[f].Slug, in.Store.Forces[f].Name)
			if ms.Started && ms.Status != aggregate.Complete {
				notes = append(notes, in.t("map.month-note", "force", force, "status", in.statusLabel(ms.Status)))
			}
			if ms.Started && !ms.Status.CountsComplete() {
				gaps = append(gaps, gap(in, in.Store.Forces[f].Slug, force, name, ms.Status))
			}
		}
		// The option's text itself carries the flag, so every reader,
		// and every screen reader reading the list, meets it.
		label := name
		if len(notes) > 0 {
			label = in.t("map.month-option", "month", name, "n", len(notes))
		}
		mm := MapMonth{Month: m.String(), Name: name, Label: label, URL: in.Tiles(m), Selected: i == len(in.MapMonths)-1, Gaps: "[]"}
		// Marshalling strings cannot fail.
		if b, err := json.Marshal(gaps); err == nil && len(gaps) > 0 {
			mm.Gaps = string(b)
		}
		if j := a.Index(m); j >= 0 {
			total, un := a.National.Crimes[j].Total(), a.National.Unmapped[j]
			mm.Unmapped = in.t("map.unmapped", "n", un, "crimes", in.t("count.crimes", "n", total), "month", name, "share", percent(un, total))
			note := in.t("map.month-note-none")
			if len(notes) > 0 {
				note = strings.Join(notes, "; ")
			}
			p.MonthTable.Rows = append(p.MonthTable.Rows, Row{Name: name,
				Cells: []Cell{count(total, false), count(un, false), {Text: percent(un, total)}}, Note: note})
		}
		p.Months = append(p.Months, mm)
	}
	for _, c := range crime.Categories() {
		if !c.Info().Retired {
			p.Categories = append(p.Categories, MapCategory{Slug: c.Slug(), Name: msgs.Category(c)})
		}
	}
	p.Names = mapNames(msgs)
	if w, ok := in.Assets["worker.js"]; ok {
		p.Worker = p.Root + w
	}
	return p
}

// forceName is a force, named by the data, in the page's language.
func forceName(in *Input, name string) string {
	for _, f := range in.Store.Forces {
		if f.Name == name {
			return in.msgs().Force(f.Slug, name)
		}
	}
	return name
}

// mapNames writes the names of every category, retired ones included
// (an old month's archive has them), and every outcome, as the map's
// scripts read them.
func mapNames(msgs *i18n.Messages) string {
	names := struct {
		Categories map[string]string `json:"categories"`
		Outcomes   map[string]string `json:"outcomes"`
	}{map[string]string{}, map[string]string{}}
	for _, c := range crime.Categories() {
		names.Categories[c.Slug()] = msgs.Category(c)
	}
	for _, o := range crime.Outcomes()[1:] {
		names.Outcomes[o.Info().Code] = msgs.Outcome(o)
	}
	b, err := json.Marshal(names) // maps of strings: it cannot fail, and its keys are sorted
	if err != nil {
		return "{}"
	}
	return string(b)
}

// linked is message key as HTML, its placeholder name a link to href
// whose text is message text: the message and the link's text escaped,
// the link's markup the only markup. Each placeholder stands in as a
// private-use character, which no message holds and escaping leaves as
// it is, so it is found again after the message is filled and escaped.
func linked(in *Input, key, name, href, text string) template.HTML {
	const mark = "\uE000"
	s := template.HTMLEscapeString(in.t(key, name, mark))
	a := `<a class="govuk-link" href="` + template.HTMLEscapeString(href) + `">` + template.HTMLEscapeString(in.t(text)) + `</a>`
	return template.HTML(strings.ReplaceAll(s, mark, a)) //nolint:gosec // every part escaped above
}

// mapLink links an area's page to the map centred on the area; home is
// the page's Home, so a Welsh page links to the Welsh map.
func mapLink(home string, c [3]float64) string {
	if c == [3]float64{} {
		return ""
	}
	return fmt.Sprintf("%smap/#z=%.2f&ll=%.5f,%.5f", home, c[2], c[0], c[1])
}

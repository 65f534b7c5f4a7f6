package pages

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/charts"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/downloads"
	"github.com/crimemap/crimemap/generator/population"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
)

// TrendMonths is how many months the trend chart shows.
const TrendMonths = 36

// Rates are withheld below these, where a small count or population makes a
// rate swing wildly.
const (
	MinRateCrimes     = 10
	MinRatePopulation = 1000
)

// AreaLink is a row linking to an area.
type AreaLink struct {
	Name, Href    string
	Note          string
	Latest, Year  uint32
	LatestMissing bool
	// LatestFlag marks a published but incomplete latest month.
	LatestFlag string
}

// AreaPage is a force's or a neighbourhood's page.
type AreaPage struct {
	Page
	Name, Kind string
	// ForceName is the area's force, which the wording of its page
	// names; FromLSOA marks a neighbourhood made of census areas (LSOAs)
	// for want of the force's boundaries.
	ForceName              string
	FromLSOA               bool
	Latest, YearRange      string
	LatestMissing, IsForce bool
	LatestTotal, YearTotal uint32
	// LatestFigure and YearFigure are the totals as the page prints them.
	LatestFigure, YearFigure string
	// YearMissing counts the months of the 12 not published.
	YearMissing int
	// Rate is the rate per 1,000 residents, and RatePeople the residents
	// it is of, from the neighbourhood details when RateFromDetails, else
	// from the LSOAs' census figures; or RateWithheld says why there is
	// none (see rateFigures), and RatePeople holds the residents when
	// they are too few.
	Rate, RatePeople     string
	RateFromDetails      bool
	RateWithheld         string
	Unmapped, Unassigned uint32
	// LatestUnmapped and YearUnmapped follow the force's totals (see
	// unmappedText); ForceUnmapped is, on a neighbourhood's page, how many
	// of its force's crimes no neighbourhood can hold, for want of a
	// location.
	LatestUnmapped, YearUnmapped, ForceUnmapped string
	// LatestFlag marks a published but incomplete latest month.
	LatestFlag string
	// Incomplete are the force's incomplete months in the trend's range.
	Incomplete []IncompleteNote
	Change     change
	// NoOutcomes are the months of the 12 with no outcomes yet.
	NoOutcomes    []string
	EthnicTable   *Table
	EthnicNote    string
	Missing       []string
	CategoryChart template.HTML
	Table         Table
	TrendChart    template.HTML
	TrendTable    Table
	OutcomeChart  template.HTML
	OutcomeTable  Table
	StopTotal     uint32
	StopFigure    string // StopTotal as the page prints it
	StopsNoun     string // StopTotal as "1 stop", "12 stops"
	StopTables    []Table
	// AreaMap is the static map of the area, "" when it has neither
	// boundary nor places; Places are its dots, the rows of the table
	// under it, each linking the map there (PlaceLinks, "" without one).
	AreaMap    template.HTML
	Places     []aggregate.Place
	PlaceLinks []string
	// BriefLink is the area's one-page printable brief.
	BriefLink      string
	Team           *Team
	Neighbourhoods []AreaLink
	// NeighbourhoodList is set, in place of Neighbourhoods, for a force
	// whose table of neighbourhoods would be over ForceTableBudget,
	// listed on a page of their own.
	NeighbourhoodList *NeighbourhoodList
	MapLink           string
	// DownloadsLink is a force's downloads page.
	DownloadsLink string
	// ChangesLink is a force's page of what changed since the last build.
	ChangesLink string
	// SnapPoints is how many snap points a neighbourhood has; -1 when
	// unknown.
	SnapPoints int
	// SnapPointsText is a neighbourhood's SnapPoints in words, "12 snap
	// points", or "" for a force or when unknown.
	SnapPointsText string
	// Downloads are a neighbourhood's files, with links to its force's
	// downloads page and the checksums of every file.
	Downloads *AreaDownloads
}

// NeighbourhoodList links a force's page to its A–Z of neighbourhoods.
type NeighbourhoodList struct {
	Count   string // "1,365 neighbourhoods"
	Href    string
	Letters *Nav
}

// AreaDownloads are a neighbourhood's files as its page lists them.
type AreaDownloads struct {
	Files               []downloads.FileRow
	ForceHref, SumsHref string
	ForceName           string
}

// forcePage builds a force's page.
func forcePage(in *Input, f store.ForceID) *AreaPage {
	st, a := in.Store, in.Agg
	force := &st.Forces[f]
	w := latestWindow(st)
	var groups *reference.EthnicCounts
	if e := in.Ethnicity; e != nil && e.ForceKnown[f] {
		groups = &e.Forces[f]
	}
	p := areaPage(in, f, ForcePath(force.Slug)+"index.html", force.Name, "Police force", &a.Forces[f],
		in.Population.Forces[f], in.Population.ForceSource[f], groups)
	p.IsForce = true
	p.Breadcrumbs = []Link{p.homeCrumb(), {Text: in.t("nav.forces"), Href: p.Home + "forces/"}}
	for m := w.from; m <= w.latest; m++ {
		if i := a.Index(m); i >= 0 && a.Have[f][i] {
			p.Unmapped += a.Forces[f].Unmapped[i]
		}
	}
	p.YearUnmapped = unmappedText(p.Unmapped, p.YearTotal)
	if !p.LatestMissing {
		p.LatestUnmapped = unmappedText(a.Forces[f].Unmapped[a.Index(w.latest)], p.LatestTotal)
	}
	var inNbhds uint32
	li := a.Index(w.latest)
	nbs := in.Index.ByForce[f]
	fl := makeForceList(in, f)
	for _, nb := range nbs {
		n := &in.Index.Neighbourhoods[nb]
		na := &a.Neighbourhoods[nb]
		year, _ := sumMonths(a, na, w.from, w.latest, a.Have[f])
		inNbhds += year.Total()
		if fl == nil {
			p.Neighbourhoods = append(p.Neighbourhoods, AreaLink{Name: n.Name, Href: n.Slug + "/",
				Latest: na.Crimes[li].Total(), Year: year.Total(), LatestFlag: p.LatestFlag})
		}
	}
	if fl != nil {
		p.NeighbourhoodList = &NeighbourhoodList{Count: countNoun(len(nbs), "neighbourhood"),
			Href: p.Root + fl.dir, Letters: fl.nav(p.Root)}
	}
	if len(nbs) > 0 {
		p.Unassigned = p.YearTotal - inNbhds
	}
	p.JSONLD = datasetJSON(in, p, force.Name, force.Name)
	p.AreaMap = areaMap(in, f, -1, force.Name, p.Places, p.Latest)
	p.DownloadsLink = downloadsLink(in, p.Root, force.Slug)
	p.ChangesLink = changesLink(in, p.Root, f)
	if len(in.MapMonths) > 0 && f < store.ForceID(len(in.ForceCentres)) {
		p.MapLink = mapLink(p.Root, in.ForceCentres[f])
	}
	return p
}

// neighbourhoodPage builds a neighbourhood's page.
func neighbourhoodPage(in *Input, f store.ForceID, nb int32) *AreaPage {
	st, a := in.Store, in.Agg
	force := &st.Forces[f]
	n := &in.Index.Neighbourhoods[nb]
	var groups *reference.EthnicCounts
	if e := in.Ethnicity; e != nil && e.NbhdKnown[nb] {
		groups = &e.Neighbourhoods[nb]
	}
	p := areaPage(in, f, NeighbourhoodPath(force.Slug, n.Slug)+"index.html", n.Name, "Neighbourhood in "+force.Name,
		&a.Neighbourhoods[nb], in.Population.Neighbourhoods[nb], in.Population.NbhdSource[nb], groups)
	w := latestWindow(st)
	var unmapped uint32
	for m := w.from; m <= w.latest; m++ {
		if i := a.Index(m); i >= 0 && a.Have[f][i] {
			unmapped += a.Forces[f].Unmapped[i]
		}
	}
	p.ForceUnmapped = num(unmapped)
	p.Breadcrumbs = []Link{p.homeCrumb(), {Text: in.t("nav.forces"), Href: p.Home + "forces/"}, {Text: force.Name, Href: "../"}}
	p.FromLSOA = n.FromLSOA
	if d := in.Details[force.Slug+"/"+n.ID]; d != nil {
		p.Team = team(d)
	}
	p.JSONLD = datasetJSON(in, p, n.Name+", "+force.Name, force.Name)
	p.AreaMap = areaMap(in, f, nb, n.Name, p.Places, p.Latest)
	p.Downloads = areaDownloads(in, p.Root, force, n.Slug)
	p.SnapPoints = -1
	if int(nb) < len(in.NbhdSnaps) {
		p.SnapPoints = in.NbhdSnaps[nb]
	}
	if p.SnapPoints >= 0 {
		p.SnapPointsText = num(p.SnapPoints) + " snap point"
		if p.SnapPoints != 1 {
			p.SnapPointsText += "s"
		}
	}
	if len(in.MapMonths) > 0 && int(nb) < len(in.NbhdCentres) {
		p.MapLink = mapLink(p.Root, in.NbhdCentres[nb])
	}
	return p
}

func latestWindow(st *store.Store) window {
	return window{latest: st.Last, from: st.Last.Add(-11)}
}

// areaPage builds what force and neighbourhood pages share.
func areaPage(in *Input, f store.ForceID, pagePath, name, kind string, ar *aggregate.Area, people int, source population.Source, groups *reference.EthnicCounts) *AreaPage {
	st, a := in.Store, in.Agg
	have := a.Have[f]
	w := latestWindow(st)
	li := a.Index(w.latest)
	p := &AreaPage{Page: newPage(in, pagePath, "forces"), Name: name, Kind: kind, ForceName: in.Store.Forces[f].Name,
		Latest: w.latest.Long(), YearRange: w.yearRange(), LatestMissing: !have[li],
		LatestFlag: monthFlag(a.Status[f][li].Status)}
	p.Description = fmt.Sprintf("Street-level crime in %s: %s and the 12 months to it, by category, month, outcome and stop and search.",
		name, w.latest.Long())
	p.Feed = &Feed{Title: "New crime figures for " + name, Href: "feed.xml"}
	latest := ar.Crimes[li]
	year, ymiss := sumMonths(a, ar, w.from, w.latest, have)
	p.LatestTotal, p.YearTotal = latest.Total(), year.Total()
	p.LatestFigure, p.YearFigure = num(p.LatestTotal), num(p.YearTotal)
	if p.LatestMissing {
		p.LatestFigure = "–"
	}
	p.YearMissing = ymiss
	for i, h := range have {
		if !h && a.Month(i) >= firstMonth(have, a) {
			p.Missing = append(p.Missing, a.Month(i).Long())
		}
	}
	force := &in.Store.Forces[f]
	rateFigures(p, force, year.Total(), people, source, ymiss, !a.CountsComplete(f, w.from, w.latest))
	p.Change = yearChange(a, f, ar, have, w)
	p.Incomplete = incompleteNotes(a, f, w.latest.Add(1-TrendMonths), w.latest)

	p.Table = categoryTable("Crimes by category, "+name, w, latest, year, p.LatestMissing, p.LatestFlag)
	var bars []charts.Bar
	for _, c := range crime.Categories() {
		if !c.Info().Retired || year[c] > 0 {
			bars = append(bars, charts.Bar{Label: c.String(), Value: float64(year[c])})
		}
	}
	p.CategoryChart = charts.Bars{ID: "categories", Title: "Crimes by category in the 12 months " + w.yearRange(), Bars: bars}.SVG()

	p.TrendChart, p.TrendTable = trend(a, ar, f, w, name)
	p.OutcomeChart, p.OutcomeTable = outcomes(ar, a, w, have, name)
	for m := w.from; m <= w.latest; m++ {
		if a.StatusOf(f, m).Status&aggregate.NoOutcomes != 0 {
			p.NoOutcomes = append(p.NoOutcomes, m.Long())
		}
	}
	p.StopTotal, p.StopTables = stops(in, ar, w, name)
	p.StopFigure = num(p.StopTotal)
	p.StopsNoun = countNoun(int(p.StopTotal), "stop")
	if p.StopTotal > 0 {
		t, note := ethnicStops(in, ar, w, name, groups)
		p.EthnicTable, p.EthnicNote = &t, note
	}
	p.Places = ar.Places
	if len(in.MapMonths) > 0 {
		for _, pl := range p.Places {
			p.PlaceLinks = append(p.PlaceLinks, mapLink(p.Root, [3]float64{pl.Lon, pl.Lat, 16}))
		}
	}
	p.BriefLink = "brief/"
	p.Styles = append(p.Styles, "area.css")
	p.Scripts = append(p.Scripts, "area.js")
	return p
}

// firstMonth is the first month an area's force has data, so months before
// its record starts are not called missing.
func firstMonth(have []bool, a *aggregate.Aggregates) crime.Month {
	for i, h := range have {
		if h {
			return a.Month(i)
		}
	}
	return a.Month(len(have))
}

// rateFigures sets the rate per 1,000 residents, or why there is none:
// RateWithheld names the first reason that applies, and area.html words
// it.
func rateFigures(p *AreaPage, force *store.Force, crimes uint32, people int, source population.Source, missing int, incomplete bool) {
	switch {
	case !force.Territorial():
		// Its crimes are counted where they were reported, a station's
		// LSOA: the people living there are not whom it polices.
		p.RateWithheld = "railway"
	case people == 0:
		p.RateWithheld = "no-population"
	case people < MinRatePopulation:
		p.RateWithheld, p.RatePeople = "few-residents", num(people)
	case crimes < MinRateCrimes:
		p.RateWithheld = "few-crimes"
	case missing > 0:
		p.RateWithheld = "months-missing"
	case incomplete:
		p.RateWithheld = "month-low"
	default:
		p.Rate = oneDecimal(1000 * float64(crimes) / float64(people))
		p.RatePeople, p.RateFromDetails = num(people), source == population.FromDetails
	}
}

// trend draws the monthly totals for the last TrendMonths months, with
// missing months as gaps, and the table with the same numbers.
func trend(a *aggregate.Aggregates, ar *aggregate.Area, f store.ForceID, w window, name string) (template.HTML, Table) {
	return trendOf(a, ar, f, w, name, TrendMonths, "trend")
}

// trendOf is trend over the last months months, as the chart id.
func trendOf(a *aggregate.Aggregates, ar *aggregate.Area, f store.ForceID, w window, name string, months int, id string) (template.HTML, Table) {
	have := a.Have[f]
	from := w.latest.Add(1 - months)
	if from < a.First {
		from = a.First
	}
	start := firstMonth(have, a)
	if from < start {
		from = start
	}
	t := Table{Caption: "Crimes each month, " + name, RowHeading: "Month", Columns: []string{"Crimes"}, NoteHeading: "Completeness"}
	n := max(int(w.latest-from)+1, 0)
	pts := make([]charts.Point, 0, n)
	t.Rows = make([]Row, 0, n)
	cells := make([]Cell, n) // one for each row, in one allocation
	for m := from; m <= w.latest; m++ {
		i := a.Index(m)
		missing := !have[i]
		v := ar.Crimes[i].Total()
		st := a.Status[f][i].Status
		flag := monthFlag(st)
		pts = append(pts, charts.Point{Label: shortMonth(m), Value: float64(v), Missing: missing, Flag: flag})
		k := len(t.Rows)
		cells[k] = count(v, missing)
		cells[k].Flag = flag
		note := "complete"
		if st != aggregate.Complete {
			note = "incomplete: " + st.Label()
		}
		t.Rows = append(t.Rows, Row{Name: longMonth(m), Cells: cells[k : k+1 : k+1], Note: note})
	}
	return charts.Trend{ID: id, Title: "Crimes each month from " + from.Long() + " to " + w.latest.Long(),
		YLabel: "Crimes", Points: pts}.SVG(), t
}

// shortMonth labels a month on a chart: "Jan 2025".
func shortMonth(m crime.Month) string {
	if l, ok := monthLabel(m); ok {
		return l.short
	}
	return time.Month(m.Num()).String()[:3] + " " + strconv.Itoa(m.Year())
}

// longMonth is m.Long().
func longMonth(m crime.Month) string {
	if l, ok := monthLabel(m); ok {
		return l.long
	}
	return m.Long()
}

// monthLabels are every month's labels, made once: each area page names
// three dozen months in its trend, the same months on every page.
var monthLabels = sync.OnceValue(func() []struct{ short, long string } {
	ls := make([]struct{ short, long string }, crime.Latest-crime.Earliest+1)
	for i := range ls {
		m := crime.Earliest.Add(i)
		ls[i].short = time.Month(m.Num()).String()[:3] + " " + strconv.Itoa(m.Year())
		ls[i].long = m.Long()
	}
	return ls
})

func monthLabel(m crime.Month) (struct{ short, long string }, bool) {
	if m < crime.Earliest || m > crime.Latest {
		return struct{ short, long string }{}, false
	}
	return monthLabels()[m-crime.Earliest], true
}

// outcomes groups the latest outcomes of the 12 months' crimes.
func outcomes(ar *aggregate.Area, a *aggregate.Aggregates, w window, have []bool, name string) (template.HTML, Table) {
	var groups [crime.NumOutcomeGroups]uint32
	var total uint32
	no := crime.NumOutcomes
	for m := w.from; m <= w.latest; m++ {
		i := a.Index(m)
		if i < 0 || !have[i] {
			continue
		}
		for o := range no {
			n := ar.LastOutcome[i*no+o]
			groups[crime.Outcome(o).Info().Group] += n
			total += n
		}
	}
	t := Table{Caption: "Latest outcomes, 12 months " + w.yearRange() + ", " + name, Columns: []string{"Crimes", "Share"}}
	var bars []charts.Bar
	for g := range crime.NumOutcomeGroups {
		n := groups[g]
		t.Rows = append(t.Rows, Row{Name: g.String(), Cells: []Cell{count(n, false), {Text: percent(n, total)}}})
		bars = append(bars, charts.Bar{Label: g.String(), Value: float64(n)})
	}
	t.Totals = []Cell{count(total, false), {Text: percent(total, total)}}
	return charts.Bars{ID: "outcomes", Title: "Latest outcomes of crimes in the 12 months " + w.yearRange(), Bars: bars}.SVG(), t
}

// stopFields are the stop-and-search breakdowns pages show.
var stopFields = []store.StopField{store.StopObject, store.StopOutcome, store.StopAge, store.StopGender, store.StopOfficerEthnicity}

// stops tabulates 12 months of stop and search by each field.
func stops(in *Input, ar *aggregate.Area, w window, name string) (uint32, []Table) {
	a := in.Agg
	var total uint32
	for m := w.from; m <= w.latest; m++ {
		if i := a.Index(m); i >= 0 {
			total += ar.Stops[i]
		}
	}
	if total == 0 {
		return 0, nil
	}
	var tables []Table
	for _, f := range stopFields {
		t := Table{Caption: "Stop and search by " + strings.ToLower(f.String()) + ", " + name, Columns: []string{"Stops", "Share"}}
		type row struct {
			name string
			n    uint32
		}
		var rows []row
		for v, by := range ar.StopBy[f] {
			var n uint32
			for m := w.from; m <= w.latest; m++ {
				if i := a.Index(m); i >= 0 {
					n += by[i]
				}
			}
			if n > 0 {
				rows = append(rows, row{in.Store.StopValues.Str(v), n})
			}
		}
		sortRows(rows, func(r row) (uint32, string) { return r.n, r.name })
		for _, r := range rows {
			t.Rows = append(t.Rows, Row{Name: r.name, Cells: []Cell{count(r.n, false), {Text: percent(r.n, total)}}})
		}
		t.Totals = []Cell{count(total, false), {Text: "100.0%"}}
		tables = append(tables, t)
	}
	return total, tables
}

// Team is what a neighbourhood's details say about its police team.
type Team struct {
	Description template.HTML
	People      []Person
	Priorities  []Priority
	Events      []Event
	Contacts    []Contact
}

// Person is a member of a neighbourhood team.
type Person struct {
	Name, Rank string
	Bio        template.HTML
}

// Priority is an issue the team is working on.
type Priority struct {
	Issue, Action         template.HTML
	IssueDate, ActionDate string
}

// Event is a meeting or surgery.
type Event struct {
	Title, When, Address string
	Description          template.HTML
}

// Contact is one way to reach the team.
type Contact struct {
	Label, Text string
	// Href is checked here, scheme by scheme, so it is a template.URL:
	// html/template would otherwise write its "#ZgotmplZ" for tel:, a
	// scheme it does not know to be safe.
	Href     template.URL
	External bool
}

func team(d *reference.Details) *Team {
	t := &Team{Description: sanitise(d.Description)}
	for _, p := range d.People {
		t.People = append(t.People, Person{Name: p.Name, Rank: p.Rank, Bio: sanitise(p.Bio)})
	}
	for _, p := range d.Priorities {
		t.Priorities = append(t.Priorities, Priority{Issue: sanitise(p.Issue), Action: sanitise(p.Action),
			IssueDate: dateOnly(p.IssueDate), ActionDate: dateOnly(p.ActionDate)})
	}
	for _, e := range d.Events {
		when := dateOnly(e.StartDate)
		if t, err := time.Parse("2006-01-02T15:04:05", e.StartDate); err == nil {
			when = t.Format("Monday 2 January 2006, 3:04pm")
		}
		t.Events = append(t.Events, Event{Title: e.Title, When: when, Address: e.Address, Description: sanitise(e.Description)})
	}
	t.Contacts = contacts(d.ContactDetails)
	if t.Description == "" && len(t.People)+len(t.Priorities)+len(t.Events)+len(t.Contacts) == 0 {
		return nil
	}
	return t
}

func dateOnly(s string) string {
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t.Format("2 January 2006")
		}
	}
	return s
}

// contactLabels orders and names the contact details pages show.
var contactLabels = []struct{ key, label string }{
	{"telephone", "Telephone"}, {"mobile", "Mobile"}, {"email", "Email"}, {"web", "Website"},
	{"address", "Address"}, {"facebook", "Facebook"}, {"twitter", "X (Twitter)"}, {"youtube", "YouTube"},
}

func contacts(c reference.Contacts) []Contact {
	var out []Contact
	for _, l := range contactLabels {
		v := strings.TrimSpace(c[l.key])
		if v == "" {
			continue
		}
		ct := Contact{Label: l.label, Text: v}
		switch {
		case l.key == "email" && strings.Contains(v, "@") && !strings.ContainsAny(v, " <>\"'"):
			ct.Href = template.URL("mailto:" + v) //nolint:gosec // mailto: and an address without spaces, quotes or brackets
		case l.key == "telephone" || l.key == "mobile":
			if n := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' || r == '+' {
					return r
				}
				return -1
			}, v); n != "" {
				ct.Href = template.URL("tel:" + n) //nolint:gosec // tel: and digits only
			}
		case strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "http://"):
			// The template still normalises the address (quotes and
			// spaces are %-encoded); the scheme is what is vouched for.
			ct.Href, ct.External = template.URL(v), true //nolint:gosec // http or https only
		}
		out = append(out, ct)
	}
	return out
}

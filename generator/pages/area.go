package pages

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
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
	// they are too few. Residents is RatePeople as a number, for the
	// plural of the words after it.
	Rate, RatePeople     string
	Residents            int
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
	// SnapPointsText is what a neighbourhood's SnapPoints are, a sentence,
	// or "" for a force or when unknown.
	SnapPointsText string
	// Downloads are a neighbourhood's files, with links to its force's
	// downloads page and the checksums of every file.
	Downloads *AreaDownloads
}

// NeighbourhoodList links a force's page to its A–Z of neighbourhoods.
type NeighbourhoodList struct {
	Count   int // how many neighbourhoods
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
	name := in.msgs().Force(force.Slug, force.Name)
	p := areaPage(in, f, ForcePath(force.Slug)+"index.html", name, in.t("area.kind.force"), &a.Forces[f],
		in.Population.Forces[f], in.Population.ForceSource[f], groups)
	p.IsForce = true
	p.Breadcrumbs = []Link{p.homeCrumb(), {Text: in.t("nav.forces"), Href: p.Home + "forces/"}}
	for m := w.from; m <= w.latest; m++ {
		if i := a.Index(m); i >= 0 && a.Have[f][i] {
			p.Unmapped += a.Forces[f].Unmapped[i]
		}
	}
	p.YearUnmapped = in.unmappedText(p.Unmapped, p.YearTotal)
	if !p.LatestMissing {
		p.LatestUnmapped = in.unmappedText(a.Forces[f].Unmapped[a.Index(w.latest)], p.LatestTotal)
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
		p.NeighbourhoodList = &NeighbourhoodList{Count: len(nbs), Href: p.Home + fl.dir, Letters: fl.nav(in, p.Home)}
	}
	if len(nbs) > 0 {
		p.Unassigned = p.YearTotal - inNbhds
	}
	p.JSONLD = datasetJSON(in, p, name, name)
	p.AreaMap = areaMap(in, f, -1, name, p.Places, p.Latest)
	// The downloads, changes and map pages are pages, in every language.
	p.DownloadsLink = downloadsLink(in, p.Root, force.Slug)
	p.ChangesLink = changesLink(in, p.Root, f)
	if len(in.MapMonths) > 0 && f < store.ForceID(len(in.ForceCentres)) {
		p.MapLink = mapLink(p.Home, in.ForceCentres[f])
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
	forceName := in.msgs().Force(force.Slug, force.Name)
	p := areaPage(in, f, NeighbourhoodPath(force.Slug, n.Slug)+"index.html", n.Name, in.t("area.kind.neighbourhood", "force", forceName),
		&a.Neighbourhoods[nb], in.Population.Neighbourhoods[nb], in.Population.NbhdSource[nb], groups)
	w := latestWindow(st)
	var unmapped uint32
	for m := w.from; m <= w.latest; m++ {
		if i := a.Index(m); i >= 0 && a.Have[f][i] {
			unmapped += a.Forces[f].Unmapped[i]
		}
	}
	p.ForceUnmapped = num(unmapped)
	p.Breadcrumbs = []Link{p.homeCrumb(), {Text: in.t("nav.forces"), Href: p.Home + "forces/"}, {Text: forceName, Href: "../"}}
	p.FromLSOA = n.FromLSOA
	if d := in.Details[force.Slug+"/"+n.ID]; d != nil {
		p.Team = in.team(d)
	}
	p.JSONLD = datasetJSON(in, p, n.Name+", "+forceName, forceName)
	p.AreaMap = areaMap(in, f, nb, n.Name, p.Places, p.Latest)
	p.Downloads = areaDownloads(in, p.Root, force, n.Slug)
	if p.Downloads != nil {
		// The files are once for every language, from the root; the
		// force's downloads page is a page, in the page's language.
		p.Downloads.ForceHref = p.Home + downloads.ForceDir(force.Slug)
		p.Downloads.ForceName = forceName
	}
	p.SnapPoints = -1
	if int(nb) < len(in.NbhdSnaps) {
		p.SnapPoints = in.NbhdSnaps[nb]
	}
	if p.SnapPoints >= 0 {
		p.SnapPointsText = in.t("area.snap-points", "n", p.SnapPoints)
	}
	if len(in.MapMonths) > 0 && int(nb) < len(in.NbhdCentres) {
		p.MapLink = mapLink(p.Home, in.NbhdCentres[nb])
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
	force := &in.Store.Forces[f]
	p := &AreaPage{Page: newPage(in, pagePath, "forces"), Name: name, Kind: kind, ForceName: in.msgs().Force(force.Slug, force.Name),
		Latest: in.month(w.latest), YearRange: in.yearRange(w), LatestMissing: !have[li],
		LatestFlag: in.monthFlag(a.Status[f][li].Status)}
	p.Description = in.t("area.description", "area", name, "month", p.Latest)
	p.Feed = &Feed{Title: in.t("area.feed-title", "area", name), Href: "feed.xml"}
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
			p.Missing = append(p.Missing, in.month(a.Month(i)))
		}
	}
	rateFigures(p, force, year.Total(), people, source, ymiss, !a.CountsComplete(f, w.from, w.latest))
	p.Change = in.yearChange(f, ar, have, w)
	p.Incomplete = in.incompleteNotes(f, w.latest.Add(1-TrendMonths), w.latest)

	p.Table = in.categoryTable(in.t("area.table.categories", "area", name), w, latest, year, p.LatestMissing, p.LatestFlag)
	var bars []charts.Bar
	for _, c := range crime.Categories() {
		if !c.Info().Retired || year[c] > 0 {
			bars = append(bars, charts.Bar{Label: in.msgs().Category(c), Value: float64(year[c])})
		}
	}
	p.CategoryChart = charts.Bars{Text: in.msgs(), ID: "categories", Title: in.t("area.chart.categories", "range", p.YearRange), Bars: bars}.SVG()

	p.TrendChart, p.TrendTable = in.trendOf(a, ar, f, w, name, TrendMonths, "trend")
	p.OutcomeChart, p.OutcomeTable = in.outcomes(ar, a, w, have, name)
	for m := w.from; m <= w.latest; m++ {
		if a.StatusOf(f, m).Status&aggregate.NoOutcomes != 0 {
			p.NoOutcomes = append(p.NoOutcomes, in.month(m))
		}
	}
	p.StopTotal, p.StopTables = in.stops(ar, w, name)
	p.StopFigure = num(p.StopTotal)
	p.StopsNoun = in.t("area.count.stops", "n", p.StopTotal)
	if p.StopTotal > 0 {
		t, note := ethnicStops(in, ar, w, name, groups)
		p.EthnicTable, p.EthnicNote = &t, note
	}
	p.Places = ar.Places
	if len(in.MapMonths) > 0 {
		for _, pl := range p.Places {
			p.PlaceLinks = append(p.PlaceLinks, mapLink(p.Home, [3]float64{pl.Lon, pl.Lat, 16}))
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
		p.RateWithheld, p.RatePeople, p.Residents = "few-residents", num(people), people
	case crimes < MinRateCrimes:
		p.RateWithheld = "few-crimes"
	case missing > 0:
		p.RateWithheld = "months-missing"
	case incomplete:
		p.RateWithheld = "month-low"
	default:
		p.Rate = oneDecimal(1000 * float64(crimes) / float64(people))
		p.RatePeople, p.Residents, p.RateFromDetails = num(people), people, source == population.FromDetails
	}
}

// trendOf draws an area's monthly totals for the last months months (or
// from its force's first), with missing months as gaps, as the chart id,
// and the table with the same numbers.
func (in *Input) trendOf(a *aggregate.Aggregates, ar *aggregate.Area, f store.ForceID, w window, name string, months int, id string) (template.HTML, Table) {
	have := a.Have[f]
	from := w.latest.Add(1 - months)
	if from < a.First {
		from = a.First
	}
	start := firstMonth(have, a)
	if from < start {
		from = start
	}
	crimes := in.t("area.col.crimes")
	t := Table{Msgs: in.msgs(), Caption: in.t("area.trend.caption", "area", name), RowHeading: in.t("area.col.month"),
		Columns: []string{crimes}, NoteHeading: in.t("area.col.completeness")}
	complete := in.t("area.trend.complete")
	n := max(int(w.latest-from)+1, 0)
	pts := make([]charts.Point, 0, n)
	t.Rows = make([]Row, 0, n)
	cells := make([]Cell, n) // one for each row, in one allocation
	for m := from; m <= w.latest; m++ {
		i := a.Index(m)
		missing := !have[i]
		v := ar.Crimes[i].Total()
		st := a.Status[f][i].Status
		flag := in.monthFlag(st)
		pts = append(pts, charts.Point{Label: in.shortMonth(m), Value: float64(v), Missing: missing, Flag: flag})
		k := len(t.Rows)
		cells[k] = count(v, missing)
		cells[k].Flag = flag
		note := complete
		if st != aggregate.Complete {
			note = in.t("area.trend.incomplete", "reasons", in.statusLabel(st))
		}
		t.Rows = append(t.Rows, Row{Name: in.month(m), Cells: cells[k : k+1 : k+1], Note: note})
	}
	title := in.t("area.trend.title", "from", in.month(from), "to", in.month(w.latest))
	return charts.Trend{Text: in.msgs(), ID: id, Title: title, YLabel: crimes, Points: pts}.SVG(), t
}

// outcomes groups the latest outcomes of the 12 months' crimes.
func (in *Input) outcomes(ar *aggregate.Area, a *aggregate.Aggregates, w window, have []bool, name string) (template.HTML, Table) {
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
	yr := in.yearRange(w)
	t := Table{Msgs: in.msgs(), Caption: in.t("area.outcomes.caption", "range", yr, "area", name),
		Columns: []string{in.t("area.col.crimes"), in.t("area.col.share")}}
	var bars []charts.Bar
	for g := range crime.NumOutcomeGroups {
		n := groups[g]
		label := in.msgs().OutcomeGroup(g)
		t.Rows = append(t.Rows, Row{Name: label, Cells: []Cell{count(n, false), {Text: percent(n, total)}}})
		bars = append(bars, charts.Bar{Label: label, Value: float64(n)})
	}
	t.Totals = []Cell{count(total, false), {Text: percent(total, total)}}
	return charts.Bars{Text: in.msgs(), ID: "outcomes", Title: in.t("area.outcomes.title", "range", yr), Bars: bars}.SVG(), t
}

// stopFields are the stop-and-search breakdowns pages show.
var stopFields = []store.StopField{store.StopObject, store.StopOutcome, store.StopAge, store.StopGender, store.StopOfficerEthnicity}

// stops tabulates 12 months of stop and search by each field.
func (in *Input) stops(ar *aggregate.Area, w window, name string) (uint32, []Table) {
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
	msgs := in.msgs()
	cols := []string{in.t("area.col.stops"), in.t("area.col.share")}
	var tables []Table
	for _, f := range stopFields {
		t := Table{Msgs: msgs, Caption: in.t("area.stops.caption", "field", strings.ToLower(msgs.StopField(f)), "area", name), Columns: cols}
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
				rows = append(rows, row{msgs.StopValue(f, in.Store.StopValues.Str(v)), n})
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
	// DataLang is Page.DataLang: the lang of the details' own text.
	DataLang    string
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

// Priority is an issue the team is working on, with its headings in the
// page's language: "Issue (raised 4 March 2025)", "Action".
type Priority struct {
	Issue, Action               template.HTML
	IssueHeading, ActionHeading string
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

// team is what the details say of a neighbourhood's team, with its
// labels and dates in the page's language; nil when they say nothing.
func (in *Input) team(d *reference.Details) *Team {
	t := &Team{DataLang: dataLang(in), Description: sanitise(d.Description)}
	for _, p := range d.People {
		t.People = append(t.People, Person{Name: p.Name, Rank: p.Rank, Bio: sanitise(p.Bio)})
	}
	for _, p := range d.Priorities {
		pr := Priority{Issue: sanitise(p.Issue), Action: sanitise(p.Action), IssueHeading: in.t("area.team.issue"),
			ActionHeading: in.t("area.team.action")}
		if date := in.dateOnly(p.IssueDate); date != "" {
			pr.IssueHeading = in.t("area.team.issue-raised", "date", date)
		}
		if date := in.dateOnly(p.ActionDate); date != "" {
			pr.ActionHeading = in.t("area.team.action-dated", "date", date)
		}
		t.Priorities = append(t.Priorities, pr)
	}
	for _, e := range d.Events {
		when := in.dateOnly(e.StartDate)
		if t, err := time.Parse("2006-01-02T15:04:05", e.StartDate); err == nil {
			when = in.eventTime(t)
		}
		t.Events = append(t.Events, Event{Title: e.Title, When: when, Address: e.Address, Description: sanitise(e.Description)})
	}
	t.Contacts = in.contacts(d.ContactDetails)
	if t.Description == "" && len(t.People)+len(t.Priorities)+len(t.Events)+len(t.Contacts) == 0 {
		return nil
	}
	return t
}

// dateOnly is the day of a timestamp for people, "4 March 2025", or s as
// it is when it is not a date.
func (in *Input) dateOnly(s string) string {
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return in.msgs().Date(t)
		}
	}
	return s
}

// eventTime is when an event starts, "Tuesday 6 May 2025, 6:30pm". The
// clock is a message of its own, so a language can write it its way.
func (in *Input) eventTime(t time.Time) string {
	h := t.Hour() % 12
	if h == 0 {
		h = 12
	}
	clock := "area.time.am"
	if t.Hour() >= 12 {
		clock = "area.time.pm"
	}
	return in.t("area.event.when", "weekday", in.t("area.weekday."+strconv.Itoa(int(t.Weekday()))),
		"date", in.msgs().Date(t), "time", in.t(clock, "hour", strconv.Itoa(h), "minute", fmt.Sprintf("%02d", t.Minute())))
}

// contactLabels orders and names the contact details pages show: by a
// message, or, for a service's name, as the service writes it.
var contactLabels = []struct{ key, msg, brand string }{
	{"telephone", "area.contact.telephone", ""}, {"mobile", "area.contact.mobile", ""}, {"email", "area.contact.email", ""},
	{"web", "area.contact.web", ""}, {"address", "area.contact.address", ""},
	{"facebook", "", "Facebook"}, {"twitter", "", "X (Twitter)"}, {"youtube", "", "YouTube"},
}

func (in *Input) contacts(c reference.Contacts) []Contact {
	var out []Contact
	for _, l := range contactLabels {
		v := strings.TrimSpace(c[l.key])
		if v == "" {
			continue
		}
		ct := Contact{Label: l.brand, Text: v}
		if l.msg != "" {
			ct.Label = in.t(l.msg)
		}
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

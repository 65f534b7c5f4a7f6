package pages

import (
	"html/template"
	"strconv"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/qrcode"
	"github.com/crimemap/crimemap/generator/store"
)

// BriefPage is an area's one-page brief to print: for a noticeboard, a
// newsletter or a meeting, with a QR code that opens the area's page.
type BriefPage struct {
	Page
	Name, Kind    string
	Latest        string
	LatestMissing bool
	// From and To are the first and last of the 12 months.
	From, To   string
	AreaMap    template.HTML
	Places     []aggregate.Place
	Table      Table // the latest month and 12 months by category
	TrendChart template.HTML
	TrendTable Table
	Team       *Team
	// AreaURL is the area page's public address, and QR the code's file
	// beside the brief; both "" when the site has no base URL, and
	// NoQR then says why there is no code.
	AreaURL, QR, NoQR string
}

// briefMonths is how many months the brief's trend shows: a year fits
// the page.
const briefMonths = 12

// briefSeg is the folder of an area's brief within the area's, for a
// force one that no neighbourhood's slug takes.
func briefSeg(in *Input, f store.ForceID, nb int32) string {
	if nb >= 0 {
		return "brief"
	}
	taken := map[string]bool{}
	for _, n := range in.Index.ByForce[f] {
		taken[in.Index.Neighbourhoods[n].Slug] = true
	}
	seg := "brief"
	for i := 1; taken[seg]; i++ {
		seg = "area-brief"
		if i > 1 {
			seg += "-" + strconv.Itoa(i)
		}
	}
	return seg
}

// briefs are the jobs writing every area's brief and its QR code.
func briefs(in *Input, out *output.Dir) []job {
	if in.Agg.Months == 0 {
		return nil
	}
	var jobs []job
	add := func(f store.ForceID, nb int32) {
		force := &in.Store.Forces[f]
		dir := ForcePath(force.Slug)
		if nb >= 0 {
			dir = NeighbourhoodPath(force.Slug, in.Index.Neighbourhoods[nb].Slug)
		}
		bdir := dir + briefSeg(in, f, nb) + "/"
		jobs = append(jobs, job{tmpl: "brief", path: bdir + "index.html", build: func() any { return briefPage(in, f, nb, dir, bdir) }})
		if u := in.Site.BaseURL; u != "" {
			jobs = append(jobs, job{path: bdir + "qr.svg", write: func() error {
				page := u + in.loc.prefix + dir
				svg, err := qrcode.SVG(page, in.t("brief.qr", "url", page))
				if err != nil {
					return err
				}
				return out.Write(in.loc.prefix+bdir+"qr.svg", svg)
			}})
		}
	}
	for f := range in.Store.Forces {
		add(store.ForceID(f), -1)
		for _, nb := range in.Index.ByForce[f] {
			add(store.ForceID(f), nb)
		}
	}
	return jobs
}

func briefPage(in *Input, f store.ForceID, nb int32, dir, bdir string) *BriefPage {
	st, a, msgs := in.Store, in.Agg, in.msgs()
	force := &st.Forces[f]
	w := latestWindow(st)
	li := a.Index(w.latest)
	forceName := msgs.Force(force.Slug, force.Name)
	name, kind, ar := forceName, in.t("brief.kind.force"), &a.Forces[f]
	var team0 *Team
	if nb >= 0 {
		n := &in.Index.Neighbourhoods[nb]
		name, kind, ar = n.Name, in.t("brief.kind.neighbourhood", "force", forceName), &a.Neighbourhoods[nb]
		if d := in.Details[force.Slug+"/"+n.ID]; d != nil {
			team0 = in.team(d)
		}
	}
	have := a.Have[f]
	p := &BriefPage{Team: team0, Page: newPage(in, bdir+"index.html", "forces"), Name: name, Kind: kind,
		Latest: msgs.Month(w.latest), From: msgs.Month(w.from), To: msgs.Month(w.latest), LatestMissing: !have[li], Places: ar.Places}
	p.Description = in.t("brief.description", "area", name)
	p.Breadcrumbs = []Link{p.homeCrumb(), {Text: name, Href: "../"}}
	p.Styles = []string{"area.css"}
	latest := ar.Crimes[li]
	year, _ := sumMonths(a, ar, w.from, w.latest, have)
	p.Table = in.categoryTable(in.t("brief.table.caption", "area", name), w, latest, year, p.LatestMissing, in.monthFlag(a.Status[f][li].Status))
	p.Table.Msgs = msgs
	p.TrendChart, p.TrendTable = in.trendOf(a, ar, f, w, name, briefMonths, "brief-trend")
	p.TrendTable.Msgs = msgs
	p.AreaMap = areaMap(in, f, nb, name, ar.Places, p.Latest)
	if u := in.Site.BaseURL; u != "" {
		p.AreaURL, p.QR = u+in.loc.prefix+dir, "qr.svg"
	} else {
		p.NoQR = in.t("brief.no-qr")
	}
	return p
}

// PlaceRows are the rows of the brief's table of places, numbered as its
// map numbers the dots; the brief is printed, so they link nowhere.
func (p *BriefPage) PlaceRows() template.HTML {
	return (&AreaPage{Places: p.Places}).PlaceRows()
}

// PeopleItems are the team's members, a line each, for the brief.
func (t *Team) PeopleItems() template.HTML {
	var m markup
	for _, p := range t.People {
		m.raw(`<li>`)
		m.text(p.Name)
		if p.Rank != "" {
			m.raw(`, `)
			m.text(p.Rank)
		}
		m.raw("</li>\n")
	}
	return m.html()
}

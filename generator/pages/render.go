package pages

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"runtime"
	"strings"
	"sync"

	"github.com/crimemap/crimemap/assets"
	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
	"github.com/crimemap/crimemap/templates"
)

// Input is what the pages are made from.
type Input struct {
	Site   SiteInfo
	Store  *store.Store
	Index  *index.Index
	Agg    *aggregate.Aggregates
	Report *validate.Report
	// Load figures for the data quality page.
	Files, Rows, Excluded int
}

// Stats says what was rendered.
type Stats struct {
	Pages int
}

type job struct {
	tmpl string
	data any
	path string
}

// Render writes every page into out.
func Render(in *Input, out *output.Dir) (Stats, error) {
	set, err := parse()
	if err != nil {
		return Stats{}, err
	}
	css, err := fs.ReadFile(assets.FS, "css/site.css")
	if err != nil {
		return Stats{}, fmt.Errorf("read stylesheet: %w", err)
	}
	if err := out.Write("assets/site.css", css); err != nil {
		return Stats{}, err
	}
	jobs := plan(in)

	// Templates are executed in parallel; each page is one file.
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	ch := make(chan job)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for j := range ch {
				buf.Reset()
				err := set[j.tmpl].ExecuteTemplate(&buf, "base", j.data)
				if err == nil {
					err = out.Write(j.path, buf.Bytes())
				}
				if err != nil {
					mu.Lock()
					if first == nil {
						first = fmt.Errorf("render %s: %w", j.path, err)
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	return Stats{Pages: len(jobs)}, first
}

var pageTemplates = []string{"home", "forces", "area", "report"}

func parse() (map[string]*template.Template, error) {
	funcs := template.FuncMap{"num": num}
	set := map[string]*template.Template{}
	for _, name := range pageTemplates {
		t, err := template.New(name).Funcs(funcs).ParseFS(templates.FS, "base.html", name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		set[name] = t
	}
	return set, nil
}

// newPage fills in what every page has, from its output path.
func newPage(in *Input, path, section string) Page {
	depth := strings.Count(path, "/")
	return Page{Site: &in.Site, Path: path, Root: strings.Repeat("../", depth), Section: section}
}

// ForcePath and NeighbourhoodPath are where area pages live.
func ForcePath(slug string) string { return "forces/" + slug + "/" }

// NeighbourhoodPath is the folder of a neighbourhood's page.
func NeighbourhoodPath(force, nb string) string { return "forces/" + force + "/" + nb + "/" }

// plan lists every page with its data.
func plan(in *Input) []job {
	st, a := in.Store, in.Agg
	var jobs []job
	if a.Months == 0 {
		jobs = append(jobs, job{"home", emptyHome(in), "index.html"})
		jobs = append(jobs, job{"report", reportPage(in), "data/build-report/index.html"})
		return jobs
	}
	w := window{latest: st.Last, from: st.Last.Add(-11)}
	li := a.Index(w.latest)

	home := HomePage{Page: newPage(in, "index.html", "home"), Latest: w.latest.Long(), YearRange: w.yearRange()}
	home.Description = "Street-level crime and anti-social behaviour by police force and neighbourhood, " + w.latest.Long() + "."
	latest := a.National.Crimes[li]
	year, _ := sumYear(a, &a.National, w, nil)
	home.LatestTotal, home.YearTotal, home.Unmapped = latest.Total(), year.Total(), a.National.Unmapped[li]
	home.Table = categoryTable("Crimes by category, all forces", w, latest, year, false)

	list := ForceList{Page: newPage(in, "forces/index.html", "forces")}
	list.Breadcrumbs = []Crumb{{"Home", list.Root}}
	for f := range st.Forces {
		force := &st.Forces[f]
		fa := &a.Forces[f]
		fyear, ymiss := sumYear(a, fa, w, a.Have[f])
		path := ForcePath(force.Slug)
		link := AreaLink{Name: force.Name, Latest: fa.Crimes[li].Total(), LatestMissing: !a.Have[f][li], Year: fyear.Total()}
		home.Forces = append(home.Forces, withHref(link, path))
		list.Forces = append(list.Forces, withHref(link, force.Slug+"/"))

		page := areaPage(in, path+"index.html", force.Name, "Police force", w, fa, a.Have[f], ymiss)
		page.IsForce = true
		page.Unmapped = fa.Unmapped[li]
		page.Breadcrumbs = []Crumb{{"Home", page.Root}, {"Forces", page.Root + "forces/"}}
		for _, m := range force.Missing {
			page.Missing = append(page.Missing, m.Long())
		}
		var inNbhds uint32
		for _, nb := range in.Index.ByForce[f] {
			n := &in.Index.Neighbourhoods[nb]
			na := &a.Neighbourhoods[nb]
			nyear, _ := sumYear(a, na, w, a.Have[f])
			inNbhds += nyear.Total()
			page.Neighbourhoods = append(page.Neighbourhoods, AreaLink{Name: n.Name, Href: n.Slug + "/",
				Latest: na.Crimes[li].Total(), Year: nyear.Total()})

			np := areaPage(in, NeighbourhoodPath(force.Slug, n.Slug)+"index.html", n.Name,
				"Neighbourhood in "+force.Name, w, na, a.Have[f], ymiss)
			np.Breadcrumbs = []Crumb{{"Home", np.Root}, {"Forces", np.Root + "forces/"}, {force.Name, "../"}}
			np.Missing = page.Missing
			jobs = append(jobs, job{"area", np, np.Path})
		}
		page.Unassigned = fyear.Total() - inNbhds
		jobs = append(jobs, job{"area", page, page.Path})
	}
	jobs = append(jobs, job{"home", home, "index.html"}, job{"forces", list, "forces/index.html"},
		job{"report", reportPage(in), "data/build-report/index.html"})
	return jobs
}

func withHref(l AreaLink, href string) AreaLink {
	l.Href = href
	return l
}

// areaPage builds the page of a force or neighbourhood.
func areaPage(in *Input, path, name, kind string, w window, ar *aggregate.Area, have []bool, yearMissing int) *AreaPage {
	a := in.Agg
	li := a.Index(w.latest)
	p := &AreaPage{Page: newPage(in, path, "forces"), Name: name, Kind: kind,
		Latest: w.latest.Long(), YearRange: w.yearRange(), LatestMissing: !have[li]}
	p.Description = fmt.Sprintf("Street-level crime in %s: %s and the 12 months to it, by category.", name, w.latest.Long())
	latest := ar.Crimes[li]
	year, _ := sumYear(a, ar, w, have)
	p.LatestTotal, p.YearTotal = latest.Total(), year.Total()
	if yearMissing > 0 {
		p.YearMissing = fmt.Sprintf("%d of the months", yearMissing)
	}
	p.Table = categoryTable("Crimes by category, "+name, w, latest, year, p.LatestMissing)
	p.Streets = ar.Streets
	return p
}

func emptyHome(in *Input) HomePage {
	return HomePage{Page: newPage(in, "index.html", "home"), Latest: "no month", YearRange: "(no data)",
		Table: CategoryTable{Caption: "No crime data was found in the input"}}
}

func reportPage(in *Input) ReportPage {
	p := ReportPage{Page: newPage(in, "data/build-report/index.html", "data"),
		Files: in.Files, Rows: in.Rows, Excluded: in.Excluded,
		Warnings: in.Report.Total(validate.Warning), Counts: in.Report.Counts(),
		Examples: in.Report.Examples(), PerReason: validate.ExamplesPerReason}
	p.Breadcrumbs = []Crumb{{"Home", p.Root}}
	return p
}

// HomePage is the front page.
type HomePage struct {
	Page
	Latest, YearRange                string
	LatestTotal, YearTotal, Unmapped uint32
	Table                            CategoryTable
	Forces                           []AreaLink
}

// ForceList lists the forces.
type ForceList struct {
	Page
	Forces []AreaLink
}

// AreaLink is a row linking to an area.
type AreaLink struct {
	Name, Href    string
	Latest, Year  uint32
	LatestMissing bool
}

// AreaPage is a force's or a neighbourhood's page.
type AreaPage struct {
	Page
	Name, Kind             string
	Latest, YearRange      string
	LatestMissing, IsForce bool
	LatestTotal, YearTotal uint32
	YearMissing            string
	Unmapped, Unassigned   uint32
	Missing                []string
	Table                  CategoryTable
	Streets                []aggregate.Street
	Neighbourhoods         []AreaLink
}

// ReportPage is the data quality page.
type ReportPage struct {
	Page
	Files, Rows, Excluded, Warnings, PerReason int
	Counts                                     []validate.Count
	Examples                                   []validate.Problem
}

package pages

import (
	"bytes"
	"fmt"
	"html/template"
	"runtime"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/basemap"
	"github.com/crimemap/crimemap/generator/bundle"
	"github.com/crimemap/crimemap/generator/changes"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/downloads"
	"github.com/crimemap/crimemap/generator/i18n"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/markdown"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/population"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/search"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
	"github.com/crimemap/crimemap/templates"
)

// Input is what the pages are made from.
type Input struct {
	Site       SiteInfo
	Store      *store.Store
	Index      *index.Index
	Agg        *aggregate.Aggregates
	Population *population.Figures
	// Ethnicity are residents by ethnic group, for stop-and-search rates
	// by group; nil without the reference file.
	Ethnicity *population.Ethnic
	Details   map[string]*reference.Details // by "force/id"
	Content   []*markdown.Page
	Assets    bundle.Manifest
	// MapMonths are the months with a tile archive, oldest first; Tiles
	// gives each its archive's path. Boundaries is the boundaries archive,
	// or "".
	MapMonths  []crime.Month
	Tiles      func(crime.Month) string
	Boundaries string
	// MapStyle is a MapLibre style URL for the basemap; "" draws the
	// offline style from our boundaries.
	MapStyle string
	// Basemap is the street basemap archive, from the root, and
	// BasemapAttribution its credit; "" for none.
	Basemap, BasemapAttribution string
	// Catchments is the catchments archive, or ""; CatchmentsBoxed names
	// the forces whose catchments stop at a box for want of a boundary.
	Catchments      string
	CatchmentsBoxed []string
	// NbhdSnaps counts each neighbourhood's snap points; nil for unknown.
	NbhdSnaps []int
	// Downloads are the data files, for the data pages and the links to
	// each area's files; nil for none.
	Downloads *downloads.Result
	// Centres place each neighbourhood and force on the map: longitude,
	// latitude and zoom (zero when unknown).
	NbhdCentres, ForceCentres [][3]float64
	Report                    *validate.Report
	// Load figures for the data quality page.
	Files, Rows, Excluded int
	// Changes are what changed since the last build, for a page per
	// force; nil for no such pages.
	Changes *changes.Result
	// Districts are the postcode districts and the neighbourhoods their
	// postcodes are in, for the pages that find an area by postcode
	// without JavaScript; nil for none.
	Districts []search.District
	// ForceShapes are the forces' boundaries by store.ForceID (nil or
	// empty for a force without one), for the area maps.
	ForceShapes []orb.MultiPolygon
	// BasemapFile is the street basemap on disk, whose main roads and
	// towns the area maps draw; "" for none.
	BasemapFile string
	// Catalogue has the site's messages in every language; nil loads the
	// embedded one. LangContent are the Markdown pages of a language
	// other than English, which Content holds.
	Catalogue   *i18n.Catalogue
	LangContent map[i18n.Lang][]*markdown.Page

	loc     *locale // the language being rendered, set by forLang
	chromes *chromes
	shapes  *shapes         // shared by every language
	basemap *basemap.Reader // BasemapFile, open while rendering
}

// Stats says what was rendered.
type Stats struct {
	Pages int
	Bytes int64
	URLs  []string // every page's path inside a language's folder, for the sitemap
	// Problems are the messages a language lacked, each shown in English
	// (or as its key) instead: the catalogue's gaps and those met while
	// rendering. The build reports them and fails on them in --strict.
	Problems []i18n.Problem
}

// job is one file to write. Its data is built by the worker that renders
// it, so the charts and tables of thousands of pages are made in parallel.
type job struct {
	tmpl  string
	path  string
	set   map[string]*template.Template // the language's templates
	build func() any
	// write, when set, writes a file that is not a page (a feed).
	write func() error
}

// Render writes every page in every language, the sitemap, robots.txt
// and the feeds into out: English at the root, each other language in its
// own folder ("cy/") with the same paths beneath it.
func Render(in *Input, out *output.Dir) (Stats, error) {
	if in.Catalogue == nil {
		cat, err := i18n.Load()
		if err != nil {
			return Stats{}, err
		}
		in.Catalogue = cat
	}
	if in.BasemapFile != "" {
		r, err := basemap.OpenReader(in.BasemapFile)
		if err != nil {
			return Stats{}, err
		}
		defer r.Close()
		in.basemap = r
		defer func() { in.basemap = nil }()
	}
	var (
		jobs  []job
		langs []*Input
		urls  []string
	)
	for _, l := range i18n.Langs() {
		msgs := in.Catalogue.For(l)
		set, err := parse(in.Assets, msgs)
		if err != nil {
			return Stats{}, err
		}
		lin := in.forLang(l, msgs, set)
		langs = append(langs, lin)
		js := plan(lin)
		js = append(js, feeds(lin, out)...)
		js = append(js, briefs(lin, out)...)
		for i := range js {
			if l == i18n.English && js[i].write == nil && js[i].path != notFoundPath {
				urls = append(urls, strings.TrimSuffix(js[i].path, "index.html"))
			}
			js[i].path = lin.loc.prefix + js[i].path
			js[i].set = set
		}
		jobs = append(jobs, js...)
	}

	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		bytes int64
	)
	ch := make(chan job)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytesBuffer
			for j := range ch {
				var err error
				n := 0
				if j.write != nil {
					err = j.write()
				} else {
					buf.Reset()
					err = j.set[j.tmpl].ExecuteTemplate(&buf, "base", j.build())
					if err == nil {
						err = out.Write(j.path, buf.Bytes())
					}
					n = buf.Len()
				}
				mu.Lock()
				bytes += int64(n)
				if err != nil && first == nil {
					first = fmt.Errorf("render %s: %w", j.path, err)
				}
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	if first != nil {
		return Stats{}, first
	}
	st := Stats{Bytes: bytes, URLs: urls}
	for _, j := range jobs {
		if j.write == nil {
			st.Pages++
		}
	}
	st.Problems = problems(in.Catalogue, langs)
	if err := furniture(in, out, st.URLs); err != nil {
		return st, err
	}
	return st, nil
}

// problems lists the catalogue's gaps, then the messages each language's
// pages asked for and lacked, once for each message and language: a
// message the catalogue already says a language lacks is not listed again
// for the lookups that met the gap.
func problems(cat *i18n.Catalogue, langs []*Input) []i18n.Problem {
	type msg struct {
		lang i18n.Lang
		key  string
	}
	out := cat.Problems()
	seen := map[msg]bool{}
	for _, p := range out {
		seen[msg{p.Lang, p.Key}] = true
	}
	for _, lin := range langs {
		for _, p := range lin.msgs().Problems() {
			if m := (msg{p.Lang, p.Key}); !seen[m] {
				seen[m] = true
				out = append(out, p)
			}
		}
	}
	return out
}

type bytesBuffer = bytes.Buffer

var pageTemplates = []string{"home", "forces", "area", "compare", "content", "report", "notfound", "map", "search", "data", "api", "changes", "brief"}

// parse parses every page template for one language: T gives its
// messages.
func parse(assets bundle.Manifest, msgs *i18n.Messages) (map[string]*template.Template, error) {
	// asset links a bundled file by its entry name, relative to a root.
	funcs := template.FuncMap{"num": num, "asset": assetFunc(assets), "T": msgs.T,
		"join": func(list []string) string { return strings.Join(list, ", ") }}
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

// newPage fills in what every page has, from its path inside its
// language's folder. Root leads to the site's root, where the assets,
// tiles, data files and API are, once for every language; Home leads to
// the language's own root, where its pages are.
func newPage(in *Input, p, section string) Page {
	full := in.loc.prefix + p
	root := strings.Repeat("../", strings.Count(full, "/"))
	pg := Page{
		Site: &in.Site, Path: full, Root: root, Home: root + in.loc.prefix,
		Chrome: in.chromes.get(in, root, section), Lang: language(in.loc.lang),
		Alternates: alternates(in, root, p), DataLang: dataLang(in), in: in,
	}
	if in.Site.BaseURL != "" && p != notFoundPath {
		pg.Canonical = in.Site.BaseURL + strings.TrimSuffix(full, "index.html")
	}
	return pg
}

// assetFunc resolves bundled files for one page's root.
func assetFunc(m bundle.Manifest) func(root, name string) (string, error) {
	return func(root, name string) (string, error) {
		p, ok := m[name]
		if !ok {
			return "", fmt.Errorf("no bundled file %q", name)
		}
		return root + p, nil
	}
}

// ForcePath is the folder of a force's page.
func ForcePath(slug string) string { return "forces/" + slug + "/" }

// NeighbourhoodPath is the folder of a neighbourhood's page.
func NeighbourhoodPath(force, nb string) string { return "forces/" + force + "/" + nb + "/" }

const notFoundPath = "404.html"

// plan lists every page.
func plan(in *Input) []job {
	var jobs []job
	add := func(tmpl, p string, build func() any) { jobs = append(jobs, job{tmpl: tmpl, path: p, build: build}) }
	add("report", "data/build-report/index.html", func() any { return reportPage(in) })
	add("notfound", notFoundPath, func() any { return notFound(in) })
	for _, c := range in.Content {
		add("content", c.Slug+"/index.html", func() any { return contentPage(in, c) })
	}
	if in.Agg.Months == 0 {
		add("home", "index.html", func() any { return emptyHome(in) })
		return jobs
	}
	add("home", "index.html", func() any { return homePage(in) })
	add("forces", "forces/index.html", func() any { return forceList(in) })
	// The A–Z is laid out once here, and each of its pages rendered by a
	// worker like any other.
	letters := letterGroups(in)
	add("forces", NeighbourhoodsDir+"index.html", func() any { return neighbourhoodIndex(in, letters) })
	for i, g := range letters {
		for k := range g.pages {
			add("forces", pageDir(NeighbourhoodsDir+g.slug+"/", k)+"index.html", func() any { return letterPage(in, letters, i, k) })
		}
	}
	add("compare", "compare/index.html", func() any { return comparePage(in) })
	add("search", "search/index.html", func() any { return searchPage(in, letters) })
	if areas := postcodeAreas(in.Districts); len(areas) > 0 {
		add("forces", PostcodesDir+"index.html", func() any { return postcodeIndex(in, areas) })
		for i, a := range areas {
			add("forces", PostcodesDir+a.slug()+"/index.html", func() any { return postcodeAreaPage(in, areas, i) })
		}
	}
	if in.Downloads != nil {
		for _, spec := range in.Downloads.Pages() {
			add(spec.Template, spec.Path, func() any { return downloadPage(in, spec) })
		}
	}
	if len(in.MapMonths) > 0 {
		add("map", "map/index.html", func() any { return mapPage(in) })
	}
	for f := range in.Store.Forces {
		force := &in.Store.Forces[f]
		add("area", ForcePath(force.Slug)+"index.html", func() any { return forcePage(in, store.ForceID(f)) })
		if in.Changes != nil {
			add("changes", changesDir(in, store.ForceID(f))+"index.html", func() any { return changesPage(in, store.ForceID(f)) })
		}
		if fl := makeForceList(in, store.ForceID(f)); fl != nil {
			for k := range fl.pages {
				add("forces", pageDir(fl.dir, k)+"index.html", func() any { return forceListPage(in, store.ForceID(f), fl, k) })
			}
		}
		for _, nb := range in.Index.ByForce[f] {
			n := &in.Index.Neighbourhoods[nb]
			add("area", NeighbourhoodPath(force.Slug, n.Slug)+"index.html", func() any {
				return neighbourhoodPage(in, store.ForceID(f), nb)
			})
		}
	}
	return jobs
}

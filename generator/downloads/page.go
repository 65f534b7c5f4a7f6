package downloads

import (
	"cmp"
	"encoding/json"
	"github.com/crimemap/crimemap/generator/format"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/crimemap/crimemap/generator/crime"
)

// The data pages are rendered by the pages package with its base layout
// and templates/data.html; this file gathers what they show. Every value
// is formatted here, so the template only prints.

// DataPagePath is the page listing the downloads.
const DataPagePath = "data/index.html"

// ForcePagePath is the page of a force's downloads. A neighbourhood's
// files are listed on the neighbourhood's own page, which the pages
// package makes, so that no force's page grows with its neighbourhoods:
// the force's page only links to them.
func ForcePagePath(force string) string { return ForceDir(force) + "index.html" }

// APIPagePath documents the API.
const APIPagePath = "api/index.html"

// BuildReportHref is the data quality report's page, from the site root.
const BuildReportHref = "data/build-report/"

// PageSpec is a page to render: with templates/data.html when Data is
// set, templates/api.html when API is.
type PageSpec struct {
	Path        string // output path, e.g. "data/index.html"
	Template    string // "data" or "api"
	Title       string
	Description string
	Data        *DataPage
	API         *APIPage
}

// DataPage is what templates/data.html shows.
type DataPage struct {
	Title, Description  string
	Licence, LicenceURL string
	// Force is set on a force's page.
	Force *AreaFiles
	// Archives are the month archives, newest first, then latest.zip.
	Archives FileTable
	// Areas are each force's files, on the main page.
	Areas []AreaFiles
	// Neighbourhoods are a force's neighbourhoods, on its page, by name.
	// Their files are on their own pages: the pages package, which knows
	// where those are, sets each Href, or else NeighbourhoodsHref to a
	// list of them, so that the page stays small for any number.
	Neighbourhoods     []NeighbourhoodLink
	NeighbourhoodsHref string
	// Sums, Manifest and Excluded are the checksums, the list of every
	// download and the list of lines left out.
	Sums, Manifest, Excluded FileRow
	Quality                  Quality
	Latest                   string // "December 2025"
	// Links to the API's documentation, the quality report and the
	// downloads page.
	APIHref, ReportHref, DataHref string
	// JSONLD is the schema.org Dataset for the page's head.
	JSONLD template.JS
}

// Every href on a data page is relative to the page, so the template
// needs nothing but the page's data.

// FileTable is a table of downloads with its caption.
type FileTable struct {
	Caption string
	Files   []FileRow
}

// FileRow is one download as the page lists it.
type FileRow struct {
	Title  string
	Href   string
	Format string
	Size   string // "41.2 MB"
	Rows   string // "1,234"; "" where rows mean nothing
	SHA256 string
}

// AreaFiles are one area's downloads.
type AreaFiles struct {
	Name  string
	Slug  string
	Href  string // the area's downloads page, where it has one
	Table FileTable
	// Missing is set when the force did not publish the latest month, so
	// there are no crimes files.
	Missing string
}

// NeighbourhoodLink links a force's downloads page to a neighbourhood's
// files.
type NeighbourhoodLink struct {
	Name, Slug string
	NB         int32 // the neighbourhood's number in the index
	Href       string
}

// Quality summarises what the archives leave out.
type Quality struct {
	KeptRows     string
	CutRecords   string // records cut from files kept
	CutFiles     int    // files with records cut
	WholeFiles   []WholeFile
	ByReason     []ReasonCount
	ExcludedHref string
}

// WholeFile is an input file left out of the archives whole.
type WholeFile struct{ Path, Reason string }

// ReasonCount is records cut for one reason.
type ReasonCount struct {
	Reason string
	Count  string
}

// Pages lists the pages to render: the downloads page, a page per force,
// and the API's documentation.
func (res *Result) Pages() []PageSpec {
	main := res.dataPage()
	out := []PageSpec{{Path: DataPagePath, Template: "data", Title: main.Title, Description: main.Description, Data: main}}
	for _, f := range res.forcePages() {
		out = append(out, PageSpec{Path: ForcePagePath(f.Force.Slug), Template: "data", Title: f.Title, Description: f.Description, Data: f})
	}
	api := res.APIPage()
	out = append(out, PageSpec{Path: APIPagePath, Template: "api", Title: api.Title, Description: api.Description, API: api})
	return out
}

// AreaDownloads returns an area's files (nb "" for the force's own), with
// hrefs from the site root, for a link from the area's page.
func (res *Result) AreaDownloads(force, nb string) []FileRow {
	return res.areaRows("", force, nb)
}

// indexAreas fills res.byArea once the downloads are known, so that the
// methods the pages call are safe for concurrent use.
func (res *Result) indexAreas() {
	res.byArea = map[[2]string][]Download{}
	for _, d := range res.Downloads {
		if d.Force != "" {
			k := [2]string{d.Force, d.Neighbourhood}
			res.byArea[k] = append(res.byArea[k], d)
		}
	}
}

func (res *Result) areaRows(page, force, nb string) []FileRow {
	var out []FileRow
	for _, d := range res.byArea[[2]string{force, nb}] {
		out = append(out, res.row(page, d))
	}
	return out
}

// relHref is target, a path from the site root, as a link from page,
// as short as it can be: "2025-01.zip" from data/index.html.
func relHref(page, target string) string {
	dir := strings.Split(page, "/")
	dir = dir[:len(dir)-1]
	to := strings.Split(target, "/")
	i := 0
	for i < len(dir) && i < len(to)-1 && dir[i] == to[i] {
		i++
	}
	rel := strings.Repeat("../", len(dir)-i) + strings.Join(to[i:], "/")
	if rel == "" {
		return "./"
	}
	return rel
}

func (res *Result) base(page, title, desc string) *DataPage {
	st := res.in.Store
	p := &DataPage{Title: title, Description: desc, Licence: Licence, LicenceURL: LicenceURL,
		APIHref: relHref(page, "api/"), ReportHref: relHref(page, BuildReportHref), DataHref: relHref(page, "data/")}
	if st.Last != 0 {
		p.Latest = st.Last.Long()
	}
	return p
}

func (res *Result) dataPage() *DataPage {
	st := res.in.Store
	page := DataPagePath
	desc := "Police recorded crime, outcomes and stop and search for England, Wales and Northern Ireland, as published by data.police.uk: monthly archives, files for each force and neighbourhood, and a static API."
	p := res.base(page, "Download the data", desc)
	byPath := map[string]Download{}
	for _, d := range res.Downloads {
		byPath[d.Path] = d
	}
	p.Archives.Caption = "Archives, newest first"
	var abs []FileRow
	for _, m := range slices.Backward(res.Months) {
		p.Archives.Files = append(p.Archives.Files, res.row(page, byPath[ArchivePath(m)]))
		abs = append(abs, res.row("", byPath[ArchivePath(m)]))
	}
	if d, ok := byPath[LatestPath]; ok {
		p.Archives.Files = append(p.Archives.Files, res.row(page, d))
		abs = append(abs, res.row("", d))
	}
	for f, force := range st.Forces {
		a := AreaFiles{Name: force.Name, Slug: force.Slug, Href: relHref(page, ForceDir(force.Slug)),
			Table: FileTable{Caption: "Files for " + force.Name, Files: res.areaRows(page, force.Slug, "")}}
		if !res.published(f) {
			a.Missing = p.Latest
		}
		p.Areas = append(p.Areas, a)
	}
	p.Sums = FileRow{Title: "Checksums of every download (SHA-256)", Href: relHref(page, SumsPath), Format: "Text"}
	p.Manifest = res.row(page, byPath[ManifestPath])
	p.Excluded = res.row(page, byPath[ExcludedPath])
	p.Quality = res.quality(page)
	p.JSONLD = res.datasetJSON(p, "Street-level crime, outcomes and stop and search", abs)
	return p
}

// published reports whether a force published the latest month.
func (res *Result) published(f int) bool {
	agg := res.in.Agg
	i := agg.Index(res.Latest)
	return i >= 0 && agg.Have[f][i]
}

func (res *Result) forcePages() []*DataPage {
	st, ix := res.in.Store, res.in.Index
	var out []*DataPage
	for f, force := range st.Forces {
		page := ForcePagePath(force.Slug)
		p := res.base(page, "Downloads for "+force.Name,
			"Crimes in "+p0(res.Latest)+" as CSV and GeoJSON, and crimes by month and category, for "+force.Name+" and each of its neighbourhoods.")
		p.Force = &AreaFiles{Name: force.Name, Slug: force.Slug,
			Table: FileTable{Caption: "Files for " + force.Name, Files: res.areaRows(page, force.Slug, "")}}
		if !res.published(f) {
			p.Force.Missing = p.Latest
		}
		for _, nb := range ix.ByForce[f] {
			n := &ix.Neighbourhoods[nb]
			p.Neighbourhoods = append(p.Neighbourhoods, NeighbourhoodLink{Name: n.Name, Slug: n.Slug, NB: nb})
		}
		slices.SortFunc(p.Neighbourhoods, func(a, b NeighbourhoodLink) int {
			return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Slug, b.Slug))
		})
		p.JSONLD = res.datasetJSON(p, "Street-level crime in "+force.Name, res.areaRows("", force.Slug, ""))
		out = append(out, p)
	}
	return out
}

func p0(m crime.Month) string {
	if m == 0 {
		return "the latest month"
	}
	return m.Long()
}

// row formats a download for a page ("" for links from the site root).
func (res *Result) row(page string, d Download) FileRow {
	r := FileRow{Href: relHref(page, d.Path), Size: Size(d.Bytes), SHA256: d.SHA256, Rows: Count(d.Rows)}
	month := ""
	if m, err := crime.ParseMonth([]byte(d.Month)); err == nil {
		month = m.Long()
	}
	switch d.Kind {
	case MonthArchive:
		r.Title, r.Format = "All forces, "+month, "ZIP of CSV"
	case LatestArchive:
		r.Title, r.Format = "All forces, every month", "ZIP of CSV"
	case CrimesCSV:
		r.Title, r.Format = "Crimes in "+month, "CSV"
	case CrimesGeoJSON:
		r.Title, r.Format = "Crimes in "+month+" on a map (snap points)", "GeoJSON"
	case CountsCSV:
		r.Title, r.Format = "Crimes by month and category", "CSV"
	case ExcludedList:
		r.Title, r.Format = "Lines left out of the archives, with reasons", "CSV"
	case Manifest:
		r.Title, r.Format, r.Rows = "Every download with its size, rows and SHA-256", "JSON", ""
	}
	return r
}

func (res *Result) quality(page string) Quality {
	q := Quality{ExcludedHref: relHref(page, ExcludedPath)}
	kept := 0
	for _, p := range res.Downloads {
		if p.Kind == MonthArchive {
			kept += p.Rows
		}
	}
	q.KeptRows = Count(kept)
	cut := 0
	reasons := map[string]int{}
	for _, xf := range res.Excluded {
		if xf.Whole {
			reason := ""
			if len(xf.Exclusions) > 0 {
				reason = xf.Exclusions[0].Reason
			}
			q.WholeFiles = append(q.WholeFiles, WholeFile{xf.Path, reason})
			continue
		}
		q.CutFiles++
		for _, x := range xf.Exclusions {
			cut++
			reasons[x.Reason]++
		}
	}
	q.CutRecords = Count(cut)
	for r, n := range reasons {
		q.ByReason = append(q.ByReason, ReasonCount{r, Count(n)})
	}
	slices.SortFunc(q.ByReason, func(a, b ReasonCount) int { return cmp.Compare(a.Reason, b.Reason) })
	return q
}

// datasetJSON is the page's schema.org Dataset, with its files as
// distributions. json.Marshal escapes <, > and &, so it is safe in a
// script element.
func (res *Result) datasetJSON(p *DataPage, name string, files []FileRow) template.JS {
	st := res.in.Store
	abs := func(href string) string { return res.in.BaseURL + href }
	var dist []map[string]any
	for _, f := range files {
		if f.Href == "" {
			continue
		}
		dist = append(dist, map[string]any{
			"@type": "DataDownload", "name": f.Title, "contentUrl": abs(f.Href),
			"encodingFormat": mediaType(f.Href), "contentSize": f.Size,
		})
	}
	d := map[string]any{
		"@context":            "https://schema.org",
		"@type":               "Dataset",
		"name":                name,
		"description":         p.Description,
		"license":             LicenceURL,
		"isAccessibleForFree": true,
		"creator":             map[string]string{"@type": "Organization", "name": "data.police.uk", "url": "https://data.police.uk/"},
		"spatialCoverage":     map[string]string{"@type": "Place", "name": "England, Wales and Northern Ireland"},
		"variableMeasured":    []string{"Street-level crimes by category", "Outcomes", "Stops and searches"},
		"distribution":        dist,
	}
	if st.First != 0 {
		d["temporalCoverage"] = st.First.String() + "/" + st.Last.String()
	}
	if res.in.BaseURL != "" {
		d["url"] = abs(strings.TrimSuffix(DataPagePath, "index.html"))
	}
	b, err := json.Marshal(d)
	if err != nil {
		return ""
	}
	return template.JS(b) //nolint:gosec // JSON from json.Marshal, HTML-escaped
}

func mediaType(path string) string {
	switch {
	case strings.HasSuffix(path, ".zip"):
		return "application/zip"
	case strings.HasSuffix(path, ".csv"):
		return "text/csv"
	case strings.HasSuffix(path, ".geojson"):
		return "application/geo+json"
	case strings.HasSuffix(path, ".json"):
		return "application/json"
	}
	return "text/plain"
}

// Size formats bytes for people, in decimal units.
func Size(n int64) string {
	switch {
	case n < 1000:
		return strconv.FormatInt(n, 10) + " bytes"
	case n < 1_000_000:
		return strconv.FormatFloat(float64(n)/1e3, 'f', 1, 64) + " kB"
	case n < 1_000_000_000:
		return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB"
	}
	return strconv.FormatFloat(float64(n)/1e9, 'f', 2, 64) + " GB"
}

// Count formats a count with thousands separators.
func Count(n int) string { return format.Count(int64(n)) }

package downloads

import (
	"cmp"
	"encoding/json"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/i18n"
)

// The data pages are rendered by the pages package with its base layout
// and templates/data.html; this file gathers what they show. Every value
// is formatted here, in the page's language, so the template only prints.

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

// PageSpec is a page to render, the same in every language: with
// templates/data.html when Template is "data" (DataPage gives its words
// and links), templates/api.html when it is "api" (APIPage).
type PageSpec struct {
	Path     string // inside a language's folder, e.g. "data/index.html"
	Template string // "data" or "api"
	// Force is the force's slug on its downloads page, "" on the others.
	Force string
}

// Lang is the language a page is made in: its messages, and the folder
// its pages are in ("" for English at the root, "cy/" for Welsh). A page
// links to the files at their one place from the site root, and to other
// pages in its own language's folder.
type Lang struct {
	Msgs *i18n.Messages
	Dir  string
}

// DataPage is what templates/data.html shows.
type DataPage struct {
	Title, Description string
	LicenceURL         string
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
	Latest                   string // "December 2025", in the page's language
	// Links to the API's documentation, the quality report and the
	// downloads page, in the page's language.
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
	// there are no crimes files: the month, in the page's language.
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
	KeptRows     int
	CutRecords   int // records cut from files kept
	CutFiles     int // files with records cut
	WholeFiles   []WholeFile
	ByReason     []ReasonCount
	ExcludedHref string
}

// WholeFile is an input file left out of the archives whole.
type WholeFile struct{ Path, Reason string }

// ReasonCount is records cut for one reason. The reason is the code
// excluded.csv gives ("bad-coordinates"), the same in every language.
type ReasonCount struct {
	Reason string
	Count  string
}

// Pages lists the pages to render: the downloads page, a page per force,
// and the API's documentation.
func (res *Result) Pages() []PageSpec {
	out := []PageSpec{{Path: DataPagePath, Template: "data"}}
	for _, f := range res.in.Store.Forces {
		out = append(out, PageSpec{Path: ForcePagePath(f.Slug), Template: "data", Force: f.Slug})
	}
	return append(out, PageSpec{Path: APIPagePath, Template: "api"})
}

// DataPage lays out a downloads page in a language: the main one, or a
// force's (spec.Force); nil for a force the data does not have.
func (res *Result) DataPage(spec PageSpec, l Lang) *DataPage {
	if spec.Force == "" {
		return res.dataPage(l)
	}
	for f, force := range res.in.Store.Forces {
		if force.Slug == spec.Force {
			return res.forcePage(l, f)
		}
	}
	return nil
}

// AreaDownloads returns an area's files (nb "" for the force's own), with
// hrefs from the site root, for a link from the area's page.
func (res *Result) AreaDownloads(msgs *i18n.Messages, force, nb string) []FileRow {
	return res.areaRows(msgs, "", force, nb)
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

func (res *Result) areaRows(msgs *i18n.Messages, page, force, nb string) []FileRow {
	var out []FileRow
	for _, d := range res.byArea[[2]string{force, nb}] {
		out = append(out, res.row(msgs, page, d))
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

// base starts the page at page, a path from the site root (the
// language's folder included).
func (res *Result) base(l Lang, page, title, desc string) *DataPage {
	st := res.in.Store
	p := &DataPage{Title: title, Description: desc, LicenceURL: LicenceURL,
		APIHref: relHref(page, l.Dir+"api/"), ReportHref: relHref(page, l.Dir+BuildReportHref), DataHref: relHref(page, l.Dir+"data/")}
	if st.Last != 0 {
		p.Latest = l.Msgs.Month(st.Last)
	}
	return p
}

func (res *Result) dataPage(l Lang) *DataPage {
	st, msgs := res.in.Store, l.Msgs
	page := l.Dir + DataPagePath
	p := res.base(l, page, msgs.T("data.title"), msgs.T("data.description"))
	byPath := map[string]Download{}
	for _, d := range res.Downloads {
		byPath[d.Path] = d
	}
	p.Archives.Caption = msgs.T("data.archives.caption")
	var abs []FileRow
	for _, m := range slices.Backward(res.Months) {
		p.Archives.Files = append(p.Archives.Files, res.row(msgs, page, byPath[ArchivePath(m)]))
		abs = append(abs, res.row(msgs, "", byPath[ArchivePath(m)]))
	}
	if d, ok := byPath[LatestPath]; ok {
		p.Archives.Files = append(p.Archives.Files, res.row(msgs, page, d))
		abs = append(abs, res.row(msgs, "", d))
	}
	for f, force := range st.Forces {
		name := msgs.Force(force.Slug, force.Name)
		a := AreaFiles{Name: name, Slug: force.Slug, Href: relHref(page, l.Dir+ForceDir(force.Slug)),
			Table: FileTable{Caption: msgs.T("data.files-for", "area", name), Files: res.areaRows(msgs, page, force.Slug, "")}}
		if !res.published(f) {
			a.Missing = p.Latest
		}
		p.Areas = append(p.Areas, a)
	}
	p.Sums = FileRow{Title: msgs.T("data.file.sums"), Href: relHref(page, SumsPath), Format: msgs.T("data.format.text")}
	p.Manifest = res.row(msgs, page, byPath[ManifestPath])
	p.Excluded = res.row(msgs, page, byPath[ExcludedPath])
	p.Quality = res.quality(page)
	p.JSONLD = res.datasetJSON(msgs, p, msgs.T("data.dataset.name"), abs)
	return p
}

// published reports whether a force published the latest month.
func (res *Result) published(f int) bool {
	agg := res.in.Agg
	i := agg.Index(res.Latest)
	return i >= 0 && agg.Have[f][i]
}

// forcePage lays out force f's downloads page.
func (res *Result) forcePage(l Lang, f int) *DataPage {
	st, ix, msgs := res.in.Store, res.in.Index, l.Msgs
	force := &st.Forces[f]
	name := msgs.Force(force.Slug, force.Name)
	page := l.Dir + ForcePagePath(force.Slug)
	desc := msgs.T("data.force.description-no-month", "force", name)
	if res.Latest != 0 {
		desc = msgs.T("data.force.description", "force", name, "month", msgs.Month(res.Latest))
	}
	p := res.base(l, page, msgs.T("data.force.title", "force", name), desc)
	p.Force = &AreaFiles{Name: name, Slug: force.Slug,
		Table: FileTable{Caption: msgs.T("data.files-for", "area", name), Files: res.areaRows(msgs, page, force.Slug, "")}}
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
	p.JSONLD = res.datasetJSON(msgs, p, msgs.T("data.dataset.force-name", "force", name), res.areaRows(msgs, "", force.Slug, ""))
	return p
}

// row formats a download for a page at page, from the site root ("" for
// links from the root).
func (res *Result) row(msgs *i18n.Messages, page string, d Download) FileRow {
	r := FileRow{Href: relHref(page, d.Path), Size: size(msgs, d.Bytes), SHA256: d.SHA256, Rows: Count(d.Rows)}
	month := ""
	if m, err := crime.ParseMonth([]byte(d.Month)); err == nil {
		month = msgs.Month(m)
	}
	switch d.Kind {
	case MonthArchive:
		r.Title, r.Format = msgs.T("data.file.month-archive", "month", month), msgs.T("data.format.zip")
	case LatestArchive:
		r.Title, r.Format = msgs.T("data.file.latest-archive"), msgs.T("data.format.zip")
	case CrimesCSV:
		r.Title, r.Format = msgs.T("data.file.crimes-csv", "month", month), "CSV"
	case CrimesGeoJSON:
		r.Title, r.Format = msgs.T("data.file.crimes-geojson", "month", month), "GeoJSON"
	case CountsCSV:
		r.Title, r.Format = msgs.T("data.file.counts-csv"), "CSV"
	case ExcludedList:
		r.Title, r.Format = msgs.T("data.file.excluded"), "CSV"
	case Manifest:
		r.Title, r.Format, r.Rows = msgs.T("data.file.manifest"), "JSON", ""
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
	q.KeptRows = kept
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
	q.CutRecords = cut
	for r, n := range reasons {
		q.ByReason = append(q.ByReason, ReasonCount{r, Count(n)})
	}
	slices.SortFunc(q.ByReason, func(a, b ReasonCount) int { return cmp.Compare(a.Reason, b.Reason) })
	return q
}

// datasetJSON is the page's schema.org Dataset, with its files as
// distributions. json.Marshal escapes <, > and &, so it is safe in a
// script element.
func (res *Result) datasetJSON(msgs *i18n.Messages, p *DataPage, name string, files []FileRow) template.JS {
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
		"spatialCoverage":     map[string]string{"@type": "Place", "name": msgs.T("data.dataset.coverage")},
		"variableMeasured":    []string{msgs.T("data.dataset.crimes"), msgs.T("data.dataset.outcomes"), msgs.T("data.dataset.stops")},
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

// size is Size in a page's language: the units are the same in English
// and Welsh but for bytes, which is a counted noun.
func size(msgs *i18n.Messages, n int64) string {
	if n < 1000 {
		return msgs.T("data.size.bytes", "n", n)
	}
	return Size(n)
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

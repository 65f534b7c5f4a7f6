package reference

import (
	"cmp"
	"errors"
	"fmt"
	"github.com/crimemap/crimemap/generator/index"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/crimemap/crimemap/generator/validate"
	"github.com/paulmach/orb"
)

// Area is a force, neighbourhood or LSOA and its boundary.
type Area struct {
	ID    string           // force slug, neighbourhood id (from the file name) or LSOA code
	Name  string           // from the data when known
	Force string           // force slug; empty for LSOAs
	Shape orb.MultiPolygon // longitude/latitude, rings closed
	File  string           // the file it came from, for messages
}

// Data is everything the reference folder holds. Parts the folder lacks are
// nil.
type Data struct {
	Forces         []Area              // sorted by force slug
	Neighbourhoods []Area              // sorted by force, then id
	Details        map[string]*Details // by "force/id"
	LSOAs          []Area              // ID is the code; sorted by code
	Population     map[string]int      // LSOA code → residents
	Postcodes      []Postcode          // sorted by code
}

// The folder layout, as docs/input.md describes it.
const (
	forcesDir          = "forces"
	forcesFile         = "forces.geojson"
	neighbourhoodsDir  = "neighbourhoods"
	lsoaDir            = "lsoa"
	populationFile     = "population.csv"
	postcodesFile      = "postcodes.csv"
	kmlExt, geojsonExt = ".kml", ".geojson"
)

type kind uint8

const (
	forceBoundary kind = iota
	forceCollection
	neighbourhoodBoundary
	neighbourhoodDetails
	lsoaBoundaries
	population
	postcodes
)

// job is one file to read.
type job struct {
	kind  kind
	path  string
	force string // for force and neighbourhood files
	id    string // neighbourhood id
}

// result is what one job read. Each job reports to its own report, merged
// in job order afterwards, so the report does not depend on scheduling.
type result struct {
	areas     []Area
	details   *Details
	pop       map[string]int
	postcodes []Postcode
	report    *validate.Report
}

// Load reads the reference folder dir of fsys. A folder that does not exist
// gives empty Data. Every problem with the files in it goes to report (nil
// discards them), merged in file order; the error is only for a folder that
// exists but cannot be listed.
func Load(fsys fs.FS, dir string, report *validate.Report) (*Data, error) {
	if report == nil {
		report = validate.NewReport()
	}
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return &Data{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	l := lister{fsys: fsys, report: report}
	l.listRoot(dir, entries)
	results := run(fsys, l.jobs)
	for _, r := range results {
		report.Merge(r.report)
	}
	return assemble(l.jobs, results, report), nil
}

// lister turns the folder into jobs, in a fixed order: forces/ before
// forces.geojson, so that a force's own file wins over the collection.
type lister struct {
	fsys   fs.FS
	report *validate.Report
	jobs   []job
}

func (l *lister) listRoot(dir string, entries []fs.DirEntry) {
	has := map[string]fs.DirEntry{}
	for _, e := range entries {
		has[e.Name()] = e
	}
	if e, ok := has[forcesDir]; ok && e.IsDir() {
		l.listForces(path.Join(dir, forcesDir))
	}
	if e, ok := has[forcesFile]; ok && !e.IsDir() {
		l.jobs = append(l.jobs, job{kind: forceCollection, path: path.Join(dir, forcesFile)})
	}
	if e, ok := has[neighbourhoodsDir]; ok && e.IsDir() {
		l.listNeighbourhoods(path.Join(dir, neighbourhoodsDir))
	}
	if e, ok := has[lsoaDir]; ok && e.IsDir() {
		l.listLSOAs(path.Join(dir, lsoaDir))
	}
	if e, ok := has[populationFile]; ok && !e.IsDir() {
		l.jobs = append(l.jobs, job{kind: population, path: path.Join(dir, populationFile)})
	}
	if e, ok := has[postcodesFile]; ok && !e.IsDir() {
		l.jobs = append(l.jobs, job{kind: postcodes, path: path.Join(dir, postcodesFile)})
	}
}

// readDir lists a folder of the layout, reporting one that cannot be read,
// and leaves out hidden files and macOS's zip litter.
func (l *lister) readDir(dir, force string) []fs.DirEntry {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.report.Add(validate.Problem{File: dir, Reason: validate.UnreadableFile, Severity: validate.Excluded,
			Force: force, Detail: fmt.Sprintf("read folder: %v", err)})
	}
	return slices.DeleteFunc(entries, func(e fs.DirEntry) bool {
		return strings.HasPrefix(e.Name(), ".") || e.Name() == "__MACOSX"
	})
}

func (l *lister) ignore(p, force, why string) {
	l.report.Add(validate.Problem{File: p, Reason: validate.BadFileName, Severity: validate.Warning,
		Force: force, Detail: "ignored: " + why})
}

func (l *lister) listForces(dir string) {
	for _, e := range l.readDir(dir, "") {
		p := path.Join(dir, e.Name())
		ext := strings.ToLower(path.Ext(e.Name()))
		stem := strings.TrimSuffix(e.Name(), path.Ext(e.Name()))
		switch {
		case e.IsDir() || (ext != kmlExt && ext != geojsonExt):
			l.ignore(p, "", "a force boundary is forces/<force>.kml or .geojson")
		case !validSlug(stem):
			l.report.Add(validate.Problem{File: p, Reason: validate.BadFileName, Severity: validate.Excluded,
				Detail: fmt.Sprintf("%q is not a force slug (lower case, digits and hyphens, like %q)", stem, ForceSlug(stem))})
		default:
			l.jobs = append(l.jobs, job{kind: forceBoundary, path: p, force: stem, id: stem})
		}
	}
}

func (l *lister) listNeighbourhoods(dir string) {
	for _, fe := range l.readDir(dir, "") {
		fdir := path.Join(dir, fe.Name())
		force := fe.Name()
		switch {
		case !fe.IsDir():
			l.ignore(fdir, "", "neighbourhood files go in neighbourhoods/<force>/")
			continue
		case !validSlug(force):
			l.report.Add(validate.Problem{File: fdir, Reason: validate.BadFileName, Severity: validate.Excluded,
				Detail: fmt.Sprintf("%q is not a force slug (lower case, digits and hyphens, like %q)", force, ForceSlug(force))})
			continue
		}
		for _, e := range l.readDir(fdir, force) {
			p := path.Join(fdir, e.Name())
			ext := strings.ToLower(path.Ext(e.Name()))
			id := strings.TrimSuffix(e.Name(), path.Ext(e.Name()))
			switch {
			case e.IsDir() || id == "":
				l.ignore(p, force, "expected neighbourhoods/<force>/<id>.kml, .geojson or .json")
			case ext == kmlExt || ext == geojsonExt:
				l.jobs = append(l.jobs, job{kind: neighbourhoodBoundary, path: p, force: force, id: id})
			case ext == ".json":
				l.jobs = append(l.jobs, job{kind: neighbourhoodDetails, path: p, force: force, id: id})
			default:
				l.ignore(p, force, "expected neighbourhoods/<force>/<id>.kml, .geojson or .json")
			}
		}
	}
}

func (l *lister) listLSOAs(dir string) {
	for _, e := range l.readDir(dir, "") {
		p := path.Join(dir, e.Name())
		if ext := strings.ToLower(path.Ext(e.Name())); e.IsDir() || (ext != ".json" && ext != geojsonExt) {
			l.ignore(p, "", "LSOA boundaries are lsoa/*.json or *.geojson")
			continue
		}
		l.jobs = append(l.jobs, job{kind: lsoaBoundaries, path: p})
	}
}

// run reads the files on every core; boundary files number in thousands.
func run(fsys fs.FS, jobs []job) []result {
	results := make([]result, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(jobs) {
					return
				}
				results[i] = jobs[i].read(fsys)
			}
		})
	}
	wg.Wait()
	return results
}

func (j *job) problem(res *result, err error, reason validate.Reason, sev validate.Severity, detail string) {
	p := validate.Problem{File: j.path, Reason: reason, Severity: sev, Force: j.force, Detail: detail}
	var le *LineError
	if errors.As(err, &le) {
		p.Line = le.Line
		p.Detail = le.Err.Error()
	}
	res.report.Add(p)
}

// fail reports a file left out because of err.
func (j *job) fail(res *result, err error) {
	j.problem(res, err, validate.BadReference, validate.Excluded, err.Error())
}

// failTable reports a CSV file left out: errors at a line are about the
// header, others about reading.
func (j *job) failTable(res *result, err error) {
	if err == nil {
		return
	}
	reason := validate.UnreadableFile
	if le := (*LineError)(nil); errors.As(err, &le) {
		reason = validate.BadHeader
	}
	j.problem(res, err, reason, validate.Excluded, err.Error())
}

func (j *job) read(fsys fs.FS) result {
	res := result{report: validate.NewReport()}
	f, err := fsys.Open(j.path)
	if err != nil {
		j.problem(&res, nil, validate.UnreadableFile, validate.Excluded, err.Error())
		return res
	}
	defer f.Close()
	switch j.kind {
	case forceBoundary, neighbourhoodBoundary:
		j.readArea(&res, f)
	case forceCollection:
		j.readForces(&res, f)
	case neighbourhoodDetails:
		d, err := ReadDetails(f)
		if err != nil {
			j.fail(&res, err)
			return res
		}
		if d.ID != "" && d.ID != j.id {
			j.problem(&res, nil, validate.BadReference, validate.Warning,
				fmt.Sprintf("id %q differs from the file name; using %q", d.ID, j.id))
		}
		res.details = d
	case lsoaBoundaries:
		j.readLSOAs(&res, f)
	case population:
		res.pop, err = ReadPopulation(f, j.path, res.report)
		j.failTable(&res, err)
	case postcodes:
		res.postcodes, err = ReadPostcodes(f, j.path, res.report)
		j.failTable(&res, err)
	}
	return res
}

// readArea reads one force's or neighbourhood's boundary file.
func (j *job) readArea(res *result, r io.Reader) {
	name, shape, ignored, err := readBoundary(r, strings.ToLower(path.Ext(j.path)))
	for _, why := range ignored {
		j.problem(res, nil, validate.BadReference, validate.Warning, why+"; ignored")
	}
	if err != nil {
		j.fail(res, err)
		return
	}
	if outsideUK(shape) {
		j.problem(res, nil, validate.OutsideUK, validate.Warning, outsideUKDetail(shape))
	}
	if poly, at, ok, _ := selfCrossing(shape); ok {
		j.problem(res, nil, validate.SelfIntersecting, validate.Warning, crossingDetail(poly, at))
	}
	res.areas = []Area{{ID: j.id, Name: name, Force: j.force, Shape: shape, File: j.path}}
}

func outsideUKDetail(shape orb.MultiPolygon) string {
	b := shape.Bound()
	return fmt.Sprintf("boundary (%g,%g to %g,%g) is nowhere near the UK; are longitude and latitude swapped?",
		b.Min[0], b.Min[1], b.Max[0], b.Max[1])
}

// readForces reads forces.geojson, one feature per force.
func (j *job) readForces(res *result, r io.Reader) {
	features, err := ReadGeoJSON(r)
	if err != nil {
		j.fail(res, err)
		return
	}
	for _, f := range features {
		name := areaName(f.Properties)
		slug := ForceSlug(stringProp(f.Properties, "force"))
		if slug == "" {
			slug = ForceSlug(name)
		}
		p := validate.Problem{File: j.path, Reason: validate.BadReference, Severity: validate.Excluded, Force: slug}
		switch {
		case errors.Is(f.Err, ErrNoPolygon):
			p.Severity, p.Detail = validate.Warning, fmt.Sprintf("feature %d: %v; ignored", f.Index, f.Err)
		case f.Err != nil:
			p.Detail = fmt.Sprintf("feature %d: %v", f.Index, f.Err)
		case slug == "":
			p.Detail = fmt.Sprintf("feature %d has no force or name property", f.Index)
		}
		if p.Detail != "" {
			res.report.Add(p)
			continue
		}
		if outsideUK(f.Shape) {
			p.Reason, p.Severity, p.Detail = validate.OutsideUK, validate.Warning,
				fmt.Sprintf("feature %d: %s", f.Index, outsideUKDetail(f.Shape))
			res.report.Add(p)
		}
		if poly, at, ok, _ := selfCrossing(f.Shape); ok {
			p.Reason, p.Severity, p.Detail = validate.SelfIntersecting, validate.Warning,
				fmt.Sprintf("feature %d: %s", f.Index, crossingDetail(poly, at))
			res.report.Add(p)
		}
		res.areas = append(res.areas, Area{ID: slug, Name: cmp.Or(name, slug), Force: slug, Shape: f.Shape, File: j.path})
	}
}

// readLSOAs reads a file of LSOA features.
func (j *job) readLSOAs(res *result, r io.Reader) {
	features, err := ReadGeoJSON(r)
	if err != nil {
		j.fail(res, err)
		return
	}
	for _, f := range features {
		code, name := lsoaProps(f.Properties)
		p := validate.Problem{File: j.path, Reason: validate.BadReference, Severity: validate.Excluded}
		switch {
		case errors.Is(f.Err, ErrNoPolygon):
			p.Severity, p.Detail = validate.Warning, fmt.Sprintf("feature %d (%s): %v; ignored", f.Index, code, f.Err)
		case f.Err != nil:
			p.Detail = fmt.Sprintf("feature %d (%s): %v", f.Index, code, f.Err)
		case !lsoaCode.MatchString(code):
			p.Detail = fmt.Sprintf("feature %d has no LSOA code (LSOA11CD or LSOA21CD)", f.Index)
		}
		if p.Detail != "" {
			res.report.Add(p)
			continue
		}
		if poly, at, ok, _ := selfCrossing(f.Shape); ok {
			p.Reason, p.Severity, p.Detail = validate.SelfIntersecting, validate.Warning,
				fmt.Sprintf("feature %d (%s): %s", f.Index, code, crossingDetail(poly, at))
			res.report.Add(p)
		}
		res.areas = append(res.areas, Area{ID: code, Name: name, Shape: f.Shape, File: j.path})
	}
}

// assemble puts the results together in job order: the first of several
// areas with the same key wins, and the rest are reported.
func assemble(jobs []job, results []result, report *validate.Report) *Data {
	d := &Data{}
	forces := map[string]string{}         // slug → file
	neighbourhoods := map[string]string{} // force/id → file
	lsoas := map[string]string{}          // code → file
	for i, j := range jobs {
		res := results[i]
		switch j.kind {
		case forceBoundary, forceCollection:
			for _, a := range res.areas {
				if prev, dup := forces[a.ID]; dup {
					report.Add(validate.Problem{File: a.File, Reason: validate.DuplicateFile, Severity: validate.Excluded,
						Force: a.ID, Detail: fmt.Sprintf("force %s is already loaded from %s", a.ID, prev)})
					continue
				}
				forces[a.ID] = a.File
				d.Forces = append(d.Forces, a)
			}
		case neighbourhoodBoundary:
			for _, a := range res.areas {
				key := a.Force + "/" + a.ID
				if prev, dup := neighbourhoods[key]; dup {
					report.Add(validate.Problem{File: a.File, Reason: validate.DuplicateFile, Severity: validate.Excluded,
						Force: a.Force, Detail: fmt.Sprintf("neighbourhood %s is already loaded from %s", key, prev)})
					continue
				}
				neighbourhoods[key] = a.File
				d.Neighbourhoods = append(d.Neighbourhoods, a)
			}
		case neighbourhoodDetails:
			if res.details != nil {
				if d.Details == nil {
					d.Details = map[string]*Details{}
				}
				d.Details[j.force+"/"+j.id] = res.details
			}
		case lsoaBoundaries:
			for _, a := range res.areas {
				if prev, dup := lsoas[a.ID]; dup {
					report.Add(validate.Problem{File: a.File, Reason: validate.BadReference, Severity: validate.Excluded,
						Detail: fmt.Sprintf("LSOA %s is already loaded from %s", a.ID, prev)})
					continue
				}
				lsoas[a.ID] = a.File
				d.LSOAs = append(d.LSOAs, a)
			}
		case population:
			d.Population = res.pop
		case postcodes:
			d.Postcodes = res.postcodes
		}
	}
	// The API's name is the one people know; a boundary file's name is
	// often just the id.
	for i := range d.Neighbourhoods {
		a := &d.Neighbourhoods[i]
		if det := d.Details[a.Force+"/"+a.ID]; det != nil && strings.TrimSpace(det.Name) != "" {
			a.Name = strings.TrimSpace(det.Name)
		}
	}
	byID := func(a, b Area) int { return cmp.Compare(a.ID, b.ID) }
	slices.SortFunc(d.Forces, byID)
	slices.SortFunc(d.Neighbourhoods, func(a, b Area) int {
		return cmp.Or(cmp.Compare(a.Force, b.Force), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(d.LSOAs, byID)
	return d
}

// Boundaries are the neighbourhood boundaries as the index places
// locations in them.
func (d *Data) Boundaries() []index.Boundary {
	out := make([]index.Boundary, 0, len(d.Neighbourhoods))
	for _, a := range d.Neighbourhoods {
		out = append(out, index.Boundary{Force: a.Force, ID: a.ID, Name: a.Name, Shape: a.Shape})
	}
	return out
}

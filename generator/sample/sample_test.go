package sample

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/internal/buildtest"
)

// The small dataset is generated once and shared by the tests that only
// read it.
var (
	smallOnce sync.Once
	smallDir  string
	smallSum  Summary
	smallErr  error
)

func small(t testing.TB) (string, Summary) {
	t.Helper()
	smallOnce.Do(func() {
		smallDir, smallErr = os.MkdirTemp("", "crimemap-sample-test-")
		if smallErr == nil {
			smallSum, smallErr = Generate(smallDir, Options{})
		}
	})
	if smallErr != nil {
		t.Fatal(smallErr)
	}
	return smallDir, smallSum
}

func TestMain(m *testing.M) {
	code := m.Run()
	if smallDir != "" {
		os.RemoveAll(smallDir)
	}
	os.Exit(code)
}

func TestDeterministic(t *testing.T) {
	dir, sum := small(t)
	other := t.TempDir()
	sum2, err := Generate(other, Options{Scale: "small", Seed: 1, End: crime.MakeMonth(2025, 12), Months: 13})
	if err != nil {
		t.Fatal(err)
	}
	if sum != sum2 {
		t.Errorf("summaries differ:\n%+v\n%+v", sum, sum2)
	}
	a, b := buildtest.Open(t, dir).Tree(), buildtest.Open(t, other).Tree()
	if len(a) != len(b) {
		t.Fatalf("%d files vs %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between runs", name)
		}
	}
	// Another seed gives other data.
	third := t.TempDir()
	if _, err := Generate(third, Options{Seed: 2}); err != nil {
		t.Fatal(err)
	}
	c := buildtest.Open(t, third).Tree()
	if bytes.Equal(a["2025-12/2025-12-cumbria-street.csv"], c["2025-12/2025-12-cumbria-street.csv"]) {
		t.Error("seed 2 gave the same street file as seed 1")
	}
}

func TestSummary(t *testing.T) {
	_, s := small(t)
	if s.Forces != 5 || s.Months != 13 || s.BadRows != 8 {
		t.Errorf("summary %+v", s)
	}
	if s.Neighbourhoods < 40 || s.Neighbourhoods > 60 {
		t.Errorf("%d neighbourhoods, want 40–60", s.Neighbourhoods)
	}
	if s.SnapPoints < 3000 || s.SnapPoints > 6000 {
		t.Errorf("%d snap points, want 3,000–6,000", s.SnapPoints)
	}
	if s.StreetRows < 50000 || s.OutcomeRows < 20000 || s.StopRows < 1000 {
		t.Errorf("too few rows: %+v", s)
	}
}

// row is one parsed data row and where it came from.
type row struct {
	file   string // relative path
	force  string
	month  string // the folder's month
	kind   string // street, outcomes, stop-and-search
	line   int
	fields []string
}

var fileName = regexp.MustCompile(`^(\d{4}-\d{2})/(\d{4}-\d{2})-(.+)-(street|outcomes|stop-and-search)\.csv$`)

var headers = map[string]string{
	"street":          streetHeader,
	"outcomes":        outcomesHeader,
	"stop-and-search": stopsHeader,
}

// parseAll parses every data file with encoding/csv, checking headers and
// line endings, and returns the rows.
func parseAll(t *testing.T, dir string) []row {
	t.Helper()
	var rows []row
	for name, data := range buildtest.Open(t, dir).Tree() {
		m := fileName.FindStringSubmatch(name)
		if m == nil {
			continue
		}
		if m[1] != m[2] {
			t.Errorf("%s: folder and file months differ", name)
		}
		if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
			t.Errorf("%s has a BOM", name)
		}
		crlf := bytes.Count(data, []byte("\r\n"))
		lf := bytes.Count(data, []byte("\n"))
		if m[3] == slugCRLF && crlf != lf {
			t.Errorf("%s: %d of %d lines end in CRLF, want all", name, crlf, lf)
		}
		if m[3] != slugCRLF && crlf != 0 {
			t.Errorf("%s: %d CRLF line endings, want none", name, crlf)
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := strings.Join(recs[0], ","); got != headers[m[4]] {
			t.Errorf("%s: header %q", name, got)
		}
		for i, rec := range recs[1:] {
			rows = append(rows, row{file: name, force: m[3], month: m[1], kind: m[4], line: i + 2, fields: rec})
		}
	}
	slices.SortFunc(rows, func(a, b row) int {
		if c := strings.Compare(a.file, b.file); c != 0 {
			return c
		}
		return a.line - b.line
	})
	return rows
}

func TestFiles(t *testing.T) {
	dir, _ := small(t)
	rows := parseAll(t, dir)
	planted := map[string]string{}
	ps, err := Planted(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		planted[p.File+":"+strconv.Itoa(p.Line)] = p.Kind
	}
	w, err := buildWorld(1, "small")
	if err != nil {
		t.Fatal(err)
	}
	snapAt := map[string]bool{}  // "lon,lat"
	stopAt := map[string]bool{}  // "lat,lon"
	snapRow := map[string]bool{} // "lon,lat,location,code,name"
	for i := range w.snaps {
		f := string(w.fragment(int32(i)))
		snapRow[f] = true
		parts := strings.SplitN(f, ",", 3)
		snapAt[parts[0]+","+parts[1]] = true
		stopAt[string(w.sfragment(int32(i)))] = true
	}

	type seen struct{ n, emptyID, emptyLSOA, noLoc, emptyStreet, quoted, early, recentUnder, oldUnder int }
	count := map[string]*seen{}
	idLocs := map[string]map[string]bool{} // file + id → locations
	streetIDs := map[string]string{}       // id → force/month of its street row
	badFound := map[string]string{}
	for _, r := range rows {
		key := r.file + ":" + strconv.Itoa(r.line)
		kind, isBad := planted[key]
		if isBad {
			badFound[key] = kind
			checkPlanted(t, r, kind)
			continue
		}
		sk := r.force + " " + r.kind
		if count[sk] == nil {
			count[sk] = &seen{}
		}
		c := count[sk]
		c.n++
		switch r.kind {
		case "street":
			if len(r.fields) != 12 {
				t.Fatalf("%s: %d fields", key, len(r.fields))
			}
			id, month, lon, lat, loc, code := r.fields[0], r.fields[1], r.fields[4], r.fields[5], r.fields[6], r.fields[7]
			if month != r.month {
				t.Errorf("%s: month %s", key, month)
			}
			cat, ok := crime.ParseCategory([]byte(r.fields[9]))
			if !ok {
				t.Errorf("%s: crime type %q", key, r.fields[9])
			}
			out, ok := crime.ParseOutcome([]byte(r.fields[10]))
			if !ok {
				t.Errorf("%s: outcome %q", key, r.fields[10])
			}
			if r.fields[11] != "" {
				t.Errorf("%s: context %q", key, r.fields[11])
			}
			if (cat == crime.AntiSocialBehaviour) != (out == crime.NoOutcome) && r.force != slugBTP && r.force != slugNI {
				t.Errorf("%s: %s with outcome %q", key, cat, out)
			}
			if id == "" {
				c.emptyID++
			} else if len(id) != 64 || strings.Trim(id, "0123456789abcdef") != "" {
				t.Errorf("%s: crime id %q", key, id)
			} else {
				streetIDs[id] = r.force
				k := r.file + " " + id
				if idLocs[k] == nil {
					idLocs[k] = map[string]bool{}
				}
				idLocs[k][lon+","+lat] = true
			}
			if code == "" {
				c.emptyLSOA++
			}
			if loc == "On or near " {
				c.emptyStreet++
			}
			if strings.Contains(r.fields[8], ",") {
				c.quoted++
			}
			if loc == "No Location" {
				c.noLoc++
				if lon != "" || lat != "" || code != "" || r.fields[8] != "" {
					t.Errorf("%s: No Location row with a place", key)
				}
			} else {
				frag := string(appendField([]byte(lon+","+lat+","), loc)) + "," + code + "," + string(appendField(nil, r.fields[8]))
				if !snapRow[frag] {
					t.Errorf("%s: location %s is not a snap point", key, frag)
				}
			}
			if out == outUnderInvestigation {
				if month == "2025-12" {
					c.recentUnder++
				}
				if month == "2024-12" {
					c.oldUnder++
				}
			}
		case "outcomes":
			if len(r.fields) != 10 {
				t.Fatalf("%s: %d fields", key, len(r.fields))
			}
			// The Month column is the month the outcome was recorded,
			// the file's month, as in the real outcomes files.
			if r.fields[1] != r.month && planted[key] == "" {
				t.Errorf("%s: month %s in the file for %s", key, r.fields[1], r.month)
			}
			if r.fields[0] != "" {
				if _, ok := streetIDs[r.fields[0]]; !ok {
					c.early++ // a crime from before the first street file
				}
			}
			if _, ok := crime.ParseOutcome([]byte(r.fields[9])); !ok || r.fields[9] == "" {
				t.Errorf("%s: outcome type %q", key, r.fields[9])
			}
			switch loc := r.fields[6]; {
			case loc == "No location":
				c.noLoc++
			case loc == "No Location":
				t.Errorf("%s: outcomes files spell it No location", key)
			case !snapAt[r.fields[4]+","+r.fields[5]]:
				t.Errorf("%s: %s,%s is not a snap point", key, r.fields[4], r.fields[5])
			}
		case "stop-and-search":
			if len(r.fields) != 15 {
				t.Fatalf("%s: %d fields", key, len(r.fields))
			}
			d, err := time.Parse(time.RFC3339, r.fields[1])
			if err != nil || !strings.HasSuffix(r.fields[1], "+00:00") {
				t.Errorf("%s: date %q", key, r.fields[1])
			}
			if d.Format("2006-01") != r.month {
				if d.Hour() != 23 || d.AddDate(0, 0, 1).Format("2006-01") != r.month {
					t.Errorf("%s: date %s outside the month", key, r.fields[1])
				}
				c.early++
			}
			if r.fields[4] == "" {
				c.noLoc++
			} else if !stopAt[r.fields[4]+","+r.fields[5]] {
				t.Errorf("%s: %s,%s is not a snap point", key, r.fields[4], r.fields[5])
			}
		}
	}
	for key, kind := range planted {
		if badFound[key] != kind {
			t.Errorf("planted %s row not found at %s", kind, key)
		}
	}

	for _, want := range []string{"cumbria street", "cumbria outcomes", "cumbria stop-and-search",
		"greater-manchester street", "dyfed-powys street", "northern-ireland street", "btp street", "btp stop-and-search"} {
		if count[want] == nil || count[want].n == 0 {
			t.Errorf("no %s rows", want)
		}
	}
	for _, absent := range []string{"northern-ireland outcomes", "btp outcomes", "northern-ireland stop-and-search"} {
		if count[absent] != nil {
			t.Errorf("%s files exist", absent)
		}
	}
	if c := count["btp street"]; c.emptyID != c.n {
		t.Errorf("btp: %d of %d rows have no Crime ID", c.emptyID, c.n)
	}
	if c := count["northern-ireland street"]; c.emptyID != c.n || c.emptyLSOA != c.n {
		t.Errorf("northern-ireland: %d/%d rows without id, %d without LSOA", c.emptyID, c.n, c.emptyLSOA)
	}
	for _, f := range []string{"cumbria", "dyfed-powys", "greater-manchester"} {
		c := count[f+" street"]
		if c.noLoc == 0 || c.emptyStreet == 0 || c.emptyID == 0 {
			t.Errorf("%s street: %+v", f, *c)
		}
		if c.recentUnder <= c.oldUnder {
			t.Errorf("%s: %d under investigation in the last month, %d in the first", f, c.recentUnder, c.oldUnder)
		}
		if count[f+" outcomes"].early == 0 || count[f+" outcomes"].noLoc == 0 {
			t.Errorf("%s outcomes: %+v", f, *count[f+" outcomes"])
		}
		if count[f+" stop-and-search"].early == 0 || count[f+" stop-and-search"].noLoc == 0 {
			t.Errorf("%s stop-and-search: %+v", f, *count[f+" stop-and-search"])
		}
	}
	if count["cumbria street"].quoted == 0 {
		t.Error("no LSOA name with a comma")
	}
	dups := 0
	for _, locs := range idLocs {
		if len(locs) > 1 {
			dups++
		}
	}
	if dups == 0 {
		t.Error("no Crime ID repeated at another location")
	}
	// Outcomes name crimes of the street files, or crimes from before the
	// first street file, and never another force's.
	found := 0
	for _, r := range rows {
		if r.kind != "outcomes" || planted[r.file+":"+strconv.Itoa(r.line)] != "" {
			continue
		}
		f, ok := streetIDs[r.fields[0]]
		if ok && f != r.force {
			t.Fatalf("%s:%d: crime %s is %s's", r.file, r.line, r.fields[0], f)
		}
		if ok {
			found++
		}
	}
	if found == 0 {
		t.Error("no outcome names a crime of the street files")
	}
}

func checkPlanted(t *testing.T, r row, kind string) {
	t.Helper()
	f := r.fields
	var ok bool
	switch kind {
	case BadCoordinates:
		_, err := strconv.ParseFloat(f[4], 64)
		ok = err != nil
	case BadLatitude:
		v, _ := strconv.ParseFloat(f[5], 64)
		ok = v > 90
	case BadMonthMismatch:
		ok = f[1] != r.month
	case BadCrimeType:
		_, known := crime.ParseCategory([]byte(f[9]))
		ok = !known
	case BadOutcome:
		_, known := crime.ParseOutcome([]byte(f[10]))
		ok = !known
	case BadColumnCount:
		ok = len(f) == 11
	case BadOutcomeType:
		_, known := crime.ParseOutcome([]byte(f[9]))
		ok = r.kind == "outcomes" && !known
	case BadDate:
		_, err := time.Parse(time.RFC3339, f[1])
		ok = r.kind == "stop-and-search" && err != nil
	}
	if !ok {
		t.Errorf("%s:%d is not a %s row: %q", r.file, r.line, kind, f)
	}
}

func TestPlantedList(t *testing.T) {
	got, err := Planted(Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The list in the package documentation.
	want := []BadRow{
		{"2025-02/2025-02-cumbria-street.csv", 11, BadCoordinates},
		{"2025-03/2025-03-dyfed-powys-street.csv", 11, BadLatitude},
		{"2025-04/2025-04-greater-manchester-street.csv", 11, BadMonthMismatch},
		{"2025-05/2025-05-cumbria-street.csv", 11, BadCrimeType},
		{"2025-06/2025-06-dyfed-powys-street.csv", 11, BadOutcome},
		{"2025-07/2025-07-greater-manchester-street.csv", 11, BadColumnCount},
		{"2025-08/2025-08-cumbria-outcomes.csv", 11, BadOutcomeType},
		{"2025-09/2025-09-dyfed-powys-stop-and-search.csv", 11, BadDate},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Planted:\n%v\nwant\n%v", got, want)
	}
	dir, _ := small(t)
	var m marker
	data, err := os.ReadFile(filepath.Join(dir, markerName))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Planted, want) {
		t.Errorf("marker lists %v", m.Planted)
	}
	nat, err := Planted(Options{Scale: "national"})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, p := range nat {
		kinds[p.Kind]++
	}
	if len(nat) != 32 || len(kinds) != len(plantKinds) {
		t.Errorf("national plants %d rows of %d kinds", len(nat), len(kinds))
	}
}

func TestMissingMonths(t *testing.T) {
	dir, _ := small(t)
	for _, m := range []string{"2024-12", "2025-04", "2025-05", "2025-06", "2025-07", "2025-12"} {
		_, err := os.Stat(filepath.Join(dir, m, m+"-greater-manchester-street.csv"))
		gap := m == "2025-05" || m == "2025-06"
		if gap && err == nil {
			t.Errorf("greater-manchester has a %s street file", m)
		}
		if !gap && err != nil {
			t.Error(err)
		}
		matches, _ := filepath.Glob(filepath.Join(dir, m, m+"-greater-manchester-*"))
		if gap && len(matches) > 0 {
			t.Errorf("greater-manchester files in %s: %v", m, matches)
		}
	}
}

// kmlRings extracts the rings of a KML file as lon/lat pairs.
func kmlRings(t *testing.T, path string) [][][2]float64 {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`<coordinates>([^<]*)</coordinates>`)
	var rings [][][2]float64
	for _, m := range re.FindAllStringSubmatch(string(data), -1) {
		var r [][2]float64
		for _, tuple := range strings.Fields(m[1]) {
			parts := strings.Split(tuple, ",")
			if len(parts) < 2 {
				t.Fatalf("%s: tuple %q", path, tuple)
			}
			lon, err1 := strconv.ParseFloat(parts[0], 64)
			lat, err2 := strconv.ParseFloat(parts[1], 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: tuple %q", path, tuple)
			}
			r = append(r, [2]float64{lon, lat})
		}
		if len(r) < 4 || r[0] != r[len(r)-1] {
			t.Fatalf("%s: ring not closed", path)
		}
		rings = append(rings, r)
	}
	return rings
}

// inside is the even-odd ray-casting test over all rings.
func inside(rings [][][2]float64, lon, lat float64) bool {
	in := false
	for _, r := range rings {
		for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
			xi, yi, xj, yj := r[i][0], r[i][1], r[j][0], r[j][1]
			if (yi > lat) != (yj > lat) && lon < (xj-xi)*(lat-yi)/(yj-yi)+xi {
				in = !in
			}
		}
	}
	return in
}

func TestReference(t *testing.T) {
	dir, _ := small(t)
	ref := filepath.Join(dir, "reference")
	w, err := buildWorld(1, "small")
	if err != nil {
		t.Fatal(err)
	}
	nonRect := 0
	for _, f := range w.forces {
		s := f.plan.spec
		if !s.territorial() {
			if _, err := os.Stat(filepath.Join(ref, "forces", s.Slug+".kml")); err == nil {
				t.Errorf("%s has a boundary", s.Slug)
			}
			continue
		}
		force := kmlRings(t, filepath.Join(ref, "forces", s.Slug+".kml"))
		rings := make([][][][2]float64, len(f.nbs))
		for i, nbi := range f.nbs {
			nb := w.nbs[nbi]
			rings[i] = kmlRings(t, filepath.Join(ref, "neighbourhoods", s.Slug, nb.id+".kml"))
			if len(rings[i]) > 1 || len(rings[i][0]) > 5 {
				nonRect++
			}
			checkDetails(t, filepath.Join(ref, "neighbourhoods", s.Slug, nb.id+".json"), nb)
		}
		// Every snap point is inside its own neighbourhood, in no other of
		// the force, and inside the force.
		for si := f.snapLo; si < f.snapHi; si++ {
			p := w.snaps[si]
			if !inside(force, p.lon, p.lat) {
				t.Errorf("%s: snap point %v,%v outside the force", s.Slug, p.lon, p.lat)
			}
			for i, nbi := range f.nbs {
				if in := inside(rings[i], p.lon, p.lat); in != (nbi == p.nb) {
					t.Errorf("%s: snap point %v,%v inside %s is %v", s.Slug, p.lon, p.lat, w.nbs[nbi].id, in)
				}
			}
		}
	}
	if nonRect < 10 {
		t.Errorf("only %d neighbourhoods are not rectangles", nonRect)
	}

	pop, err := os.ReadFile(filepath.Join(ref, "population.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(pop)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "lsoacd,population" || len(recs)-1 != len(w.lsoas) {
		t.Errorf("population.csv: header %v, %d rows for %d LSOAs", recs[0], len(recs)-1, len(w.lsoas))
	}
	pc, err := os.ReadFile(filepath.Join(ref, "postcodes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err = csv.NewReader(bytes.NewReader(pc)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "postcode,latitude,longitude" || len(recs) < 100 {
		t.Errorf("postcodes.csv: header %v, %d rows", recs[0], len(recs))
	}
	codes := map[string]bool{}
	for _, rec := range recs[1:] {
		if codes[rec[0]] {
			t.Errorf("postcode %s twice", rec[0])
		}
		codes[rec[0]] = true
		lat, _ := strconv.ParseFloat(rec[1], 64)
		lon, _ := strconv.ParseFloat(rec[2], 64)
		if c := locate(lon, lat); c < 0 || w.nbOf[c] < 0 {
			t.Errorf("postcode %s at %v,%v is in no neighbourhood", rec[0], lat, lon)
		}
	}
}

func checkDetails(t *testing.T, path string, nb *neighbourhood) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, k := range []string{"id", "name", "description", "contact_details", "centre", "population", "links", "locations", "people", "priorities", "events"} {
		if _, ok := d[k]; !ok {
			t.Errorf("%s: no %s", path, k)
		}
	}
	if d["id"] != nb.id || d["name"] != nb.name {
		t.Errorf("%s: id %v name %v", path, d["id"], d["name"])
	}
	c, _ := d["centre"].(map[string]any)
	lat, _ := c["latitude"].(string)
	lon, _ := c["longitude"].(string)
	if _, err := strconv.ParseFloat(lat, 64); err != nil {
		t.Errorf("%s: centre %v", path, c)
	}
	if _, err := strconv.ParseFloat(lon, 64); err != nil {
		t.Errorf("%s: centre %v", path, c)
	}
	if desc, ok := d["description"].(string); ok && !strings.HasPrefix(desc, "<p>") {
		t.Errorf("%s: description %q", path, desc)
	}
}

func TestResume(t *testing.T) {
	dir := t.TempDir()
	opt := Options{Months: 4}
	first, err := Generate(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	victim := filepath.Join(dir, "2025-11", "2025-11-cumbria-street.csv")
	want, err := os.ReadFile(victim)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(victim); err != nil {
		t.Fatal(err)
	}
	calls := 0
	opt.Progress = func(done, total int) {
		calls++
		if done > total {
			t.Errorf("progress %d of %d", done, total)
		}
	}
	again, err := Generate(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(victim); !bytes.Equal(got, want) {
		t.Error("resumed file differs")
	}
	if again != first {
		t.Errorf("resumed summary %+v, want %+v", again, first)
	}
	if calls == 0 {
		t.Error("progress never called")
	}
	// Other options replace the sample.
	if _, err := Generate(dir, Options{Months: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "2025-09")); err == nil {
		t.Error("old months left behind")
	}
	// A folder that is not a sample is refused.
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(other, Options{}); err == nil {
		t.Error("generated into a folder holding other files")
	}
}

func TestOptions(t *testing.T) {
	for _, opt := range []Options{{Scale: "huge"}, {Months: -1}, {Months: maxMonths + 1}, {End: crime.MakeMonth(2010, 1)}} {
		if _, err := Generate(t.TempDir(), opt); err == nil {
			t.Errorf("%+v accepted", opt)
		}
	}
}

// TestNational generates the national scale. It takes about a minute and
// several gigabytes, so it runs only when asked for.
func TestNational(t *testing.T) {
	if testing.Short() || os.Getenv("CRIMEMAP_NATIONAL") != "1" {
		t.Skip("set CRIMEMAP_NATIONAL=1 to generate the national scale")
	}
	dir := t.TempDir()
	start := time.Now()
	s, err := Generate(dir, Options{Scale: "national"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v in %v", s, time.Since(start))
	if s.Forces != 45 || s.StreetRows < 18_000_000 || s.SnapPoints < 650_000 || s.Neighbourhoods < 4000 || s.BadRows != 32 {
		t.Errorf("summary %+v", s)
	}
	data, err := os.ReadFile(filepath.Join(dir, "2025-12", "2025-12-metropolitan-street.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(data, []byte("\n")); n < 50000 {
		t.Errorf("metropolitan has %d rows", n)
	}
}

func BenchmarkGenerateSmall(b *testing.B) {
	var s Summary
	for b.Loop() {
		dir := b.TempDir()
		var err error
		if s, err = Generate(dir, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(s.StreetRows+s.OutcomeRows+s.StopRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.SetBytes(s.Bytes)
}

func TestExactFiles(t *testing.T) {
	dir, sum := small(t)
	if sum.ExactRows != sum.StreetRows || sum.GazetteerPoints <= sum.SnapPoints {
		t.Errorf("summary %+v: every street row should have an exact record, and the gazetteer more points than the snap points", sum)
	}
	gaz, err := os.ReadFile(filepath.Join(dir, ExactDir, "gazetteer.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(gaz)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != gazetteerHeader || len(recs)-1 != sum.GazetteerPoints {
		t.Errorf("gazetteer: header %v, %d points, summary says %d", recs[0], len(recs)-1, sum.GazetteerPoints)
	}
	kinds := map[string]int{}
	for i, rec := range recs[1:] {
		if i > 0 && rec[0] <= recs[i][0] {
			t.Fatalf("gazetteer ids out of order: %s after %s", rec[0], recs[i][0])
		}
		n, _ := strconv.Atoi(rec[4])
		eligible := rec[5] != "street" || n >= 8
		if eligible != strings.HasPrefix(rec[0], "p") {
			t.Errorf("gazetteer row %v", rec)
		}
		kinds[rec[5]]++
	}
	for _, k := range []string{"street", "station", "parking-area", "supermarket"} {
		if kinds[k] == 0 {
			t.Errorf("no %s in the gazetteer: %v", k, kinds)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, ExactDir, "*", "*-exact.csv"))
	street, _ := filepath.Glob(filepath.Join(dir, "*", "*-street.csv"))
	if len(files) != len(street) {
		t.Errorf("%d exact files for %d street files", len(files), len(street))
	}
	btp, err := os.ReadFile(filepath.Join(dir, ExactDir, "2025-12", "2025-12-btp-exact.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(btp, []byte(exactHeader+"\n")) || !regexp.MustCompile(`,p\d{7}\n`).Match(btp) {
		t.Error("no British Transport Police record with a journey end station")
	}

	// The national scale writes the last month by default; -1 writes none.
	if o, _ := (Options{Scale: "national"}).normalise(); o.ExactMonths != 1 {
		t.Errorf("national: %d exact months", o.ExactMonths)
	}
	none := t.TempDir()
	s, err := Generate(none, Options{Months: 2, ExactMonths: -1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(none, ExactDir)); err == nil || s.ExactRows != 0 || s.GazetteerPoints != 0 {
		t.Errorf("ExactMonths -1 wrote exact files: %+v", s)
	}
}

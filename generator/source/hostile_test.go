package source

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// The tests in this file feed the loader hostile and broken input, one
// kind per case, and assert exactly what it reports and what it keeps:
// every problem names its file and line, nothing is kept that should not
// be, and nothing is lost without a problem saying so.

// problemLine is what a test asserts of one problem: where, why, how bad,
// and a piece of the message.
type problemLine struct {
	file   string
	line   int
	reason validate.Reason
	sev    validate.Severity
	detail string
}

func (p problemLine) String() string {
	return fmt.Sprintf("%s:%d %s %s %q", p.file, p.line, p.reason, p.sev, p.detail)
}

// checkProblems compares every problem reported (the examples: tests stay
// under ExamplesPerReason per reason) with want, in order of file and line.
func checkProblems(t *testing.T, report *validate.Report, want []problemLine) {
	t.Helper()
	got := report.Examples()
	slices.SortStableFunc(got, func(a, b validate.Problem) int {
		if a.File != b.File {
			return strings.Compare(a.File, b.File)
		}
		return a.Line - b.Line
	})
	slices.SortStableFunc(want, func(a, b problemLine) int {
		if a.file != b.file {
			return strings.Compare(a.file, b.file)
		}
		return a.line - b.line
	})
	if len(got) != len(want) {
		t.Errorf("%d problems, want %d:", len(got), len(want))
		for _, p := range got {
			t.Errorf("  got %v", p)
		}
		for _, w := range want {
			t.Errorf("  want %v", w)
		}
		return
	}
	for i, w := range want {
		p := got[i]
		if p.File != w.file || p.Line != w.line || p.Reason != w.reason || p.Severity != w.sev || !strings.Contains(p.Detail, w.detail) {
			t.Errorf("problem %v, want %v", p, w)
		}
	}
	if n := report.Len(); n != len(want) {
		t.Errorf("report counts %d problems, want %d", n, len(want))
	}
}

// kept returns the crimes kept per force, in the store's order.
func kept(st *store.Store) map[string]int {
	out := map[string]int{}
	for _, c := range st.Crimes {
		out[st.Forces[c.Force].Slug] += c.Len()
	}
	return out
}

func street(month string, rows ...string) string {
	var b strings.Builder
	b.WriteString(streetHead)
	for _, r := range rows {
		b.WriteString(strings.ReplaceAll(r, "2025-01", month))
	}
	return b.String()
}

// withClock sets the build's clock for one test.
func withClock(t *testing.T, at time.Time) {
	old := now
	now = func() time.Time { return at }
	t.Cleanup(func() { now = old })
}

// TestHostileRows covers broken files and rows: each case is one file of a
// good row, the case's text, and (where the text leaves the file usable)
// another good row.
func TestHostileRows(t *testing.T) {
	const file = "2025-01/2025-01-test-street.csv"
	tests := []struct {
		name     string
		body     string
		kept     int
		problems []problemLine
		excluded []store.Exclusion
	}{
		{"truncated in a row", streetHead + goodRow + ",2025-01,T,T,-1.5,53.5,On or ne", 1,
			[]problemLine{{file, 3, validate.ColumnCount, validate.Excluded, "7 columns, want 12"}},
			[]store.Exclusion{{From: 3, To: 0, Reason: "wrong-column-count"}}},
		{"truncated in a quoted field", streetHead + goodRow + ",2025-01,T,T,-1.5,53.5,\"On or ne", 1,
			[]problemLine{{file, 3, validate.BadCSV, validate.Excluded, "quoted field not closed before end of file"}},
			[]store.Exclusion{{From: 3, To: 0, Reason: "bad-csv"}}},
		{"truncated in the header", "Crime ID,Month,Repor", 0,
			[]problemLine{{file, 1, validate.BadHeader, validate.Excluded, "header has 3 columns, want 12"}},
			[]store.Exclusion{{From: 1, To: 0, Reason: "bad-header"}}},
		{"wrong header", strings.Replace(streetHead, "Latitude", "Lattitude", 1) + goodRow, 0,
			[]problemLine{{file, 1, validate.BadHeader, validate.Excluded, `header column 6 is "Lattitude", want "Latitude"`}},
			[]store.Exclusion{{From: 1, To: 0, Reason: "bad-header"}}},
		{"header of another kind of file", "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n" + goodRow, 0,
			[]problemLine{{file, 1, validate.BadHeader, validate.Excluded, "header has 10 columns, want 12"}},
			[]store.Exclusion{{From: 1, To: 0, Reason: "bad-header"}}},
		{"extra column", streetHead + goodRow + strings.TrimSuffix(goodRow, "\n") + ",extra\n" + goodRow, 2,
			[]problemLine{{file, 3, validate.ColumnCount, validate.Excluded, "13 columns, want 12"}},
			[]store.Exclusion{{From: 3, To: 4, Reason: "wrong-column-count"}}},
		{"missing column", streetHead + goodRow + ",2025-01,T,T,-1.5,53.5,On or near X,E01,T 001A,Burglary,\n" + goodRow, 2,
			[]problemLine{{file, 3, validate.ColumnCount, validate.Excluded, "11 columns, want 12"}},
			[]store.Exclusion{{From: 3, To: 4, Reason: "wrong-column-count"}}},
		{"stray quote", streetHead + goodRow + ",2025-01,T,T,-1.5,53.5,On or \"near\" X,E01,T 001A,Burglary,,\n" + goodRow, 2,
			[]problemLine{{file, 3, validate.BadCSV, validate.Excluded, "stray quote in field"}},
			[]store.Exclusion{{From: 3, To: 4, Reason: "bad-csv"}}},
		{"NUL byte", streetHead + goodRow + ",2025-01,T,T,-1.5,53.5,On or near\x00X,E01,T 001A,Burglary,,\n" + goodRow, 2,
			[]problemLine{{file, 3, validate.BadEncoding, validate.Excluded, `column "Location" is not valid UTF-8`}},
			[]store.Exclusion{{From: 3, To: 4, Reason: "bad-encoding"}}},
		{"invalid UTF-8", streetHead + goodRow + ",2025-01,T,T,-1.5,53.5,On or near \xc3\x28,E01,T 001A,Burglary,,\n" + goodRow, 2,
			[]problemLine{{file, 3, validate.BadEncoding, validate.Excluded, `column "Location" is not valid UTF-8`}},
			[]store.Exclusion{{From: 3, To: 4, Reason: "bad-encoding"}}},
		{"Latin-1 file", streetHead + goodRow + ",2025-01,T,T,-1.5,53.5,On or near Caf\xe9,E01,T 001A,Burglary,,\n" + goodRow, 2,
			[]problemLine{{file, 3, validate.BadEncoding, validate.Excluded, `column "Location" is not valid UTF-8`}},
			[]store.Exclusion{{From: 3, To: 4, Reason: "bad-encoding"}}},
		{"10 MB field", streetHead + goodRow + ",2025-01,T,T,-1.5,53.5," + strings.Repeat("x", 10<<20) + ",E01,T 001A,Burglary,,\n" + goodRow, 2,
			[]problemLine{{file, 3, validate.LongField, validate.Excluded, "record longer than 64 KiB"}},
			[]store.Exclusion{{From: 3, To: 4, Reason: "field-too-long"}}},
		{"10 MB field, truncated", streetHead + goodRow + ",2025-01,T,T,-1.5,53.5," + strings.Repeat("x", 10<<20), 1,
			[]problemLine{{file, 3, validate.LongField, validate.Excluded, "record longer than 64 KiB"}},
			[]store.Exclusion{{From: 3, To: 0, Reason: "field-too-long"}}},
		{"10 MB quoted field over many lines", streetHead + goodRow + ",2025-01,T,T,-1.5,53.5,\"" + strings.Repeat("x\n", 5<<20) + "\",E01,T 001A,Burglary,,\n" + goodRow, 2,
			// The record is skipped whole, its line feeds inside quotes
			// included: one problem, not one per line.
			[]problemLine{{file, 3, validate.LongField, validate.Excluded, "record longer than 64 KiB"}},
			[]store.Exclusion{{From: 3, To: 3 + 5<<20 + 1, Reason: "field-too-long"}}},
		{"a line of commas", streetHead + goodRow + strings.Repeat(",", 1<<20) + "\n" + goodRow, 2,
			[]problemLine{{file, 3, validate.LongField, validate.Excluded, "record longer than 64 KiB"}},
			[]store.Exclusion{{From: 3, To: 4, Reason: "field-too-long"}}},
		{"quote never closed", streetHead + goodRow + ",2025-01,T,T,-1.5,53.5,\"On or near X,E01,T 001A,Burglary,,\n" + strings.Repeat(goodRow, 1000), 1,
			// Everything after the quote is inside the field: the record
			// runs to the end of the file and is too long.
			[]problemLine{{file, 3, validate.LongField, validate.Excluded, "record longer than 64 KiB"}},
			[]store.Exclusion{{From: 3, To: 0, Reason: "field-too-long"}}},
		{"quote never closed, short file", streetHead + goodRow + ",2025-01,T,T,-1.5,53.5,\"On or near X,E01,T 001A,Burglary,,\n" + goodRow, 1,
			[]problemLine{{file, 3, validate.BadCSV, validate.Excluded, "quoted field not closed before end of file"}},
			[]store.Exclusion{{From: 3, To: 0, Reason: "bad-csv"}}},
		{"empty file", "", 0,
			[]problemLine{{file, 1, validate.BadCSV, validate.Excluded, "cannot read header: file is empty"}},
			[]store.Exclusion{{From: 1, To: 0, Reason: "bad-csv"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{file: {Data: []byte(tt.body)}}
			report := validate.NewReport()
			st, _, err := Load(&Input{FS: fsys, Root: "."}, report, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := kept(st)["test"]; got != tt.kept {
				t.Errorf("kept %d rows, want %d", got, tt.kept)
			}
			checkProblems(t, report, tt.problems)
			if got := fmt.Sprint(st.Inputs[0].Excluded); got != fmt.Sprint(tt.excluded) {
				t.Errorf("excluded %s, want %v", got, tt.excluded)
			}
		})
	}
}

// endless yields n bytes of x without holding them.
type endless struct{ n int64 }

var xs = bytes.Repeat([]byte("x"), 64<<10)

func (e *endless) Read(b []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	k := copy(b, xs[:min(int64(len(xs)), e.n)])
	e.n -= int64(k)
	return k, nil
}

// TestOneGigabyteLine reads a file whose third line is 1 GiB long, from a
// reader that generates it: the line is reported and skipped, the rows
// around it kept, and the parser allocates a bounded amount however long
// the line (the 256 KiB read buffer and a record of csvread.MaxRecord, not the
// line).
func TestOneGigabyteLine(t *testing.T) {
	size := int64(1 << 30)
	if testing.Short() {
		size = 64 << 20
	}
	r := io.MultiReader(strings.NewReader(streetHead+goodRow), &endless{n: size},
		strings.NewReader("\n"+goodRow))
	file := File{Path: "2025-01/2025-01-test-street.csv", Month: crime.MakeMonth(2025, 1), Force: "test", Kind: Street}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p := parseFile(file, r)
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("parsing allocated %d MiB for a line of %d MiB", alloc>>20, size>>20)
	}
	if p.crimes.Len() != 2 || p.rows != 3 {
		t.Errorf("kept %d of %d rows, want 2 of 3", p.crimes.Len(), p.rows)
	}
	if len(p.problems) != 1 || p.problems[0].Line != 3 || p.problems[0].Reason != validate.LongField {
		t.Errorf("problems %v, want one long record at line 3", p.problems)
	}
	if want := int64(len(streetHead)+2*len(goodRow)+1) + size; p.bytes != want {
		t.Errorf("read %d bytes, want all %d", p.bytes, want)
	}
	if fmt.Sprint(p.excluded) != "[{3 4 field-too-long}]" {
		t.Errorf("excluded %v", p.excluded)
	}
}

// TestHostileCoordinates checks each kind of impossible location: it is
// left out with a reason saying what is wrong, in street files and in
// stop-and-search files, which put latitude first.
func TestHostileCoordinates(t *testing.T) {
	row := func(lon, lat string) string {
		return ",2025-01,T,T," + lon + "," + lat + ",On or near X,E01,T 001A,Burglary,,\n"
	}
	tests := []struct {
		name, lon, lat string
		reason         validate.Reason
		detail         string
	}{
		{"NaN", "NaN", "53.5", validate.BadCoordinates, `longitude "NaN", latitude "53.5" are not decimal degrees`},
		{"lower-case nan", "-1.5", "nan", validate.BadCoordinates, "are not decimal degrees"},
		{"infinite", "Inf", "53.5", validate.BadCoordinates, `longitude "Inf"`},
		{"minus infinity", "-Infinity", "53.5", validate.BadCoordinates, `longitude "-Infinity"`},
		{"exponent", "-1.5", "5.35e1", validate.BadCoordinates, `latitude "5.35e1"`},
		{"too many digits", "-1.5", "53333333333333333333.5", validate.BadCoordinates, "not decimal degrees"},
		{"hex", "0x1p0", "53.5", validate.BadCoordinates, "not decimal degrees"},
		{"spaces", " -1.5", "53.5", validate.BadCoordinates, "not decimal degrees"},
		{"out of range", "-1.5", "91", validate.BadCoordinates, "longitude -1.5, latitude 91 are out of range"},
		{"swapped", "53.5", "-1.5", validate.BadCoordinates, "longitude 53.5 and latitude -1.5 look swapped"},
		{"Paris", "2.35", "48.85", validate.OutsideUK, "longitude 2.35, latitude 48.85 are outside England, Wales and Northern Ireland"},
		{"null island", "0", "0", validate.OutsideUK, "outside England, Wales and Northern Ireland"},
		{"sign lost", "1.5", "-53.5", validate.OutsideUK, "outside"},
		{"one coordinate", "", "53.5", validate.BadCoordinates, `longitude "", latitude "53.5" are not decimal degrees`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const sfile = "2025-01/2025-01-test-street.csv"
			const stops = "2025-01/2025-01-test-stop-and-search.csv"
			stop := func(lat, lon string) string {
				return "Person search,2025-01-15T10:00:00+00:00,False,," + lat + "," + lon + ",Male,18-24,,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,False,False\n"
			}
			report := validate.NewReport()
			fsys := fstest.MapFS{
				sfile: {Data: []byte(streetHead + goodRow + row(tt.lon, tt.lat) + goodRow)},
				stops: {Data: []byte(strings.Join(headers[StopAndSearch], ",") + "\n" +
					stop("53.5", "-1.5") + stop(tt.lat, tt.lon) + stop("53.5", "-1.5"))},
			}
			st, _, err := Load(&Input{FS: fsys, Root: "."}, report, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := kept(st)["test"]; got != 2 {
				t.Errorf("kept %d crimes, want 2", got)
			}
			if got := st.StopRows(); got != 2 {
				t.Errorf("kept %d stops, want 2", got)
			}
			checkProblems(t, report, []problemLine{
				{sfile, 3, tt.reason, validate.Excluded, tt.detail},
				{stops, 3, tt.reason, validate.Excluded, tt.detail},
			})
		})
	}
}

// TestHostileFiles covers problems of whole files: months in the future
// (after the build's clock's month) or disagreeing with the file name,
// duplicates for one force and month, misnamed files, and a force slug
// data.police.uk does not have.
func TestHostileFiles(t *testing.T) {
	withClock(t, time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC))
	tests := []struct {
		name     string
		files    map[string]string
		kept     map[string]int
		problems []problemLine
	}{
		{"future month",
			map[string]string{
				"2025-06/2025-06-cumbria-street.csv": street("2025-06", goodRow),
				"2025-07/2025-07-cumbria-street.csv": street("2025-07", goodRow),
				"2099-01/2099-01-cumbria-street.csv": street("2099-01", goodRow),
			},
			map[string]int{"cumbria": 1},
			[]problemLine{
				{"2025-07/2025-07-cumbria-street.csv", 0, validate.FutureMonth, validate.Excluded, "file is for 2025-07, after the month of this build (2025-06)"},
				{"2099-01/2099-01-cumbria-street.csv", 0, validate.FutureMonth, validate.Excluded, "file is for 2099-01"},
			}},
		{"month disagrees with the file name",
			map[string]string{"2025-01/2025-01-cumbria-street.csv": street("2025-01", goodRow) + strings.ReplaceAll(goodRow, "2025-01", "2025-02")},
			map[string]int{"cumbria": 1},
			[]problemLine{{"2025-01/2025-01-cumbria-street.csv", 3, validate.MonthMismatch, validate.Excluded, "row is for 2025-02 but the file is for 2025-01"}}},
		{"file in another month's folder",
			map[string]string{"2025-02/2025-01-cumbria-street.csv": street("2025-01", goodRow)},
			map[string]int{},
			[]problemLine{{"2025-02/2025-01-cumbria-street.csv", 0, validate.BadFileName, validate.Excluded, `file for 2025-01 is in folder "2025-02", not "2025-01"`}}},
		{"duplicate in a second copy of the archive",
			map[string]string{
				"2025-01/2025-01-cumbria-street.csv":             street("2025-01", goodRow),
				"police-data/2025-01/2025-01-cumbria-street.csv": street("2025-01", goodRow, goodRow),
			},
			map[string]int{"cumbria": 1},
			[]problemLine{{"police-data/2025-01/2025-01-cumbria-street.csv", 0, validate.DuplicateFile, validate.Excluded,
				"another street file for cumbria 2025-01 was read: 2025-01/2025-01-cumbria-street.csv"}}},
		{"names differing in case",
			map[string]string{
				"2025-01/2025-01-cumbria-street.csv": street("2025-01", goodRow),
				"2025-01/2025-01-Cumbria-street.csv": street("2025-01", goodRow, goodRow),
				"2025-01/2025-01-CUMBRIA-STREET.CSV": street("2025-01", goodRow, goodRow),
			},
			map[string]int{"cumbria": 1},
			[]problemLine{
				{"2025-01/2025-01-CUMBRIA-STREET.CSV", 0, validate.BadFileName, validate.Excluded, "name is not YYYY-MM-<force>-{street,outcomes,stop-and-search}.csv"},
				{"2025-01/2025-01-Cumbria-street.csv", 0, validate.BadFileName, validate.Excluded, "name is not YYYY-MM-<force>-{street,outcomes,stop-and-search}.csv"},
			}},
		{"unknown force slug",
			map[string]string{
				"2025-01/2025-01-cumbria-street.csv": street("2025-01", goodRow),
				"2025-01/2025-01-cumbira-street.csv": street("2025-01", goodRow),
				"2025-02/2025-02-cumbira-street.csv": street("2025-02", goodRow),
			},
			map[string]int{"cumbria": 1, "cumbira": 2},
			[]problemLine{
				{"2025-01/2025-01-cumbira-street.csv", 0, validate.UnknownForce, validate.Warning, `force "cumbira" is not one of data.police.uk's forces`},
				// cumbria's record starts in January, so February is missing.
				{"2025-02/", 0, validate.MissingMonth, validate.Warning, "no street file for cumbria in 2025-02"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			report := validate.NewReport()
			st, _, err := Load(&Input{FS: fsys, Root: "."}, report, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := kept(st); fmt.Sprint(got) != fmt.Sprint(tt.kept) {
				t.Errorf("kept %v, want %v", got, tt.kept)
			}
			checkProblems(t, report, tt.problems)
		})
	}
}

// zipEntry is one entry of a test archive. raw entries are written as
// given, header and all, to make archives no honest tool would.
type zipEntry struct {
	name string
	body string
	mode os.FileMode // 0: a regular file
	raw  *zip.FileHeader
	data []byte // raw: the compressed bytes
}

func writeZip(t *testing.T, entries []zipEntry) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		var w io.Writer
		var err error
		switch {
		case e.raw != nil:
			w, err = zw.CreateRaw(e.raw)
			if err == nil {
				_, err = w.Write(e.data)
			}
		default:
			h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
			if e.mode != 0 {
				h.SetMode(e.mode)
			}
			w, err = zw.CreateHeader(h)
			if err == nil {
				_, err = io.WriteString(w, e.body)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "data.zip")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func deflate(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestHostileZip opens archives with entries that climb out of the folder,
// absolute and Windows paths, links, repeated names, a compression bomb and
// an entry that lies about its size. Each is reported and left unread, and
// the good entries beside it still load.
func TestHostileZip(t *testing.T) {
	const good = "2025-01/2025-01-cumbria-street.csv"
	zeros := make([]byte, 4<<20) // deflates about 1,000 times
	lie := []byte(street("2025-01", goodRow, goodRow, goodRow))
	tests := []struct {
		name     string
		entries  []zipEntry
		kept     map[string]int
		problems []problemLine
	}{
		{"climbs out",
			[]zipEntry{{name: good, body: street("2025-01", goodRow)},
				{name: "../2025-01/2025-01-durham-street.csv", body: street("2025-01", goodRow)},
				{name: "2025-01/../../etc/2025-01-kent-street.csv", body: street("2025-01", goodRow)}},
			map[string]int{"cumbria": 1},
			[]problemLine{
				{"../2025-01/2025-01-durham-street.csv", 0, validate.BadArchive, validate.Excluded, "is not a plain relative path"},
				{"2025-01/../../etc/2025-01-kent-street.csv", 0, validate.BadArchive, validate.Excluded, "is not a plain relative path"},
			}},
		{"absolute and Windows paths",
			[]zipEntry{{name: good, body: street("2025-01", goodRow)},
				{name: "/2025-01/2025-01-durham-street.csv", body: street("2025-01", goodRow)},
				{name: `2025-01\2025-01-kent-street.csv`, body: street("2025-01", goodRow)},
				{name: `C:\2025-01\2025-01-essex-street.csv`, body: street("2025-01", goodRow)}},
			map[string]int{"cumbria": 1},
			[]problemLine{
				{"/2025-01/2025-01-durham-street.csv", 0, validate.BadArchive, validate.Excluded, "is not a plain relative path"},
				{`2025-01\2025-01-kent-street.csv`, 0, validate.BadArchive, validate.Excluded, "is not a plain relative path"},
				{`C:\2025-01\2025-01-essex-street.csv`, 0, validate.BadArchive, validate.Excluded, "is not a plain relative path"},
			}},
		{"symbolic link",
			[]zipEntry{{name: good, body: street("2025-01", goodRow)},
				{name: "2025-01/2025-01-durham-street.csv", body: "/etc/passwd", mode: os.ModeSymlink | 0o777}},
			map[string]int{"cumbria": 1},
			[]problemLine{{"2025-01/2025-01-durham-street.csv", 0, validate.BadArchive, validate.Excluded, "entry is a symbolic link"}}},
		{"repeated name",
			[]zipEntry{{name: good, body: street("2025-01", goodRow)},
				{name: good, body: street("2025-01", goodRow, goodRow, goodRow)}},
			map[string]int{"cumbria": 1},
			[]problemLine{{good, 0, validate.BadArchive, validate.Excluded, `more than one entry named "` + good + `"; only the first is read`}}},
		{"compression bomb",
			[]zipEntry{{name: good, body: street("2025-01", goodRow)},
				{name: "2025-01/2025-01-durham-street.csv", body: streetHead + string(zeros)}},
			map[string]int{"cumbria": 1},
			[]problemLine{{"2025-01/2025-01-durham-street.csv", 0, validate.BadArchive, validate.Excluded, "a compression bomb"}}},
		{"size understated",
			// The header claims 40 bytes; the data holds more. Reading
			// stops at the declared size, and the file is reported.
			[]zipEntry{{name: good, body: street("2025-01", goodRow)},
				{raw: &zip.FileHeader{Name: "2025-01/2025-01-durham-street.csv", Method: zip.Deflate,
					CRC32: crc32.ChecksumIEEE(lie), UncompressedSize64: 40, CompressedSize64: uint64(len(deflate(t, lie)))},
					data: deflate(t, lie)}},
			map[string]int{"cumbria": 1},
			[]problemLine{{"2025-01/2025-01-durham-street.csv", 1, validate.UnreadableFile, validate.Excluded, "cannot read header: zip: not a valid zip file"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := Open(writeZip(t, tt.entries))
			if err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			report := validate.NewReport()
			st, _, err := Load(in, report, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := kept(st); fmt.Sprint(got) != fmt.Sprint(tt.kept) {
				t.Errorf("kept %v, want %v", got, tt.kept)
			}
			checkProblems(t, report, tt.problems)
		})
	}
}

// TestZipTotalLimit checks that an archive holding more than maxZipBytes
// uncompressed is a fatal problem: the build stops rather than publish a
// site silently lacking the rest.
func TestZipTotalLimit(t *testing.T) {
	body := street("2025-01", goodRow, goodRow)
	old := maxZipBytes
	maxZipBytes = int64(2*len(body) - 1) // room for one entry, not two
	t.Cleanup(func() { maxZipBytes = old })
	path := writeZip(t, []zipEntry{
		{name: "2025-01/2025-01-cumbria-street.csv", body: body},
		{name: "2025-01/2025-01-durham-street.csv", body: body},
		{name: "2025-01/2025-01-kent-street.csv", body: body},
	})
	in, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	report := validate.NewReport()
	st, _, err := Load(in, report, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := kept(st); fmt.Sprint(got) != "map[cumbria:2]" {
		t.Errorf("kept %v", got)
	}
	checkProblems(t, report, []problemLine{
		{"2025-01/2025-01-durham-street.csv", 0, validate.BadArchive, validate.Fatal, "more than 0 GiB uncompressed; this entry and the rest are left out"},
		{"2025-01/2025-01-kent-street.csv", 0, validate.BadArchive, validate.Fatal, "left out: the archive holds more than"},
	})
	if n := len(report.Fatal()); n != 2 {
		t.Errorf("%d fatal problems, want 2", n)
	}
}

// TestTruncatedZip checks that an archive cut short fails to open with an
// error naming it, before anything is read.
func TestTruncatedZip(t *testing.T) {
	path := writeZip(t, []zipEntry{{name: "2025-01/2025-01-cumbria-street.csv", body: street("2025-01", goodRow)}})
	b, _ := os.ReadFile(path)
	if err := os.WriteFile(path, b[:len(b)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "open input "+path+": zip: not a valid zip file") {
		t.Errorf("open a truncated zip: %v", err)
	}
}

// TestFolderLinks checks that a link in the data folder named as a data
// file is read when it leads to a file, and reported, not silently
// skipped, when it leads nowhere or to a folder.
func TestFolderLinks(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(data, "2025-01"), 0o755))
	must(os.MkdirAll(filepath.Join(data, "store"), 0o755))
	must(os.WriteFile(filepath.Join(data, "store", "c.csv"), []byte(street("2025-01", goodRow, goodRow)), 0o644))
	must(os.Symlink(filepath.Join(dir, "gone.csv"), filepath.Join(data, "2025-01", "2025-01-durham-street.csv")))
	must(os.Symlink("../store", filepath.Join(data, "2025-01", "2025-01-kent-street.csv")))
	must(os.Symlink("../store/c.csv", filepath.Join(data, "2025-01", "2025-01-cumbria-street.csv")))
	in, err := Open(data)
	must(err)
	defer in.Close()
	report := validate.NewReport()
	st, _, err := Load(in, report, Options{})
	must(err)
	if got := kept(st); fmt.Sprint(got) != "map[cumbria:2]" {
		t.Errorf("kept %v, want the 2 rows of the linked file", got)
	}
	checkProblems(t, report, []problemLine{
		{"2025-01/2025-01-durham-street.csv", 0, validate.BadLink, validate.Excluded, "symbolic link not followed"},
		{"2025-01/2025-01-kent-street.csv", 0, validate.BadLink, validate.Excluded, "not a regular file; left out"},
	})
}

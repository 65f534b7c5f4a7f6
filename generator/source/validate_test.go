package source

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

const streetHead = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"

const goodRow = ",2025-01,Test Police,Test Police,-1.500000,53.500000,On or near High Street,E01000001,Testtown 001A,Anti-social behaviour,,\n"

func loadMap(t *testing.T, files map[string]string) (*validate.Report, Stats, func(force string) int) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	report := validate.NewReport()
	st, stats, err := Load(&Input{FS: fsys, Root: "."}, report, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rows := func(force string) int {
		f, ok := st.Force(force)
		if !ok {
			return -1
		}
		n := 0
		for _, c := range st.Crimes {
			if c.Force == f {
				n += c.Len()
			}
		}
		return n
	}
	return report, stats, rows
}

// TestBadRows checks each problem the loader recognises: it is reported with
// the file, line and reason, the bad row is left out, and the good rows of
// the same file are kept.
func TestBadRows(t *testing.T) {
	tests := []struct {
		name   string
		row    string
		reason validate.Reason
		detail string
	}{
		{"unparsable coordinates", ",2025-01,T,T,abc,53.5,On or near X,E01,T 001A,Burglary,Under investigation,\n",
			validate.BadCoordinates, `longitude "abc"`},
		{"NaN", ",2025-01,T,T,NaN,53.5,On or near X,E01,T 001A,Burglary,Under investigation,\n",
			validate.BadCoordinates, "not decimal degrees"},
		{"latitude out of range", ",2025-01,T,T,-1.5,93.5,On or near X,E01,T 001A,Burglary,Under investigation,\n",
			validate.BadCoordinates, "out of range"},
		{"swapped", ",2025-01,T,T,53.5,-1.5,On or near X,E01,T 001A,Burglary,Under investigation,\n",
			validate.BadCoordinates, "look swapped"},
		{"outside the UK", ",2025-01,T,T,2.35,48.85,On or near X,E01,T 001A,Burglary,Under investigation,\n",
			validate.OutsideUK, "outside England"},
		{"only one coordinate", ",2025-01,T,T,,53.5,On or near X,E01,T 001A,Burglary,Under investigation,\n",
			validate.BadCoordinates, "not decimal"},
		{"month disagrees", ",2025-02,T,T,-1.5,53.5,On or near X,E01,T 001A,Burglary,Under investigation,\n",
			validate.MonthMismatch, "row is for 2025-02 but the file is for 2025-01"},
		{"bad month", ",Jan 2025,T,T,-1.5,53.5,On or near X,E01,T 001A,Burglary,Under investigation,\n",
			validate.BadMonth, "not YYYY-MM"},
		{"unknown crime type", ",2025-01,T,T,-1.5,53.5,On or near X,E01,T 001A,Jaywalking,Under investigation,\n",
			validate.UnknownCategory, `"Jaywalking"`},
		{"unknown outcome", ",2025-01,T,T,-1.5,53.5,On or near X,E01,T 001A,Burglary,Sent to the moon,\n",
			validate.UnknownOutcome, `"Sent to the moon"`},
		{"too few columns", ",2025-01,T,T,-1.5,53.5,On or near X\n", validate.ColumnCount, "7 columns, want 12"},
		{"too many columns", ",2025-01,T,T,-1.5,53.5,On or near X,E01,T 001A,Burglary,,,extra\n",
			validate.ColumnCount, "13 columns, want 12"},
		{"stray quote", ",2025-01,T,T,-1.5,53.5,On or \"near X,E01,T 001A,Burglary,,\n", validate.BadCSV, "stray quote"},
		{"invalid UTF-8", ",2025-01,T,T,-1.5,53.5,On or near \xff,E01,T 001A,Burglary,,\n", validate.BadEncoding, `"Location"`},
		{"NUL byte", ",2025-01,T,T,-1.5,53.5,On or near \x00,E01,T 001A,Burglary,,\n", validate.BadEncoding, `"Location"`},
		{"long field", ",2025-01,T,T,-1.5,53.5,On or near " + strings.Repeat("x", 2000) + ",E01,T 001A,Burglary,,\n",
			validate.LongField, `"Location" is 2011 bytes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			report, stats, rows := loadMap(t, map[string]string{
				"2025-01/2025-01-test-street.csv": streetHead + goodRow + tt.row + goodRow,
			})
			if got := rows("test"); got != 2 {
				t.Errorf("kept %d rows, want the 2 good ones", got)
			}
			if stats.Rows != 3 || stats.Excluded != 1 {
				t.Errorf("stats %+v, want 3 rows with 1 excluded", stats)
			}
			ex := report.Examples()
			if len(ex) != 1 {
				t.Fatalf("problems %v, want one", ex)
			}
			p := ex[0]
			if p.File != "2025-01/2025-01-test-street.csv" || p.Line != 3 || p.Reason != tt.reason ||
				p.Severity != validate.Excluded || p.Force != "test" || p.Month != "2025-01" {
				t.Errorf("problem %+v", p)
			}
			if !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("detail %q does not say %q", p.Detail, tt.detail)
			}
		})
	}
}

func TestBadFiles(t *testing.T) {
	report, _, rows := loadMap(t, map[string]string{
		"2025-01/2025-01-good-street.csv":      streetHead + goodRow,
		"2025-01/2025-01-badhead-street.csv":   "Crime ID,Month\n" + goodRow,
		"2025-01/2025-01-empty-street.csv":     "",
		"2025-02/2025-01-misplaced-street.csv": streetHead + goodRow,
		"2025-01/2025-1-oddname-street.csv":    streetHead + goodRow,
		"2025-01/dup/2025-01-good-street.csv":  streetHead + goodRow,
		"2025-03/2025-03-good-street.csv":      streetHead + strings.ReplaceAll(goodRow, "2025-01", "2025-03"),
		"2025-03/notes.txt":                    "not data",
	})
	if got := rows("good"); got != 2 {
		t.Errorf("good force kept %d rows, want 2 (the duplicate left out)", got)
	}
	for _, f := range []string{"badhead", "empty"} {
		if got := rows(f); got != 0 {
			t.Errorf("%s: kept %d rows", f, got)
		}
	}
	want := map[string]validate.Reason{
		"2025-01/2025-01-badhead-street.csv":   validate.BadHeader,
		"2025-01/2025-01-empty-street.csv":     validate.BadCSV,
		"2025-02/2025-01-misplaced-street.csv": validate.BadFileName,
		"2025-01/2025-1-oddname-street.csv":    validate.BadFileName,
		"2025-01/dup/2025-01-good-street.csv":  validate.BadFileName,
		"2025-02/":                             validate.MissingMonth,
	}
	got := map[string]validate.Reason{}
	for _, p := range report.Examples() {
		got[p.File] = p.Reason
	}
	for f, r := range want {
		if got[f] != r {
			t.Errorf("%s: reason %q, want %q", f, got[f], r)
		}
	}
	if len(got) != len(want) {
		t.Errorf("problems %v, want %v", got, want)
	}
}

func TestDuplicateFileInZipLayout(t *testing.T) {
	// An archive unpacked into a folder holding a second copy of one month
	// names the same force and month twice.
	report, _, rows := loadMap(t, map[string]string{
		"a/2025-01/2025-01-good-street.csv": streetHead + goodRow,
		"b/2025-01/2025-01-good-street.csv": streetHead + goodRow,
	})
	if got := rows("good"); got != 1 {
		t.Errorf("kept %d rows, want 1", got)
	}
	ex := report.Examples()
	if len(ex) != 1 || ex[0].Reason != validate.DuplicateFile || ex[0].File != "b/2025-01/2025-01-good-street.csv" {
		t.Errorf("problems %v", ex)
	}
}

// TestExclusions checks that the lines of every record left out are
// recorded with the input, a record over several lines included, so the
// downloads can copy a file less exactly those lines.
func TestExclusions(t *testing.T) {
	fsys := fstest.MapFS{
		"2025-01/2025-01-t-street.csv": {Data: []byte(streetHead + goodRow +
			",2025-01,T,T,abc,53.5,On or near X,E01,T 001A,Burglary,,\n" + // line 3
			goodRow +
			",2025-01,T,T,-1.5,53.5,\"On or near\nX\",E01,T 001A,Jaywalking,,\n" + // lines 5-6
			goodRow)},
		"2025-01/2025-01-h-street.csv": {Data: []byte("Crime ID\n" + goodRow)},
		// A bad last record over two lines, with no final line feed.
		"2025-01/2025-01-e-street.csv": {Data: []byte(streetHead + goodRow +
			",2025-01,T,T,-1.5,53.5,\"On or\nnear X\",E01,T 001A,Jaywalking,,")},
	}
	st, _, err := Load(&Input{FS: fsys, Root: "."}, validate.NewReport(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]store.Exclusion{}
	for _, in := range st.Inputs {
		got[in.Path] = in.Excluded
	}
	want := map[string][]store.Exclusion{
		"2025-01/2025-01-t-street.csv": {{From: 3, To: 4, Reason: "bad-coordinates"}, {From: 5, To: 7, Reason: "unknown-crime-type"}},
		"2025-01/2025-01-h-street.csv": {{From: 1, To: 0, Reason: "bad-header"}},
		"2025-01/2025-01-e-street.csv": {{From: 3, To: 0, Reason: "unknown-crime-type"}},
	}
	for path, w := range want {
		if fmt.Sprint(got[path]) != fmt.Sprint(w) {
			t.Errorf("%s: excluded %v, want %v", path, got[path], w)
		}
	}
}

package snap_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/sample"
	"github.com/crimemap/crimemap/generator/snap"
)

// readCSV reads a published file, with each row's line number.
func readCSV(t *testing.T, path string) (rows [][]string, lines []int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		if err != nil {
			if err.Error() == "EOF" {
				return rows, lines
			}
			t.Fatalf("%s: %v", path, err)
		}
		line, _ := r.FieldPos(0)
		rows = append(rows, rec)
		lines = append(lines, line)
	}
}

// TestSampleRoundTrip snaps the sample's exact-location records and checks
// that the result is the sample's published street files, row by row: the
// same snap point and "On or near" text for every record, and the same
// other columns. Only the planted bad rows, which the exact files do not
// have, are left out of the comparison.
func TestSampleRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sample")
	sum, err := sample.Generate(dir, sample.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "snapped")
	rep, err := snap.Run(snap.Config{In: filepath.Join(dir, sample.ExactDir), Out: out, Rules: snap.DefaultRules(), Strict: true})
	if err != nil {
		t.Fatalf("%v: %v", err, rep.Examples)
	}
	tot := rep.Total
	if tot.Records != sum.ExactRows || tot.Excluded != 0 || rep.Gazetteer.Points != sum.GazetteerPoints ||
		rep.Gazetteer.SnapPoints != sum.SnapPoints {
		t.Errorf("snapped %+v of %d exact rows; gazetteer %+v, sample %+v", tot, sum.ExactRows, rep.Gazetteer, sum)
	}
	// The sample exercises every rule.
	if tot.PastIneligible == 0 || tot.AtKeyLocation == 0 || tot.Stayed == 0 || tot.Train == 0 || tot.Unmapped == 0 || tot.NoLocation == 0 {
		t.Errorf("a rule never applied: %+v", tot)
	}
	if rep.Displacement.Max > 310 {
		t.Errorf("a record moved %v m; the sample places them within about 300 m", rep.Displacement.Max)
	}

	planted := map[string]bool{}
	ps, err := sample.Planted(sample.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		planted[p.File+":"+strconv.Itoa(p.Line)] = true
	}
	published, err := filepath.Glob(filepath.Join(dir, "*", "*-street.csv"))
	if err != nil || len(published) == 0 {
		t.Fatalf("no published street files: %v", err)
	}
	snapped, _ := filepath.Glob(filepath.Join(out, "*", "*-street.csv"))
	if len(snapped) != len(published) {
		t.Errorf("%d street files snapped, %d published", len(snapped), len(published))
	}
	compared := 0
	for _, pub := range published {
		rel, _ := filepath.Rel(dir, pub)
		rel = filepath.ToSlash(rel)
		want, lines := readCSV(t, pub)
		got, _ := readCSV(t, filepath.Join(out, filepath.FromSlash(rel)))
		var keep [][]string
		for i, row := range want {
			if !planted[rel+":"+strconv.Itoa(lines[i])] {
				keep = append(keep, row)
			}
		}
		if len(got) != len(keep) {
			t.Errorf("%s: %d rows snapped, %d published", rel, len(got), len(keep))
			continue
		}
		for i := range got {
			if !slices.Equal(got[i], keep[i]) {
				t.Fatalf("%s: row %d is\n%s\npublished\n%s", rel, i+1, strings.Join(got[i], ","), strings.Join(keep[i], ","))
			}
			compared++
		}
	}
	if compared != sum.StreetRows+len(published) {
		t.Errorf("compared %d rows (headers included), the sample has %d in %d files", compared, sum.StreetRows, len(published))
	}
}

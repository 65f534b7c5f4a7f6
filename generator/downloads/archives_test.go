package downloads

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/i18n"
	"github.com/crimemap/crimemap/generator/output"
)

// zipEntries reads every entry of an archive.
func zipEntries(t testing.TB, path string) map[string][]byte {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	out := map[string][]byte{}
	var names []string
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %s: %v", path, f.Name, err)
		}
		out[f.Name] = b
		names = append(names, f.Name)
	}
	if !slices.IsSorted(names) {
		t.Errorf("%s: entries not sorted: %v", path, names)
	}
	return out
}

type record struct {
	line   int
	fields []string
}

// records parses CSV with encoding/csv, an independent reader, giving each
// record's first line.
func records(t testing.TB, b []byte) []record {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	var out []record
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		line, _ := r.FieldPos(0)
		out = append(out, record{line, rec})
	}
}

// TestArchivesRoundTrip unzips every archive and compares its rows with the
// input's rows less the excluded ones, which excluded.csv lists.
func TestArchivesRoundTrip(t *testing.T) {
	fx := load(t, readFixture(t))
	dir, res := write(t, fx, "")
	st := fx.in.Store

	// excluded.csv, read back: file → first lines of excluded records.
	excluded := map[string]map[int]bool{}
	whole := map[string]bool{}
	ex := records(t, dir.Bytes(ExcludedPath))
	if got := strings.Join(ex[0].fields, ","); got != "file,entry,first_line,last_line,reason" {
		t.Fatalf("excluded.csv header %q", got)
	}
	for _, r := range ex[1:] {
		var first int
		fmt.Sscan(r.fields[2], &first)
		if r.fields[1] == "" {
			whole[r.fields[0]] = true
		}
		if excluded[r.fields[0]] == nil {
			excluded[r.fields[0]] = map[int]bool{}
		}
		excluded[r.fields[0]][first] = true
	}
	// The fixture's bad rows: coordinates, crime type, a two-line record
	// with too few columns, a month mismatch, an outcome, a bad header, a
	// crime type on a last line with no line end.
	if len(ex)-1 != 7 || !whole["2025-02/2025-02-beta-outcomes.csv"] {
		t.Errorf("excluded.csv: %v", ex)
	}

	latest := zipEntries(t, dir.Path("data/latest.zip"))
	seen := 0
	for _, m := range res.Months {
		month := zipEntries(t, dir.Path("data/"+m.String()+".zip"))
		for name, b := range month {
			if !bytes.Equal(latest[name], b) {
				t.Errorf("latest.zip's %s differs from the month's", name)
			}
			seen++
		}
	}
	if len(latest) != seen {
		t.Errorf("latest.zip has %d entries, the months %d", len(latest), seen)
	}

	rows := tableRows(st)
	for _, in := range st.Inputs {
		name := entryName(in)
		got, ok := latest[name]
		if whole[in.Path] {
			if ok {
				t.Errorf("%s is left out whole but archived", in.Path)
			}
			continue
		}
		if !ok {
			t.Errorf("%s is not archived", in.Path)
			continue
		}
		data, _ := fs.ReadFile(fx.fsys, in.Path)
		var want []record
		for _, r := range records(t, data) {
			if !excluded[in.Path][r.line] {
				want = append(want, r)
			}
		}
		have := records(t, got)
		if len(have) != len(want) {
			t.Errorf("%s: %d records, want %d", name, len(have), len(want))
			continue
		}
		for i := range have {
			if !slices.Equal(have[i].fields, want[i].fields) {
				t.Errorf("%s record %d: %q, want %q", name, i, have[i].fields, want[i].fields)
			}
		}
		if n := rows[rowsKey{in.Force, in.Month, in.Kind}]; len(have)-1 != n {
			t.Errorf("%s: %d rows, the store kept %d", name, len(have)-1, n)
		}
		if len(excluded[in.Path]) == 0 && !bytes.Equal(got, data) {
			t.Errorf("%s has no exclusions but is not the input byte for byte", name)
		}
	}
	// CRLF survives, and the formula-like cells are as published.
	if feb := latest["2025-02/2025-02-alpha-street.csv"]; !bytes.Contains(feb, []byte("Context\r\n")) || bytes.Contains(feb, []byte("2025-01,Alpha")) {
		t.Errorf("February's CRLF file: %q", feb)
	}
	if jan := latest["2025-01/2025-01-alpha-street.csv"]; !bytes.Contains(jan, []byte(`"On or near =HYPERLINK(""http://example.com"")"`)) ||
		!bytes.Contains(jan, []byte("\"On or near Mill\nLane\"")) || bytes.Contains(jan, []byte("Two\nLine")) {
		t.Errorf("January's street file: %s", jan)
	}
}

// TestArchivesDeterministic writes everything twice: every file, archives
// included, is byte-identical.
func TestArchivesDeterministic(t *testing.T) {
	fx := load(t, readFixture(t))
	a, _ := write(t, fx, "")
	fx.in.Workers = 1
	b, _ := write(t, fx, "")
	fa, fb := a.Tree(), b.Tree()
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	for p, x := range fa {
		if !bytes.Equal(x, fb[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
	// Entries have the month's first day and no other time.
	z, err := zip.OpenReader(a.Path("data/2025-02.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Modified.Format("2006-01-02 15:04:05") != "2025-02-01 00:00:00" || f.Method != zip.Deflate {
			t.Errorf("%s: modified %s, method %d", f.Name, f.Modified, f.Method)
		}
	}
}

// TestArchivesReused writes, then writes again with the first as the
// previous site: nothing is compressed and every file is the same. Then a
// re-issued month is compressed again, alone, and latest.zip is the same as
// a fresh build's.
func TestArchivesReused(t *testing.T) {
	fsys := readFixture(t)
	fx := load(t, fsys)
	first, r1 := write(t, fx, "")
	if r1.Stats.Compressed != 9 || len(r1.Reused) != 0 {
		t.Errorf("first build: %+v, reused %v", r1.Stats, r1.Reused)
	}
	second, r2 := write(t, fx, first.Dir)
	if r2.Stats.Compressed != 0 || len(r2.Reused) != 3 || r2.Stats.APIGroupsReused != r2.Stats.APIGroups {
		t.Errorf("second build: %+v, reused %v", r2.Stats, r2.Reused)
	}
	f1, f2 := first.Tree(), second.Tree()
	for p, b := range f1 {
		if !bytes.Equal(b, f2[p]) {
			t.Errorf("%s changed when reused", p)
		}
	}
	if len(f1) != len(f2) {
		t.Errorf("%d files, then %d", len(f1), len(f2))
	}
	// On disk beside the downloads: the site's manifest and content keys.
	if r1.Stats.Files != r2.Stats.Files || r1.Stats.Bytes != r2.Stats.Bytes || r1.Stats.Files != len(f1)-2 {
		t.Errorf("stats %d files %d bytes, then %d files %d bytes; %d on disk with the manifest and keys",
			r1.Stats.Files, r1.Stats.Bytes, r2.Stats.Files, r2.Stats.Bytes, len(f1))
	}

	// March re-issued with one outcome updated.
	changed := fstest.MapFS{}
	for k, v := range fsys {
		changed[k] = v
	}
	p := "2025-03/2025-03-alpha-street.csv"
	changed[p] = &fstest.MapFile{Data: bytes.Replace(fsys[p].Data, []byte("Shoplifting,Under investigation"),
		[]byte("Shoplifting,Suspect charged"), 1)}
	fx2 := load(t, changed)
	third, r3 := write(t, fx2, second.Dir)
	if r3.Stats.Compressed != 1 || !slices.Equal(r3.Reused, []crime.Month{crime.MakeMonth(2025, 1), crime.MakeMonth(2025, 2)}) {
		t.Errorf("after March changed: %+v, reused %v", r3.Stats, r3.Reused)
	}
	if r3.Stats.APIGroupsReused != r3.Stats.APIGroups-1 {
		t.Errorf("API groups %d, reused %d", r3.Stats.APIGroups, r3.Stats.APIGroupsReused)
	}
	fresh, _ := write(t, fx2, "")
	f3, ff := third.Tree(), fresh.Tree()
	for p, b := range ff {
		if !bytes.Equal(b, f3[p]) {
			t.Errorf("%s: the incremental build differs from a fresh one", p)
		}
	}
	if len(f3) != len(ff) {
		t.Errorf("%d files incrementally, %d fresh", len(f3), len(ff))
	}
}

// TestArchivesChangedInput fails the build when an input file changed
// after it was loaded.
func TestArchivesChangedInput(t *testing.T) {
	fsys := readFixture(t)
	fx := load(t, fsys)
	p := "2025-03/2025-03-beta-street.csv"
	fsys[p] = &fstest.MapFile{Data: append(bytes.Clone(fsys[p].Data), "x"...)}
	_, err := Write(fx.in, outputDir(t))
	if !errors.Is(err, errChanged) {
		t.Errorf("error %v, want %v", err, errChanged)
	}
}

func TestCopyKept(t *testing.T) {
	long := strings.Repeat("x", 300<<10)
	tests := []struct {
		name string
		in   string
		ex   []Exclusion
		want string
	}{
		{"none", "h\na\nb\n", nil, "h\na\nb\n"},
		{"crlf", "h\r\na\r\nb\r\nc\r\n", []Exclusion{{From: 3, To: 4}}, "h\r\na\r\nc\r\n"},
		{"no final line end", "h\na\nb", []Exclusion{{From: 2, To: 3}}, "h\nb"},
		{"last line cut", "h\na\nb", []Exclusion{{From: 3, To: 0}}, "h\na\n"},
		{"two-line record", "h\n\"a\nb\"\nc\n", []Exclusion{{From: 2, To: 4}}, "h\nc\n"},
		{"long line cut", "h\n" + long + "\nc\n", []Exclusion{{From: 2, To: 3}}, "h\nc\n"},
		{"long line kept", "h\n" + long + "\nc\n", []Exclusion{{From: 3, To: 4}}, "h\n" + long + "\n"},
		{"unsorted", "h\na\nb\nc\nd\n", []Exclusion{{From: 5, To: 6}, {From: 2, To: 3}}, "h\nb\nc\n"},
		{"to the end", "h\na\nb\n", []Exclusion{{From: 2, To: 0}}, "h\n"},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{"f.csv": {Data: []byte(tt.in)}}
		var b bytes.Buffer
		if err := copyKept(&b, fsys, "f.csv", sha256.Sum256([]byte(tt.in)), tt.ex); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if b.String() != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, trim(b.String()), trim(tt.want))
		}
	}
}

func trim(s string) string {
	if len(s) > 60 {
		return s[:30] + "…" + s[len(s)-30:]
	}
	return s
}

// TestReuseDamagedPrevious takes files away from the previous site: what
// is missing is made again, from the previous latest.zip's compressed
// entries where it can be, and the result is the same.
func TestReuseDamagedPrevious(t *testing.T) {
	fx := load(t, readFixture(t))
	first, _ := write(t, fx, "")
	for _, rel := range []string{ArchivePath(crime.MakeMonth(2025, 2)), CrimesPath("alpha", "N1", crime.MakeMonth(2025, 1)),
		APIPath("alpha/N2/boundary")} {
		if err := os.Remove(first.Path(rel)); err != nil {
			t.Fatal(err)
		}
	}
	second, r := write(t, fx, first.Dir)
	if r.Stats.Compressed != 0 || len(r.Reused) != 2 || r.Stats.APIGroupsReused != r.Stats.APIGroups-2 {
		t.Errorf("stats %+v, reused %v", r.Stats, r.Reused)
	}
	fresh, _ := write(t, fx, "")
	f2, ff := second.Tree(), fresh.Tree()
	for p, b := range ff {
		if !bytes.Equal(b, f2[p]) {
			t.Errorf("%s differs from a fresh build's", p)
		}
	}
	if len(f2) != len(ff) {
		t.Errorf("%d files, %d fresh", len(f2), len(ff))
	}
}

// TestEmpty writes the downloads of an input with no data files: the lists
// and the checksums, and no archives.
func TestEmpty(t *testing.T) {
	fx := load(t, fstest.MapFS{"README": {Data: []byte("nothing here")}})
	dir, res := write(t, fx, "")
	if len(res.Months) != 0 || len(res.Downloads) != 2 {
		t.Errorf("months %v, downloads %v", res.Months, res.Downloads)
	}
	for _, rel := range []string{APIPath("forces"), APIPath("crimes-street-dates"), SumsPath, ManifestPath, ExcludedPath} {
		if b := dir.Bytes(rel); len(b) == 0 {
			t.Errorf("%s is empty", rel)
		}
	}
	if len(res.Pages()) != 2 {
		t.Errorf("pages %v", res.Pages())
	}
}

// TestReuseWithoutKeys makes everything again when the previous site has
// no record of the keys its files were made from: without it nothing is
// known to be the same. The entries inside the previous archives, which
// carry their own keys, are still copied compressed.
func TestReuseWithoutKeys(t *testing.T) {
	fx := load(t, readFixture(t))
	first, _ := write(t, fx, "")
	if err := os.Remove(first.Path(output.KeysName)); err != nil {
		t.Fatal(err)
	}
	second, r := write(t, fx, first.Dir)
	if r.Stats.Compressed != 0 || len(r.Reused) != 0 || r.Stats.APIGroupsReused != 0 || r.Stats.Linked != 0 {
		t.Errorf("stats %+v, reused %v", r.Stats, r.Reused)
	}
	fresh, _ := write(t, fx, "")
	f2, ff := second.Tree(), fresh.Tree()
	for p, b := range ff {
		if !bytes.Equal(b, f2[p]) {
			t.Errorf("%s differs from a fresh build's", p)
		}
	}
	if rows := r.AreaDownloads(testMessages()[i18n.English], "alpha", "n1"); len(rows) != 3 || rows[0].Href != "data/forces/alpha/n1/counts-by-month.csv" {
		t.Errorf("N1's downloads %v", rows)
	}
}

// TestExclusionsMatchReport checks the loader's record of the lines it
// left out against the report's problems, read independently.
func TestExclusionsMatchReport(t *testing.T) {
	fx := load(t, readFixture(t))
	fromReport := exclusionsFromReport(t, fx.fsys, fx.report)
	n := 0
	for _, in := range fx.in.Store.Inputs {
		a := fmt.Sprint(sortExclusions(fromReport[in.Path]))
		b := fmt.Sprint(sortExclusions(fx.in.Excluded(in.Path)))
		if a != b {
			t.Errorf("%s: the report says %s, the loader %s", in.Path, a, b)
		}
		n += len(fromReport[in.Path])
	}
	if n != 7 {
		t.Errorf("%d exclusions", n)
	}
}

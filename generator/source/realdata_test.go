package source

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// realData is the shared folder of real data.police.uk files. Tests read it
// in place and skip when it is absent.
const realData = "../../../shared/realdata"

func needRealData(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(realData, "crime")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real data not found at %s: %v", dir, err)
	}
	return dir
}

// countWithStdlib counts the data rows of a CSV file, and those by column
// value, using encoding/csv as an independent reader.
func countWithStdlib(t *testing.T, path string, col int) (rows int, by map[string]int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(b))
	by = map[string]int{}
	if _, err := r.Read(); err != nil {
		t.Fatal(err)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rows++
		by[rec[col]]++
	}
	return rows, by
}

func TestLoadRealData(t *testing.T) {
	dir := needRealData(t)
	in, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	report := validate.NewReport()
	st, stats, err := Load(in, report, Options{})
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*", "*.csv"))
	if stats.Files != len(paths) {
		t.Errorf("read %d files, folder has %d", stats.Files, len(paths))
	}
	if n := report.Len(); n != 0 {
		t.Errorf("real files gave %d problems: %v", n, report.Examples())
	}

	// Every row of every file is kept, per force and month, and so is each
	// category count.
	for _, path := range paths {
		base := filepath.Base(path)
		month, _ := crime.ParseMonth([]byte(base[:7]))
		var force string
		kind := Street
		switch {
		case strings.HasSuffix(base, "-street.csv"):
			force = strings.TrimSuffix(base[8:], "-street.csv")
		case strings.HasSuffix(base, "-stop-and-search.csv"):
			force, kind = strings.TrimSuffix(base[8:], "-stop-and-search.csv"), StopAndSearch
		default:
			t.Fatalf("unexpected file %s", base)
		}
		fid, ok := st.Force(force)
		if !ok {
			t.Fatalf("%s: force %s not loaded", base, force)
		}
		switch kind {
		case Street:
			want, byCat := countWithStdlib(t, path, 9)
			c := findCrimes(st, fid, month)
			if c == nil || c.Len() != want {
				t.Errorf("%s: %d rows loaded, file has %d", base, lenOf(c), want)
				continue
			}
			got := map[string]int{}
			for _, cat := range c.Cat {
				got[cat.String()]++
			}
			for k, v := range byCat {
				if got[k] != v {
					t.Errorf("%s: %s: %d loaded, file has %d", base, k, got[k], v)
				}
			}
		case StopAndSearch:
			want, _ := countWithStdlib(t, path, 0)
			var n int
			for _, s := range st.Stops {
				if s.Force == fid && s.Month == month {
					n = s.Len()
				}
			}
			if n != want {
				t.Errorf("%s: %d stops loaded, file has %d", base, n, want)
			}
		}
	}

	// The quirks of the real files.
	col, _ := st.Force("city-of-london")
	if got := st.Forces[col].Name; got != "City of London Police" {
		t.Errorf("force name %q, want it from Falls within", got)
	}
	var asbNoID, unmapped, emptyStreet, welsh, commaLSOA int
	dupIDs := 0
	for _, c := range st.Crimes {
		seen := map[store.CrimeID]bool{}
		for i := range c.Len() {
			if c.Cat[i] == crime.AntiSocialBehaviour && c.ID[i] == (store.CrimeID{}) && c.Out[i] == crime.NoOutcome {
				asbNoID++
			}
			if c.Loc[i] == store.NoLoc {
				unmapped++
				continue
			}
			l := st.Locs.Get(c.Loc[i])
			s := st.Strings.Str(l.Street)
			if s == "On or near " {
				emptyStreet++
			}
			if strings.Contains(s, "Dŵr") {
				welsh++
			}
			if strings.Contains(st.Strings.Str(l.LSOAName), ",") {
				commaLSOA++
			}
			if id := c.ID[i]; id != (store.CrimeID{}) {
				if seen[id] {
					dupIDs++
				}
				seen[id] = true
			}
		}
	}
	for name, n := range map[string]int{"anti-social behaviour without ID or outcome": asbNoID,
		"No Location rows": unmapped, "empty street names": emptyStreet, "Welsh names": welsh,
		"LSOA names with commas": commaLSOA, "repeated Crime IDs": dupIDs} {
		if n == 0 {
			t.Errorf("no %s found; the real files have them", name)
		}
	}
	if st.First != crime.MakeMonth(2019, 1) || st.Last != crime.MakeMonth(2025, 12) {
		t.Errorf("months %s to %s", st.First, st.Last)
	}
	if f := st.Forces[col]; len(f.Missing) != 0 || len(f.Months) != 12 {
		t.Errorf("city-of-london: %d months, missing %v", len(f.Months), f.Missing)
	}
	// Stop-and-search wording changed; the breakdown uses the current words.
	for i := range st.StopValues.Len() {
		if v := st.StopValues.Str(store.StrID(i)); v == "Suspect arrested" || v == "Nothing found - no further action" {
			t.Errorf("old wording %q kept", v)
		}
	}
}

func findCrimes(st *store.Store, f store.ForceID, m crime.Month) *store.Crimes {
	for _, c := range st.Crimes {
		if c.Force == f && c.Month == m {
			return c
		}
	}
	return nil
}

func lenOf(c *store.Crimes) int {
	if c == nil {
		return 0
	}
	return c.Len()
}

func TestLoadRealOutcomes(t *testing.T) {
	needRealData(t)
	dir := t.TempDir()
	// The outcomes subset is flat; give it the archive layout by linking.
	for _, m := range []string{"2023-01", "2023-02"} {
		if err := os.MkdirAll(filepath.Join(dir, m), 0o755); err != nil {
			t.Fatal(err)
		}
		src, _ := filepath.Abs(filepath.Join(realData, "outcomes-subset", m+"-metropolitan-outcomes.csv"))
		if err := os.Symlink(src, filepath.Join(dir, m, m+"-metropolitan-outcomes.csv")); err != nil {
			t.Fatal(err)
		}
	}
	in, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	report := validate.NewReport()
	st, _, err := Load(in, report, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if report.Len() != 0 {
		t.Errorf("problems: %v", report.Examples())
	}
	for i, m := range []string{"2023-01", "2023-02"} {
		want, byOut := countWithStdlib(t, filepath.Join(realData, "outcomes-subset", m+"-metropolitan-outcomes.csv"), 9)
		o := st.Outcomes[i]
		if o.Len() != want || o.Month.String() != m {
			t.Errorf("%s: %d outcomes, file has %d", m, o.Len(), want)
		}
		got := map[string]int{}
		unmapped := 0
		for j, out := range o.Out {
			got[out.String()]++
			if o.Loc[j] == store.NoLoc {
				unmapped++
			}
		}
		for k, v := range byOut {
			if got[k] != v {
				t.Errorf("%s: %q: %d, file has %d", m, k, got[k], v)
			}
		}
		if unmapped == 0 {
			t.Errorf("%s: no 'No location' rows found", m)
		}
	}
}

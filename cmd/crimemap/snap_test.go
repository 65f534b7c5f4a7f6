package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/sample"
)

const (
	gazetteerCSV = "id,longitude,latitude,name,addresses,kind\n" +
		"s1,-1.500000,53.500000,High Street,40,street\n" +
		"s2,-1.500000,53.500500,Quiet Lane,3,street\n" +
		"k1,-1.480000,53.500000,Bigmart,0,supermarket\n"
	exactCSV = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context,Journey end station\n" +
		"a1,2025-01,T Police,T Police,-1.500100,53.500450,1 Quiet Lane,E01000001,Testtown 001A,Burglary,Under investigation,,\n" +
		",2025-01,T Police,T Police,-1.480500,53.500000,car park,E01000001,Testtown 001A,Shoplifting,,,\n"
)

// writeExact writes a gazetteer and one exact file, with extra rows.
func writeExact(t *testing.T, rows string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "2025-01"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "gazetteer.csv"), []byte(gazetteerCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "2025-01", "2025-01-t-exact.csv"), []byte(exactCSV+rows), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSnapCommand(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"snap", "--help"}, exitOK, "--min-addresses"},
		{[]string{"snap"}, exitUsage, "--in and --out are required"},
		{[]string{"snap", "--in", "x"}, exitUsage, "--in and --out are required"},
		{[]string{"snap", "--in", "x", "--out", "y", "--max-distance", "far"}, exitUsage, "not a distance"},
		{[]string{"snap", "--in", "x", "--out", "y", "--min-addresses", "-1"}, exitUsage, "must not be negative"},
		{[]string{"snap", "--in", "/no/such/folder", "--out", t.TempDir()}, exitFail, "no such file"},
		{[]string{"help"}, exitOK, "crimemap snap"},
	}
	for _, tt := range tests {
		code, out, errs := run(tt.args...)
		if code != tt.code || !strings.Contains(out+errs, tt.want) {
			t.Errorf("crimemap %v: exit %d, want %d; output lacks %q?\n%s%s", tt.args, code, tt.code, tt.want, out, errs)
		}
	}

	in := writeExact(t, "")
	out := filepath.Join(t.TempDir(), "published")
	code, stdout, stderr := run("snap", "--in", in, "--out", out)
	if code != exitOK || stderr != "" {
		t.Fatalf("snap: exit %d\n%s%s", code, stdout, stderr)
	}
	// One summary line per stage and one for what was written.
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "gazetteer ") || !strings.HasPrefix(lines[1], "snap ") ||
		!strings.Contains(lines[1], "1 past streets with too few addresses") {
		t.Errorf("output:\n%s", stdout)
	}
	got, err := os.ReadFile(filepath.Join(out, "2025-01", "2025-01-t-street.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n" +
		"a1,2025-01,T Police,T Police,-1.500000,53.500000,On or near High Street,E01000001,Testtown 001A,Burglary,Under investigation,\n" +
		",2025-01,T Police,T Police,-1.480000,53.500000,On or near Supermarket,E01000001,Testtown 001A,Shoplifting,,\n"
	if string(got) != want {
		t.Errorf("street file:\n%s\nwant\n%s", got, want)
	}
	for _, name := range []string{"privacy-report.json", "privacy-report.txt"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}

	// The settings change the result: with no key locations the shoplifting
	// goes to High Street, and a 100 m limit leaves it unmapped.
	code, _, stderr = run("snap", "--quiet", "--in", in, "--out", out, "--key-locations=false", "--max-distance", "100m")
	if code != exitOK || stderr != "" {
		t.Fatalf("snap with settings: exit %d\n%s", code, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "2025-01", "2025-01-t-street.csv")); !strings.Contains(string(got), ",2025-01,T Police,T Police,,,No Location,,,Shoplifting") {
		t.Errorf("with settings:\n%s", got)
	}

	// Bad rows are reported with file and line; --strict fails and writes
	// nothing.
	bad := writeExact(t, "b1,2025-01,T Police,T Police,abc,53.5,,,,Burglary,,,\n")
	code, _, stderr = run("snap", "--quiet", "--in", bad, "--out", filepath.Join(t.TempDir(), "x"))
	if code != exitOK || !strings.Contains(stderr, "2025-01/2025-01-t-exact.csv:4: bad-coordinates") {
		t.Errorf("lenient snap of bad data: exit %d\n%s", code, stderr)
	}
	strictOut := filepath.Join(t.TempDir(), "strict")
	code, _, stderr = run("snap", "--quiet", "--strict", "--in", bad, "--out", strictOut)
	if code != exitFail || !strings.Contains(stderr, "2025-01/2025-01-t-exact.csv:4: bad-coordinates") || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("strict snap of bad data: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(strictOut, "2025-01", "2025-01-t-street.csv")); err == nil {
		t.Error("strict snap wrote a street file")
	}
}

// TestSampleSnapBuild runs the pipeline the README shows: a sample, its
// exact records snapped, and a site built from the result.
func TestSampleSnapBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site")
	}
	data := filepath.Join(t.TempDir(), "sample")
	published := filepath.Join(t.TempDir(), "published")
	site := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := run("sample", "--quiet", "--months", "2", "--out", data); code != exitOK {
		t.Fatalf("sample: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run("snap", "--quiet", "--strict", "--in", filepath.Join(data, sample.ExactDir), "--out", published); code != exitOK {
		t.Fatalf("snap: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run("build", "--quiet", "--strict", "--assets", "../../assets", "--data", published, "--out", site); code != exitOK {
		t.Fatalf("build of the snapped data: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "forces", "cumbria", "index.html")); err != nil {
		t.Error(err)
	}
}

func TestParseDistance(t *testing.T) {
	for in, want := range map[string]float64{"20km": 20000, "500m": 500, "1.5 km": 1500, "750": 750, "2KM": 2000} {
		if got, err := parseDistance(in); err != nil || got != want {
			t.Errorf("parseDistance(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "km", "-5km", "0", "far", "NaNm", "1e9"} {
		if _, err := parseDistance(in); err == nil {
			t.Errorf("parseDistance(%q) accepted", in)
		}
	}
}

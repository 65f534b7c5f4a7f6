package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/sample"
)

// TestBuildChecksSnapPoints makes one published location ineligible in the
// sample's gazetteer (a street with too few addresses): the build must stop,
// naming it, and leave no site; and so must a build of the same folder
// zipped, whose gazetteer is inside the zip, with the same problem.
func TestBuildChecksSnapPoints(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sample")
	if _, err := sample.Generate(data, sample.Options{}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out}); err != nil {
		t.Fatalf("the sample as written: %v", err)
	}
	street, err := os.ReadFile(filepath.Join(data, "2025-12", "2025-12-cumbria-street.csv"))
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Split(strings.Split(string(street), "\n")[1], ",")
	lonlat := f[4] + "," + f[5]
	gpath := filepath.Join(data, "reference", "exact", "gazetteer.csv")
	g, err := os.ReadFile(gpath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(g), "\n")
	changed := false
	for i, l := range lines {
		c := strings.Split(l, ",")
		if len(c) == 6 && c[1]+","+c[2] == lonlat && c[5] == "street" {
			c[4] = "1"
			lines[i] = strings.Join(c, ",")
			changed = true
		}
	}
	if !changed {
		t.Fatalf("no street at %s in the gazetteer", lonlat)
	}
	if err := os.WriteFile(gpath, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	before := read(t, filepath.Join(out, "index.html"))
	_, err = Build(Config{Assets: assetsDir, Data: data, Out: out})
	if !errors.Is(err, ErrData) || !strings.Contains(err.Error(), string(NotASnapPoint)) || !strings.Contains(err.Error(), f[4]) {
		t.Errorf("build with an ineligible published location: %v", err)
	}
	if read(t, filepath.Join(out, "index.html")) != before {
		t.Error("the failed build changed the site")
	}
	folder := snapProblems(t, err)

	zipped := zipFolder(t, data, "")
	res, err := Build(Config{Assets: assetsDir, Data: zipped, Out: out})
	if !errors.Is(err, ErrData) || !strings.Contains(err.Error(), string(NotASnapPoint)) || !strings.Contains(err.Error(), f[4]) {
		t.Fatalf("build of the zip with an ineligible published location: %v", err)
	}
	if got := snapProblems(t, err); got != folder {
		t.Errorf("the zip's problem:\n%s\nthe folder's:\n%s", got, folder)
	}
	if res.Report == nil || read(t, filepath.Join(out, "index.html")) != before {
		t.Error("the failed build of the zip changed the site")
	}
}

// snapProblems is the lines of a failed build's error that name a
// location that is not a snap point, without the file they were found in
// (a folder's or a zip's).
func snapProblems(t *testing.T, err error) string {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(err.Error(), "\n") {
		if i := strings.Index(l, string(NotASnapPoint)); i >= 0 {
			lines = append(lines, l[i:])
		}
	}
	if len(lines) == 0 {
		t.Fatalf("no %s problem in %v", NotASnapPoint, err)
	}
	return strings.Join(lines, "\n")
}

// TestGazetteerProblems checks the gazetteer read beside the load: a bad
// row of it is a problem of the build, named by file and line, that fails
// a strict build and leaves the site; a gazetteer that cannot be read
// fails the build, naming it, and leaves the site too.
func TestGazetteerProblems(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sample")
	if _, err := sample.Generate(data, sample.Options{}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	gpath := filepath.Join(data, "reference", "exact", "gazetteer.csv")
	g, err := os.ReadFile(gpath)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Count(strings.TrimRight(string(g), "\n"), "\n") + 2
	bad := strings.TrimRight(string(g), "\n") + "\npbad,-2.9,54.6,On or near Nowhere,many,street\n"
	if err := os.WriteFile(gpath, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(Config{Assets: assetsDir, Data: data, Out: out})
	if err != nil {
		t.Fatalf("a bad gazetteer row is not fatal: %v", err)
	}
	found := false
	for _, p := range res.Report.Examples() {
		if strings.HasSuffix(p.File, "gazetteer.csv") && p.Line == line && p.Reason == "bad-addresses" {
			found = true
		}
	}
	if !found {
		t.Errorf("the build's report has no bad-addresses problem at gazetteer.csv:%d: %+v", line, res.Report.Examples())
	}
	want := read(t, filepath.Join(out, "index.html"))
	_, err = Build(Config{Assets: assetsDir, Data: data, Out: out, Strict: true})
	if !errors.Is(err, ErrData) || !strings.Contains(err.Error(), "bad-addresses") {
		t.Errorf("strict build with a bad gazetteer row: %v", err)
	}
	if read(t, filepath.Join(out, "index.html")) != want {
		t.Error("the failed strict build changed the site")
	}

	missing := filepath.Join(t.TempDir(), "no-gazetteer.csv")
	_, err = Build(Config{Assets: assetsDir, Data: data, Out: out, Gazetteer: missing})
	if err == nil || !strings.Contains(err.Error(), "gazetteer") || !strings.Contains(err.Error(), missing) {
		t.Errorf("build with a gazetteer that is not there: %v", err)
	}
	if read(t, filepath.Join(out, "index.html")) != want {
		t.Error("the failed build changed the site")
	}
}

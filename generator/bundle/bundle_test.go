package bundle

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/output"
)

const assets = "../../assets"

func build(t *testing.T) (Manifest, []File, string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(assets, "node_modules", "govuk-frontend")); err != nil {
		t.Skip("assets/node_modules is not installed; make test installs it with npm ci")
	}
	dir := t.TempDir()
	man, files, err := Build(assets, output.New(dir))
	if err != nil {
		t.Fatal(err)
	}
	return man, files, dir
}

func TestBuild(t *testing.T) {
	man, files, dir := build(t)
	hashed := regexp.MustCompile(`^assets/site-[A-Z0-9]{8}\.(css|js)$`)
	for _, name := range []string{"site.css", "site.js"} {
		if !hashed.MatchString(man[name]) {
			t.Errorf("%s → %q, want a hashed name", name, man[name])
		}
	}
	css, err := os.ReadFile(filepath.Join(dir, man["site.css"]))
	if err != nil {
		t.Fatal(err)
	}
	for _, banned := range []string{"GDS Transport", "govuk-crest", "@font-face", "/assets/fonts/"} {
		if strings.Contains(string(css), banned) {
			t.Errorf("the stylesheet still has %q", banned)
		}
	}
	for _, want := range []string{".govuk-table", ".cm-figures", "system-ui", "@media print"} {
		if !strings.Contains(string(css), want) {
			t.Errorf("the stylesheet lacks %q", want)
		}
	}
	js, err := os.ReadFile(filepath.Join(dir, man["site.js"]))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), "aria-sort") || len(js) > 60_000 {
		t.Errorf("site.js is %d bytes and does not sort tables?", len(js))
	}
	if len(files) < 2 {
		t.Errorf("files %v", files)
	}
}

func TestDeterministic(t *testing.T) {
	a, _, _ := build(t)
	b, _, _ := build(t)
	if a["site.css"] != b["site.css"] || a["site.js"] != b["site.js"] {
		t.Errorf("two bundles differ: %v %v", a, b)
	}
}

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestStandaloneBinary builds the binary as make build does, with the
// bundle embedded, and runs it from an empty folder with no Node.js on the
// PATH: it writes the sample and builds a site from it, its stylesheets
// and scripts included.
func TestStandaloneBinary(t *testing.T) {
	if _, err := os.Stat("../../assets/node_modules/govuk-frontend"); err != nil {
		t.Skip("assets/node_modules is not installed; make test installs it with npm ci")
	}
	bin := filepath.Join(t.TempDir(), "crimemap")
	for _, args := range [][]string{
		{"run", "../bundle", "--assets", "../../assets", "--out", "../../generator/bundle/dist"},
		{"build", "-o", bin, "."},
	} {
		if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	dir := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		// Nothing on the PATH: no node, no npm, no go.
		cmd.Env = []string{"PATH=" + t.TempDir(), "HOME=" + dir}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("crimemap %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("sample", "--quiet", "--out", "data")
	run("build", "--quiet", "--data", "data", "--out", "public")
	entries, err := os.ReadDir(filepath.Join(dir, "public", "assets"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	all := strings.Join(names, " ")
	for _, want := range []string{"site-", "map-", "worker-"} {
		if !strings.Contains(all, want) {
			t.Errorf("the site's assets lack %s*: %s", want, all)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "map", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "../assets/map-") {
		t.Error("the map page does not load the bundled script")
	}
}

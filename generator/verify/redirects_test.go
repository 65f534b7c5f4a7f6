package verify

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/hosting"
	"github.com/crimemap/crimemap/generator/internal/buildtest"
	"github.com/crimemap/crimemap/generator/manifest"
)

// writeListedSite writes files and a manifest listing them.
func writeListedSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := buildtest.Files(t, files)
	var entries []manifest.Entry
	for name := range files {
		size, sum, err := manifest.HashFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, manifest.Entry{Path: name, Size: size, SHA256: sum})
	}
	manifest.Sort(entries)
	if err := os.WriteFile(filepath.Join(dir, manifest.Name), manifest.Encode(entries), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// redirectProblems runs verify and keeps the problems of the hosts'
// configuration files.
func redirectProblems(t *testing.T, dir string) []string {
	t.Helper()
	rep, err := Site(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range rep.Problems {
		if p.Path == hosting.RedirectsName || p.Path == hosting.CloudFrontName {
			out = append(out, p.String())
		}
	}
	return out
}

func TestRedirectTargets(t *testing.T) {
	rules := []hosting.Rewrite{
		{From: "/api/forces", To: "/api/forces.json"},
		{From: "/api/forces/:force", To: "/api/forces/:force.json"},
		{From: "/api/stops-force", Query: []hosting.Param{{Name: "force", Value: ":force"}, {Name: "date", Value: ":date"}},
			To: "/api/stops-force/:force/:date.json"},
		{From: "/api/stops-force", Query: []hosting.Param{{Name: "force", Value: ":force"}}, To: "/api/stops-force/:force/2025-12.json"},
		{From: "/api/crime-last-updated", To: "/api/crime-last-updated.json"},
		{From: "/api/:force/neighbourhoods", To: "/api/:force/neighbourhoods.json"},
	}
	good := map[string]string{
		"index.html":                           `<!doctype html><html lang="en"><title>x</title><h1>x</h1></html>`,
		hosting.RedirectsName:                  string(hosting.RedirectsFile(rules)),
		hosting.CloudFrontName:                 string(hosting.CloudFrontFunction(rules)),
		"api/forces.json":                      `[]`,
		"api/forces/cumbria.json":              `{}`,
		"api/stops-force/cumbria/2025-12.json": `[]`,
		"api/crime-last-updated.json":          `{}`,
		"api/cumbria/neighbourhoods.json":      `[]`,
	}
	if got := redirectProblems(t, writeListedSite(t, good)); len(got) != 0 {
		t.Errorf("good site: %q", got)
	}

	broken := map[string]string{}
	for k, v := range good {
		broken[k] = v
	}
	delete(broken, "api/crime-last-updated.json")            // a literal target missing
	delete(broken, "api/cumbria/neighbourhoods.json")        // no file for a placeholder target
	broken["api/forces/index.html"] = `<h1>listing</h1>`     // shadows /api/forces on Netlify
	broken["api/forces/cumbria/index.html"] = `<h1>one</h1>` // shadows /api/forces/:force
	broken[hosting.CloudFrontName] = strings.Repeat("x", hosting.CloudFrontMaxBytes+1)
	got := redirectProblems(t, writeListedSite(t, broken))
	want := []string{
		"_cloudfront.js: 10241 bytes, over CloudFront's limit of 10240 for a function",
		"_redirects:7: rewrite of /api/forces: the site has api/forces/index.html there, which Netlify serves instead",
		"_redirects:8: rewrite of /api/forces/:force: the site has api/forces/cumbria/index.html there, which Netlify serves instead",
		"_redirects:11: rewrite of /api/crime-last-updated: no file of the site is /api/crime-last-updated.json",
		"_redirects:12: rewrite of /api/:force/neighbourhoods: no file of the site is /api/:force/neighbourhoods.json",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("broken site:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A file that does not parse is one problem, on its line.
	broken[hosting.RedirectsName] = "# rules\n/api/forces /api/forces.json 301\n"
	got = redirectProblems(t, writeListedSite(t, broken))
	if len(got) != 2 || got[1] != `_redirects:2: status "301": only 200 rewrites are read` {
		t.Errorf("unparsable _redirects: %q", got)
	}
}

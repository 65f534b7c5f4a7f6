// Package bundle builds the site's stylesheets and scripts from the assets
// folder with esbuild's Go API: bundled, minified, and named by a hash of
// their content, so a CDN can cache them for ever. The manifest maps each
// entry point to its hashed file for the templates.
//
// The npm packages come from assets/node_modules, installed from the lock
// file; nothing is downloaded at build time. GOV.UK Frontend's stylesheet
// is used without the GDS Transport font and the crown, which are reserved
// for GOV.UK: a plugin removes them as the file is loaded.
package bundle

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/crimemap/crimemap/generator/output"
)

// Entries are the entry points, relative to the assets folder.
var Entries = []string{"css/site.css", "js/site.js", "js/map.js", "js/worker.js", "css/area.css", "js/area.js"}

// Manifest maps an entry's name ("site.css", "site.js") to its file in the
// site ("assets/site-HASH.css").
type Manifest map[string]string

// File is one bundled file.
type File struct {
	Path  string // in the site
	Bytes int
}

// Build bundles the entries of the assets folder dir into out.
func Build(dir string, out *output.Dir) (Manifest, []File, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("bundle: %w", err)
	}
	if _, err := os.Stat(filepath.Join(abs, "node_modules", "govuk-frontend")); err != nil {
		return nil, nil, fmt.Errorf("bundle: the npm packages are not installed in %s (run: cd %s && npm ci): %w", dir, dir, err)
	}
	outdir := filepath.Join(abs, ".bundle")
	var entries []string
	for _, e := range Entries {
		entries = append(entries, filepath.Join(abs, e))
	}
	res := api.Build(api.BuildOptions{
		EntryPoints:       entries,
		AbsWorkingDir:     abs,
		Bundle:            true,
		Write:             false,
		Outdir:            outdir,
		EntryNames:        "[name]-[hash]",
		AssetNames:        "[name]-[hash]",
		MinifyWhitespace:  true,
		MinifySyntax:      true,
		MinifyIdentifiers: true,
		Format:            api.FormatESModule,
		Target:            api.ES2020,
		LegalComments:     api.LegalCommentsLinked,
		Loader:            map[string]api.Loader{".woff": api.LoaderFile, ".woff2": api.LoaderFile, ".svg": api.LoaderFile, ".png": api.LoaderFile},
		// MapLibre's worker is its own entry, loaded by URL as a module
		// worker, so it gets a hashed file like the rest.
		Plugins:  []api.Plugin{withoutGOVUKBrand},
		LogLevel: api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		var msgs []string
		for _, m := range res.Errors {
			loc := ""
			if m.Location != nil {
				loc = fmt.Sprintf("%s:%d: ", m.Location.File, m.Location.Line)
			}
			msgs = append(msgs, loc+m.Text)
		}
		return nil, nil, fmt.Errorf("bundle: %s", strings.Join(msgs, "; "))
	}
	man := Manifest{}
	var files []File
	for _, f := range res.OutputFiles {
		rel, err := filepath.Rel(outdir, f.Path)
		if err != nil {
			return nil, nil, fmt.Errorf("bundle: %w", err)
		}
		site := "assets/" + filepath.ToSlash(rel)
		if err := out.Write(site, f.Contents); err != nil {
			return nil, nil, fmt.Errorf("bundle: %w", err)
		}
		files = append(files, File{Path: site, Bytes: len(f.Contents)})
		// An entry's outputs are named <entry>-<hash>.<ext>: a script that
		// imports a stylesheet gives a .css of the same name as well.
		ext := filepath.Ext(rel)
		if ext == ".css" || ext == ".js" {
			if name, _, ok := strings.Cut(filepath.Base(rel), "-"); ok {
				man[name+ext] = site
			}
		}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	for _, e := range Entries {
		if _, ok := man[filepath.Base(e)]; !ok {
			return nil, nil, fmt.Errorf("bundle: no output for %s", e)
		}
	}
	return man, files, nil
}

var (
	fontFace  = regexp.MustCompile(`@font-face\{[^}]*\}`)
	gdsFont   = regexp.MustCompile(`"?GDS Transport"?\s*,\s*arial\s*,\s*sans-serif`)
	gdsFont2  = regexp.MustCompile(`font-family:\s*"?GDS Transport"?`)
	crestURL  = regexp.MustCompile(`url\(/assets/images/govuk-crest\.svg\)`)
	fontStack = `system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif`
)

// withoutGOVUKBrand loads GOV.UK Frontend's stylesheet with its font faces
// removed, its font replaced by the system's, and the crown image dropped.
var withoutGOVUKBrand = api.Plugin{
	Name: "without-govuk-brand",
	Setup: func(b api.PluginBuild) {
		b.OnLoad(api.OnLoadOptions{Filter: `govuk-frontend\.min\.css$`}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			src, err := os.ReadFile(args.Path)
			if err != nil {
				return api.OnLoadResult{}, err
			}
			css := string(src)
			css = fontFace.ReplaceAllString(css, "")
			css = gdsFont.ReplaceAllString(css, fontStack)
			css = gdsFont2.ReplaceAllString(css, "font-family:"+fontStack)
			css = crestURL.ReplaceAllString(css, "none")
			return api.OnLoadResult{Contents: &css, Loader: api.LoaderCSS}, nil
		})
	},
}

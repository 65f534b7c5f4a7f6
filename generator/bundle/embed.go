package bundle

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/crimemap/crimemap/generator/output"
)

// dist holds the bundle made by `make build` (WriteDist), so that the
// binary builds a site from any folder, on a machine with no Node.js.
//
//go:embed all:dist
var dist embed.FS

// manifestName is the manifest's name in dist.
const manifestName = "manifest.json"

// Embedded reports whether the binary carries a bundle.
func Embedded() bool {
	_, err := fs.Stat(dist, "dist/"+manifestName)
	return err == nil
}

// FromEmbedded writes the embedded bundle into out, as Build would write
// it from the assets folder.
func FromEmbedded(out *output.Dir) (Manifest, []File, error) {
	b, err := dist.ReadFile("dist/" + manifestName)
	if err != nil {
		return nil, nil, errors.New("bundle: this binary has no bundled stylesheets and scripts (build it with make build, or give --assets)")
	}
	var man Manifest
	if err := json.Unmarshal(b, &man); err != nil {
		return nil, nil, fmt.Errorf("bundle: embedded %s: %w", manifestName, err)
	}
	var files []File
	err = fs.WalkDir(dist, "dist/assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := dist.ReadFile(p)
		if err != nil {
			return err
		}
		site := strings.TrimPrefix(p, "dist/")
		if err := out.Write(site, data); err != nil {
			return err
		}
		files = append(files, File{Path: site, Bytes: len(data)})
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("bundle: embedded files: %w", err)
	}
	for _, e := range Entries {
		if _, ok := man[path.Base(e)]; !ok {
			return nil, nil, fmt.Errorf("bundle: the embedded bundle has no %s: rebuild the binary with make build", e)
		}
	}
	return man, files, nil
}

// WriteDist bundles the assets folder into the folder dist, for the next
// go build to embed: the files under dist/assets and the manifest. What an
// earlier bundle left there is removed first, so nothing stale is
// embedded.
func WriteDist(assets, dir string) (Manifest, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	for _, e := range entries {
		if e.Name() != "README.md" {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return nil, fmt.Errorf("bundle: %w", err)
			}
		}
	}
	man, _, err := Build(assets, output.New(dir))
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(man, "", "  ") // keys sorted, so the file is stable
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, manifestName), append(b, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	return man, nil
}

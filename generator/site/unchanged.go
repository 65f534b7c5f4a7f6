package site

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/manifest"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/source"
)

// A site is a function of its input files, its settings and the program
// that builds it: the output is the same bytes for the same three. A
// build whose three are those of the build that made the live site, and
// whose live site is still the one that build swapped in, has nothing to
// do. It knows this without reading any input: each file's size, times
// and inode (source.TreeFingerprint, trusted as the load trusts them) and
// the program's own hash. The record of the last build is kept in the
// cache folder, so a build without a cache always runs whole, as does one
// with --rehash.

// lastBuildName is the record of the last build that swapped its site in,
// in the cache folder.
const lastBuildName = "last-build.json"

// lastBuild is that record.
type lastBuild struct {
	// Key is the hash of the build's settings, program and input.
	Key string `json:"key"`
	// Site is the fingerprint of the manifest it swapped in.
	Site  string `json:"site"`
	Files int    `json:"files"`
	Bytes int64  `json:"bytes"`
	Pages int    `json:"pages"`
	Rows  int    `json:"rows"`
	Kept  int    `json:"kept"`
}

// buildKey is the hash of what a build with cfg makes its site from, or
// false where the file system gives no fingerprints. The bundle's npm
// packages are left out of the walk (tens of thousands of files): they
// change only with assets/package-lock.json, which is in it.
func buildKey(cfg Config) (string, bool) {
	inputs, ok := source.TreeFingerprint([]string{"node_modules"}, cfg.Data, cfg.Ref, cfg.Gazetteer, cfg.Basemap, cfg.Assets)
	if !ok {
		return "", false
	}
	h := sha256.New()
	fmt.Fprintf(h, "crimemap build 1\nprogram %s\ninputs %s\n", source.ProgramKey(), inputs)
	fmt.Fprintf(h, "%q %q %q %q %q %q %q %q %q %q\n", cfg.Data, cfg.Ref, cfg.Out, cfg.SiteName, cfg.BaseURL,
		cfg.Assets, cfg.MapStyle, cfg.Basemap, cfg.Gazetteer, cfg.Cache)
	fmt.Fprintf(h, "%t %t %v\n", cfg.Strict, cfg.AllowShrink, cfg.MaxShrink)
	return hex.EncodeToString(h.Sum(nil)), true
}

// siteKey is the fingerprint of the live site's manifest, which every
// build that swaps a site in writes anew or links from the site before.
func siteKey(out string) (string, bool) {
	return source.TreeFingerprint(nil, filepath.Join(out, manifest.Name))
}

// unchanged ends the build at once when it would make the live site
// again (see above). Out: key.
func (b *build) unchanged(context.Context) (string, error) {
	if b.cache == nil {
		return "", errSkip
	}
	key, ok := buildKey(b.cfg)
	b.key = key // recorded by the swap even when not compared now
	if !ok || b.cfg.Rehash || b.cfg.Messages != nil {
		return "", errSkip
	}
	var last lastBuild
	data, err := os.ReadFile(filepath.Join(b.cfg.Cache, lastBuildName))
	if err != nil || json.Unmarshal(data, &last) != nil || last.Key != key {
		return "", errSkip
	}
	if site, ok := siteKey(b.cfg.Out); !ok || site != last.Site {
		return "", errSkip
	}
	b.res.Unchanged = true
	b.res.Files, b.res.Bytes, b.res.Pages = last.Files, last.Bytes, last.Pages
	b.res.Load.Rows, b.res.Load.Kept = last.Rows, last.Kept
	return fmt.Sprintf("nothing new: the input, settings and program are those that built %s, which is left as it is (%s)",
		b.cfg.Out, format.Counted(int64(last.Files), "file", "files")), errDone
}

// saveLastBuild records this build, once its site is swapped in, for the
// next build's check. A build that could not take its key records
// nothing, and removes the last record, which no longer describes the
// live site.
func (b *build) saveLastBuild() error {
	name := filepath.Join(b.cfg.Cache, lastBuildName)
	site, ok := siteKey(b.cfg.Out)
	if b.key == "" || !ok {
		if err := os.Remove(name); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("remove %s: %w", name, err)
		}
		return nil
	}
	data, err := json.MarshalIndent(lastBuild{Key: b.key, Site: site, Files: b.res.Files, Bytes: b.res.Bytes,
		Pages: b.res.Pages, Rows: b.res.Load.Rows, Kept: b.res.Load.Kept}, "", "  ")
	if err != nil {
		return err
	}
	_, err = output.WriteFileAtomic(name, func(w *bufio.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	})
	return err
}

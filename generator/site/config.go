package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/crimemap/crimemap/generator/bundle"
	"github.com/crimemap/crimemap/generator/catchment"
	"github.com/crimemap/crimemap/generator/progress"
	"github.com/crimemap/crimemap/generator/tiles"
)

// Config says what to build. Build fills what is left unset from Defaults
// and checks the whole of it once, before reading anything.
type Config struct {
	Data     string // the data.police.uk layout: a folder or a .zip
	Ref      string // reference data folder; "" means <Data>/reference when present
	Out      string // the site folder, replaced when the build succeeds
	Strict   bool   // any problem with the data fails the build
	SiteName string // "" means Defaults.SiteName
	// BaseURL is the site's public address, for canonical links, the
	// sitemap and feeds; "" leaves them out. A missing final slash is
	// added.
	BaseURL string
	// Assets is the folder with the stylesheet and script sources and
	// their installed npm packages, bundled at each build; "" uses the
	// bundle embedded in the binary (make build), which needs neither the
	// folder nor Node.js, or ./assets in a binary built without one.
	Assets string
	// MapStyle is a MapLibre style URL for the map's basemap; "" uses the
	// offline style drawn from the boundaries, which needs no network.
	MapStyle string
	// Basemap is the street basemap, a PMTiles archive in the Protomaps
	// schema; "" uses <ref>/basemap.pmtiles when present.
	Basemap string
	// AllowShrink lets a build replace a site with a smaller one: fewer
	// forces or months, or MaxShrink (0 means Defaults.MaxShrink) fewer
	// rows, pages or files. Without it such a build fails and leaves the
	// site as it was.
	AllowShrink bool
	MaxShrink   float64
	// Gazetteer is the snap-point gazetteer to check every published
	// location against; "" uses <ref>/exact/gazetteer.csv when present.
	Gazetteer string
	// Cache is the folder that keeps each input file's parse between
	// builds, so unchanged months are not parsed again; "" for none. It
	// must be outside Out. The command's default is DefaultCache(Out).
	Cache string
	// Rehash reads every input file to hash it, even one whose size,
	// times and inode are those the cache recorded with its hash.
	Rehash   bool
	Progress *progress.Reporter // nil for silence
	// Context stops the build when done (Ctrl-C); the previous site and
	// the cache are left as they were. nil means never.
	Context context.Context
	// OnStage, if set, is called as each stage ends, so a benchmark can
	// take its own measures (CPU time, peak memory) stage by stage.
	OnStage func(Stage)
	// Messages holds message catalogues in place of those embedded in the
	// binary (content/messages), laid out as they are there: a translator
	// can try edited catalogues, and tests a catalogue with a gap. A build
	// with it set always runs whole.
	Messages fs.FS
}

// DefaultMaxShrink is the share of rows, pages or files by which a build
// may be smaller than the site it replaces without Config.AllowShrink.
const DefaultMaxShrink = 0.10

// Defaults are the settings a Config leaves unset, and the defaults of
// the command's flags, so that the two cannot drift apart.
var Defaults = Config{
	Out:       "public",
	SiteName:  "crimemap",
	BaseURL:   "http://127.0.0.1:8080/",
	MaxShrink: DefaultMaxShrink,
}

// DefaultCache is the parse cache the command keeps beside a site.
func DefaultCache(out string) string { return filepath.Clean(out) + ".cache" }

// settings are the archive writers' options for one build: the site's
// defaults, with their spill files in the build's work folder so that
// they are on the disk the site is written to and go with it.
type settings struct {
	tiles      tiles.Options
	boundaries tiles.BoundaryOptions
	catchments catchment.Options
}

func newSettings(tempDir string) settings {
	s := settings{tiles.DefaultOptions, tiles.DefaultBoundaryOptions, catchment.DefaultOptions}
	s.tiles.TempDir, s.boundaries.TempDir, s.catchments.TempDir = tempDir, tempDir, tempDir
	return s
}

// ErrConfig is wrapped by the error of a build refused for its settings,
// before anything is read.
var ErrConfig = errors.New("bad settings")

// withDefaults fills what cfg leaves unset and checks it: the one place
// where a build's options are completed and validated.
func (cfg Config) withDefaults() (Config, error) {
	cfg, err := cfg.fill()
	if err != nil {
		return cfg, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return cfg, nil
}

func (cfg Config) fill() (Config, error) {
	if cfg.Data == "" {
		return cfg, fmt.Errorf("no input: give the data folder or zip")
	}
	if cfg.Out == "" {
		cfg.Out = Defaults.Out
	}
	if cfg.SiteName == "" {
		cfg.SiteName = Defaults.SiteName
	}
	if cfg.MaxShrink == 0 {
		cfg.MaxShrink = Defaults.MaxShrink
	}
	if cfg.MaxShrink < 0 || cfg.MaxShrink > 1 {
		return cfg, fmt.Errorf("the most the site may shrink is %v, want a share above 0 and at most 1", cfg.MaxShrink)
	}
	if cfg.Assets == "" && !bundle.Embedded() {
		// A binary built by go build alone, without make build's
		// bundle, bundles from the source tree it is run in.
		cfg.Assets = "assets"
	}
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return cfg, fmt.Errorf("base URL %q is not an http or https address", cfg.BaseURL)
		}
		if !strings.HasSuffix(cfg.BaseURL, "/") {
			cfg.BaseURL += "/"
		}
	}
	if cfg.Ref != "" {
		if info, err := os.Stat(cfg.Ref); err != nil || !info.IsDir() {
			return cfg, fmt.Errorf("reference: %s is not a folder", cfg.Ref)
		}
	}
	if cfg.Cache != "" && within(cfg.Cache, cfg.Out) {
		return cfg, fmt.Errorf("cache %s is inside the site folder %s, which each build replaces", cfg.Cache, cfg.Out)
	}
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	if cfg.Progress == nil {
		// The stages are timed by the pipeline whether or not anyone
		// reads their lines: without a printer they are written nowhere.
		cfg.Progress = progress.New(io.Discard)
	}
	return cfg, nil
}

// within says whether path is dir or inside it.
func within(path, dir string) bool {
	a, err1 := filepath.Abs(path)
	b, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	r, err := filepath.Rel(b, a)
	return err == nil && filepath.IsLocal(r)
}

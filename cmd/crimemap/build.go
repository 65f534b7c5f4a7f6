package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/crimemap/crimemap/generator/progress"
	"github.com/crimemap/crimemap/generator/site"
)

func (m *Main) build(args []string) int {
	fs := m.newFlags("build", "Build the site from data in the data.police.uk layout.")
	var cfg site.Config
	fs.StringVar(&cfg.Data, "data", "", "folder or .zip in the data.police.uk layout (required)")
	fs.StringVar(&cfg.Ref, "ref", "", "reference data folder (default: <data>/reference when present)")
	fs.StringVar(&cfg.Out, "out", site.Defaults.Out, "site folder; replaced only when the build succeeds")
	fs.BoolVar(&cfg.Strict, "strict", false, "fail the build on any problem with the data, or on a message without its Welsh or English text")
	fs.BoolVar(&cfg.AllowShrink, "allow-shrink", false, "replace the site even with a smaller one (default: refuse to drop a force or a month, or more than --max-shrink of the rows, pages or files)")
	maxShrink := fs.Float64("max-shrink", 100*site.Defaults.MaxShrink, "the most, in percent, by which the rows, pages or files may fall without --allow-shrink")
	fs.StringVar(&cfg.SiteName, "name", site.Defaults.SiteName, "site name shown on every page")
	fs.StringVar(&cfg.BaseURL, "base-url", site.Defaults.BaseURL, "the site's public address, for canonical links, the sitemap and feeds")
	fs.StringVar(&cfg.Gazetteer, "gazetteer", "", "snap-point gazetteer to check every published location against (default: <ref>/exact/gazetteer.csv when present)")
	fs.StringVar(&cfg.Basemap, "basemap", "", "street basemap, a PMTiles archive in the Protomaps schema (default: <ref>/basemap.pmtiles when present)")
	fs.StringVar(&cfg.MapStyle, "map-style", "", "MapLibre style URL for the map's basemap, in place of --basemap (default: the site's own basemap, or the boundaries)")
	fs.StringVar(&cfg.Assets, "assets", "", "bundle the stylesheets and scripts from this folder, with its npm packages installed (npm ci), instead of using those built into the binary (default: built in; ./assets for a binary built without them)")
	fs.StringVar(&cfg.Cache, "cache", "", "folder keeping each input file's parse between builds (default: <out>.cache)")
	noCache := fs.Bool("no-cache", false, "parse every file, keeping nothing for the next build")
	fs.BoolVar(&cfg.Rehash, "rehash", false, "read every input file to hash it, even one whose size, times and inode are as the cache recorded")
	messages := fs.String("messages", "", "message catalogues to use in place of those built in, laid out as content/messages (en/*.json, cy/*.json): to try edited translations without rebuilding the program")
	quiet := fs.BoolP("quiet", "q", false, "print nothing but errors")
	cpuProfile := fs.String("cpu-profile", "", "write a CPU profile of the build to `FILE`, for go tool pprof")
	if code := m.parse(fs, args); code >= 0 {
		return code
	}
	if *cpuProfile != "" {
		stopProfile, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return m.fail(exitFail, "build: %v", err)
		}
		// Deferred so the profile is written however the build ends,
		// failed builds included: they are often the ones worth profiling.
		defer func() {
			if err := stopProfile(); err != nil {
				m.fail(exitFail, "build: %v", err)
			}
		}()
	}
	if cfg.Data == "" {
		fs.Usage()
		return m.fail(exitUsage, "build: --data is required")
	}
	if *maxShrink <= 0 || *maxShrink > 100 {
		return m.fail(exitUsage, "build: --max-shrink must be a percentage above 0 and at most 100")
	}
	cfg.MaxShrink = *maxShrink / 100
	if *messages != "" {
		cfg.Messages = os.DirFS(*messages)
	}
	switch {
	case *noCache:
		cfg.Cache = ""
	case cfg.Cache == "":
		cfg.Cache = site.DefaultCache(cfg.Out)
	}
	if !*quiet {
		cfg.Progress = progress.New(m.Stdout)
	}
	// Ctrl-C or SIGTERM stops the build cleanly, leaving the previous site
	// and the cache as they were; a second Ctrl-C ends it at once, which
	// leaves them intact too.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	cfg.Context = ctx
	start := time.Now()
	res, err := site.Build(cfg)
	if errors.Is(err, site.ErrConfig) {
		return m.fail(exitUsage, "build: %v", err)
	}
	if err != nil {
		if errors.Is(err, site.ErrData) && res != nil && res.Report != nil {
			for _, p := range res.Report.Examples() {
				m.fail(exitFail, "%v", p)
			}
		}
		return m.fail(exitFail, "build: %v", err)
	}
	if !*quiet {
		res.Summary(m.Stdout, cfg.Out, time.Since(start))
		if res.Load.Excluded > 0 {
			m.printf("  %d rows were excluded: see %s\n", res.Load.Excluded, filepath.Join(cfg.Out, "data", "build-report", "index.html"))
		}
	}
	return exitOK
}

// startCPUProfile starts CPU profiling into path and returns the function
// that stops it and closes the file.
func startCPUProfile(path string) (stop func() error, err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		return nil
	}, nil
}

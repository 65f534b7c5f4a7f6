package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/crimemap/crimemap/generator/progress"
	"github.com/crimemap/crimemap/generator/snap"
)

func (m *Main) snap(args []string) int {
	fs := m.newFlags("snap", "Anonymise exact locations: move every record to a snap point and write street files in the published layout, with a privacy report.")
	var cfg snap.Config
	cfg.Rules = snap.DefaultRules()
	fs.StringVar(&cfg.In, "in", "", "folder of exact-location files, YYYY-MM/YYYY-MM-<force>-exact.csv (required)")
	fs.StringVar(&cfg.Gazetteer, "gazetteer", "", "snap-point gazetteer: id,longitude,latitude,name,addresses,kind (default <in>/gazetteer.csv)")
	fs.StringVar(&cfg.Out, "out", "", "folder for the published street files and privacy-report.json/.txt (required)")
	fs.IntVar(&cfg.Rules.MinAddresses, "min-addresses", cfg.Rules.MinAddresses, "fewest postal addresses a street needs to be a snap point")
	maxDist := fs.String("max-distance", "20km", "a record further than this from every snap point is published without a location (metres, or with m or km)")
	fs.BoolVar(&cfg.Rules.KeyLocations, "key-locations", cfg.Rules.KeyLocations, "key locations (stations, parks, supermarkets, ...) are snap points")
	fs.BoolVar(&cfg.Rules.Trains, "trains", cfg.Rules.Trains, "place crimes on moving trains at their journey's end station")
	fs.BoolVar(&cfg.Strict, "strict", false, "fail, writing nothing, on any problem with the input")
	quiet := fs.BoolP("quiet", "q", false, "print nothing but errors")
	if code := m.parse(fs, args); code >= 0 {
		return code
	}
	if cfg.In == "" || cfg.Out == "" {
		fs.Usage()
		return m.fail(exitUsage, "snap: --in and --out are required")
	}
	d, err := parseDistance(*maxDist)
	if err != nil {
		return m.fail(exitUsage, "snap: --max-distance: %v", err)
	}
	cfg.Rules.MaxDistance = d
	if cfg.Rules.MinAddresses < 0 {
		return m.fail(exitUsage, "snap: --min-addresses must not be negative")
	}
	if !*quiet {
		cfg.Progress = progress.New(m.Stdout)
	}
	rep, err := snap.Run(cfg)
	if rep != nil {
		// Every problem is reported, bounded per force and reason; the
		// report files count them all.
		for _, p := range rep.Examples {
			fmt.Fprintf(m.Stderr, "crimemap: snap: %v\n", p)
		}
	}
	if err != nil {
		if errors.Is(err, snap.ErrData) {
			return m.fail(exitFail, "%v; nothing was written", err)
		}
		return m.fail(exitFail, "%v", err)
	}
	if !*quiet {
		cfg.Progress.Printf("wrote %d street files and %s into %s\n", rep.Files,
			snap.ReportText, filepath.Clean(cfg.Out))
	}
	return exitOK
}

// parseDistance reads "20km", "500m", "1.5 km" or a plain number of metres.
func parseDistance(s string) (float64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	unit := 1.0
	switch {
	case strings.HasSuffix(t, "km"):
		t, unit = strings.TrimSuffix(t, "km"), 1000
	case strings.HasSuffix(t, "m"):
		t = strings.TrimSuffix(t, "m")
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || !(v > 0) || v > 1e7 {
		return 0, fmt.Errorf("%q is not a distance such as 20km or 500m", s)
	}
	return v * unit, nil
}

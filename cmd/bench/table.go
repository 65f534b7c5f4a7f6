package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/crimemap/crimemap/generator/site"
)

// printTable prints the builds side by side: stages down, builds across.
func printTable(w io.Writer, f *Figures) {
	fmt.Fprintf(w, "dataset %s, %d CPUs, %s\n", f.Data, f.CPUs, f.Date)
	if len(f.Builds) == 0 {
		return
	}
	var names []string
	for _, b := range f.Builds {
		for _, s := range b.Stages {
			if !slices.Contains(names, s.Name) {
				names = append(names, s.Name)
			}
		}
	}
	const col = 28
	fmt.Fprintf(w, "\n%-14s", "")
	for _, b := range f.Builds {
		fmt.Fprintf(w, "%*s", col, fmt.Sprintf("%s (%d months)", b.Name, b.Months))
	}
	fmt.Fprintf(w, "\n%-14s", "stage")
	for range f.Builds {
		fmt.Fprintf(w, "%*s", col, "wall s   cpu s  peak MiB")
	}
	fmt.Fprintln(w)
	row := func(label string, cell func(b Build) string) {
		fmt.Fprintf(w, "%-14s", label)
		for _, b := range f.Builds {
			fmt.Fprintf(w, "%*s", col, cell(b))
		}
		fmt.Fprintln(w)
	}
	for _, n := range names {
		row(n, func(b Build) string {
			for _, s := range b.Stages {
				if s.Name == n {
					return fmt.Sprintf("%6.1f %7.1f %9.0f", s.WallS, s.CPUS, s.PeakMiB)
				}
			}
			return "-"
		})
	}
	row("total", func(b Build) string { return fmt.Sprintf("%6.1f %7.1f %9.0f", b.WallS, b.CPUS, b.PeakMiB) })
	if fl := f.Floor; fl != nil && fl.Total() > 0 {
		row("× floor", func(b Build) string {
			if b.Name == floorBuild {
				return "-"
			}
			return fmt.Sprintf("%.1f× %.1f s", b.WallS/fl.Total(), fl.Total())
		})
		fmt.Fprintf(w, "floor: what a monthly build cannot do without, %.1f s: parse the new month %.1f s and tile it %.1f s "+
			"(a build of it alone), render the pages %.1f s (the monthly build's render)\n", fl.Total(), fl.ParseS, fl.TilesS, fl.RenderS)
	}
	fmt.Fprintln(w)
	row("records", func(b Build) string { return fmt.Sprint(b.Records) })
	row("records/s", func(b Build) string { return fmt.Sprintf("%.0f", float64(b.Records)/b.WallS) })
	row("from cache", func(b Build) string { return fmt.Sprintf("%d of %d files", b.Cached, b.Files) })
	row("snap points", func(b Build) string { return fmt.Sprint(b.Locations) })
	for _, n := range heldAfter {
		row("held after "+n, func(b Build) string {
			for _, s := range b.Stages {
				if s.Name == n {
					return fmt.Sprintf("%.0f MiB", s.LiveMiB)
				}
			}
			return "-"
		})
	}
	row("pages", func(b Build) string { return fmt.Sprint(b.Pages) })
	row("pages/s", func(b Build) string {
		for _, s := range b.Stages {
			if s.Name == "render" && s.WallS > 0 {
				return fmt.Sprintf("%.0f", float64(b.Pages)/s.WallS)
			}
		}
		return "-"
	})
	row("tile archives", func(b Build) string { return fmt.Sprintf("%d written, %d reused", b.TilesBuilt, b.TilesKept) })
	row("largest tile", func(b Build) string { return fmt.Sprintf("%d bytes", b.LargestTile) })
	fmt.Fprintln(w)
	for _, k := range site.Kinds {
		row(k, func(b Build) string {
			c := b.Output[k]
			return fmt.Sprintf("%d files %s", c.Files, mb(c.Bytes))
		})
	}
	row("CDN objects", func(b Build) string { return fmt.Sprintf("%d, %s", b.Objects, mb(b.Bytes)) })
	fmt.Fprintln(w)
	row("largest page", func(b Build) string { return fmt.Sprintf("%.1f KB", float64(b.Pages200.LargestBytes)/1e3) })
	row("nbhd page", func(b Build) string { return fmt.Sprintf("%.1f KB", float64(b.Pages200.NbhdBytes)/1e3) })
	row("  +CSS, gzip", func(b Build) string { return fmt.Sprintf("%.1f KB", float64(b.Pages200.NbhdWire)/1e3) })
	row("  +CSS+JS gz", func(b Build) string { return fmt.Sprintf("%.1f KB", float64(b.Pages200.NbhdWireJS)/1e3) })
	for _, b := range f.Builds[:1] {
		fmt.Fprintf(w, "\nlargest page %s; largest neighbourhood page %s\n", b.Pages200.Largest, b.Pages200.Nbhd)
	}
	fmt.Fprintln(w, strings.Repeat("-", 14+col*len(f.Builds)))
}

func mb(n int64) string {
	if n >= 1e9 {
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

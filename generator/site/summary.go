package site

import (
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/manifest"
)

// Kinds of output file, as the summary and the benchmark count them.
const (
	KindPages     = "pages"
	KindTiles     = "tiles"
	KindDownloads = "downloads"
	KindAPI       = "api"
	KindAssets    = "assets"
	KindOther     = "other" // feeds, sitemaps, search index, manifest
)

// Kinds lists the kinds in the order summaries show them.
var Kinds = []string{KindPages, KindTiles, KindDownloads, KindAPI, KindAssets, KindOther}

// KindOf says what kind of output a site path is.
func KindOf(p string) string {
	top, _, _ := strings.Cut(p, "/")
	switch {
	case top == "tiles":
		return KindTiles
	case top == "data" && path.Ext(p) != ".html":
		return KindDownloads
	case top == "api" && path.Ext(p) == ".json":
		return KindAPI
	case top == "assets":
		return KindAssets
	case path.Ext(p) == ".html":
		return KindPages
	}
	return KindOther
}

// Count is a number of files and their bytes.
type Count struct {
	Files int   `json:"files"`
	Bytes int64 `json:"bytes"`
}

// countKinds counts entries by kind.
func countKinds(entries []manifest.Entry) map[string]Count {
	out := map[string]Count{}
	for _, e := range entries {
		k := KindOf(e.Path)
		c := out[k]
		c.Files++
		c.Bytes += e.Size
		out[k] = c
	}
	return out
}

// Summary writes what the build did, for the end of a build's output: the
// records, the output by kind, what was reused, and the time of each stage.
func (res *Result) Summary(w io.Writer, out string, total time.Duration) {
	if res.Unchanged {
		fmt.Fprintf(w, "nothing new for %s (checked in %s): left as built, %s rows, %s pages, %s files, %s\n",
			out, total.Round(10*time.Millisecond), format.Count(int64(res.Load.Kept)), format.Count(int64(res.Pages)),
			format.Count(int64(res.Files)), megabytes(res.Bytes))
		return
	}
	fmt.Fprintf(w, "built %s in %s: %s rows (%s excluded) from %s files, %s pages, %s files, %s\n",
		out, total.Round(100*time.Millisecond), format.Count(int64(res.Load.Rows)), format.Count(int64(res.Load.Excluded)),
		format.Count(int64(res.Load.Files)), format.Count(int64(res.Pages)), format.Count(int64(res.Files)), megabytes(res.Bytes))
	var kinds []string
	for _, k := range Kinds {
		if c, ok := res.Kinds[k]; ok {
			kinds = append(kinds, fmt.Sprintf("%s %s (%s)", k, format.Count(int64(c.Files)), megabytes(c.Bytes)))
		}
	}
	fmt.Fprintf(w, "  output: %s\n", strings.Join(kinds, ", "))
	tileArchives := len(res.Tiles) + len(res.TilesReused)
	fmt.Fprintf(w, "  reused: %d of %d input files from the cache, %d of %d tile archives, %d of %d month downloads, %d of %d API groups\n",
		res.Load.Cached, res.Load.Files, len(res.TilesReused), tileArchives,
		res.DownloadMonthsReused, res.DownloadMonths, res.Downloads.APIGroupsReused, res.Downloads.APIGroups)
	var stages []string
	for _, s := range res.Stages {
		stages = append(stages, fmt.Sprintf("%s %s", s.Name, s.Wall.Round(10*time.Millisecond)))
	}
	fmt.Fprintf(w, "  stages: %s\n", strings.Join(stages, ", "))
}

func megabytes(n int64) string {
	if n < 10e6 {
		return fmt.Sprintf("%.2f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%s MB", format.Count(n/1e6))
}

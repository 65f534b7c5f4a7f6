package site

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/manifest"
	"github.com/crimemap/crimemap/generator/store"
)

// ErrShrink is wrapped by the error of a build held back because its site
// is smaller than the one it would replace.
var ErrShrink = errors.New("the new site would be smaller than the one it replaces")

// siteFacts are what the shrink guard compares between two builds.
type siteFacts struct {
	forces       []string // slugs with a page
	months       []string // YYYY-MM with data, sorted
	rows         int      // rows kept
	pages, files int
}

// previousFacts are the facts of the site in out from its manifest's
// entries and its build report.
func previousFacts(out string, entries []manifest.Entry) siteFacts {
	f := factsOf(entries)
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(ReportPath)))
	if err != nil {
		return f
	}
	var rep struct {
		Kept   int      `json:"kept"`
		Months []string `json:"months"`
	}
	if json.Unmarshal(b, &rep) == nil {
		f.rows, f.months = rep.Kept, rep.Months
	}
	return f
}

// factsOf counts a site's files, pages and force pages from its manifest.
func factsOf(entries []manifest.Entry) siteFacts {
	var f siteFacts
	for _, e := range entries {
		f.files++
		if strings.HasSuffix(e.Path, ".html") {
			f.pages++
		}
		if rest, ok := strings.CutPrefix(e.Path, "forces/"); ok {
			if slug, tail, _ := strings.Cut(rest, "/"); tail == "index.html" {
				f.forces = append(f.forces, slug)
			}
		}
	}
	slices.Sort(f.forces)
	return f
}

// newFacts are the facts of the site a build staged.
func newFacts(entries []manifest.Entry, st *store.Store, kept int) siteFacts {
	f := factsOf(entries)
	for _, m := range st.Months() {
		f.months = append(f.months, m.String())
	}
	f.rows = kept
	return f
}

// shrinkage lists how the site now would be smaller than the site before:
// a force gone, a month gone (other than the oldest months rolling off as
// newer ones are added), or rows, pages or files down by more than limit.
func shrinkage(before, now siteFacts, limit float64) []string {
	var why []string
	for _, f := range before.forces {
		if !slices.Contains(now.forces, f) {
			why = append(why, "it drops the force "+f)
		}
	}
	if len(before.months) > 0 && len(now.months) > 0 {
		first, last := now.months[0], now.months[len(now.months)-1]
		prevLast := before.months[len(before.months)-1]
		var gone, rolled []string
		for _, m := range before.months {
			switch {
			case slices.Contains(now.months, m):
			case m < first && last > prevLast:
				rolled = append(rolled, m)
			default:
				gone = append(gone, m)
			}
		}
		// A monthly build adds months at the end; as many may roll off
		// the start, no more.
		added := 0
		for _, m := range now.months {
			if m > prevLast {
				added++
			}
		}
		if len(rolled) > added {
			gone = append(rolled, gone...)
		}
		if len(gone) > 0 {
			why = append(why, "it drops "+format.Counted(int64(len(gone)), "month", "months")+" the site has: "+strings.Join(gone, ", "))
		}
	}
	for _, c := range []struct {
		what        string
		before, now int
	}{{"rows", before.rows, now.rows}, {"pages", before.pages, now.pages}, {"files", before.files, now.files}} {
		if c.before > 0 && float64(c.now) < (1-limit)*float64(c.before) {
			why = append(why, fmt.Sprintf("%s fall from %s to %s (%.0f%% fewer, more than the %.0f%% allowed)", c.what,
				format.Count(int64(c.before)), format.Count(int64(c.now)), 100*(1-float64(c.now)/float64(c.before)), 100*limit))
		}
	}
	return why
}

// previous reads the manifests and content keys of the live site and of
// the spare the new one is written into, for the files the stages after
// it may keep or reuse, and the live site's facts for the guard. It runs
// beside the load, which merges the files on one core, so a national
// site's half a million entries are held from the start: what is kept of
// them is small (a slice indexed by path), and the build's peak comes
// later, in the render and downloads, when they are held anyway. A live
// site whose manifest does not read is neither reused nor compared with:
// it cannot be trusted file by file. Out: before.
func (b *build) previous(context.Context) (string, error) {
	// The two sites' records are read at once, one on each core.
	var spare int
	spareErr := make(chan error, 1)
	go func() {
		var err error
		spare, err = resumeSpare(b.out, b.cfg.Out)
		spareErr <- err
	}()
	entries, err := b.out.ReadPrevious(b.cfg.Out)
	if err := <-spareErr; err != nil {
		return "", fmt.Errorf("spare %s: %w", sparePath(b.cfg.Out), err)
	}
	switch {
	case err != nil:
		return fmt.Sprintf("not used (%v): nothing is reused, and the guard has nothing to compare with", err), nil
	case entries == nil:
		return "none", nil
	}
	f := previousFacts(b.cfg.Out, entries)
	b.before = &f
	return fmt.Sprintf("%s in %s; the spare holds %s", format.Counted(int64(len(entries)), "file", "files"), b.cfg.Out,
		format.Counted(int64(spare), "file", "files")), nil
}

// guard holds back a build whose site would be smaller than the one it
// replaces, unless cfg.AllowShrink: a wrong --data path or a half-copied
// archive must not take the public site down. A force's month missing
// from the input is still a month "not published", not a smaller site:
// the guard compares the whole site with the previous build. It comes
// after every file is written, the month archives included. In: before.
// Out: res.Files, res.Bytes, res.Kinds.
func (b *build) guard(context.Context) (string, error) {
	entries := b.out.Entries()
	b.res.Files, b.res.Bytes = b.out.Stats()
	b.res.Kinds = countKinds(entries)
	cfg := b.cfg
	now := newFacts(entries, b.st, b.res.Load.Kept)
	switch {
	case b.before == nil:
		return "no previous site to compare with", nil
	case cfg.AllowShrink:
		return "not checked (allowed to shrink)", nil
	}
	if why := shrinkage(*b.before, now, cfg.MaxShrink); len(why) > 0 {
		return "", fmt.Errorf("%w, so it was not swapped in: %s. The site in %s is unchanged. "+
			"Check that --data %s is the whole dataset; if the site should shrink, build again with --allow-shrink (or raise --max-shrink)",
			ErrShrink, strings.Join(why, "; "), cfg.Out, cfg.Data)
	}
	return fmt.Sprintf("%d forces, %d months, %s rows, %s pages, %s files: nothing dropped, nothing down by more than %.0f%%",
		len(now.forces), len(now.months), format.Count(int64(now.rows)), format.Count(int64(now.pages)), format.Count(int64(now.files)),
		100*cfg.MaxShrink), nil
}

package verify

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/crimemap/crimemap/generator/basemap"
	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/manifest"
	"github.com/crimemap/crimemap/generator/store"
)

// Options tune a check.
type Options struct {
	// BaseURL is the site's public address, for telling its own absolute
	// links from others. "" takes it from the home page's canonical link.
	BaseURL string
	// Data is the build's input (a folder or .zip in the data.police.uk
	// layout), for the privacy check; "" with Input nil skips that check.
	Data string
	// Input, if set, is the input already loaded, used instead of Data.
	Input *store.Store
	// Lang, if set, is the lang every page must declare; otherwise any
	// non-empty lang will do. LangDirs overrides it for the pages under a
	// folder: {"cy/": "cy"} for a site's Welsh pages.
	Lang     string
	LangDirs map[string]string
	// MaxTileBytes is the largest a decoded tile may be; 0 means
	// DefaultMaxTileBytes.
	MaxTileBytes int
	// Workers read files in parallel; 0 means one per CPU.
	Workers int
}

// DefaultMaxTileBytes is the size limit of a decoded tile: the design's
// "well under 500 KB", so that any tile stays cheap for a phone.
const DefaultMaxTileBytes = 500_000

// MaxPerFile caps the problems of one kind reported for one file; the rest
// are counted in one more problem.
const MaxPerFile = 20

// MaxPageBytes is the most one HTML page may hold. Lists that grow with
// the data (neighbourhoods, downloads) are split across pages to keep under
// it (generator/pages.MaxPageBytes, which must be the same).
const MaxPageBytes = 200_000

// smallFile is the size up to which a file is read whole into memory and
// checked from there; larger files are streamed.
const smallFile = 8 << 20

// Problem is one thing wrong with the site.
type Problem struct {
	Path string // relative to the site, slash-separated
	Line int    // 1-based; 0 when no line applies
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.Path, p.Msg)
}

// Report is the outcome of a check.
type Report struct {
	Problems []Problem // sorted by path, line and message

	Files       int   // files found
	Bytes       int64 // bytes hashed
	Pages       int   // HTML pages checked
	Links       int   // internal links resolved
	JSON        int   // JSON and GeoJSON files parsed
	XML         int   // XML files parsed
	Archives    int   // tile archives read
	Tiles       int   // tiles decoded
	BaseURL     string
	BaseFrom    string // "flag", "canonical link of index.html" or "" when unknown
	Locations   int    // published locations checked against the input
	InputPoints int    // distinct locations in the input; 0 when not checked
	// PrivacyChecked is false when no input was given.
	PrivacyChecked bool
	Elapsed        time.Duration
}

// OK reports whether the site passed every check.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// Summary is one line of what was checked.
func (r *Report) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s files, %.1f MB hashed; %s pages, %s internal links; %s JSON and %s XML files; %s tile archives, %s tiles; ",
		count(r.Files), float64(r.Bytes)/1e6, count(r.Pages), count(r.Links),
		count(r.JSON), count(r.XML), count(r.Archives), count(r.Tiles))
	if r.PrivacyChecked {
		fmt.Fprintf(&b, "%s published locations checked against %s input locations; ",
			count(r.Locations), count(r.InputPoints))
	} else {
		b.WriteString("privacy check skipped (no input given); ")
	}
	fmt.Fprintf(&b, "%s problems in %s", count(len(r.Problems)), r.Elapsed.Round(time.Millisecond))
	return b.String()
}

func count(n int) string { return format.Count(int64(n)) }

// file is one file of the site.
type file struct {
	rel  string // slash-separated
	size int64
	want *manifest.Entry // nil when the manifest does not list it
}

// checker holds what every worker shares: the site's files, the base URL
// and the input's locations. All of it is read-only once workers start,
// except points, which is loaded once on first use.
type checker struct {
	dir     string
	opt     Options
	files   map[string]bool // every file, by slash-separated path
	dirs    map[string]bool // every folder, "" for the root
	base    *siteURL
	points  func() (*Points, error)
	maxTile int
}

// Site checks the built site in dir. The error is for failing to check at
// all (no such folder, an unreadable input); everything wrong with the
// site is a Problem in the report.
func Site(dir string, opt Options) (*Report, error) {
	start := time.Now()
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("verify: %s is not a folder", dir)
	}
	if opt.Input == nil && opt.Data != "" {
		// Fail now, not after hashing the whole site.
		if _, err := os.Stat(opt.Data); err != nil {
			return nil, fmt.Errorf("verify: privacy: open input: %w", err)
		}
	}
	rep := &Report{}
	c := &checker{dir: dir, opt: opt, files: map[string]bool{}, dirs: map[string]bool{"": true}, maxTile: opt.MaxTileBytes}
	if c.maxTile <= 0 {
		c.maxTile = DefaultMaxTileBytes
	}

	// The privacy check's input loads while files are hashed; only the
	// files that publish locations wait for it.
	c.points = func() (*Points, error) { return nil, nil }
	if opt.Input != nil || opt.Data != "" {
		var once sync.Once
		var pts *Points
		var perr error
		load := func() {
			st := opt.Input
			if st == nil {
				st, perr = LoadInput(opt.Data)
			}
			if perr == nil {
				pts = NewPoints(st)
			}
		}
		go once.Do(load)
		c.points = func() (*Points, error) { once.Do(load); return pts, perr }
	}

	files, probs, err := c.walk()
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	rep.Problems = append(rep.Problems, probs...)
	rep.Files = len(files)
	rep.Problems = append(rep.Problems, c.compareManifest(files)...)
	rep.Problems = append(rep.Problems, c.checkRedirects()...)

	c.base, rep.BaseFrom, err = c.findBase()
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if c.base.known {
		rep.BaseURL = c.base.u.String()
	}

	results := c.run(files)
	var frags []fragRef
	ids := map[string]map[string]bool{}
	for _, r := range results {
		rep.Problems = append(rep.Problems, r.problems...)
		rep.Bytes += r.bytes
		rep.Pages += r.pages
		rep.Links += r.links
		rep.JSON += r.json
		rep.XML += r.xml
		rep.Archives += r.archives
		rep.Tiles += r.tiles
		rep.Locations += r.locations
		frags = append(frags, r.frags...)
		if r.ids != nil {
			ids[r.rel] = r.ids
		}
	}
	rep.Problems = append(rep.Problems, checkFragments(frags, ids)...)

	pts, err := c.points()
	if err != nil {
		return nil, fmt.Errorf("verify: privacy: %w", err)
	}
	if pts != nil {
		rep.PrivacyChecked = true
		rep.InputPoints = pts.Len()
	}
	sortProblems(rep.Problems)
	rep.Elapsed = time.Since(start)
	return rep, nil
}

func sortProblems(ps []Problem) {
	slices.SortFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Msg, b.Msg))
	})
}

// walk lists the site's files, largest first so that the long jobs
// (archives) start early and the workers finish together.
func (c *checker) walk() ([]*file, []Problem, error) {
	var files []*file
	var probs []Problem
	err := filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		rel, rerr := filepath.Rel(c.dir, p)
		if rerr != nil {
			return rerr
		}
		rel = filepath.ToSlash(rel)
		if err != nil {
			if p == c.dir {
				return err
			}
			probs = append(probs, Problem{Path: rel, Msg: fmt.Sprintf("unreadable: %v", unwrapPath(err))})
			return nil
		}
		if d.IsDir() {
			if rel != "." {
				c.dirs[rel] = true
			}
			return nil
		}
		info, err := os.Stat(p) // follows a symbolic link, as an upload would
		if err != nil {
			probs = append(probs, Problem{Path: rel, Msg: fmt.Sprintf("unreadable: %v", unwrapPath(err))})
			return nil
		}
		if !info.Mode().IsRegular() {
			probs = append(probs, Problem{Path: rel, Msg: "not a regular file"})
			return nil
		}
		c.files[rel] = true
		if rel != manifest.Name {
			files = append(files, &file{rel: rel, size: info.Size()})
		}
		return nil
	})
	slices.SortStableFunc(files, func(a, b *file) int { return cmp.Compare(b.size, a.size) })
	return files, probs, err
}

// unwrapPath drops the path from a *fs.PathError, which the report already
// names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// compareManifest checks the manifest against the list of files; sizes
// and sums are checked as each file is read.
func (c *checker) compareManifest(files []*file) []Problem {
	mf, err := os.Open(filepath.Join(c.dir, manifest.Name))
	if err != nil {
		return []Problem{{Path: manifest.Name, Msg: fmt.Sprintf("no manifest: %v", unwrapPath(err))}}
	}
	defer mf.Close()
	entries, err := manifest.Read(mf)
	if err != nil {
		line, msg := splitLine(err.Error())
		return []Problem{{Path: manifest.Name, Line: line, Msg: "unreadable manifest: " + msg}}
	}
	want := manifest.Map(entries)
	var probs []Problem
	for _, f := range files {
		e, ok := want[f.rel]
		if !ok {
			probs = append(probs, Problem{Path: f.rel, Msg: "not in the manifest"})
			continue
		}
		f.want = &e
		delete(want, f.rel)
	}
	for p := range want {
		if p == manifest.Name {
			probs = append(probs, Problem{Path: p, Msg: "the manifest lists itself"})
			continue
		}
		probs = append(probs, Problem{Path: p, Msg: "in the manifest but missing"})
	}
	return probs
}

// splitLine splits "line N: message", as package manifest words its
// errors, into N and the message.
func splitLine(s string) (int, string) {
	rest, ok := strings.CutPrefix(s, "line ")
	if !ok {
		return 0, s
	}
	num, msg, ok := strings.Cut(rest, ": ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil {
		return 0, s
	}
	return n, msg
}

// result is what one file's check found.
type result struct {
	rel             string
	problems        []Problem
	bytes           int64
	pages, links    int
	json, xml       int
	archives, tiles int
	locations       int
	ids             map[string]bool // a page's element ids
	frags           []fragRef       // links with fragments to check once all ids are known
	capped          map[string]int  // problems of each kind, by kind
}

// add records a problem of a kind, up to MaxPerFile of that kind.
func (r *result) add(kind string, line int, format string, args ...any) {
	if r.capped == nil {
		r.capped = map[string]int{}
	}
	r.capped[kind]++
	if r.capped[kind] > MaxPerFile {
		return
	}
	r.problems = append(r.problems, Problem{Path: r.rel, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// finish adds a problem counting those add left out.
func (r *result) finish() {
	kinds := make([]string, 0, len(r.capped))
	for k := range r.capped {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		if n := r.capped[k]; n > MaxPerFile {
			r.problems = append(r.problems, Problem{Path: r.rel, Msg: fmt.Sprintf("%d more problems of this kind (%s)", n-MaxPerFile, k)})
		}
	}
}

// run checks every file with the workers and returns the results in the
// order of files.
func (c *checker) run(files []*file) []*result {
	workers := c.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]*result, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 0, 64<<10)
			for i := range jobs {
				out[i], buf = c.checkFile(files[i], buf)
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out
}

// checkFile reads one file once: it hashes it and runs the checks of its
// kind. buf is the worker's buffer for small files, returned for reuse.
func (c *checker) checkFile(f *file, buf []byte) (*result, []byte) {
	r := &result{rel: f.rel}
	defer r.finish()
	fh, err := os.Open(filepath.Join(c.dir, filepath.FromSlash(f.rel)))
	if err != nil {
		r.add("read", 0, "unreadable: %v", unwrapPath(err))
		return r, buf
	}
	defer fh.Close()
	kind := kindOf(f.rel)
	var data []byte // the whole file, when small
	var sum [32]byte
	var n int64
	if f.size <= smallFile {
		buf, err = readAll(fh, buf[:0])
		if err != nil {
			r.add("read", 0, "unreadable: %v", unwrapPath(err))
			return r, buf
		}
		data, n, sum = buf, int64(len(buf)), sha256.Sum256(buf)
	} else {
		h := sha256.New()
		n, err = io.CopyBuffer(h, fh, make([]byte, 1<<20))
		if err != nil {
			r.add("read", 0, "unreadable: %v", unwrapPath(err))
			return r, buf
		}
		h.Sum(sum[:0])
	}
	r.bytes = n
	if w := f.want; w != nil {
		switch {
		case w.Size != n:
			r.add("manifest", 0, "size %d, the manifest says %d", n, w.Size)
		case w.SHA256 != sum:
			r.add("manifest", 0, "SHA-256 differs from the manifest")
		}
	}
	src := content{path: fh.Name(), data: data}
	switch kind {
	case "html":
		r.pages++
		if n > MaxPageBytes {
			r.add("size", 0, "page is %s bytes, over the %s-byte limit", count(int(n)), count(MaxPageBytes))
		}
		c.checkPage(r, data, src)
	case "css":
		c.checkCSS(r, src)
	case "xml":
		r.xml++
		c.checkXML(r, src)
	case "json", "geojson":
		r.json++
		c.checkJSON(r, src, kind == "geojson")
	case "pmtiles":
		r.archives++
		if strings.HasPrefix(path.Base(r.rel), "basemap-") {
			// The street basemap is the maintainer's extract, published
			// as given: it is checked as the build checks it, not walked
			// tile by tile as crimemap's own archives are.
			if _, err := basemap.Check(fh, n); err != nil {
				r.add("archive", 0, "street basemap: %v", err)
			}
			break
		}
		c.checkArchiveFile(r, fh, n)
	case "robots":
		c.checkRobots(r, src)
	}
	return r, buf
}

func kindOf(rel string) string {
	if rel == "robots.txt" {
		return "robots"
	}
	return strings.TrimPrefix(strings.ToLower(path.Ext(rel)), ".")
}

// readAll reads r to the end into buf.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, cap(buf))
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// content is a file's content: in memory when small, else its path to
// stream from.
type content struct {
	path string
	data []byte // nil when streamed
}

// open returns a reader of the whole file.
func (s content) open() (io.ReadCloser, error) {
	if s.data != nil {
		return io.NopCloser(bytes.NewReader(s.data)), nil
	}
	return os.Open(s.path)
}

// lines turns byte offsets of the file into 1-based line numbers.
func (s content) lines(offsets []int64) []int {
	out := make([]int, len(offsets))
	if len(offsets) == 0 {
		return out
	}
	order := make([]int, len(offsets))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(offsets[a], offsets[b]) })
	rc, err := s.open()
	if err != nil {
		return out
	}
	defer rc.Close()
	buf := make([]byte, 64<<10)
	var pos int64
	line := 1
	k := 0
	for k < len(order) {
		n, err := rc.Read(buf)
		for i := 0; i < n && k < len(order); i++ {
			for k < len(order) && offsets[order[k]] <= pos {
				out[order[k]] = line
				k++
			}
			if buf[i] == '\n' {
				line++
			}
			pos++
		}
		if err != nil {
			break
		}
	}
	for ; k < len(order); k++ {
		out[order[k]] = line
	}
	return out
}

package downloads

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/internal/parallel"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/store"
)

// ArchivePath is where a month's archive lives in the site.
func ArchivePath(m crime.Month) string { return "data/" + m.String() + ".zip" }

// LatestPath is where the archive of every month lives in the site.
const LatestPath = "data/latest.zip"

// CompressionLevel is the Deflate level of every entry, with
// github.com/klauspost/compress's Deflate, about 1.6 times as fast as the
// standard library's on police CSV for a few per cent more bytes. Its
// level 2 compresses police CSV as small as its level 5 or smaller (20.9%
// of the real files in ../shared/realdata against 21.2%, 22.7% of the
// national sample against 22.8%) at 1.6 to 2 times the speed, and the
// archives are most of a full build's compressing; fixing the level and
// the library's version (go.mod) keeps the output the same from build to
// build.
const CompressionLevel = 2

// Licence is the attribution the data's licence asks for. It is written
// in each archive's comment, the manifest and the data page.
const Licence = "Contains public sector information licensed under the Open Government Licence v3.0. Source: data.police.uk."

// LicenceURL is the licence's text.
const LicenceURL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

// keyPrefix starts the key in zip comments: an archive's comment ends with
// it and each entry's comment is it.
const keyPrefix = "crimemap-key "

// entry is one input file as it goes into the archives.
type entry struct {
	name  string // YYYY-MM/YYYY-MM-<force>-<kind>.csv
	input store.Input
	excl  []Exclusion
	key   string
	rows  int // rows kept: the store's rows of the file
}

// monthPlan is the entries of one month's archive.
type monthPlan struct {
	month   crime.Month
	entries []entry // sorted by name
	key     string
	rows    int
}

// entryName is the data.police.uk name of a file, whatever folder the
// input held it in.
func entryName(in store.Input) string {
	m := in.Month.String()
	return m + "/" + m + "-" + in.Force + "-" + in.Kind + ".csv"
}

// plan lists every month's entries and computes the keys. It also fills
// res.Excluded.
func (res *Result) plan() []monthPlan {
	st := res.in.Store
	rows := tableRows(st)
	byMonth := map[crime.Month]*monthPlan{}
	var months []crime.Month
	for _, in := range st.Inputs {
		var ex []Exclusion
		if res.in.Excluded != nil {
			ex = sortExclusions(res.in.Excluded(in.Path))
		}
		e := entry{name: entryName(in), input: in, excl: ex, rows: rows[rowsKey{in.Force, in.Month, in.Kind}]}
		if len(ex) > 0 {
			xf := ExcludedFile{Path: in.Path, Entry: e.name, Month: in.Month, Force: in.Force, Exclusions: ex}
			if wholeFile(ex) {
				xf.Entry, xf.Whole = "", true
			}
			res.Excluded = append(res.Excluded, xf)
		}
		if wholeFile(ex) {
			continue
		}
		e.key = entryKey(e)
		p := byMonth[in.Month]
		if p == nil {
			p = &monthPlan{month: in.Month}
			byMonth[in.Month] = p
			months = append(months, in.Month)
		}
		p.entries = append(p.entries, e)
		p.rows += e.rows
	}
	slices.Sort(months)
	plans := make([]monthPlan, 0, len(months))
	for _, m := range months {
		p := byMonth[m]
		slices.SortFunc(p.entries, func(a, b entry) int { return strings.Compare(a.name, b.name) })
		// Two input files can only share a name when the loader let
		// through a duplicate; keep the first, as it does.
		p.entries = slices.CompactFunc(p.entries, func(a, b entry) bool { return a.name == b.name })
		p.key = monthKey(p)
		plans = append(plans, *p)
	}
	return plans
}

type rowsKey struct {
	force string
	month crime.Month
	kind  string
}

// tableRows counts the rows the store kept of each file: what the archive
// entry holds, since it holds the kept records exactly.
func tableRows(st *store.Store) map[rowsKey]int {
	out := map[rowsKey]int{}
	for _, c := range st.Crimes {
		out[rowsKey{st.Forces[c.Force].Slug, c.Month, "street"}] += c.Len()
	}
	for _, o := range st.Outcomes {
		out[rowsKey{st.Forces[o.Force].Slug, o.Month, "outcomes"}] += o.Len()
	}
	for _, s := range st.Stops {
		out[rowsKey{st.Forces[s.Force].Slug, s.Month, "stop-and-search"}] += s.Len()
	}
	return out
}

// entryKey identifies an entry's bytes: the input file's content and the
// lines cut from it.
func entryKey(e entry) string {
	h := sha256.New()
	fmt.Fprintf(h, "crimemap downloads v%d entry level %d\n%s\n%x\n", FormatVersion, CompressionLevel, e.name, e.input.Hash)
	for _, x := range e.excl {
		fmt.Fprintf(h, "%d %d %s\n", x.From, x.To, x.Reason)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func monthKey(p *monthPlan) string {
	h := sha256.New()
	fmt.Fprintf(h, "crimemap downloads v%d month %s\n", FormatVersion, p.month)
	for _, e := range p.entries {
		fmt.Fprintf(h, "%s %s\n", e.name, e.key)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func latestKey(plans []monthPlan) string {
	h := sha256.New()
	fmt.Fprintf(h, "crimemap downloads v%d latest\n", FormatVersion)
	for _, p := range plans {
		fmt.Fprintf(h, "%s %s\n", p.month, p.key)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// commentKey returns the key at the end of a zip comment.
func commentKey(comment string) string {
	if i := strings.LastIndex(comment, keyPrefix); i >= 0 {
		return comment[i+len(keyPrefix):]
	}
	return ""
}

// rawEntry is an entry ready to go into a zip without compressing it:
// compressed by this build, or an entry of a previous archive.
type rawEntry struct {
	hdr  zip.FileHeader
	data []byte
	file *zip.File
}

func (e *rawEntry) writeTo(zw *zip.Writer) error {
	if e.file != nil {
		return zw.Copy(e.file)
	}
	h := e.hdr // CreateRaw changes the header it is given
	w, err := zw.CreateRaw(&h)
	if err != nil {
		return err
	}
	_, err = w.Write(e.data)
	return err
}

// msDosDate is the first day of a month in the zip's MS-DOS date format.
// Entries carry that date and no other time, so an archive's bytes do not
// depend on when it was built.
func msDosDate(m crime.Month) uint16 {
	return uint16((m.Year()-1980)<<9 | m.Num()<<5 | 1)
}

var flatePool = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, CompressionLevel)
	return w
}}

type countWriter struct{ n uint64 }

func (c *countWriter) Write(b []byte) (int, error) { c.n += uint64(len(b)); return len(b), nil }

// compress makes an entry's bytes: its input's kept lines, deflated.
func (a *archiver) compress(e entry) (*rawEntry, error) {
	var buf bytes.Buffer
	buf.Grow(int(e.input.Size / 4))
	fw := flatePool.Get().(*flate.Writer)
	defer flatePool.Put(fw)
	fw.Reset(&buf)
	crc := crc32.NewIEEE()
	var n countWriter
	if err := copyKept(io.MultiWriter(fw, crc, &n), a.res.in.Source, e.input.Path, e.input.Hash, e.excl); err != nil {
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	a.count.compressed.Add(1)
	// ModifiedDate, not Modified: Modified adds an extended timestamp
	// field, and the plain MS-DOS date is all an entry carries.
	return &rawEntry{data: buf.Bytes(), hdr: zip.FileHeader{
		Name: e.name, Comment: keyPrefix + e.key,
		CreatorVersion: 20, ReaderVersion: 20, Method: zip.Deflate,
		//lint:ignore SA1019 see above
		ModifiedDate: msDosDate(e.input.Month), CRC32: crc.Sum32(),
		CompressedSize64: uint64(buf.Len()), UncompressedSize64: n.n,
	}}, nil
}

// archiver writes the month archives and latest.zip.
type archiver struct {
	res   *Result
	out   *output.Dir
	count *counters
	// prevLatest is the previous latest.zip, a second place to find an
	// unchanged entry when its month's archive is gone.
	prevLatest map[string]*zip.File
}

// openZip opens a previous archive, or returns nil when there is none
// fit to read: a damaged one is simply not reused.
func openZip(path string) *zip.ReadCloser {
	if path == "" {
		return nil
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil
	}
	return z
}

func (res *Result) writeArchives(out *output.Dir, count *counters) ([]Download, error) {
	plans := res.plans
	if len(plans) == 0 {
		return nil, nil
	}
	a := &archiver{res: res, out: out, count: count}
	for _, p := range plans {
		res.Months = append(res.Months, p.month)
	}
	lkey := latestKey(plans)
	var latestRows int
	for _, p := range plans {
		latestRows += p.rows
	}
	latest := Download{Path: LatestPath, Kind: LatestArchive, Rows: latestRows, Key: lkey}

	reused, err := out.Reuse(LatestPath, lkey)
	if err != nil {
		return nil, fmt.Errorf("archives: %w", err)
	}
	if reused {
		// Nothing changed: latest.zip is reused, and each month's
		// archive too (or written, should it be missing).
		a.reused(&latest)
	}
	// The previous latest.zip is a second place to find an unchanged
	// entry when its month's archive is gone.
	if pl := openZip(out.Previous(LatestPath)); pl != nil {
		defer pl.Close()
		a.prevLatest = map[string]*zip.File{}
		for _, f := range pl.File {
			a.prevLatest[f.Name] = f
		}
	}

	var months []Download
	run := func(lz *zip.Writer) error {
		stop := make(chan struct{})
		work := a.prepare(plans, stop)
		defer func() {
			// On an error, stop the preparer and close what it opened.
			close(stop)
			for w := range work {
				w.close()
			}
		}()
		for w := range work {
			if w.err != nil {
				return fmt.Errorf("%s: %w", w.plan.month, w.err)
			}
			d, err := a.month(w, lz)
			w.close()
			if err != nil {
				return err
			}
			months = append(months, d)
			if d.Reused {
				res.Reused = append(res.Reused, w.plan.month)
			}
		}
		return nil
	}
	if latest.Reused {
		if err := run(nil); err != nil {
			return nil, err
		}
		return append(months, latest), nil
	}
	err = out.Stream(LatestPath, func(w io.Writer) error {
		lz := zip.NewWriter(w)
		if err := lz.SetComment(Licence + "\nAll months.\n" + keyPrefix + lkey); err != nil {
			return err
		}
		if err := run(lz); err != nil {
			return err
		}
		return lz.Close()
	})
	if err != nil {
		return nil, fmt.Errorf("archives: %w", err)
	}
	a.written(&latest)
	out.SetKey(LatestPath, lkey)
	return append(months, latest), nil
}

// reused fills in an archive taken from the previous site: its size and
// SHA-256 are the site manifest's, so nothing is read.
func (a *archiver) reused(d *Download) {
	a.written(d)
	d.Reused = true
}

// written fills in an archive's size and SHA-256 from the record
// output.Dir made as it wrote the file, rather than hashing its
// gigabytes a second time.
func (a *archiver) written(d *Download) {
	e, _ := a.out.Entry(d.Path)
	d.Bytes, d.SHA256 = e.Size, e.Hex()
}

// monthWork is a month made ready to write: its previous archive, and
// whether it is linked whole or else its entries.
type monthWork struct {
	plan    *monthPlan
	pz      *zip.ReadCloser // the previous site's archive of the month
	link    bool            // reused whole from the previous site
	entries []*rawEntry
	err     error
	token   chan struct{} // held while entries hold compressed bytes
}

func (w *monthWork) close() {
	if w.pz != nil {
		w.pz.Close()
		w.pz = nil
	}
	if w.token != nil {
		<-w.token
		w.token = nil
	}
}

// aheadMonths bounds how many months of freshly compressed entries wait
// in memory to be written.
const aheadMonths = 2

// prepare readies the months in order on a goroutine of its own, so that
// compressing a changed month overlaps copying the unchanged months before
// it into latest.zip: a monthly build compresses its new month while the
// older ones are copied. Linked months cost no memory and are readied at
// once; months to compress wait for one of aheadMonths tokens.
func (a *archiver) prepare(plans []monthPlan, stop <-chan struct{}) <-chan *monthWork {
	out := make(chan *monthWork, len(plans))
	tokens := make(chan struct{}, aheadMonths)
	go func() {
		defer close(out)
		for i := range plans {
			p := &plans[i]
			rel := ArchivePath(p.month)
			w := &monthWork{plan: p}
			w.link, w.err = a.out.Reuse(rel, p.key)
			if w.link {
				// The archive as it now is in the site, whichever
				// earlier site it came from, for latest.zip's entries.
				if w.pz = openZip(filepath.Join(a.out.Root(), filepath.FromSlash(rel))); w.pz == nil {
					w.err = fmt.Errorf("archives: %s was kept but does not read as a zip", rel)
				}
			} else {
				w.pz = openZip(a.out.Previous(rel))
			}
			if !w.link && w.err == nil {
				select {
				case tokens <- struct{}{}:
				case <-stop:
					w.close()
					return
				}
				w.token = tokens
				w.entries, w.err = a.gather(p, w.pz)
			}
			out <- w
			if w.err != nil {
				return
			}
		}
	}()
	return out
}

// month writes one month's archive, linked or assembled, and appends its
// entries to lz (nil when latest.zip is reused).
func (a *archiver) month(w *monthWork, lz *zip.Writer) (Download, error) {
	p := w.plan
	rel := ArchivePath(p.month)
	d := Download{Path: rel, Kind: MonthArchive, Month: p.month.String(), Rows: p.rows, Key: p.key}
	if w.link {
		a.reused(&d)
		if lz != nil {
			for _, f := range w.pz.File {
				if err := lz.Copy(f); err != nil {
					return d, err // latest.zip's writer names it
				}
				a.count.rawCopied.Add(1)
			}
		}
		return d, nil
	}
	entries := w.entries
	err := a.out.Stream(rel, func(w io.Writer) error {
		zw := zip.NewWriter(w)
		if err := zw.SetComment(Licence + "\n" + p.month.Long() + ".\n" + keyPrefix + p.key); err != nil {
			return err
		}
		for _, e := range entries {
			if err := e.writeTo(zw); err != nil {
				return err
			}
			if e.file != nil {
				a.count.rawCopied.Add(1)
			}
		}
		return zw.Close()
	})
	if err != nil {
		return d, err // the archive's writer names it
	}
	a.written(&d)
	a.out.SetKey(rel, p.key)
	if lz != nil {
		for _, e := range entries {
			if err := e.writeTo(lz); err != nil {
				return d, err // latest.zip's writer names it
			}
			a.count.rawCopied.Add(1)
		}
	}
	return d, nil
}

// gather finds each entry of a month: still compressed in a previous
// archive when its key matches, or else compressed now, in parallel.
func (a *archiver) gather(p *monthPlan, pz *zip.ReadCloser) ([]*rawEntry, error) {
	prev := map[string]*zip.File{}
	if pz != nil {
		for _, f := range pz.File {
			prev[f.Name] = f
		}
	}
	out := make([]*rawEntry, len(p.entries))
	var todo []int
	for i, e := range p.entries {
		f := prev[e.name]
		if f == nil || commentKey(f.Comment) != e.key {
			f = a.prevLatest[e.name]
		}
		if f != nil && commentKey(f.Comment) == e.key {
			out[i] = &rawEntry{file: f}
			continue
		}
		todo = append(todo, i)
	}
	// The biggest files first, so that one big file does not finish last.
	slices.SortStableFunc(todo, func(x, y int) int {
		return int(p.entries[y].input.Size>>10) - int(p.entries[x].input.Size>>10)
	})
	err := parallel.Do(a.res.in.Workers, len(todo), func(k int) error {
		i := todo[k]
		e, err := a.compress(p.entries[i])
		out[i] = e
		return err
	})
	return out, err
}

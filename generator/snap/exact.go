package snap

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/csvread"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// ExactHeader is the header of an exact-location file: the published street
// file's columns and the journey's end station. A file may leave the last
// column out.
var ExactHeader = []string{"Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
	"Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context", "Journey end station"}

// StreetHeader is the header of the published street files snap writes.
var StreetHeader = ExactHeader[:12:12]

// Columns of an exact file.
const (
	colMonth   = 1
	colLon     = 4
	colLat     = 5
	colLSOA    = 7
	colLSOANm  = 8
	colCrime   = 9
	colStation = 12
)

// exactFile is one exact-location file found in the input.
type exactFile struct {
	Path  string // slash-separated, relative to the input folder
	Month crime.Month
	Force string
	Size  int64
}

// OutPath is the published street file's path, relative to the output.
func (f exactFile) OutPath() string {
	m := f.Month.String()
	return m + "/" + m + "-" + f.Force + "-street.csv"
}

var (
	exactName = regexp.MustCompile(`^(\d{4}-\d{2})-([a-z0-9][a-z0-9-]*?)-exact\.csv$`)
	monthDir  = regexp.MustCompile(`^\d{4}-\d{2}$`)
)

// discover lists the exact files in dir: dir/YYYY-MM/YYYY-MM-<force>-exact.csv,
// sorted by month and force. Other CSV files in month folders are reported
// and ignored; a file in the wrong month's folder is left out.
func discover(dir string, report *validate.Report) ([]exactFile, error) {
	top, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	var files []exactFile
	for _, d := range top {
		if !d.IsDir() || !monthDir.MatchString(d.Name()) {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(dir, d.Name()))
		if err != nil {
			report.Add(validate.Problem{File: d.Name() + "/", Reason: validate.UnreadableFile, Severity: validate.Excluded,
				Detail: err.Error()})
			continue
		}
		for _, e := range entries {
			name := e.Name()
			rel := d.Name() + "/" + name
			if e.IsDir() || strings.HasPrefix(name, ".") {
				continue
			}
			m := exactName.FindStringSubmatch(name)
			if m == nil {
				if strings.HasSuffix(name, ".csv") {
					report.Add(validate.Problem{File: rel, Reason: validate.BadFileName, Severity: validate.Warning,
						Detail: "ignored: an exact-location file is named YYYY-MM-<force>-exact.csv"})
				}
				continue
			}
			month, err := crime.ParseMonth([]byte(m[1]))
			if err != nil || m[1] != d.Name() {
				detail := fmt.Sprintf("file for %s is in folder %q", m[1], d.Name())
				if err != nil {
					detail = err.Error()
				}
				report.Add(validate.Problem{File: rel, Reason: validate.BadFileName, Severity: validate.Excluded,
					Force: m[2], Month: m[1], Detail: detail})
				continue
			}
			var size int64
			if info, err := e.Info(); err == nil {
				size = info.Size()
			}
			files = append(files, exactFile{Path: rel, Month: month, Force: m[2], Size: size})
		}
	}
	slices.SortFunc(files, func(a, b exactFile) int {
		return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Force, b.Force))
	})
	return files, nil
}

// tally counts what happened to one file's records.
type tally struct {
	Records        int
	Snapped        int
	PastIneligible int
	AtKeyLocation  int
	Stayed         int
	Train          int
	Unmapped       int
	NoLocation     int
	Excluded       int
}

// pointCount is how many records of a file went to one point.
type pointCount struct {
	point int32
	n     int32
}

// fileResult is what snapping one file gives.
type fileResult struct {
	file     exactFile
	tally    tally
	buckets  [numBuckets]int
	points   []pointCount // sorted by point
	problems []validate.Problem
	tmp      string // the written street file, under a temporary name
	skipped  bool   // the whole file was left out
}

// worker holds one goroutine's scratch and its share of the displacement
// histogram, which is only ever added to, so merging is order-free.
type worker struct {
	s       *Snapper
	hist    []int64 // records by whole metres moved; the last bin holds the rest
	maxM    float64
	sumMM   int64 // millimetres moved, for the mean without float sums
	counts  []int32
	touched []int32
	rows    []row
	arena   []byte
	order   []uint64
	out     []byte
}

func newWorker(s *Snapper) *worker {
	return &worker{s: s, hist: make([]int64, histBins(s.rules.MaxDistance)), counts: make([]int32, len(s.g.Points))}
}

// row is one good record of the file being snapped: its published columns
// other than the location, already formatted in the worker's arena, and
// what the rules made of it.
type row struct {
	head, lsoa, tail, end uint32 // arena[head:lsoa] columns 1–4 and a comma; [lsoa:tail] the LSOA code and name; [tail:end] the last three columns, each after a comma
	lon, lat              store.Micro
	station               int32
	located               bool
	pl                    Placement
}

// snapFile reads one exact file, writes its street file under a temporary
// name in outDir and returns what happened. Problems with the data are
// recorded in the result; the error is for the output, which cannot go on.
//
// The file is read whole before snapping, so that its records can be
// snapped in spatial order rather than file order: consecutive searches
// then walk the same part of the tree, which is in the cache, and a
// national month snaps two to three times faster than in random order.
// Rows are still written in file order.
func (w *worker) snapFile(inDir, outDir string, f exactFile) (res fileResult, err error) {
	res.file = f
	if !w.read(inDir, f, &res) {
		res.skipped = true
		return res, nil
	}
	w.place()
	final := filepath.Join(outDir, filepath.FromSlash(f.OutPath()))
	res.tmp = filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".tmp")
	if err := w.write(res.tmp, &res); err != nil {
		return res, fmt.Errorf("write %s: %w", f.OutPath(), err)
	}
	res.points = w.drainCounts()
	return res, nil
}

// read parses the file into w.rows, reporting bad rows. It returns false
// when the whole file is left out.
func (w *worker) read(inDir string, f exactFile, res *fileResult) bool {
	month := f.Month.String()
	problem := func(line int, reason validate.Reason, sev validate.Severity, format string, args ...any) {
		res.problems = append(res.problems, validate.Problem{File: f.Path, Line: line, Reason: reason, Severity: sev,
			Force: f.Force, Month: month, Detail: fmt.Sprintf(format, args...)})
	}
	in, err := os.Open(filepath.Join(inDir, filepath.FromSlash(f.Path)))
	if err != nil {
		problem(0, validate.UnreadableFile, validate.Excluded, "%v", err)
		return false
	}
	defer in.Close()
	rd := csvread.New(in)
	head, err := rd.Read()
	if err != nil {
		if err == io.EOF {
			err = errors.New("file is empty")
		}
		problem(1, validate.BadCSV, validate.Excluded, "cannot read header: %v; the file is left out", err)
		return false
	}
	cols := len(ExactHeader)
	if len(head) == cols-1 {
		cols-- // no journey column
	}
	if detail := source.CheckHeader(head, ExactHeader[:cols]); detail != "" {
		problem(1, validate.BadHeader, validate.Excluded, "%s; the file is left out", detail)
		return false
	}
	s := w.s
	// Rows are about 250 bytes, of which the arena keeps most; sizing the
	// buffers from the file spares regrowing them row by row.
	if need := int(f.Size) + 4096; cap(w.arena) < need {
		w.arena = make([]byte, 0, need)
	}
	if need := int(f.Size/150) + 64; cap(w.rows) < need {
		w.rows = make([]row, 0, need)
	}
	w.rows, w.arena = w.rows[:0], w.arena[:0]
	for {
		rec, rerr := rd.Read()
		if rerr == io.EOF {
			break
		}
		line := rd.Line()
		if rerr != nil {
			if csvread.BadRecord(rerr) {
				res.tally.Excluded++
				reason := validate.BadCSV
				if errors.Is(rerr, csvread.ErrRecordTooLong) {
					reason = validate.LongField
				}
				problem(line, reason, validate.Excluded, "%v", rerr)
				continue
			}
			problem(line, validate.UnreadableFile, validate.Excluded, "reading stopped here: %v; rows before this line are kept", rerr)
			break
		}
		if csvread.Blank(rec) {
			continue
		}
		if len(rec) != cols {
			res.tally.Excluded++
			problem(line, validate.ColumnCount, validate.Excluded, "%d columns, want %d", len(rec), cols)
			continue
		}
		if i := badField(rd.Raw(), rec); i >= 0 {
			res.tally.Excluded++
			reason := validate.BadEncoding
			if len(rec[i]) > maxField {
				reason = validate.LongField
			}
			problem(line, reason, validate.Excluded, "column %q is not valid UTF-8, holds a NUL byte or is over %d bytes", ExactHeader[i], maxField)
			continue
		}
		if string(rec[colMonth]) != month {
			res.tally.Excluded++
			if _, err := crime.ParseMonth(rec[colMonth]); err != nil {
				problem(line, validate.BadMonth, validate.Excluded, "%v", err)
			} else {
				problem(line, validate.MonthMismatch, validate.Excluded, "row is for %s but the file is for %s", rec[colMonth], month)
			}
			continue
		}
		r := row{station: -1, located: len(rec[colLon]) > 0 || len(rec[colLat]) > 0}
		if r.located {
			var reason validate.Reason
			var detail string
			if r.lon, r.lat, reason, detail = checkPoint(rec[colLon], rec[colLat]); reason != "" {
				res.tally.Excluded++
				problem(line, reason, validate.Excluded, "%s", detail)
				continue
			}
		}
		if cols > colStation && len(rec[colStation]) > 0 && s.rules.Trains {
			id := bytes.TrimSpace(rec[colStation])
			if i, ok := s.g.Find(id); !ok {
				problem(line, UnknownStation, validate.Warning, "journey end station %q is not in the gazetteer; placed by its location", id)
			} else if why := s.StationProblem(i); why != "" {
				problem(line, NotAStation, validate.Warning, "%s; placed by its location", why)
			} else {
				r.station = i
			}
		}
		w.keep(&r, rec, rd.Raw(), rd.Plain())
		w.rows = append(w.rows, r)
	}
	return true
}

// keep formats the columns a row publishes as they are into the arena. A
// line without quotes or carriage returns needs no quoting on output, so
// its columns are copied as runs of the line; others field by field.
func (w *worker) keep(r *row, rec [][]byte, raw []byte, plain bool) {
	a := w.arena
	r.head = uint32(len(a))
	if plain && bytes.IndexByte(raw, '\r') < 0 {
		// rec's fields are slices of raw, one comma apart.
		off := func(i int) int {
			n := 0
			for _, f := range rec[:i] {
				n += len(f) + 1
			}
			return n
		}
		o4, o7, o9 := off(colLon), off(colLSOA), off(colCrime)
		end := o9 + len(rec[colCrime]) + len(rec[colCrime+1]) + len(rec[colCrime+2]) + 2
		a = append(a, raw[:o4]...)
		r.lsoa = uint32(len(a))
		a = append(a, raw[o7:o9-1]...)
		r.tail = uint32(len(a))
		a = append(a, raw[o9-1:end]...)
	} else {
		for i := range colLon {
			a = appendField(a, rec[i])
			a = append(a, ',')
		}
		r.lsoa = uint32(len(a))
		a = appendField(a, rec[colLSOA])
		a = append(a, ',')
		a = appendField(a, rec[colLSOANm])
		r.tail = uint32(len(a))
		for i := colCrime; i < colStation; i++ {
			a = append(a, ',')
			a = appendField(a, rec[i])
		}
	}
	r.end = uint32(len(a))
	w.arena = a
}

// place applies the rules to every row, the located ones in the order of a
// Z-order curve over cells of about 100 m.
func (w *worker) place() {
	w.order = w.order[:0]
	for i := range w.rows {
		r := &w.rows[i]
		if r.located && !(r.station >= 0 && w.s.rules.Trains) {
			w.order = append(w.order, zorder(r.lon, r.lat)<<32|uint64(i))
			continue
		}
		r.pl = w.s.Place(r.lon, r.lat, r.located, r.station)
	}
	slices.Sort(w.order)
	for _, k := range w.order {
		r := &w.rows[uint32(k)]
		r.pl = w.s.Nearest(r.lon, r.lat)
	}
}

// zorder interleaves the bits of a point's cell (1024 millionths of a
// degree, about 70 m by 110 m) east and north of the area's corner.
func zorder(lon, lat store.Micro) uint64 {
	spread := func(v uint64) uint64 {
		v &= 0xffff
		v = (v | v<<8) & 0x00ff00ff
		v = (v | v<<4) & 0x0f0f0f0f
		v = (v | v<<2) & 0x33333333
		v = (v | v<<1) & 0x55555555
		return v
	}
	return spread(uint64(lon-store.MinLon)>>10) | spread(uint64(lat-store.MinLat)>>10)<<1
}

// write writes the street file in file order and counts the rows.
func (w *worker) write(path string, res *fileResult) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	b := append(w.out[:0], strings.Join(StreetHeader, ",")...)
	b = append(b, '\n')
	for i := range w.rows {
		r := &w.rows[i]
		res.tally.Records++
		w.count(res, r.pl)
		b = append(b, w.arena[r.head:r.lsoa]...)
		if r.pl.Point >= 0 {
			b = append(b, w.s.fragment(r.pl.Point)...)
			b = append(b, ',')
			b = append(b, w.arena[r.lsoa:r.tail]...)
		} else {
			b = append(b, ",,No Location,,"...)
		}
		b = append(b, w.arena[r.tail:r.end]...)
		b = append(b, '\n')
		if len(b) >= 256<<10 {
			if _, err := out.Write(b); err != nil {
				out.Close()
				return err
			}
			b = b[:0]
		}
	}
	_, err = out.Write(b)
	w.out = b[:0]
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// count adds a placement to the tallies.
func (w *worker) count(res *fileResult, pl Placement) {
	t := &res.tally
	switch pl.Status {
	case Snapped:
		t.Snapped++
		if pl.PastIneligible {
			t.PastIneligible++
		}
		if w.s.key[pl.Point] {
			t.AtKeyLocation++
		}
		if pl.Metres == 0 {
			t.Stayed++
		}
		res.buckets[bucketOf(pl.Metres)]++
		w.hist[min(int(pl.Metres), len(w.hist)-1)]++
		w.maxM = max(w.maxM, pl.Metres)
		w.sumMM += int64(pl.Metres*1000 + 0.5)
	case Train:
		t.Train++
	case TooFar:
		t.Unmapped++
	case NoLocation:
		t.NoLocation++
	}
	if pl.Point >= 0 {
		if w.counts[pl.Point] == 0 {
			w.touched = append(w.touched, pl.Point)
		}
		w.counts[pl.Point]++
	}
}

// drainCounts returns the file's records per point and clears the scratch
// counts for the next file. The order is the order of first use, which
// nothing depends on: months sort their lists before adding them up.
func (w *worker) drainCounts() []pointCount {
	out := make([]pointCount, len(w.touched))
	for i, p := range w.touched {
		out[i] = pointCount{p, w.counts[p]}
		w.counts[p] = 0
	}
	w.touched = w.touched[:0]
	return out
}

// relPath makes a path slash-separated and relative to dir where it can.
func relPath(dir, p string) string {
	if r, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return path.Clean(filepath.ToSlash(p))
}

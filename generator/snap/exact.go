package snap

import (
	"bufio"
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
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// ExactHeader is the header of an exact-location file: the published street
// file's columns and the journey's end station. A file may leave the last
// column out.
var ExactHeader = []string{"Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
	"Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context", "Journey end station"}

// StreetHeader is the header of the published street files snap writes.
var StreetHeader = ExactHeader[:12]

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
	Records        int `json:"records"`
	Snapped        int `json:"snapped"`
	PastIneligible int `json:"past_ineligible"`
	AtKeyLocation  int `json:"at_key_location"`
	Stayed         int `json:"stayed"`
	Train          int `json:"train"`
	Unmapped       int `json:"unmapped"`
	NoLocation     int `json:"no_location"`
	Excluded       int `json:"excluded"`
}

func (t *tally) add(o tally) {
	t.Records += o.Records
	t.Snapped += o.Snapped
	t.PastIneligible += o.PastIneligible
	t.AtKeyLocation += o.AtKeyLocation
	t.Stayed += o.Stayed
	t.Train += o.Train
	t.Unmapped += o.Unmapped
	t.NoLocation += o.NoLocation
	t.Excluded += o.Excluded
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
	row     []byte
}

func newWorker(s *Snapper) *worker {
	return &worker{s: s, hist: make([]int64, histBins(s.rules.MaxDistance)), counts: make([]int32, len(s.g.Points))}
}

// snapFile reads one exact file, writes its street file under a temporary
// name in outDir and returns what happened. Problems with the data are
// recorded in the result; the error is for the output, which cannot go on.
func (w *worker) snapFile(inDir, outDir string, f exactFile) (res fileResult, err error) {
	res.file = f
	month := f.Month.String()
	problem := func(line int, reason validate.Reason, sev validate.Severity, format string, args ...any) {
		res.problems = append(res.problems, validate.Problem{File: f.Path, Line: line, Reason: reason, Severity: sev,
			Force: f.Force, Month: month, Detail: fmt.Sprintf(format, args...)})
	}
	in, err := os.Open(filepath.Join(inDir, filepath.FromSlash(f.Path)))
	if err != nil {
		problem(0, validate.UnreadableFile, validate.Excluded, "%v", err)
		res.skipped = true
		return res, nil
	}
	defer in.Close()
	rd := newCSVReader(in)
	head, err := rd.Read()
	if err != nil {
		if err == io.EOF {
			err = errors.New("file is empty")
		}
		problem(1, validate.BadCSV, validate.Excluded, "cannot read header: %v; the file is left out", err)
		res.skipped = true
		return res, nil
	}
	cols := len(ExactHeader)
	if len(head) == cols-1 {
		cols-- // no journey column
	}
	if detail := checkHeader(head, ExactHeader[:cols]); detail != "" {
		problem(1, validate.BadHeader, validate.Excluded, "%s; the file is left out", detail)
		res.skipped = true
		return res, nil
	}

	final := filepath.Join(outDir, filepath.FromSlash(f.OutPath()))
	res.tmp = filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+".tmp")
	out, err := os.Create(res.tmp)
	if err != nil {
		return res, fmt.Errorf("write %s: %w", f.OutPath(), err)
	}
	defer func() {
		if cerr := out.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write %s: %w", f.OutPath(), cerr)
		}
	}()
	bw := bufio.NewWriterSize(out, 256<<10)
	bw.WriteString(strings.Join(StreetHeader, ",") + "\n")

	s := w.s
	for {
		rec, rerr := rd.Read()
		if rerr == io.EOF {
			break
		}
		line := rd.Line()
		if rerr != nil {
			if errors.Is(rerr, errTooLong) || errors.Is(rerr, errBareQuote) || errors.Is(rerr, errUnclosed) {
				res.tally.Excluded++
				reason := validate.BadCSV
				if errors.Is(rerr, errTooLong) {
					reason = validate.LongField
				}
				problem(line, reason, validate.Excluded, "%v", rerr)
				continue
			}
			problem(line, validate.UnreadableFile, validate.Excluded, "reading stopped here: %v; rows before this line are kept", rerr)
			break
		}
		if isBlank(rec) {
			continue
		}
		if len(rec) != cols {
			res.tally.Excluded++
			problem(line, validate.ColumnCount, validate.Excluded, "%d columns, want %d", len(rec), cols)
			continue
		}
		if i := badField(rec); i >= 0 {
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
		located := len(rec[colLon]) > 0 || len(rec[colLat]) > 0
		var lon, lat store.Micro
		if located {
			var reason validate.Reason
			var detail string
			if lon, lat, reason, detail = checkPoint(rec[colLon], rec[colLat]); reason != "" {
				res.tally.Excluded++
				problem(line, reason, validate.Excluded, "%s", detail)
				continue
			}
		}
		station := int32(-1)
		if cols > colStation && len(rec[colStation]) > 0 && s.rules.Trains {
			id := bytes.TrimSpace(rec[colStation])
			if i, ok := s.g.Find(id); !ok {
				problem(line, UnknownStation, validate.Warning, "journey end station %q is not in the gazetteer; placed by its location", id)
			} else if why := s.StationProblem(i); why != "" {
				problem(line, NotAStation, validate.Warning, "%s; placed by its location", why)
			} else {
				station = i
			}
		}
		pl := s.Place(lon, lat, located, station)
		res.tally.Records++
		w.count(&res, pl)
		w.row = w.appendRow(w.row[:0], rec, pl)
		if _, err := bw.Write(w.row); err != nil {
			return res, fmt.Errorf("write %s: %w", f.OutPath(), err)
		}
	}
	if err := bw.Flush(); err != nil {
		return res, fmt.Errorf("write %s: %w", f.OutPath(), err)
	}
	res.points = w.drainCounts()
	return res, nil
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
		if w.s.g.Points[pl.Point].Key() {
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

// drainCounts returns the file's records per point, sorted by point, and
// clears the scratch counts for the next file.
func (w *worker) drainCounts() []pointCount {
	slices.Sort(w.touched)
	out := make([]pointCount, len(w.touched))
	for i, p := range w.touched {
		out[i] = pointCount{p, w.counts[p]}
		w.counts[p] = 0
	}
	w.touched = w.touched[:0]
	return out
}

// appendRow formats the published row: the record's own columns, with the
// location columns taken from the snap point, or emptied.
func (w *worker) appendRow(b []byte, rec [][]byte, pl Placement) []byte {
	for i := range colLon {
		b = appendField(b, rec[i])
		b = append(b, ',')
	}
	if pl.Point >= 0 {
		b = append(b, w.s.fragment(pl.Point)...)
		b = append(b, ',')
		b = appendField(b, rec[colLSOA])
		b = append(b, ',')
		b = appendField(b, rec[colLSOANm])
	} else {
		b = append(b, ",,No Location,,"...)
	}
	for i := colCrime; i < colStation; i++ {
		b = append(b, ',')
		b = appendField(b, rec[i])
	}
	return append(b, '\n')
}

// relPath makes a path slash-separated and relative to dir where it can.
func relPath(dir, p string) string {
	if r, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return path.Clean(filepath.ToSlash(p))
}

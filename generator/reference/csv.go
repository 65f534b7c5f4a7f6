package reference

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/crimemap/crimemap/generator/validate"
)

// table reads a CSV file with a header row, reporting bad rows and
// skipping them.
type table struct {
	r      *csv.Reader
	file   string
	report *validate.Report
	cols   []int // the wanted columns' positions, in the order asked for
	width  int   // fields a row needs to hold every wanted column
}

// column names one wanted column: its name for messages and a test on the
// normalised header name (lower case, without spaces, '_' or '-').
type column struct {
	name    string
	matches func(h string) bool
}

// oneOf matches any of the given normalised names.
func oneOf(names ...string) func(string) bool {
	return func(h string) bool {
		for _, n := range names {
			if h == n {
				return true
			}
		}
		return false
	}
}

func normaliseHeader(h string) string {
	return strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.ToLower(strings.TrimSpace(h)))
}

// openTable strips a UTF-8 byte order mark (Excel and ONS write one), reads
// the header and finds the wanted columns; the first header matching a
// column wins. A missing column is an error, with the header's line.
func openTable(r io.Reader, file string, report *validate.Report, want ...column) (*table, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // rows are checked against the columns we use
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &LineError{Line: 1, Err: errors.New("empty file: no header row")}
	}
	if err != nil {
		return nil, csvError(err)
	}
	t := &table{r: cr, file: file, report: report, cols: make([]int, len(want))}
	for i, w := range want {
		t.cols[i] = -1
		for j, h := range header {
			if w.matches(normaliseHeader(h)) {
				t.cols[i] = j
				break
			}
		}
		if t.cols[i] < 0 {
			return nil, &LineError{Line: 1, Err: fmt.Errorf("no %s column in header %q", w.name, strings.Join(header, ","))}
		}
		t.width = max(t.width, t.cols[i]+1)
	}
	return t, nil
}

// next returns the wanted fields of the next good row and its line, and
// io.EOF at the end. Rows that do not parse or are too short are reported
// and skipped.
func (t *table) next(fields []string) (line int, err error) {
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			return 0, io.EOF
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			t.problem(perr.StartLine, validate.BadCSV, validate.Excluded, perr.Err.Error())
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("read %s: %w", t.file, err)
		}
		line, _ = t.r.FieldPos(0)
		if len(rec) < t.width {
			t.problem(line, validate.ColumnCount, validate.Excluded,
				fmt.Sprintf("%d fields; the columns used need %d", len(rec), t.width))
			continue
		}
		for i, c := range t.cols {
			fields[i] = strings.TrimSpace(rec[c])
		}
		return line, nil
	}
}

func (t *table) problem(line int, reason validate.Reason, sev validate.Severity, detail string) {
	if t.report == nil {
		return
	}
	t.report.Add(validate.Problem{File: t.file, Line: line, Reason: reason, Severity: sev, Detail: detail})
}

func csvError(err error) error {
	var perr *csv.ParseError
	if errors.As(err, &perr) {
		return &LineError{Line: perr.StartLine, Err: perr.Err}
	}
	return err
}

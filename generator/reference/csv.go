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
	br := bufio.NewReader(&recordCap{r: r, line: 1, start: 1})
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
			// A record too long or a failed read ends the file here; the
			// rows before it are kept, as the crime files' are.
			reason := validate.UnreadableFile
			var long *longRecordError
			if errors.As(err, &long) {
				reason = validate.LongField
				line = long.line
			} else {
				line, _ = t.r.FieldPos(0)
			}
			t.problem(line, reason, validate.Excluded, fmt.Sprintf("reading stopped here: %v; rows before this line are kept", err))
			return 0, io.EOF
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

// maxRecordBytes bounds a record of a reference table. encoding/csv
// gathers a whole record before returning it, and a quote left open gathers
// the rest of the file; real rows are under a hundred bytes.
const maxRecordBytes = 64 << 10

// longRecordError is a record past maxRecordBytes, at the line it starts.
type longRecordError struct{ line int }

func (e *longRecordError) Error() string {
	return fmt.Sprintf("the record starting on line %d is longer than %d KiB", e.line, maxRecordBytes>>10)
}

// recordCap fails once one CSV record passes maxRecordBytes. It finds
// records as RFC 4180 does: a line feed ends one unless a quote is open,
// and doubled quotes inside a field leave the count of quotes even.
type recordCap struct {
	r      io.Reader
	n      int  // bytes of the current record so far
	quoted bool // an odd number of quotes so far in this record
	line   int  // line of the next byte
	start  int  // line the current record started on
	err    error
}

func (c *recordCap) Read(b []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.r.Read(b)
	for i, ch := range b[:n] {
		switch ch {
		case '"':
			c.quoted = !c.quoted
		case '\n':
			c.line++
			if !c.quoted {
				c.n, c.start = 0, c.line
				continue
			}
		}
		if c.n++; c.n > maxRecordBytes {
			// Hand over what came before, then fail.
			c.err = &longRecordError{line: c.start}
			if i == 0 {
				return 0, c.err
			}
			return i, nil
		}
	}
	return n, err
}

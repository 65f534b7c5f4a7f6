package reference

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/crimemap/crimemap/generator/csvread"
	"github.com/crimemap/crimemap/generator/validate"
)

// table reads a CSV file with a header row, reporting bad rows and
// skipping them.
type table struct {
	r      *csvread.Reader
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

// openTable reads the header (csvread skips a byte order mark, which Excel
// and the ONS write) and finds the wanted columns; the first header
// matching a column wins. A missing column is an error, with the header's
// line.
func openTable(r io.Reader, file string, report *validate.Report, want ...column) (*table, error) {
	rd := csvread.New(r)
	rec, err := rd.Read()
	if err == io.EOF {
		return nil, &LineError{Line: 1, Err: errors.New("empty file: no header row")}
	}
	if err != nil {
		if csvread.BadRecord(err) {
			return nil, &LineError{Line: rd.Line(), Err: recordError(err)}
		}
		return nil, err
	}
	header := make([]string, len(rec))
	for i, h := range rec {
		header[i] = string(h)
	}
	t := &table{r: rd, file: file, report: report, cols: make([]int, len(want))}
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
		line = t.r.Line()
		if err != nil {
			if csvread.BadRecord(err) && !errors.Is(err, csvread.ErrRecordTooLong) {
				t.problem(line, validate.BadCSV, validate.Excluded, recordError(err).Error())
				continue
			}
			// A record too long or a failed read ends the file here; the
			// rows before it are kept, as the crime files' are.
			reason := validate.UnreadableFile
			if errors.Is(err, csvread.ErrRecordTooLong) {
				reason = validate.LongField
				err = fmt.Errorf("the record starting on line %d is longer than %d KiB", line, csvread.MaxRecord>>10)
			}
			t.problem(line, reason, validate.Excluded, fmt.Sprintf("reading stopped here: %v; rows before this line are kept", err))
			return 0, io.EOF
		}
		if csvread.Blank(rec) {
			continue
		}
		if len(rec) < t.width {
			t.problem(line, validate.ColumnCount, validate.Excluded,
				fmt.Sprintf("%d fields; the columns used need %d", len(rec), t.width))
			continue
		}
		for i, c := range t.cols {
			fields[i] = strings.TrimSpace(string(rec[c]))
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

// errQuote words a badly quoted record as reference tables' reports always
// have (encoding/csv's words, from when they were read with it), so that a
// table's report reads the same from one build to the next.
var errQuote = errors.New(`extraneous or missing " in quoted-field`)

// recordError is the error a table reports for a record csvread refused.
func recordError(err error) error {
	if errors.Is(err, csvread.ErrBareQuote) || errors.Is(err, csvread.ErrUnclosedQuote) {
		return errQuote
	}
	return err
}

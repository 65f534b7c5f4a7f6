package csvread

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// MaxRecord bounds the bytes of one record, its field separators counted.
// Real records are a few hundred bytes; a longer one is damage, and reading
// it whole would let one bad line take all the memory.
const MaxRecord = 64 << 10

// bufSize is the read buffer. A line that fits is split where it lies; a
// longer one is far past MaxRecord and goes the slow way to be skipped.
const bufSize = 256 << 10

var (
	// ErrRecordTooLong reports a record longer than MaxRecord.
	ErrRecordTooLong = errors.New("record longer than 64 KiB")
	// ErrBareQuote reports a quote inside an unquoted field, or text after
	// a closing quote: the record's fields cannot be trusted.
	ErrBareQuote = errors.New("stray quote in field")
	// ErrUnclosedQuote reports a quoted field still open at the end of the
	// input.
	ErrUnclosedQuote = errors.New("quoted field not closed before end of file")
)

// BadRecord reports whether err is about one record (too long or badly
// quoted), which the reader has skipped, rather than a failure of the
// underlying reader, which ends the input.
func BadRecord(err error) bool {
	return errors.Is(err, ErrRecordTooLong) || errors.Is(err, ErrBareQuote) || errors.Is(err, ErrUnclosedQuote)
}

// Blank reports whether a record is an empty line (or one of spaces), which
// files may end with.
func Blank(rec [][]byte) bool {
	return len(rec) == 1 && len(bytes.TrimSpace(rec[0])) == 0
}

// bom is the UTF-8 byte order mark.
var bom = []byte("\xef\xbb\xbf")

// Reader reads records; see the package comment for what it accepts.
type Reader struct {
	r       *bufio.Reader
	line    int  // line on which the record last read starts, 1-based
	next    int  // line on which the next record starts
	eof     bool // the last record ran to the end of the input
	started bool // the first line was read, and a BOM taken off it
	plain   bool // the last record had no quotes: its fields lie in raw, a comma apart
	raw     []byte
	buf     []byte // a quoted record's fields end to end
	ends    []int  // where each field of buf ends
	fields  [][]byte
}

// New returns a Reader reading from r.
func New(r io.Reader) *Reader {
	return &Reader{r: bufio.NewReaderSize(r, bufSize), next: 1}
}

// Line returns the line on which the last record started.
func (c *Reader) Line() int { return c.line }

// Next returns the line on which the next record starts: the line after
// the last record's end, or 0 when the last record ran to the end of the
// input (a file without a final line feed).
func (c *Reader) Next() int {
	if c.eof {
		return 0
	}
	return c.next
}

// Raw returns the last record's bytes: the line itself, without its line
// end, when it had no quotes, else its fields end to end with the quotes
// taken out. Checking it once (for UTF-8, say) is cheaper than checking
// every field.
func (c *Reader) Raw() []byte { return c.raw }

// Plain reports whether the last record had no quotes, so that its fields
// are slices of Raw one comma apart and Raw can be copied as it stands.
func (c *Reader) Plain() bool { return c.plain }

// Read returns the next record, or io.EOF at the end of the input. A record
// that is too long or badly quoted returns an error for which BadRecord is
// true, and the reader resumes at the next line; other errors are the
// underlying reader's.
func (c *Reader) Read() ([][]byte, error) {
	c.line = c.next
	chunk, err := c.r.ReadSlice('\n')
	if !c.started {
		c.started = true
		chunk = bytes.TrimPrefix(chunk, bom)
	}
	if len(chunk) == 0 && err == io.EOF {
		return nil, io.EOF
	}
	if (err != nil && err != io.EOF) || bytes.IndexByte(chunk, '"') >= 0 {
		return c.readQuoted(chunk, err)
	}
	// One whole line without quotes: the common record.
	line := chunk
	if err == io.EOF {
		c.eof = true
	} else {
		c.next++
		line = line[:len(line)-1]
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	if len(line) > MaxRecord {
		return nil, ErrRecordTooLong
	}
	c.plain, c.raw = true, line
	c.fields = c.fields[:0]
	for {
		i := bytes.IndexByte(line, ',')
		if i < 0 {
			c.fields = append(c.fields, line[:len(line):len(line)])
			return c.fields, nil
		}
		c.fields = append(c.fields, line[:i:i])
		line = line[i+1:]
	}
}

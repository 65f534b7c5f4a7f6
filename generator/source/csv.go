package source

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// MaxRecord bounds the bytes of one CSV record, its field separators
// counted. Police files have records of a few hundred bytes; a longer one is
// damage, and reading it whole would let one bad line take all the memory.
const MaxRecord = 64 << 10

// errRecordTooLong reports a record longer than MaxRecord. The reader skips to
// the end of that line and carries on.
var errRecordTooLong = errors.New("record longer than 64 KiB")

// errUnclosedQuote reports a quoted field still open at the end of the file.
var errUnclosedQuote = errors.New("quoted field not closed before end of file")

// errBareQuote reports a quote inside an unquoted field, or text after a
// closing quote: the record's fields cannot be trusted.
var errBareQuote = errors.New("stray quote in field")

// csvReader reads RFC 4180 records without allocating per record: the fields
// it returns point into a buffer that the next call overwrites. It accepts LF
// and CRLF line ends and quoted fields with commas, quotes and line breaks.
// encoding/csv allocates a string per field, which at twenty million rows is
// most of the load's time.
type csvReader struct {
	r      *bufio.Reader
	line   int // line number of the record last returned, 1-based
	next   int // line number where the next record starts
	buf    []byte
	ends   []int
	fields [][]byte
	eof    bool // the last record ran to the end of the input
}

// special marks the bytes that end a run of ordinary field bytes.
var special = [256]bool{',': true, '"': true, '\r': true, '\n': true}

func newCSVReader(r io.Reader) *csvReader {
	return &csvReader{r: bufio.NewReaderSize(r, 256<<10), next: 1}
}

// Raw returns the fields of the last record end to end, quotes removed.
func (c *csvReader) Raw() []byte { return c.buf }

// Next returns the line on which the next record starts: the line after
// the last record's end, or 0 when the last record ran to the end of the
// input (a file without a final line feed).
func (c *csvReader) Next() int {
	if c.eof {
		return 0
	}
	return c.next
}

// Line returns the line on which the last record started.
func (c *csvReader) Line() int { return c.line }

// Read returns the next record. At the end of input it returns io.EOF. A
// record that is too long or badly quoted returns an error, and the reader
// resumes at the next line; other errors are the underlying reader's.
func (c *csvReader) Read() ([][]byte, error) {
	c.buf = c.buf[:0]
	c.ends = c.ends[:0]
	c.line = c.next
	var (
		quoted   bool // inside a quoted field
		started  bool // any byte of this record read
		fieldBeg = true
		afterQ   bool // just closed a quoted field
		bad      error
		tooLong  bool // past MaxRecord inside quotes: reading to the end

	)
	for {
		chunk, err := c.r.ReadSlice('\n')
		if len(chunk) > 0 {
			started = true
		}
		for i := 0; i < len(chunk); i++ {
			b := chunk[i]
			if quoted {
				if b != '"' {
					// Copy up to the next quote in one go.
					j := bytes.IndexByte(chunk[i:], '"')
					if j < 0 {
						j = len(chunk) - i
					}
					seg := chunk[i : i+j]
					c.next += bytes.Count(seg, []byte{'\n'})
					c.buf = append(c.buf, seg...)
					i += j - 1
					continue
				}
				if i+1 < len(chunk) && chunk[i+1] == '"' {
					c.buf = append(c.buf, '"')
					i++
					continue
				}
				if i+1 == len(chunk) && err == bufio.ErrBufferFull {
					// A quote at the end of the buffer may be the first of
					// a doubled pair; peek at the next byte.
					if nb, perr := c.r.Peek(1); perr == nil && nb[0] == '"' {
						c.buf = append(c.buf, '"')
						c.r.ReadByte()
						continue
					}
				}
				quoted = false
				afterQ = true
				continue
			}
			if !special[b] {
				// Copy the run of ordinary bytes in one go.
				j := i + 1
				for j < len(chunk) && !special[chunk[j]] {
					j++
				}
				if afterQ && bad == nil {
					bad = errBareQuote
				}
				c.buf = append(c.buf, chunk[i:j]...)
				fieldBeg = false
				i = j - 1
				continue
			}
			switch b {
			case ',':
				c.ends = append(c.ends, len(c.buf))
				fieldBeg, afterQ = true, false
			case '"':
				if fieldBeg {
					quoted = true
					fieldBeg = false
				} else if bad == nil {
					bad = errBareQuote
				}
			case '\r':
				if i+1 < len(chunk) && chunk[i+1] == '\n' {
					continue
				}
				if i+1 == len(chunk) {
					if nb, perr := c.r.Peek(1); perr == nil && nb[0] == '\n' {
						continue
					}
				}
				c.buf = append(c.buf, b)
				fieldBeg = false
			case '\n':
				c.next++
				c.ends = append(c.ends, len(c.buf))
				if tooLong || len(c.buf)+len(c.ends) > MaxRecord+1 {
					return nil, errRecordTooLong
				}
				if bad != nil {
					return nil, bad
				}
				return c.split(), nil
			default:
				if afterQ && bad == nil {
					bad = errBareQuote
				}
				c.buf = append(c.buf, b)
				fieldBeg = false
			}
		}
		// A record's size counts its field separators too: a line of
		// nothing but commas adds no bytes to buf but a field each.
		if len(c.buf)+len(c.ends) > MaxRecord {
			if !quoted {
				// Outside quotes the record ends at the next line feed.
				switch err {
				case bufio.ErrBufferFull:
					if serr := c.skipLine(); serr != nil {
						return nil, serr
					}
				case io.EOF:
					c.eof = true
				}
				return nil, errRecordTooLong
			}
			// Inside a quoted field, line feeds are part of the record:
			// read on to its end, keeping only the quoting state, so the
			// record is reported once and no line of it is taken for a
			// record of its own.
			tooLong = true
			c.buf, c.ends = c.buf[:0], c.ends[:0]
		}
		switch {
		case err == nil || err == bufio.ErrBufferFull:
			continue
		case err == io.EOF:
			if !started {
				return nil, io.EOF
			}
			c.eof = true
			if tooLong {
				return nil, errRecordTooLong
			}
			if quoted && bad == nil {
				bad = errUnclosedQuote
			}
			c.ends = append(c.ends, len(c.buf))
			if bad != nil {
				return nil, bad
			}
			return c.split(), nil
		default:
			return nil, err
		}
	}
}

// skipLine discards input up to and including the next line feed.
func (c *csvReader) skipLine() error {
	for {
		_, err := c.r.ReadSlice('\n')
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			c.next++
			return nil
		case io.EOF:
			c.eof = true
			return nil
		default:
			return err
		}
	}
}

func (c *csvReader) split() [][]byte {
	c.fields = c.fields[:0]
	beg := 0
	for _, end := range c.ends {
		c.fields = append(c.fields, c.buf[beg:end:end])
		beg = end
	}
	return c.fields
}

// isBlank reports whether a record is an empty line, which some files end with.
func isBlank(rec [][]byte) bool {
	return len(rec) == 1 && len(bytes.TrimSpace(rec[0])) == 0
}

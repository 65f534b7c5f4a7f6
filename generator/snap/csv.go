package snap

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// maxRecord bounds the bytes of one CSV record. Records are a few hundred
// bytes; a longer one is damage, and reading it whole would let one bad line
// take all the memory.
const maxRecord = 64 << 10

// maxField bounds one field; the longest real values are under 100 bytes.
const maxField = 1024

var (
	errTooLong   = errors.New("record longer than 64 KiB")
	errBareQuote = errors.New("stray quote in field")
	errUnclosed  = errors.New("quoted field not closed before end of file")
)

// csvReader reads RFC 4180 records with LF or CRLF line ends. A national
// month is half a million rows, so the common row, one line without quotes,
// is split in place with no copying and no allocation; quoted fields (LSOA
// names with commas) take a slower path that copies. The fields returned are
// valid until the next Read. After a bad record the reader carries on at the
// next line.
type csvReader struct {
	r      *bufio.Reader
	line   int // line on which the record last read starts, 1-based
	next   int // line on which the next record starts
	buf    []byte
	raw    []byte
	plain  bool // the last record had no quotes: its fields are slices of raw, a comma apart
	fields [][]byte
	ends   []int
}

func newCSVReader(r io.Reader) *csvReader {
	return &csvReader{r: bufio.NewReaderSize(r, 256<<10), next: 1}
}

// Raw returns the last record's bytes: the line itself when it had no
// quotes, else its fields end to end. Checking it once is cheaper than
// checking every field.
func (c *csvReader) Raw() []byte { return c.raw }

// Plain reports whether the last record had no quotes, so that its fields
// are slices of Raw one comma apart.
func (c *csvReader) Plain() bool { return c.plain }

// Line returns the line on which the last record started.
func (c *csvReader) Line() int { return c.line }

// readLine returns the next physical line without its line end. The slice
// points into the bufio buffer and is valid until the next read.
func (c *csvReader) readLine() ([]byte, error) {
	line, err := c.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		// Far longer than any record may be: skip to the line's end.
		for err == bufio.ErrBufferFull {
			_, err = c.r.ReadSlice('\n')
		}
		c.next++
		if err != nil && err != io.EOF {
			return nil, err
		}
		return nil, errTooLong
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	if len(line) == 0 {
		return nil, io.EOF
	}
	c.next++
	line = bytes.TrimSuffix(line, []byte{'\n'})
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if len(line) > maxRecord {
		return nil, errTooLong
	}
	return line, nil
}

// Read returns the next record, or io.EOF at the end of the input.
func (c *csvReader) Read() ([][]byte, error) {
	c.line = c.next
	line, err := c.readLine()
	if err != nil {
		return nil, err
	}
	c.fields = c.fields[:0]
	c.plain = bytes.IndexByte(line, '"') < 0
	if c.plain {
		c.raw = line
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
	return c.readQuoted(line)
}

// readQuoted parses a record with quotes, which may run over several lines.
func (c *csvReader) readQuoted(line []byte) ([][]byte, error) {
	c.buf, c.ends = c.buf[:0], c.ends[:0]
	var bad error
	i := 0
	for {
		if i < len(line) && line[i] == '"' {
			i++
			for {
				j := bytes.IndexByte(line[i:], '"')
				if j < 0 {
					// The field goes on past the line end. The line lives
					// in the bufio buffer, so it is copied before reading on.
					c.buf = append(c.buf, line[i:]...)
					c.buf = append(c.buf, '\n')
					next, err := c.readLine()
					switch {
					case err == io.EOF:
						return nil, errUnclosed
					case err != nil:
						return nil, err
					case len(c.buf)+len(next) > maxRecord:
						return nil, errTooLong
					}
					line, i = next, 0
					continue
				}
				c.buf = append(c.buf, line[i:i+j]...)
				i += j + 1
				if i < len(line) && line[i] == '"' {
					c.buf = append(c.buf, '"')
					i++
					continue
				}
				break
			}
			if i < len(line) && line[i] != ',' {
				// Text after the closing quote: the record is damaged.
				bad = errBareQuote
				j := bytes.IndexByte(line[i:], ',')
				if j < 0 {
					j = len(line) - i
				}
				i += j
			}
		} else {
			j := bytes.IndexByte(line[i:], ',')
			if j < 0 {
				j = len(line) - i
			}
			if bytes.IndexByte(line[i:i+j], '"') >= 0 {
				bad = errBareQuote
			}
			c.buf = append(c.buf, line[i:i+j]...)
			i += j
		}
		c.ends = append(c.ends, len(c.buf))
		if i >= len(line) {
			break
		}
		i++ // the comma
	}
	if bad != nil {
		return nil, bad
	}
	c.raw = c.buf
	beg := 0
	for _, end := range c.ends {
		c.fields = append(c.fields, c.buf[beg:end:end])
		beg = end
	}
	return c.fields, nil
}

// isBlank reports whether a record is an empty line, which files may end with.
func isBlank(rec [][]byte) bool {
	return len(rec) == 1 && len(bytes.TrimSpace(rec[0])) == 0
}

// needsQuote marks the bytes that make a field need quoting.
var needsQuote = [256]bool{',': true, '"': true, '\r': true, '\n': true}

// appendField appends a CSV field, quoted only when it must be, as the
// published files are.
func appendField[S []byte | string](b []byte, s S) []byte {
	for i := 0; i < len(s); i++ {
		if needsQuote[s[i]] {
			return appendQuoted(b, s)
		}
	}
	return append(b, s...)
}

func appendQuoted[S []byte | string](b []byte, s S) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

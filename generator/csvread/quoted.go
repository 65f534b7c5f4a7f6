package csvread

import (
	"bufio"
	"bytes"
	"io"
)

// special marks the bytes that end a run of ordinary field bytes.
var special = [256]bool{',': true, '"': true, '\r': true, '\n': true}

// readQuoted reads a record the fast path cannot take: one with quotes,
// which may run over several lines, or one whose line is longer than the
// read buffer. chunk and err are the first ReadSlice's. Fields are copied
// into buf, since a quoted value is not a slice of the line and the bufio
// buffer moves on as further lines are read.
func (c *Reader) readQuoted(chunk []byte, err error) ([][]byte, error) {
	c.buf, c.ends = c.buf[:0], c.ends[:0]
	var (
		quoted   bool // inside a quoted field
		fieldBeg = true
		afterQ   bool // just closed a quoted field
		bad      error
		tooLong  bool // past MaxRecord inside quotes: reading on to its end
	)
	for {
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
					// a doubled pair; peek at the next byte. Peeking may
					// move the buffer, so chunk is not read after this.
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
					bad = ErrBareQuote
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
					bad = ErrBareQuote
				}
			case '\r':
				if i+1 < len(chunk) && chunk[i+1] == '\n' {
					continue
				}
				if i+1 == len(chunk) {
					// A CR ending the input ends the line, as it does on
					// the fast path; one at the end of the buffer does if
					// a line feed follows.
					if err == io.EOF {
						continue
					}
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
					return nil, ErrRecordTooLong
				}
				if bad != nil {
					return nil, bad
				}
				return c.split(), nil
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
				return nil, ErrRecordTooLong
			}
			// Inside a quoted field, line feeds are part of the record:
			// read on to its end, keeping only the quoting state, so the
			// record is reported once and no line of it is taken for a
			// record of its own.
			tooLong = true
			c.buf, c.ends = c.buf[:0], c.ends[:0]
		}
		switch err {
		case nil, bufio.ErrBufferFull:
			chunk, err = c.r.ReadSlice('\n')
			continue
		case io.EOF:
			c.eof = true
			if tooLong {
				return nil, ErrRecordTooLong
			}
			if quoted && bad == nil {
				bad = ErrUnclosedQuote
			}
			if bad != nil {
				return nil, bad
			}
			c.ends = append(c.ends, len(c.buf))
			return c.split(), nil
		default:
			return nil, err
		}
	}
}

// skipLine discards input up to and including the next line feed.
func (c *Reader) skipLine() error {
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

// split cuts buf into the record's fields, each capped so that appending to
// one cannot overwrite the next.
func (c *Reader) split() [][]byte {
	c.plain, c.raw = false, c.buf
	c.fields = c.fields[:0]
	beg := 0
	for _, end := range c.ends {
		c.fields = append(c.fields, c.buf[beg:end:end])
		beg = end
	}
	return c.fields
}

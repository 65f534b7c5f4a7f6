package downloads

import (
	"io"
	"strings"

	"github.com/crimemap/crimemap/generator/store"
)

// csvWriter writes RFC 4180 records with LF line ends. Every cell from data
// goes through safeCell first.
type csvWriter struct {
	w   io.Writer
	b   []byte
	err error
}

func newCSV(w io.Writer) *csvWriter { return &csvWriter{w: w, b: make([]byte, 0, 64<<10)} }

// cell appends one cell, neutralised and quoted as needed.
func (c *csvWriter) cell(first bool, s string) {
	if !first {
		c.b = append(c.b, ',')
	}
	s = safeCell(s)
	if !strings.ContainsAny(s, ",\"\r\n") {
		c.b = append(c.b, s...)
		return
	}
	c.b = append(c.b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			c.b = append(c.b, '"')
		}
		c.b = append(c.b, s[i])
	}
	c.b = append(c.b, '"')
}

// row writes a record.
func (c *csvWriter) row(cells ...string) {
	for i, s := range cells {
		c.cell(i == 0, s)
	}
	c.end()
}

// end ends a record built with cell, flushing now and then.
func (c *csvWriter) end() {
	c.b = append(c.b, '\n')
	if len(c.b) >= 60<<10 {
		c.flush()
	}
}

func (c *csvWriter) flush() error {
	if c.err == nil && len(c.b) > 0 {
		_, c.err = c.w.Write(c.b)
	}
	c.b = c.b[:0]
	return c.err
}

// safeCell defuses a cell a spreadsheet would run as a formula: one that
// starts with = + - @ (or a tab or carriage return, which some spreadsheets
// skip before looking) gets a leading apostrophe, which spreadsheets show
// as text and do not print. Numbers are left alone, so a negative longitude
// stays a number. Only files this package generates are treated so; the
// archives keep the published bytes.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if isNumber(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// isNumber reports whether s is a plain decimal: an optional sign, digits,
// and an optional fraction.
func isNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits, dot := 0, false
	for ; i < len(s); i++ {
		switch {
		case s[i] >= '0' && s[i] <= '9':
			digits++
		case s[i] == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// micro formats a coordinate with the six decimals the data publishes.
func micro(m store.Micro) string { return string(appendMicro(nil, m)) }

func appendMicro(b []byte, m store.Micro) []byte {
	v := int64(m)
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	whole, frac := v/1_000_000, v%1_000_000
	b = appendInt(b, whole)
	b = append(b, '.')
	for d := int64(100_000); d > 0; d /= 10 {
		b = append(b, byte('0'+frac/d%10))
	}
	return b
}

func appendInt(b []byte, v int64) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return append(b, tmp[i:]...)
}

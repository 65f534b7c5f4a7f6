package sample

import (
	"math"
	"strconv"
	"strings"
)

// Rows are formatted by appending to byte slices rather than with fmt or
// encoding/csv: a national dataset has forty million rows, and the
// difference is minutes.

// appendField appends a CSV field, quoted only when it must be, as the
// police files do ("Bournemouth, Christchurch and Poole 017D").
func appendField(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// appendCoord appends a coordinate with the six decimals the files use.
func appendCoord(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, v, 'f', 6, 64)
}

// round6 rounds to six decimals, the precision of published coordinates, so
// that what the generator reasons about is exactly what it writes.
func round6(v float64) float64 {
	v = math.Round(v*1e6) / 1e6
	if v == 0 {
		v = 0 // no "-0.000000"
	}
	return v
}

const hexDigits = "0123456789abcdef"

// appendHexID appends a 64-character Crime ID.
func appendHexID(b []byte, id *[4]uint64) []byte {
	for _, w := range id {
		for s := 60; s >= 0; s -= 4 {
			b = append(b, hexDigits[(w>>uint(s))&15])
		}
	}
	return b
}

// appendEOL ends a row with the force's line ending.
func appendEOL(b []byte, crlf bool) []byte {
	if crlf {
		return append(b, '\r', '\n')
	}
	return append(b, '\n')
}

package csvread

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// BenchmarkRead reads street-file rows, without quotes (most rows) and
// with a quoted LSOA name (the rest), to show each path's cost apart from
// the parsing that follows in source and snap.
func BenchmarkRead(b *testing.B) {
	const row = ",2025-01,Avon and Somerset Constabulary,Avon and Somerset Constabulary,-2.5,51.4,On or near Park Street,E01014399,\"Bath and North East Somerset, 001A\",Burglary,Under investigation,\n"
	for _, bc := range []struct{ name, row string }{
		{"plain", strings.ReplaceAll(row, "\"", "")},
		{"quoted", row},
	} {
		b.Run(bc.name, func(b *testing.B) {
			in := bytes.Repeat([]byte(bc.row), 10_000)
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				rd := New(bytes.NewReader(in))
				for {
					if _, err := rd.Read(); err == io.EOF {
						break
					} else if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

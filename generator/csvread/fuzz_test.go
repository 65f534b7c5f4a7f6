package csvread

import (
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

// FuzzCSVReader checks the reader never panics, always progresses, keeps
// its line numbers in order, and agrees with encoding/csv on input both
// accept.
func FuzzCSVReader(f *testing.F) {
	for _, s := range []string{"a,b\nc,d\n", "\"a,\"\"b\"\"\",c\r\n", "\"x\ny\",z", "a\"b\n", ",,,\n\n",
		"Crime ID,Month\n,2025-01\n", "\"x, y\",\"q\"\"q\"\r\n", "a,\"b\nc", "\xef\xbb\xbfa,b\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := readAll(t, in)
		last := 0
		for _, r := range got {
			if r.line <= last || (r.next != 0 && r.next <= r.line) {
				t.Fatalf("%q: record on lines %d-%d after one on line %d", in, r.line, r.next, last)
			}
			last = r.line
		}
		// encoding/csv keeps a byte order mark; the reader skips it.
		std := csv.NewReader(strings.NewReader(strings.TrimPrefix(in, string(bom))))
		std.FieldsPerRecord = -1
		want, err := std.ReadAll()
		if err != nil {
			return // encoding/csv rejects it; the reader need only not panic
		}
		var recs [][]string
		for _, r := range got {
			if r.err != nil {
				return // the reader refused a record; encoding/csv may be laxer
			}
			recs = append(recs, r.fields)
		}
		if strings.Contains(in, "\r") {
			return // encoding/csv turns CRLF inside quotes into LF; the reader keeps the bytes
		}
		// encoding/csv skips blank lines, and a lone "" reads the same as
		// one in both, so single empty fields are left out of the comparison.
		blank := func(r []string) bool { return len(r) == 1 && r[0] == "" }
		recs = slices.DeleteFunc(recs, blank)
		want = slices.DeleteFunc(want, blank)
		if !slices.EqualFunc(recs, want, slices.Equal) {
			t.Errorf("%q: got %q, encoding/csv %q", in, recs, want)
		}
	})
}

package csvread

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// result is one Read: its fields (nil on an error), the line the record
// started on and the line after it, and its error.
type result struct {
	fields     []string
	line, next int
	err        error
}

// readAll reads in to the end, one result per Read.
func readAll(t testing.TB, in string) []result {
	t.Helper()
	out, _ := read(t, strings.NewReader(in))
	return out
}

// read reads r to the end, one result per Read, and returns the reader.
func read(t testing.TB, r io.Reader) ([]result, *Reader) {
	t.Helper()
	rd := New(r)
	var out []result
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			return out, rd
		}
		if len(out) > 1<<20 {
			t.Fatal("no progress")
		}
		r := result{line: rd.Line(), next: rd.Next(), err: err}
		for _, f := range rec {
			r.fields = append(r.fields, string(f))
		}
		out = append(out, r)
	}
}

// String shows a result briefly: long fields and records are cut short.
func (r result) String() string {
	s := fmt.Sprintf("%.60q", r.fields)
	if len(r.fields) > 5 {
		s = fmt.Sprintf("%d fields", len(r.fields))
	}
	return fmt.Sprintf("%s lines %d-%d err %v", s, r.line, r.next, r.err)
}

// ok is a good record on line, ending before next.
func ok(line, next int, fields ...string) result { return result{fields, line, next, nil} }

func bad(line, next int, err error) result { return result{nil, line, next, err} }

func TestRead(t *testing.T) {
	long := strings.Repeat("x", MaxRecord+1)
	tests := []struct {
		name string
		in   string
		want []result
	}{
		{"lf", "a,b\nc,d\n", []result{ok(1, 2, "a", "b"), ok(2, 3, "c", "d")}},
		{"crlf", "a,b\r\nc,\r\n", []result{ok(1, 2, "a", "b"), ok(2, 3, "c", "")}},
		{"no final newline", "a,b\nc,d", []result{ok(1, 2, "a", "b"), ok(2, 0, "c", "d")}},
		{"empty fields", ",,\n", []result{ok(1, 2, "", "", "")}},
		{"blank line", "a\n\nb\n", []result{ok(1, 2, "a"), ok(2, 3, ""), ok(3, 4, "b")}},
		{"quoted comma", `x,"Bournemouth, Christchurch and Poole 017D",y` + "\n",
			[]result{ok(1, 2, "x", "Bournemouth, Christchurch and Poole 017D", "y")}},
		{"doubled quote", `"x, y","say ""hi"""` + "\nz\n", []result{ok(1, 2, "x, y", `say "hi"`), ok(2, 3, "z")}},
		{"empty quoted", "\"\",\"\"\n", []result{ok(1, 2, "", "")}},
		{"newline in quotes", "\"a\nb\",c\nd,e\n", []result{ok(1, 3, "a\nb", "c"), ok(3, 4, "d", "e")}},
		{"crlf in quotes kept", "\"a\r\nb\",c\r\nd\r\n", []result{ok(1, 3, "a\r\nb", "c"), ok(3, 4, "d")}},
		{"quoted, no final newline", "a\n\"b,c\"", []result{ok(1, 2, "a"), ok(2, 0, "b,c")}},
		{"utf-8", "On or near Pant Y Dŵr,1\n", []result{ok(1, 2, "On or near Pant Y Dŵr", "1")}},
		{"lone cr kept", "a\rb,c\n", []result{ok(1, 2, "a\rb", "c")}},
		{"cr ending the input", "a,b\r", []result{ok(1, 0, "a", "b")}},
		{"bom", "\xef\xbb\xbfa,b\n\xef\xbb\xbfc\n", []result{ok(1, 2, "a", "b"), ok(2, 3, "\ufeffc")}},
		{"bom before a quote", "\xef\xbb\xbf\"a,b\"\n", []result{ok(1, 2, "a,b")}},
		{"stray quote", "a,b\"c,d\ne,f\n", []result{bad(1, 2, ErrBareQuote), ok(2, 3, "e", "f")}},
		{"text after quote", "\"a\"b,c\ne,f\n", []result{bad(1, 2, ErrBareQuote), ok(2, 3, "e", "f")}},
		{"stray quote over lines", "\"a\nb\"c,d\ne\n", []result{bad(1, 3, ErrBareQuote), ok(3, 4, "e")}},
		{"unclosed quote", "ok\n\"never closed,\nc,d\n", []result{ok(1, 2, "ok"), bad(2, 0, ErrUnclosedQuote)}},
		{"longest record", strings.Repeat("x", MaxRecord-2) + ",y\nok\n",
			[]result{ok(1, 2, strings.Repeat("x", MaxRecord-2), "y"), ok(2, 3, "ok")}},
		{"one byte too long", long + "\nok\n", []result{bad(1, 2, ErrRecordTooLong), ok(2, 3, "ok")}},
		{"one byte too long, quoted", "\"" + long + "\"\nok\n", []result{bad(1, 2, ErrRecordTooLong), ok(2, 3, "ok")}},
		{"too long at the end", "ok\n" + long, []result{ok(1, 2, "ok"), bad(2, 0, ErrRecordTooLong)}},
		{"a line of commas", strings.Repeat(",", MaxRecord+1) + "\nok\n", []result{bad(1, 2, ErrRecordTooLong), ok(2, 3, "ok")}},
		{"longer than the buffer", strings.Repeat("y", 300<<10) + "\nok\n", []result{bad(1, 2, ErrRecordTooLong), ok(2, 3, "ok")}},
		{"quoted lines past the limit", "\"" + strings.Repeat("x\n", MaxRecord) + "\",y\nok\n",
			[]result{bad(1, MaxRecord+2, ErrRecordTooLong), ok(MaxRecord+2, MaxRecord+3, "ok")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readAll(t, tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("%d results %.200v, want %d", len(got), got, len(tt.want))
			}
			for i, g := range got {
				w := tt.want[i]
				if !reflect.DeepEqual(g.fields, w.fields) || g.line != w.line || g.next != w.next || !errors.Is(g.err, w.err) || (g.err == nil) != (w.err == nil) {
					t.Errorf("record %d: %s, want %s", i, g, w)
				}
			}
		})
	}
}

// TestLongLineNotHeld reads a line far longer than MaxRecord, from a
// reader that makes it up: it is reported once, skipped without being held
// in memory, and reading resumes on the next line.
func TestLongLineNotHeld(t *testing.T) {
	r := io.MultiReader(strings.NewReader("a,b\n"), io.LimitReader(xs{}, 64<<20), strings.NewReader(",y\nc,d\n"))
	got, rd := read(t, r)
	want := []result{ok(1, 2, "a", "b"), bad(2, 3, ErrRecordTooLong), ok(3, 4, "c", "d")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if n := cap(rd.buf); n > 2*bufSize {
		t.Errorf("held %d KiB of a 64 MiB line", n>>10)
	}
}

// xs is an endless run of x.
type xs struct{}

func (xs) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = 'x'
	}
	return len(b), nil
}

// TestRawAndPlain checks what Raw holds: the line as it stands for a
// record without quotes, the fields end to end for one with them.
func TestRawAndPlain(t *testing.T) {
	rd := New(strings.NewReader("a,b,c\r\n\"a,\"\"b\",c\n"))
	if _, err := rd.Read(); err != nil || string(rd.Raw()) != "a,b,c" || !rd.Plain() {
		t.Errorf("plain record: raw %q plain %v err %v", rd.Raw(), rd.Plain(), err)
	}
	if _, err := rd.Read(); err != nil || string(rd.Raw()) != `a,"bc` || rd.Plain() {
		t.Errorf("quoted record: raw %q plain %v err %v", rd.Raw(), rd.Plain(), err)
	}
}

// TestNoAllocation checks the promise the load's speed rests on: once the
// reader's buffers have grown, reading a record allocates nothing, with or
// without quotes.
func TestNoAllocation(t *testing.T) {
	const row = ",2025-01,Avon and Somerset Constabulary,Avon and Somerset Constabulary,-2.5,51.4,On or near Park Street,E01014399,\"Bath and North East Somerset, 001A\",Burglary,Under investigation,\n"
	in := strings.Repeat(row+strings.ReplaceAll(row, "\"", ""), 200)
	rd := New(strings.NewReader(in))
	rd.Read() // grow the buffers
	rd.Read()
	if n := testing.AllocsPerRun(100, func() {
		if _, err := rd.Read(); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("%v allocations per record", n)
	}
}

func TestBlankAndBadRecord(t *testing.T) {
	for line, want := range map[string]bool{"\n": true, "  \r\n": true, "a\n": false, ",\n": false, "\"\"\n": true, "\" \",\n": false} {
		rec, err := New(strings.NewReader(line)).Read()
		if err != nil || Blank(rec) != want {
			t.Errorf("Blank(%q) = %v, err %v", line, !want, err)
		}
	}
	for _, err := range []error{ErrRecordTooLong, ErrBareQuote, ErrUnclosedQuote} {
		if !BadRecord(err) {
			t.Errorf("BadRecord(%v) = false", err)
		}
	}
	if BadRecord(io.ErrUnexpectedEOF) {
		t.Error("BadRecord(io.ErrUnexpectedEOF) = true")
	}
}

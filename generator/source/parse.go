package source

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/crimemap/crimemap/generator/csvread"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// Headers of the three kinds of file, as published.
var headers = [...][]string{
	Street: {"Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
		"Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"},
	OutcomesKind: {"Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
		"Location", "LSOA code", "LSOA name", "Outcome type"},
	StopAndSearch: {"Type", "Date", "Part of a policing operation", "Policing operation",
		"Latitude", "Longitude", "Gender", "Age range", "Self-defined ethnicity",
		"Officer-defined ethnicity", "Legislation", "Object of search", "Outcome",
		"Outcome linked to object of search", "Removal of more than just outer clothing"},
}

// MaxField bounds a single field. The longest real values (LSOA names,
// legislation) are under 100 bytes.
const MaxField = 1024

// parsed is what one file yields, numbered locally so that files can be
// parsed in parallel; merge renumbers it into the store.
type parsed struct {
	file      File
	forceName string
	strs      *store.Strings
	stopVals  *store.Strings
	locs      *store.Locations
	crimes    *store.Crimes
	outcomes  *store.Outcomes
	stops     *store.Stops
	problems  []validate.Problem
	rows      int // data rows read, good or bad
	bytes     int64
	hash      [32]byte // SHA-256 of the file's bytes, read to the end
	excluded  []store.Exclusion
	skipped   bool // the whole file was left out
}

func (p *parsed) problem(line int, reason validate.Reason, sev validate.Severity, format string, args ...any) {
	p.problems = append(p.problems, validate.Problem{
		File: p.file.Path, Line: line, Reason: reason, Severity: sev,
		Force: p.file.Force, Month: p.file.Month.String(), Detail: fmt.Sprintf(format, args...),
	})
}

// countingReader counts and hashes the bytes read: the count for
// throughput figures, the hash so that later builds can tell whether a
// file changed.
type countingReader struct {
	r io.Reader
	n int64
	h hash.Hash
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	c.h.Write(b[:n])
	return n, err
}

// parseFile reads one file. I/O errors end the file and are reported as a
// problem: a truncated download must not stop the rest of the build.
func parseFile(f File, r io.Reader) *parsed {
	p := &parsed{file: f, strs: store.NewStrings(), locs: store.NewLocations()}
	cr := &countingReader{r: r, h: sha256.New()}
	defer func() {
		// Hash what a bad header or a read error left unread, so the hash
		// is always of the whole file.
		io.Copy(io.Discard, cr)
		p.bytes = cr.n
		cr.h.Sum(p.hash[:0])
	}()
	rd := csvread.New(cr)
	head, err := rd.Read()
	if err != nil {
		// A read error (a corrupt zip entry, a disk error) is not the
		// file's CSV being bad: say which it is.
		reason := validate.UnreadableFile
		switch {
		case err == io.EOF:
			err, reason = errors.New("file is empty"), validate.BadCSV
		case errors.Is(err, csvread.ErrRecordTooLong):
			reason = validate.LongField
		case csvread.BadRecord(err):
			reason = validate.BadCSV
		}
		p.problem(1, reason, validate.Excluded, "cannot read header: %v", err)
		p.skipped = true
		p.exclude(1, 0, reason)
		return p
	}
	if detail := CheckHeader(head, headers[f.Kind]); detail != "" {
		p.problem(1, validate.BadHeader, validate.Excluded, "%s; the file is left out", detail)
		p.skipped = true
		p.exclude(1, 0, validate.BadHeader)
		return p
	}
	want := len(headers[f.Kind])
	row := newRowParser(p)
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			break
		}
		line := rd.Line()
		// Any problem that leaves this record out marks its lines, so the
		// downloads can copy the file less exactly them.
		before := len(p.problems)
		markExcluded := func() {
			for _, pr := range p.problems[before:] {
				if pr.Severity == validate.Excluded {
					p.exclude(line, rd.Next(), pr.Reason)
					return
				}
			}
		}
		if err != nil {
			if csvread.BadRecord(err) {
				p.rows++
				reason := validate.BadCSV
				if errors.Is(err, csvread.ErrRecordTooLong) {
					reason = validate.LongField
				}
				p.problem(line, reason, validate.Excluded, "%v", err)
				markExcluded()
				continue
			}
			p.problem(line, validate.UnreadableFile, validate.Excluded,
				"reading stopped here: %v; rows before this line are kept", err)
			p.exclude(line, 0, validate.UnreadableFile)
			break
		}
		if csvread.Blank(rec) {
			continue
		}
		p.rows++
		switch {
		case len(rec) != want:
			p.problem(line, validate.ColumnCount, validate.Excluded, "%d columns, want %d", len(rec), want)
		case longField(rec) >= 0:
			i := longField(rec)
			p.problem(line, validate.LongField, validate.Excluded, "column %q is %d bytes long", headers[f.Kind][i], len(rec[i]))
		case badUTF8(rd.Raw(), rec) >= 0:
			p.problem(line, validate.BadEncoding, validate.Excluded, "column %q is not valid UTF-8", headers[f.Kind][badUTF8(rd.Raw(), rec)])
		case f.Kind == Street:
			row.street(line, rec)
		case f.Kind == OutcomesKind:
			row.outcome(line, rec)
		case f.Kind == StopAndSearch:
			row.stop(line, rec)
		}
		markExcluded()
	}
	p.compact()
	return p
}

// exclude records that lines from..to-1 are left out (to 0: to the end).
func (p *parsed) exclude(from, to int, reason validate.Reason) {
	p.excluded = append(p.excluded, store.Exclusion{From: int32(from), To: int32(to), Reason: string(reason)})
}

// compact gives the columns back any capacity they did not use, since they
// live for the whole build.
func (p *parsed) compact() {
	if c := p.crimes; c != nil {
		c.Loc, c.Cat, c.Out, c.ID = fit(c.Loc), fit(c.Cat), fit(c.Out), fit(c.ID)
	}
	if o := p.outcomes; o != nil {
		o.Loc, o.Out, o.ID = fit(o.Loc), fit(o.Out), fit(o.ID)
	}
	if s := p.stops; s != nil {
		s.Loc, s.Time = fit(s.Loc), fit(s.Time)
		for i := range s.Fields {
			s.Fields[i] = fit(s.Fields[i])
		}
	}
}

// fit returns s in a slice of its own length when much of its capacity is
// unused.
func fit[T any](s []T) []T {
	if cap(s)-len(s) <= len(s)/8+16 {
		return s
	}
	return append(make([]T, 0, len(s)), s...)
}

// CheckHeader compares a header row with the expected one, forgiving case
// and surrounding spaces (csvread has already taken off any byte-order
// mark). It returns "" when they match, else what differs. Every reader of
// outside CSV files uses it.
func CheckHeader(got [][]byte, want []string) string {
	if len(got) != len(want) {
		return fmt.Sprintf("header has %d columns, want %d (%s)", len(got), len(want), strings.Join(want, ", "))
	}
	for i, w := range want {
		if !strings.EqualFold(string(bytes.TrimSpace(got[i])), w) {
			return fmt.Sprintf("header column %d is %q, want %q", i+1, got[i], w)
		}
	}
	return ""
}

func longField(rec [][]byte) int {
	for i, f := range rec {
		if len(f) > MaxField {
			return i
		}
	}
	return -1
}

// badUTF8 returns the first field that is not valid UTF-8 or holds a NUL
// byte, or -1. raw is the record's bytes (csvread's Raw), so the common
// case, a clean record, costs one pass over it; a character split across
// two fields would pass that pass, but then the second field starts with a
// continuation byte, which is checked too.
func badUTF8(raw []byte, rec [][]byte) int {
	clean := utf8.Valid(raw) && bytes.IndexByte(raw, 0) < 0
	for _, f := range rec[1:] {
		if len(f) > 0 && f[0]&0xC0 == 0x80 {
			clean = false
		}
	}
	if clean {
		return -1
	}
	for i, f := range rec {
		if !utf8.Valid(f) || bytes.IndexByte(f, 0) >= 0 {
			return i
		}
	}
	return -1
}

package snap

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/crimemap/crimemap/generator/csvread"
	"github.com/crimemap/crimemap/generator/internal/readsize"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// Street is the kind of an ordinary street. Every other kind is a key
// location: a station, supermarket, park and so on.
const Street = "street"

// The reasons this package reports beyond validate's own. They are stable
// names, like validate's, for people who parse the report.
const (
	MissingID      validate.Reason = "missing-id"
	DuplicateID    validate.Reason = "duplicate-id"
	BadAddresses   validate.Reason = "bad-addresses"
	BadKind        validate.Reason = "bad-kind"
	UnknownStation validate.Reason = "unknown-station"
	NotAStation    validate.Reason = "not-a-station"
)

// Point is one gazetteer entry: a place a record may be published at, if the
// rules make it eligible.
type Point struct {
	ID        string
	Lon, Lat  store.Micro
	Name      string // street or place name
	Addresses int    // postal addresses on the street
	Kind      string // Street, or a key location's kind as a slug
	Line      int    // line in the gazetteer file, for messages
}

// Key reports whether the point is a key location rather than a street.
func (p *Point) Key() bool { return p.Kind != Street }

// Gazetteer is the list of candidate snap points, sorted by id, with no id
// twice. Sorting by id gives ties between equally near points a fixed
// winner, whatever order the file lists them in.
type Gazetteer struct {
	File   string
	Points []Point
}

// GazetteerHeader is the gazetteer file's header row.
var GazetteerHeader = []string{"id", "longitude", "latitude", "name", "addresses", "kind"}

// LoadGazetteer reads a gazetteer file; see ReadGazetteer. name is what
// problems call the file.
func LoadGazetteer(path, name string, report *validate.Report) (*Gazetteer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	return ReadGazetteer(f, name, report)
}

// ReadGazetteer reads a gazetteer from r; file names it in problems. Bad
// rows are reported to report (nil discards them) and left out. The error is
// for a gazetteer that cannot be used at all: unreadable, a wrong header, or
// no usable rows. A reader that can say its size (a file, or a file in a
// zip) has its points and strings allocated once rather than grown.
func ReadGazetteer(r io.Reader, file string, report *validate.Report) (*Gazetteer, error) {
	return readGazetteer(r, file, report, readsize.Of(r))
}

// readGazetteer reads a gazetteer of size bytes (0 when unknown).
func readGazetteer(r io.Reader, file string, report *validate.Report, size int64) (*Gazetteer, error) {
	if report == nil {
		report = validate.NewReport()
	}
	problem := func(line int, reason validate.Reason, format string, args ...any) {
		report.Add(validate.Problem{File: file, Line: line, Reason: reason, Severity: validate.Excluded,
			Detail: fmt.Sprintf(format, args...)})
	}
	rd := csvread.New(r)
	head, err := rd.Read()
	if err != nil {
		if err == io.EOF {
			err = errors.New("file is empty")
		}
		return nil, fmt.Errorf("gazetteer %s: cannot read header: %w", file, err)
	}
	if detail := source.CheckHeader(head, GazetteerHeader); detail != "" {
		return nil, fmt.Errorf("gazetteer %s: %s", file, detail)
	}
	// Rows are rarely shorter than 40 bytes, and their ids and names
	// rarely more than three fifths of them. The arena's offsets are
	// 32-bit, so no more is ever allocated ahead than they can reach.
	size = min(size, math.MaxInt32)
	g := &Gazetteer{File: file, Points: make([]Point, 0, size/40)}
	kinds := map[string]string{Street: Street} // interned: a few kinds, many points
	// Ids and names go into one arena that becomes one string: a national
	// gazetteer would otherwise cost 1.5 million small allocations.
	arena := make([]byte, 0, size*3/5)
	spans := make([][4]int32, 0, size/40)
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			break
		}
		line := rd.Line()
		if err != nil {
			if csvread.BadRecord(err) {
				problem(line, validate.BadCSV, "%v", err)
				continue
			}
			return nil, fmt.Errorf("gazetteer %s:%d: %w", file, line, err)
		}
		if csvread.Blank(rec) {
			continue
		}
		if len(rec) != len(GazetteerHeader) {
			problem(line, validate.ColumnCount, "%d columns, want %d", len(rec), len(GazetteerHeader))
			continue
		}
		if i := badField(rd.Raw(), rec); i >= 0 {
			problem(line, validate.BadEncoding, "column %q is not valid UTF-8, holds a NUL byte or is over %d bytes", GazetteerHeader[i], maxField)
			continue
		}
		id := bytes.TrimSpace(rec[0])
		if len(id) == 0 {
			problem(line, MissingID, "the id is empty")
			continue
		}
		lon, lat, reason, detail := checkPoint(rec[1], rec[2])
		if reason != "" {
			problem(line, reason, "%s", detail)
			continue
		}
		addresses, ok := parseCount(rec[4])
		if !ok {
			problem(line, BadAddresses, "addresses %q is not a whole number", rec[4])
			continue
		}
		kb := lowerASCII(bytes.TrimSpace(rec[5]))
		if !isSlug(kb) {
			problem(line, BadKind, "kind %q is not %q or a key location's kind like \"supermarket\" or \"shopping-centre\"", rec[5], Street)
			continue
		}
		kind, ok := kinds[string(kb)]
		if !ok {
			kind = string(kb)
			kinds[kind] = kind
		}
		spans = append(spans, [4]int32{int32(len(arena)), int32(len(arena) + len(id)), 0, 0})
		arena = append(arena, id...)
		spans[len(spans)-1][2] = int32(len(arena))
		arena = append(arena, rec[3]...)
		spans[len(spans)-1][3] = int32(len(arena))
		g.Points = append(g.Points, Point{Lon: lon, Lat: lat, Addresses: addresses, Kind: kind, Line: line})
	}
	all := string(arena)
	for i, sp := range spans {
		g.Points[i].ID, g.Points[i].Name = all[sp[0]:sp[1]], all[sp[2]:sp[3]]
	}
	byID := func(a, b Point) int { return strings.Compare(a.ID, b.ID) }
	if !slices.IsSortedFunc(g.Points, byID) {
		slices.SortStableFunc(g.Points, byID)
	}
	// The first of several rows with one id is kept; the rest are errors, since
	// which of them a record should go to cannot be known.
	out := g.Points[:0]
	for i, p := range g.Points {
		if i > 0 && out[len(out)-1].ID == p.ID {
			first := out[len(out)-1]
			problem(p.Line, DuplicateID, "id %q was already given on line %d", p.ID, first.Line)
			continue
		}
		out = append(out, p)
	}
	g.Points = slices.Clip(out)
	if len(g.Points) == 0 {
		return nil, fmt.Errorf("gazetteer %s: no usable points", file)
	}
	return g, nil
}

// Find returns the index of the point with an id.
func (g *Gazetteer) Find(id []byte) (int32, bool) {
	i, ok := slices.BinarySearchFunc(g.Points, id, func(p Point, id []byte) int {
		return cmp.Compare(p.ID, string(id))
	})
	return int32(i), ok
}

// lowerASCII returns b in lower case, copying only when it has capitals.
func lowerASCII(b []byte) []byte {
	for _, c := range b {
		if c >= 'A' && c <= 'Z' {
			return bytes.ToLower(b)
		}
	}
	return b
}

// parseCount parses a non-negative whole number of at most nine digits.
func parseCount(b []byte) (int, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// isSlug reports whether b is lower-case letters and digits in hyphenated
// words, like "shopping-centre".
func isSlug(b []byte) bool {
	if len(b) == 0 || b[0] == '-' || b[len(b)-1] == '-' {
		return false
	}
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && b[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// maxField bounds one field; the longest real values are under 100 bytes.
const maxField = 1024

// badField returns the first field that is not valid UTF-8, holds a NUL byte
// or is longer than maxField, or -1. raw is the record's bytes (csvread's
// Raw), checked in one pass for the common case of a clean record; a
// character split across two fields would pass that pass, but then a field
// starts with a continuation byte, which is checked too.
func badField(raw []byte, rec [][]byte) int {
	clean := utf8.Valid(raw) && bytes.IndexByte(raw, 0) < 0
	for _, f := range rec {
		if len(f) > maxField || (len(f) > 0 && f[0]&0xC0 == 0x80) {
			clean = false
			break
		}
	}
	if clean {
		return -1
	}
	for i, f := range rec {
		if len(f) > maxField || !utf8.Valid(f) || bytes.IndexByte(f, 0) >= 0 {
			return i
		}
	}
	return -1
}

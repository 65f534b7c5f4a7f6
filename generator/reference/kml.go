package reference

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Limits that keep a hostile or broken KML file from exhausting memory:
// encoding/xml holds a whole text node in memory, so the file size is
// bounded as well as the vertex count.
const (
	maxKMLBytes = 512 << 20
	maxKMLDepth = 256
	maxNameLen  = 4096
	maxTupleLen = 256
)

// LineError is an error at a line of the input, for the report.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// ReadKML reads a police.uk boundary: every Polygon in the file, whether
// alone in a Placemark or in a MultiGeometry, becomes one polygon of shape,
// with its innerBoundaryIs rings as holes. Namespaces are ignored. name is
// the first Placemark's name, or else the Document's. Points, lines and
// other elements are ignored; a file without any polygon is an error
// wrapping ErrNoPolygon. Errors at a known line are *LineError.
func ReadKML(r io.Reader) (name string, shape orb.MultiPolygon, err error) {
	return readKML(r, maxVertices)
}

func readKML(r io.Reader, limit int) (string, orb.MultiPolygon, error) {
	k := kmlReader{
		d:     xml.NewDecoder(&capReader{r: r, n: maxKMLBytes}),
		limit: limit,
	}
	if err := k.run(); err != nil {
		return "", nil, err
	}
	if len(k.shape) == 0 {
		return "", nil, fmt.Errorf("kml: %w", ErrNoPolygon)
	}
	name := k.placemarkName
	if name == "" {
		name = k.documentName
	}
	return name, k.shape, nil
}

type kmlReader struct {
	d     *xml.Decoder
	limit int
	stack []string // local names of the open elements

	placemarkName, documentName string
	name                        *strings.Builder // collecting a <name>

	inPolygon bool
	boundary  string // "outer" or "inner" inside a Polygon
	outer     orb.Ring
	inners    []orb.Ring
	coords    *tupleParser // collecting a ring's <coordinates>

	shape    orb.MultiPolygon
	vertices int
}

func (k *kmlReader) fail(err error) error {
	line, _ := k.d.InputPos()
	return &LineError{Line: line, Err: err}
}

func (k *kmlReader) parent() string {
	if len(k.stack) < 2 {
		return ""
	}
	return k.stack[len(k.stack)-2]
}

func (k *kmlReader) run() error {
	for {
		tok, err := k.d.Token()
		if err == io.EOF {
			if len(k.stack) > 0 {
				return k.fail(fmt.Errorf("unexpected end of file inside <%s>", k.stack[len(k.stack)-1]))
			}
			return nil
		}
		if err != nil {
			var syn *xml.SyntaxError
			if errors.As(err, &syn) {
				return &LineError{Line: syn.Line, Err: errors.New(syn.Msg)}
			}
			return fmt.Errorf("read kml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			k.stack = append(k.stack, t.Name.Local)
			if len(k.stack) > maxKMLDepth {
				return k.fail(fmt.Errorf("elements nested deeper than %d", maxKMLDepth))
			}
			if err := k.start(t.Name.Local); err != nil {
				return k.fail(err)
			}
		case xml.EndElement:
			if err := k.end(t.Name.Local); err != nil {
				return k.fail(err)
			}
			k.stack = k.stack[:len(k.stack)-1]
		case xml.CharData:
			if k.name != nil && k.name.Len() < maxNameLen {
				k.name.Write(t[:min(len(t), maxNameLen-k.name.Len())])
			}
			if k.coords != nil {
				if err := k.coords.feed(t); err != nil {
					return k.fail(err)
				}
			}
		}
	}
}

func (k *kmlReader) start(elem string) error {
	switch elem {
	case "Polygon":
		if k.inPolygon {
			return errors.New("polygon inside a polygon")
		}
		k.inPolygon, k.outer, k.inners = true, nil, nil
	case "outerBoundaryIs":
		k.boundary = "outer"
	case "innerBoundaryIs":
		k.boundary = "inner"
	case "coordinates":
		if k.inPolygon && k.boundary != "" && k.parent() == "LinearRing" {
			k.coords = &tupleParser{room: k.limit - k.vertices, limit: k.limit}
		}
	case "name":
		if p := k.parent(); (p == "Placemark" && k.placemarkName == "") || (p == "Document" && k.documentName == "") {
			k.name = &strings.Builder{}
		}
	}
	return nil
}

func (k *kmlReader) end(elem string) error {
	switch elem {
	case "Polygon":
		if k.outer == nil {
			return errors.New("polygon without an outer boundary")
		}
		k.shape = append(k.shape, append(orb.Polygon{k.outer}, k.inners...))
		k.inPolygon = false
	case "outerBoundaryIs", "innerBoundaryIs":
		k.boundary = ""
	case "coordinates":
		if k.coords == nil {
			return nil
		}
		if err := k.coords.flush(); err != nil {
			return err
		}
		ring, err := closeRing(k.coords.ring)
		k.coords = nil
		if err != nil {
			return err
		}
		k.vertices += len(ring)
		if k.vertices > k.limit {
			return fmt.Errorf("more than %d vertices", k.limit)
		}
		if k.boundary == "inner" {
			k.inners = append(k.inners, ring)
		} else if k.outer != nil {
			return errors.New("polygon with two outer boundaries")
		} else {
			k.outer = ring
		}
	case "name":
		if k.name != nil {
			name := strings.TrimSpace(k.name.String())
			if k.parent() == "Placemark" {
				k.placemarkName = name
			} else {
				k.documentName = name
			}
			k.name = nil
		}
	}
	return nil
}

// tupleParser parses KML coordinates, "lon,lat[,alt]" tuples separated by
// any whitespace, as the text arrives in pieces, carrying a tuple cut in two
// over to the next piece.
type tupleParser struct {
	ring  orb.Ring
	carry []byte
	room  int // vertices left before the file's limit
	limit int
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (p *tupleParser) feed(b []byte) error {
	for len(b) > 0 {
		i := 0
		for i < len(b) && !isSpace(b[i]) {
			i++
		}
		if i == len(b) { // the tuple may go on in the next piece
			if len(p.carry)+i > maxTupleLen {
				return fmt.Errorf("coordinate tuple %q… is too long", p.carry)
			}
			p.carry = append(p.carry, b...)
			return nil
		}
		tuple := b[:i]
		if len(p.carry) > 0 {
			tuple = append(p.carry, tuple...)
			p.carry = p.carry[:0]
		}
		if err := p.tuple(tuple); err != nil {
			return err
		}
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		b = b[i:]
	}
	return nil
}

func (p *tupleParser) flush() error {
	if len(p.carry) == 0 {
		return nil
	}
	t := p.carry
	p.carry = nil
	return p.tuple(t)
}

func (p *tupleParser) tuple(t []byte) error {
	if len(t) == 0 {
		return nil
	}
	if len(p.ring) >= p.room {
		return fmt.Errorf("more than %d vertices", p.limit)
	}
	// Split by hand: bytes.Split allocates for each of a million tuples.
	lonB, rest, ok := bytes.Cut(t, []byte{','})
	latB, alt, _ := bytes.Cut(rest, []byte{','})
	if !ok || bytes.IndexByte(alt, ',') >= 0 {
		return fmt.Errorf("coordinate %q is not lon,lat[,alt]", truncate(t))
	}
	lon, err1 := strconv.ParseFloat(string(lonB), 64)
	lat, err2 := strconv.ParseFloat(string(latB), 64)
	if err1 != nil || err2 != nil {
		return fmt.Errorf("coordinate %q is not a pair of numbers", truncate(t))
	}
	if err := checkPosition(lon, lat); err != nil {
		return err
	}
	p.ring = append(p.ring, orb.Point{lon, lat})
	return nil
}

func truncate(b []byte) string {
	const n = 40
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// capReader fails once more than n bytes have been read.
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(b []byte) (int, error) {
	if c.n <= 0 {
		return 0, fmt.Errorf("file is larger than %d MiB", maxKMLBytes>>20)
	}
	if int64(len(b)) > c.n {
		b = b[:c.n]
	}
	n, err := c.r.Read(b)
	c.n -= int64(n)
	return n, err
}

package reference

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Feature is one GeoJSON feature. A feature whose geometry is not a polygon
// (or is missing or invalid) has a nil Shape and Err says why; errors.Is(Err,
// ErrNoPolygon) tells a Point or a LineString from a broken polygon. Index is
// the feature's position in the file, for messages.
type Feature struct {
	Index      int
	Properties map[string]any
	Shape      orb.MultiPolygon
	Err        error
}

// maxGeometryDepth bounds GeometryCollections inside GeometryCollections.
const maxGeometryDepth = 8

// Limits on a GeoJSON file. encoding/json holds a whole value (a feature,
// or a top-level member) in memory while decoding it, so each value's
// bytes are bounded, and the file's. maxVertices, 2 million, is about
// 80 MB of text; ONS's full-resolution LSOA file for England and Wales is
// well under the file limit.
const (
	maxValueBytes   = 256 << 20
	maxGeoJSONBytes = 4 << 30
)

// budgetReader fails a read that would take the decoder past the current
// value's budget or the file's.
type budgetReader struct {
	r     io.Reader
	dec   *json.Decoder
	pos   int64 // bytes read so far
	end   int64 // a read may not go past this; 0 before the first value
	total int64
}

// value starts a value's budget at the decoder's position.
func (b *budgetReader) value() {
	b.end = b.dec.InputOffset() + maxValueBytes
}

func (b *budgetReader) Read(p []byte) (int, error) {
	limit := b.total
	if b.end > 0 {
		limit = min(limit, b.end)
	}
	if b.pos >= limit {
		if limit == b.total {
			return 0, fmt.Errorf("file is larger than %d MiB", b.total>>20)
		}
		return 0, fmt.Errorf("a value is larger than %d MiB", maxValueBytes>>20)
	}
	if int64(len(p)) > limit-b.pos {
		p = p[:limit-b.pos]
	}
	n, err := b.r.Read(p)
	b.pos += int64(n)
	return n, err
}

// ReadGeoJSON reads a FeatureCollection, a single Feature or a bare
// geometry (which becomes one feature without properties). Polygons and
// MultiPolygons become Shapes; a GeometryCollection contributes its
// polygons. A FeatureCollection is read one feature at a time, so only the
// decoded features are held in memory, not the text. The error is for a
// file that is not GeoJSON at all; problems with single features are in
// their Err.
//
// Foreign members (crs, bbox, id, ...) are ignored: ONS files carry a crs
// naming CRS84, which is the longitude/latitude this package expects, and
// coordinates outside -180..180/-90..90 are caught anyway.
func ReadGeoJSON(r io.Reader) ([]Feature, error) {
	br := &budgetReader{r: r, total: maxGeoJSONBytes}
	dec := json.NewDecoder(bufio.NewReader(br))
	// Each member and each feature is decoded whole, so each gets a
	// budget of bytes: a feature of endless coordinates fails when it
	// passes maxValueBytes, not when memory runs out.
	br.dec = dec
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	var (
		typ         string
		features    []Feature
		sawFeatures bool
		whole       rawFeature // members of a Feature or a bare geometry
	)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonError(err)
		}
		key, _ := tok.(string)
		br.value()
		switch key {
		case "type":
			err = dec.Decode(&typ)
		case "features":
			sawFeatures = true
			features, err = readFeatures(dec, br)
		case "properties":
			err = dec.Decode(&whole.Properties)
		case "geometry":
			err = dec.Decode(&whole.Geometry)
		case "coordinates":
			err = dec.Decode(&whole.Coordinates)
		case "geometries":
			err = dec.Decode(&whole.Geometries)
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return nil, jsonError(fmt.Errorf("member %q: %w", key, err))
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, err
	}

	switch {
	case typ == "FeatureCollection" || (typ == "" && sawFeatures):
		return features, nil
	case typ == "Feature":
		shape, err := decodeGeometry(whole.Geometry, 0)
		return []Feature{{Properties: whole.Properties, Shape: shape, Err: err}}, nil
	case geometryTypes[typ]:
		g := rawGeometry{Type: typ, Coordinates: whole.Coordinates, Geometries: whole.Geometries}
		shape, err := g.decode(0)
		return []Feature{{Shape: shape, Err: err}}, nil
	case typ == "":
		return nil, errors.New("not geojson: no type member")
	default:
		return nil, fmt.Errorf("not geojson: type %q", typ)
	}
}

var geometryTypes = map[string]bool{
	"Point": true, "MultiPoint": true, "LineString": true, "MultiLineString": true,
	"Polygon": true, "MultiPolygon": true, "GeometryCollection": true,
}

type rawFeature struct {
	Type       string          `json:"type"`
	Properties map[string]any  `json:"properties"`
	Geometry   json.RawMessage `json:"geometry"`
	// A bare geometry's members, when the whole file is one.
	Coordinates json.RawMessage   `json:"-"`
	Geometries  []json.RawMessage `json:"-"`
}

func readFeatures(dec *json.Decoder, br *budgetReader) ([]Feature, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok == nil { // "features": null
		return nil, nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, errors.New("features is not an array")
	}
	var out []Feature
	for i := 0; dec.More(); i++ {
		br.value()
		var raw rawFeature
		err := dec.Decode(&raw)
		f := Feature{Index: i, Properties: raw.Properties}
		// A value of the wrong type (properties that are a list, say) has
		// been read past; only a syntax error leaves the decoder lost.
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr):
			f.Err = err
		case err != nil:
			return nil, fmt.Errorf("feature %d: %w", i, err)
		case raw.Type != "Feature":
			f.Err = fmt.Errorf("type %q is not Feature", raw.Type)
		default:
			f.Shape, f.Err = decodeGeometry(raw.Geometry, 0)
		}
		out = append(out, f)
	}
	_, err = dec.Token() // ']'
	return out, err
}

type rawGeometry struct {
	Type        string            `json:"type"`
	Coordinates json.RawMessage   `json:"coordinates"`
	Geometries  []json.RawMessage `json:"geometries"`
}

func decodeGeometry(raw json.RawMessage, depth int) (orb.MultiPolygon, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, fmt.Errorf("no geometry: %w", ErrNoPolygon)
	}
	var g rawGeometry
	if err := json.Unmarshal(raw, &g); err != nil {
		return nil, fmt.Errorf("geometry: %w", err)
	}
	return g.decode(depth)
}

func (g *rawGeometry) decode(depth int) (orb.MultiPolygon, error) {
	if (g.Type == "Polygon" || g.Type == "MultiPolygon") && len(g.Coordinates) == 0 {
		return nil, fmt.Errorf("%s without coordinates", strings.ToLower(g.Type))
	}
	switch g.Type {
	case "Polygon":
		var c [][]position
		if err := json.Unmarshal(g.Coordinates, &c); err != nil {
			return nil, fmt.Errorf("polygon coordinates: %w", err)
		}
		p, err := makePolygon(c, new(int))
		if err != nil {
			return nil, err
		}
		return orb.MultiPolygon{p}, nil
	case "MultiPolygon":
		var c [][][]position
		if err := json.Unmarshal(g.Coordinates, &c); err != nil {
			return nil, fmt.Errorf("multipolygon coordinates: %w", err)
		}
		if len(c) == 0 {
			return nil, errors.New("empty multipolygon")
		}
		var mp orb.MultiPolygon
		n := 0
		for i, pc := range c {
			p, err := makePolygon(pc, &n)
			if err != nil {
				return nil, fmt.Errorf("polygon %d: %w", i, err)
			}
			mp = append(mp, p)
		}
		return mp, nil
	case "GeometryCollection":
		if depth >= maxGeometryDepth {
			return nil, errors.New("geometry collections nested too deep")
		}
		var mp orb.MultiPolygon
		for i, raw := range g.Geometries {
			part, err := decodeGeometry(raw, depth+1)
			if errors.Is(err, ErrNoPolygon) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("geometry %d: %w", i, err)
			}
			mp = append(mp, part...)
		}
		if len(mp) == 0 {
			return nil, fmt.Errorf("geometry collection: %w", ErrNoPolygon)
		}
		if n := vertexCount(mp); n > maxVertices {
			return nil, fmt.Errorf("more than %d vertices", maxVertices)
		}
		return mp, nil
	default:
		return nil, fmt.Errorf("geometry type %q: %w", g.Type, ErrNoPolygon)
	}
}

// makePolygon checks and closes the rings of one polygon, adding its
// vertices to *n, which must stay within maxVertices.
func makePolygon(c [][]position, n *int) (orb.Polygon, error) {
	if len(c) == 0 {
		return nil, errors.New("empty polygon")
	}
	p := make(orb.Polygon, 0, len(c))
	for i, rc := range c {
		*n += len(rc)
		if *n > maxVertices {
			return nil, fmt.Errorf("more than %d vertices", maxVertices)
		}
		r := make(orb.Ring, len(rc), len(rc)+1)
		for j, q := range rc {
			if err := checkPosition(q[0], q[1]); err != nil {
				return nil, fmt.Errorf("ring %d: %w", i, err)
			}
			r[j] = orb.Point(q)
		}
		r, err := closeRing(r)
		if err != nil {
			return nil, fmt.Errorf("ring %d: %w", i, err)
		}
		p = append(p, r)
	}
	return p, nil
}

func vertexCount(mp orb.MultiPolygon) int {
	n := 0
	for _, p := range mp {
		for _, r := range p {
			n += len(r)
		}
	}
	return n
}

// position is a GeoJSON position. It parses the array itself: encoding/json
// would read null as 0, putting a vertex in the Gulf of Guinea, and allocate
// for every number of a national boundary file.
type position [2]float64

func (p *position) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return fmt.Errorf("position %s is not an array", truncate(b))
	}
	// The bytes are valid JSON already, so splitting at commas finds the
	// elements of a flat array; anything nested or quoted fails to parse.
	fields := bytes.Split(b[1:len(b)-1], []byte{','})
	if len(fields) < 2 {
		return fmt.Errorf("position %s has fewer than 2 numbers", truncate(b))
	}
	for i := range 2 {
		v, err := strconv.ParseFloat(string(bytes.TrimSpace(fields[i])), 64)
		if err != nil {
			return fmt.Errorf("position %s is not numbers", truncate(b))
		}
		p[i] = v
	}
	return nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return jsonError(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("not geojson: expected %q, found %v", want, tok)
	}
	return nil
}

// jsonError adds the byte offset to syntax errors, which encoding/json
// leaves out of the message.
func jsonError(err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Errorf("%w at byte %d", err, syn.Offset)
	}
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("unexpected end of file: %w", io.ErrUnexpectedEOF)
	}
	return err
}

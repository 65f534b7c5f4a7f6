// Package vtile writes Mapbox Vector Tile 2.1 layers straight to protocol
// buffers, for the site's own tile archives: the month tiles' points, the
// catchments' polygons and the basemap's points, lines and polygons. orb's mvt.Marshal builds a map of properties
// and an interface value for each of them per feature, which for these
// fixed, simple layers was most of the work of tiling.
//
// The contract: a Layer's bytes depend only on what was added, in order
// (properties are sorted by key within a feature; keys and values are
// written once each, in order of first use), so the same features give
// byte-identical tiles. orb's decoder reads them back (tested).
package vtile

import (
	"cmp"
	"encoding/binary"
	"slices"
)

// Geometry types and commands of the specification.
const (
	Point      = 1
	LineString = 2
	Polygon    = 3

	cmdMoveTo    = 1
	cmdLineTo    = 2
	cmdClosePath = 7
)

// MoveTo, LineTo and ClosePath are geometry command integers for n points.
func MoveTo(n int) uint32 { return cmdMoveTo | uint32(n)<<3 }
func LineTo(n int) uint32 { return cmdLineTo | uint32(n)<<3 }

// ClosePath closes a ring.
const ClosePath = cmdClosePath | 1<<3

// ZigZag encodes a coordinate delta as the specification's parameter
// integer.
func ZigZag(v int64) uint32 { return uint32((v << 1) ^ (v >> 63)) }

// Protocol buffer wire types and the vector tile's field numbers.
const (
	wireVarint = 0
	wireBytes  = 2

	tileLayers = 3

	layerName     = 1
	layerFeatures = 2
	layerKeys     = 3
	layerValues   = 4
	layerExtent   = 5
	layerVersion  = 15

	featureID       = 1
	featureTags     = 2
	featureType     = 3
	featureGeometry = 4

	valueString = 1
	valueUint   = 5
)

// Prop is one property of a feature: a number, or a string when IsStr.
type Prop struct {
	Key   string
	IsStr bool
	U     uint32
	S     string
}

// Layer encodes one layer: its features as they are added, then its keys
// and values, each written once in order of first use.
type Layer struct {
	name     string
	extent   uint32
	count    int
	features []byte
	keys     []string
	keyIdx   map[string]uint32
	values   []byte // encoded Value messages, each with its field tag
	nValues  uint32
	uintIdx  map[uint32]uint32
	strIdx   map[string]uint32
	tags     []uint32 // scratch
	geo      []uint32 // scratch
	scratch  []byte   // scratch for a value
	feat     []byte   // scratch for a feature
}

// NewLayer returns an empty layer with the given name and extent.
func NewLayer(name string, extent uint32) *Layer {
	return &Layer{name: name, extent: extent, keyIdx: map[string]uint32{}, uintIdx: map[uint32]uint32{}, strIdx: map[string]uint32{}}
}

// Reset empties the layer for another tile, keeping its buffers and maps:
// a tiler that encodes tens of thousands of tiles then allocates almost
// nothing per tile, where a new layer a tile grew every buffer again.
func (l *Layer) Reset(name string, extent uint32) {
	l.name, l.extent, l.count = name, extent, 0
	l.features, l.keys, l.values, l.nValues = l.features[:0], l.keys[:0], l.values[:0], 0
	clear(l.keyIdx)
	clear(l.uintIdx)
	clear(l.strIdx)
}

// Len returns the number of features added.
func (l *Layer) Len() int { return l.count }

func (l *Layer) key(k string) uint32 {
	if i, ok := l.keyIdx[k]; ok {
		return i
	}
	i := uint32(len(l.keys))
	l.keys = append(l.keys, k)
	l.keyIdx[k] = i
	return i
}

func (l *Layer) value(p *Prop) uint32 {
	var v []byte
	if p.IsStr {
		if i, ok := l.strIdx[p.S]; ok {
			return i
		}
		l.strIdx[p.S] = l.nValues
		v = appendStringField(l.scratch[:0], valueString, p.S)
	} else {
		if i, ok := l.uintIdx[p.U]; ok {
			return i
		}
		l.uintIdx[p.U] = l.nValues
		v = appendVarintField(l.scratch[:0], valueUint, uint64(p.U))
	}
	l.values = appendBytesField(l.values, layerValues, v)
	l.scratch = v
	l.nValues++
	return l.nValues - 1
}

// Point adds a point feature with an id at tile coordinates x, y.
func (l *Layer) Point(id uint64, x, y int32, props []Prop) {
	l.geo = append(l.geo[:0], MoveTo(1), ZigZag(int64(x)), ZigZag(int64(y)))
	l.feature(&id, Point, l.geo, props)
}

// Polygon adds a polygon feature without id or properties, its geometry
// already in commands (MoveTo, LineTo, ClosePath and ZigZag deltas).
func (l *Layer) Polygon(geom []uint32) { l.feature(nil, Polygon, geom, nil) }

// Feature adds a feature without id: a Point, LineString or Polygon with
// its geometry already in commands, and properties (sorted by key here,
// so the caller's order does not matter). The basemap's lines and named
// polygons need this; points with ids keep using Point.
func (l *Layer) Feature(typ uint32, geom []uint32, props []Prop) {
	l.feature(nil, uint64(typ), geom, props)
}

// feature adds a feature, sorting its properties by key so that the bytes
// depend only on the feature.
func (l *Layer) feature(id *uint64, typ uint64, geom []uint32, props []Prop) {
	// A caller that gives its properties in order (the month tiles do)
	// saves the sort.
	byKey := func(a, b Prop) int { return cmp.Compare(a.Key, b.Key) }
	if !slices.IsSortedFunc(props, byKey) {
		slices.SortFunc(props, byKey)
	}
	l.tags = l.tags[:0]
	for i := range props {
		l.tags = append(l.tags, l.key(props[i].Key), l.value(&props[i]))
	}
	f := l.feat[:0]
	if id != nil {
		f = appendVarintField(f, featureID, *id)
	}
	if len(l.tags) > 0 {
		f = appendPacked(f, featureTags, l.tags)
	}
	f = appendVarintField(f, featureType, typ)
	f = appendPacked(f, featureGeometry, geom)
	l.features = appendBytesField(l.features, layerFeatures, f)
	l.feat = f
	l.count++
}

// AppendTo appends the layer, as a field of a tile, to b. A tile is its
// layers' fields one after another. The layer's length is worked out
// first, so that its fields go straight into b rather than into a buffer
// of their own that is then copied.
func (l *Layer) AppendTo(b []byte) []byte {
	n := stringFieldLen(layerName, l.name) + len(l.features) + len(l.values) +
		varintFieldLen(layerExtent, uint64(l.extent)) + varintFieldLen(layerVersion, 2)
	for _, k := range l.keys {
		n += stringFieldLen(layerKeys, k)
	}
	b = slices.Grow(b, 1+uvarintLen(uint64(n))+n)
	b = binary.AppendUvarint(b, uint64(tileLayers)<<3|wireBytes)
	b = binary.AppendUvarint(b, uint64(n))
	b = appendStringField(b, layerName, l.name)
	b = append(b, l.features...)
	for _, k := range l.keys {
		b = appendStringField(b, layerKeys, k)
	}
	b = append(b, l.values...)
	b = appendVarintField(b, layerExtent, uint64(l.extent))
	return appendVarintField(b, layerVersion, 2)
}

// stringFieldLen and varintFieldLen are the encoded lengths of what
// appendStringField and appendVarintField append.
func stringFieldLen(field int, s string) int {
	return uvarintLen(uint64(field)<<3|wireBytes) + uvarintLen(uint64(len(s))) + len(s)
}

func varintFieldLen(field int, v uint64) int {
	return uvarintLen(uint64(field)<<3|wireVarint) + uvarintLen(v)
}

func appendVarintField(b []byte, field int, v uint64) []byte {
	b = binary.AppendUvarint(b, uint64(field)<<3|wireVarint)
	return binary.AppendUvarint(b, v)
}

func appendBytesField(b []byte, field int, v []byte) []byte {
	b = binary.AppendUvarint(b, uint64(field)<<3|wireBytes)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func appendStringField(b []byte, field int, s string) []byte {
	b = binary.AppendUvarint(b, uint64(field)<<3|wireBytes)
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendPacked(b []byte, field int, vs []uint32) []byte {
	n := 0
	for _, v := range vs {
		n += uvarintLen(uint64(v))
	}
	b = binary.AppendUvarint(b, uint64(field)<<3|wireBytes)
	b = binary.AppendUvarint(b, uint64(n))
	for _, v := range vs {
		b = binary.AppendUvarint(b, uint64(v))
	}
	return b
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

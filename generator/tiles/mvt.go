package tiles

import (
	"cmp"
	"encoding/binary"
	"slices"
)

// The tiles are encoded here rather than through orb's mvt.Marshal, which
// builds a map of properties and an interface value for each of them per
// feature: for point layers with a fixed set of numeric and string
// properties that was two fifths of tiling. The output is a Mapbox Vector
// Tile 2.1, read back with orb's decoder in the tests.

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

	geomPoint  = 1
	cmdMoveTo1 = 1<<3 | 1 // MoveTo, one point
)

// prop is one property of a feature: a number, or a string when isStr.
type prop struct {
	key   string
	isStr bool
	u     uint32
	s     string
}

// layerEncoder encodes one layer: its features as they are added, then its
// keys and values, each written once in order of first use.
type layerEncoder struct {
	name      string
	features  []byte
	keys      []string
	keyIdx    map[string]uint32
	values    []byte // encoded Value messages, each with its field tag
	nValues   uint32
	uintIdx   map[uint32]uint32
	strIdx    map[string]uint32
	tags, geo []uint32 // scratch
	scratch   []byte
}

func newLayerEncoder(name string) *layerEncoder {
	return &layerEncoder{name: name, keyIdx: map[string]uint32{}, uintIdx: map[uint32]uint32{}, strIdx: map[string]uint32{}}
}

func (l *layerEncoder) key(k string) uint32 {
	if i, ok := l.keyIdx[k]; ok {
		return i
	}
	i := uint32(len(l.keys))
	l.keys = append(l.keys, k)
	l.keyIdx[k] = i
	return i
}

func (l *layerEncoder) value(p *prop) uint32 {
	if p.isStr {
		if i, ok := l.strIdx[p.s]; ok {
			return i
		}
		i := l.nValues
		l.nValues++
		l.strIdx[p.s] = i
		v := appendBytesField(l.scratch[:0], valueString, []byte(p.s))
		l.values = appendBytesField(l.values, layerValues, v)
		l.scratch = v
		return i
	}
	if i, ok := l.uintIdx[p.u]; ok {
		return i
	}
	i := l.nValues
	l.nValues++
	l.uintIdx[p.u] = i
	v := appendVarintField(l.scratch[:0], valueUint, uint64(p.u))
	l.values = appendBytesField(l.values, layerValues, v)
	l.scratch = v
	return i
}

// point adds a point feature at tile coordinates x, y with its properties,
// which it sorts by key so that the bytes depend only on the feature.
func (l *layerEncoder) point(id uint64, x, y int32, props []prop) {
	slices.SortFunc(props, func(a, b prop) int { return cmp.Compare(a.key, b.key) })
	l.tags = l.tags[:0]
	for i := range props {
		l.tags = append(l.tags, l.key(props[i].key), l.value(&props[i]))
	}
	f := appendVarintField(l.scratch[:0], featureID, id)
	f = appendPacked(f, featureTags, l.tags)
	f = appendVarintField(f, featureType, geomPoint)
	l.geo = append(l.geo[:0], cmdMoveTo1, zigzag(x), zigzag(y))
	f = appendPacked(f, featureGeometry, l.geo)
	l.features = appendBytesField(l.features, layerFeatures, f)
	l.scratch = f
}

// appendTo appends the layer, as a field of a tile, to b.
func (l *layerEncoder) appendTo(b []byte) []byte {
	m := appendBytesField(nil, layerName, []byte(l.name))
	m = append(m, l.features...)
	for _, k := range l.keys {
		m = appendBytesField(m, layerKeys, []byte(k))
	}
	m = append(m, l.values...)
	m = appendVarintField(m, layerExtent, Extent)
	m = appendVarintField(m, layerVersion, 2)
	return appendBytesField(b, tileLayers, m)
}

func zigzag(v int32) uint32 { return uint32((v << 1) ^ (v >> 31)) }

func appendVarintField(b []byte, field int, v uint64) []byte {
	b = binary.AppendUvarint(b, uint64(field)<<3|wireVarint)
	return binary.AppendUvarint(b, v)
}

func appendBytesField(b []byte, field int, v []byte) []byte {
	b = binary.AppendUvarint(b, uint64(field)<<3|wireBytes)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
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

package pmtiles

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// HeaderLen is the fixed size of a version 3 header.
const HeaderLen = 127

// RootLimit bounds the header plus root directory: clients fetch this many
// bytes first and must find the whole root in them.
const RootLimit = 16384

const (
	magic       = "PMTiles"
	specVersion = 3
)

// Compression is the header's compression enum, used for both the internal
// (directories, metadata) and the tile compression.
type Compression uint8

// Compression values from the specification. Only None and Gzip are written
// or read by this package.
const (
	UnknownCompression Compression = 0
	None               Compression = 1
	Gzip               Compression = 2
	Brotli             Compression = 3
	Zstd               Compression = 4
)

func (c Compression) String() string {
	switch c {
	case UnknownCompression:
		return "unknown"
	case None:
		return "none"
	case Gzip:
		return "gzip"
	case Brotli:
		return "brotli"
	case Zstd:
		return "zstd"
	}
	return fmt.Sprintf("compression(%d)", uint8(c))
}

// TileType is the header's tile type enum.
type TileType uint8

// Tile types from the specification. The writer always writes MVT.
const (
	UnknownTileType TileType = 0
	MVT             TileType = 1
	PNG             TileType = 2
	JPEG            TileType = 3
	WEBP            TileType = 4
	AVIF            TileType = 5
)

// Header is the decoded 127-byte header. Offsets are absolute file positions;
// coordinates are kept as the stored integers (degrees × 10^7) so a decoded
// header re-encodes to the same bytes.
type Header struct {
	SpecVersion         uint8
	RootOffset          uint64
	RootLength          uint64
	MetadataOffset      uint64
	MetadataLength      uint64
	LeafOffset          uint64
	LeafLength          uint64
	DataOffset          uint64
	DataLength          uint64
	AddressedTiles      uint64 // sum of run lengths, 0 if unknown
	TileEntries         uint64 // entries with run length > 0, 0 if unknown
	TileContents        uint64 // distinct tile bodies (offsets), 0 if unknown
	Clustered           bool
	InternalCompression Compression
	TileCompression     Compression
	TileType            TileType
	MinZoom             uint8
	MaxZoom             uint8
	MinLonE7            int32
	MinLatE7            int32
	MaxLonE7            int32
	MaxLatE7            int32
	CenterZoom          uint8
	CenterLonE7         int32
	CenterLatE7         int32
}

// Bounds returns the bounds in degrees as west, south, east, north.
func (h Header) Bounds() [4]float64 {
	return [4]float64{fromE7(h.MinLonE7), fromE7(h.MinLatE7), fromE7(h.MaxLonE7), fromE7(h.MaxLatE7)}
}

// Center returns the centre as longitude, latitude (degrees) and zoom.
func (h Header) Center() [3]float64 {
	return [3]float64{fromE7(h.CenterLonE7), fromE7(h.CenterLatE7), float64(h.CenterZoom)}
}

func fromE7(v int32) float64 { return float64(v) / 1e7 }

// toE7 converts degrees to the header's fixed point. Rounding, not truncation,
// so that a value such as 51.5 × 10^7 computed as 514999999.99 stores exactly.
func toE7(deg float64) int32 { return int32(math.Round(deg * 1e7)) }

// encode returns the header bytes.
func (h Header) encode() []byte {
	b := make([]byte, HeaderLen)
	copy(b, magic)
	b[7] = h.SpecVersion
	le := binary.LittleEndian
	for i, v := range []uint64{
		h.RootOffset, h.RootLength, h.MetadataOffset, h.MetadataLength,
		h.LeafOffset, h.LeafLength, h.DataOffset, h.DataLength,
		h.AddressedTiles, h.TileEntries, h.TileContents,
	} {
		le.PutUint64(b[8+8*i:], v)
	}
	if h.Clustered {
		b[96] = 1
	}
	b[97] = uint8(h.InternalCompression)
	b[98] = uint8(h.TileCompression)
	b[99] = uint8(h.TileType)
	b[100] = h.MinZoom
	b[101] = h.MaxZoom
	le.PutUint32(b[102:], uint32(h.MinLonE7))
	le.PutUint32(b[106:], uint32(h.MinLatE7))
	le.PutUint32(b[110:], uint32(h.MaxLonE7))
	le.PutUint32(b[114:], uint32(h.MaxLatE7))
	b[118] = h.CenterZoom
	le.PutUint32(b[119:], uint32(h.CenterLonE7))
	le.PutUint32(b[123:], uint32(h.CenterLatE7))
	return b
}

var errNotPMTiles = errors.New("not a pmtiles archive")

// decodeHeader parses a header. It checks only what identifies the format;
// Open checks that the sections make sense for the file.
func decodeHeader(b []byte) (Header, error) {
	if len(b) < HeaderLen {
		return Header{}, fmt.Errorf("header is %d bytes, want %d: %w", len(b), HeaderLen, errNotPMTiles)
	}
	if string(b[:7]) != magic {
		return Header{}, errNotPMTiles
	}
	var h Header
	h.SpecVersion = b[7]
	if h.SpecVersion != specVersion {
		return Header{}, fmt.Errorf("unsupported spec version %d, want %d", h.SpecVersion, specVersion)
	}
	le := binary.LittleEndian
	for i, p := range []*uint64{
		&h.RootOffset, &h.RootLength, &h.MetadataOffset, &h.MetadataLength,
		&h.LeafOffset, &h.LeafLength, &h.DataOffset, &h.DataLength,
		&h.AddressedTiles, &h.TileEntries, &h.TileContents,
	} {
		*p = le.Uint64(b[8+8*i:])
	}
	switch b[96] {
	case 0:
	case 1:
		h.Clustered = true
	default:
		return Header{}, fmt.Errorf("clustered flag is %d, want 0 or 1", b[96])
	}
	h.InternalCompression = Compression(b[97])
	h.TileCompression = Compression(b[98])
	h.TileType = TileType(b[99])
	h.MinZoom = b[100]
	h.MaxZoom = b[101]
	h.MinLonE7 = int32(le.Uint32(b[102:]))
	h.MinLatE7 = int32(le.Uint32(b[106:]))
	h.MaxLonE7 = int32(le.Uint32(b[110:]))
	h.MaxLatE7 = int32(le.Uint32(b[114:]))
	h.CenterZoom = b[118]
	h.CenterLonE7 = int32(le.Uint32(b[119:]))
	h.CenterLatE7 = int32(le.Uint32(b[123:]))
	return h, nil
}

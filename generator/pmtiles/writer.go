package pmtiles

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/crimemap/crimemap/generator/mercator"
	"io"
	"math"
	"os"

	"github.com/klauspost/compress/gzip"
)

// Options describe the archive as a whole; they go into the header.
type Options struct {
	// MinZoom and MaxZoom bound the zooms of the added tiles; Add rejects
	// tiles outside them so the header never misdescribes the archive.
	MinZoom, MaxZoom uint8
	// Bounds is west, south, east, north in degrees. All zero means the whole
	// Web Mercator world.
	Bounds [4]float64
	// Center is longitude, latitude (degrees) and zoom (rounded to an
	// integer). All zero means the middle of Bounds at MinZoom.
	Center [3]float64
	// TileCompression is how tile bodies are stored: Gzip (the zero value
	// selects it) or None.
	TileCompression Compression
	// GzipLevel is the compress/gzip level for tiles; 0 means
	// gzip.DefaultCompression (for no compression use TileCompression
	// None). gzip.BestSpeed writes small tiles about twice as fast, mostly
	// because the other levels clear 640 KiB of match tables per tile, at
	// roughly a sixth more bytes.
	GzipLevel int
	// TempDir holds the temporary tile data file; empty means os.TempDir().
	TempDir string
}

// Stats describe a finished archive.
type Stats struct {
	AddressedTiles uint64 // tiles a reader can find, counting each run in full
	TileEntries    uint64 // directory entries pointing at tile data
	TileContents   uint64 // distinct tile bodies stored
	Leaves         int    // leaf directories; 0 when the root holds every entry
	LeafSize       int    // entries per leaf directory, 0 without leaves
	RootBytes      int64
	MetadataBytes  int64
	LeafBytes      int64
	DataBytes      int64
	Bytes          int64 // the whole archive
}

// contentKey identifies a tile body: the first 128 bits of its SHA-256, half
// the memory of the full sum per distinct body and still far beyond any
// chance of an accidental collision (which would serve one tile's body for
// another).
type contentKey [16]byte

// blob locates a stored tile body in the data section.
type blob struct {
	offset uint64
	length uint32
}

// Writer streams tiles into a PMTiles archive. See the package documentation
// for the contract. A Writer is not safe for concurrent use.
type Writer struct {
	out    io.Writer
	opt    Options
	header Header

	tmp     *os.File
	tmpBuf  *bufio.Writer
	dataLen uint64

	entries  []Entry
	contents map[contentKey]blob
	z        *compressor
	lastID   uint64
	any      bool
	err      error // sticky: after a failed write the archive cannot be trusted
	done     bool
}

// NewWriter returns a Writer that writes the archive to out when Finish is
// called. Until then tile data goes to a temporary file in opt.TempDir.
func NewWriter(out io.Writer, opt Options) (*Writer, error) {
	if opt.TileCompression == UnknownCompression {
		opt.TileCompression = Gzip
	}
	h, err := headerFromOptions(opt)
	if err != nil {
		return nil, err
	}
	level := opt.GzipLevel
	if level == 0 {
		level = gzip.DefaultCompression
	}
	if level < gzip.HuffmanOnly || level > gzip.BestCompression {
		return nil, fmt.Errorf("gzip level %d: want %d..%d", level, gzip.HuffmanOnly, gzip.BestCompression)
	}
	tmp, err := os.CreateTemp(opt.TempDir, "pmtiles-*.data")
	if err != nil {
		return nil, fmt.Errorf("create tile data file: %w", err)
	}
	return &Writer{
		out:      out,
		opt:      opt,
		header:   h,
		tmp:      tmp,
		tmpBuf:   bufio.NewWriterSize(tmp, 1<<20),
		contents: make(map[contentKey]blob),
		z:        newCompressor(level),
	}, nil
}

// headerFromOptions checks the options and fills in the header fields that do
// not depend on the tiles.
func headerFromOptions(opt Options) (Header, error) {
	switch opt.TileCompression {
	case None, Gzip:
	default:
		return Header{}, fmt.Errorf("unsupported tile compression %s", opt.TileCompression)
	}
	if opt.MinZoom > opt.MaxZoom || opt.MaxZoom > MaxZoom {
		return Header{}, fmt.Errorf("zoom range %d..%d: want min <= max <= %d", opt.MinZoom, opt.MaxZoom, MaxZoom)
	}
	b := opt.Bounds
	if b == [4]float64{} {
		b = [4]float64{-180, -mercator.MaxLat, 180, mercator.MaxLat}
	}
	if !(b[0] >= -180 && b[0] <= b[2] && b[2] <= 180 && b[1] >= -90 && b[1] <= b[3] && b[3] <= 90) {
		return Header{}, fmt.Errorf("bounds %v: want west <= east within ±180 and south <= north within ±90", b)
	}
	c := opt.Center
	if c == [3]float64{} {
		c = [3]float64{(b[0] + b[2]) / 2, (b[1] + b[3]) / 2, float64(opt.MinZoom)}
	}
	if !(c[0] >= -180 && c[0] <= 180 && c[1] >= -90 && c[1] <= 90 && c[2] >= 0 && math.Round(c[2]) <= MaxZoom) {
		return Header{}, fmt.Errorf("center %v: want longitude within ±180, latitude within ±90, zoom 0..%d", c, MaxZoom)
	}
	return Header{
		SpecVersion:         specVersion,
		Clustered:           true,
		InternalCompression: Gzip,
		TileCompression:     opt.TileCompression,
		TileType:            MVT,
		MinZoom:             opt.MinZoom,
		MaxZoom:             opt.MaxZoom,
		MinLonE7:            toE7(b[0]),
		MinLatE7:            toE7(b[1]),
		MaxLonE7:            toE7(b[2]),
		MaxLatE7:            toE7(b[3]),
		CenterZoom:          uint8(math.Round(c[2])),
		CenterLonE7:         toE7(c[0]),
		CenterLatE7:         toE7(c[1]),
	}, nil
}

// Add adds the uncompressed tile z/x/y. Tiles must come in strictly increasing
// tile id order (ZxyToID). data is not retained.
func (w *Writer) Add(z uint8, x, y uint32, data []byte) error {
	return w.add(z, x, y, data, false)
}

// AddCompressed adds a tile whose body the caller has already compressed
// with a Compressor for the archive's TileCompression, so that compression,
// most of an archive's cost, can run on every core while tiles are still
// added in order. Identical bodies are stored once, as with Add.
func (w *Writer) AddCompressed(z uint8, x, y uint32, body []byte) error {
	return w.add(z, x, y, body, true)
}

func (w *Writer) add(z uint8, x, y uint32, data []byte, compressed bool) error {
	if w.done {
		return errors.New("add tile: writer is finished or closed")
	}
	if w.err != nil {
		return w.err
	}
	if !ValidTile(z, x, y) {
		return fmt.Errorf("add tile %d/%d/%d: not a tile", z, x, y)
	}
	if z < w.opt.MinZoom || z > w.opt.MaxZoom {
		return fmt.Errorf("add tile %d/%d/%d: zoom outside %d..%d", z, x, y, w.opt.MinZoom, w.opt.MaxZoom)
	}
	if len(data) == 0 {
		// The specification forbids zero-length entries; an absent tile is
		// how an archive says "nothing here".
		return fmt.Errorf("add tile %d/%d/%d: empty tile", z, x, y)
	}
	id := ZxyToID(z, x, y)
	if w.any && id <= w.lastID {
		lz, lx, ly := IDToZxy(w.lastID)
		return fmt.Errorf("add tile %d/%d/%d: tile id %d does not follow %d/%d/%d (id %d); tiles must be added in increasing tile id order",
			z, x, y, id, lz, lx, ly, w.lastID)
	}

	// Hash the body as given so a repeated body (sea, empty land) costs a
	// hash, not a compression. Compression is deterministic, so equal
	// compressed bodies mean equal tiles too.
	sum := sha256.Sum256(data)
	key := contentKey(sum[:len(contentKey{})])
	b, seen := w.contents[key]
	if !seen {
		body := data
		if !compressed {
			var err error
			if body, err = w.z.compress(data, w.opt.TileCompression); err != nil {
				w.err = fmt.Errorf("add tile %d/%d/%d: %w", z, x, y, err)
				return w.err
			}
		}
		if uint64(len(body)) > math.MaxUint32 {
			return fmt.Errorf("add tile %d/%d/%d: %d bytes exceed the 4 GiB entry limit", z, x, y, len(body))
		}
		if _, err := w.tmpBuf.Write(body); err != nil {
			w.err = fmt.Errorf("add tile %d/%d/%d: write tile data: %w", z, x, y, err)
			return w.err
		}
		b = blob{offset: w.dataLen, length: uint32(len(body))}
		w.dataLen += uint64(len(body))
		w.contents[key] = b
	}
	w.lastID, w.any = id, true

	// The same body at the next id extends the previous entry's run.
	if n := len(w.entries); n > 0 {
		last := &w.entries[n-1]
		if last.Offset == b.offset && last.TileID+uint64(last.RunLength) == id && last.RunLength < math.MaxUint32 {
			last.RunLength++
			return nil
		}
	}
	w.entries = append(w.entries, Entry{TileID: id, Offset: b.offset, Length: b.length, RunLength: 1})
	return nil
}

// Finish writes the archive to the output: header, root directory, metadata,
// leaf directories, then the tile data from the temporary file, which it
// removes. metadata must be a JSON object; nil means {}. For MVT archives the
// specification asks for a TileJSON "vector_layers" key in it. At least one
// tile must have been added, as the specification forbids empty directories.
func (w *Writer) Finish(metadata []byte) (Stats, error) {
	if w.done {
		return Stats{}, errors.New("finish: writer is finished or closed")
	}
	defer w.Close()
	if w.err != nil {
		return Stats{}, w.err
	}
	st, err := w.finish(metadata)
	if err != nil {
		return Stats{}, fmt.Errorf("finish archive: %w", err)
	}
	return st, nil
}

func (w *Writer) finish(metadata []byte) (Stats, error) {
	if len(w.entries) == 0 {
		return Stats{}, errors.New("no tiles added")
	}
	if metadata == nil {
		metadata = []byte("{}")
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(metadata, &obj); err != nil || obj == nil {
		return Stats{}, errors.New("metadata is not a JSON object")
	}
	if err := w.tmpBuf.Flush(); err != nil {
		return Stats{}, fmt.Errorf("write tile data: %w", err)
	}

	// Directories use the default level too: on a 200,000-entry directory
	// the best level takes seven times as long to save well under 1%.
	iz := newCompressor(gzip.DefaultCompression)
	dirs, err := buildDirectories(w.entries, iz, Gzip)
	if err != nil {
		return Stats{}, err
	}
	meta, err := iz.compress(metadata, Gzip)
	if err != nil {
		return Stats{}, fmt.Errorf("compress metadata: %w", err)
	}

	h := w.header
	h.RootOffset = HeaderLen
	h.RootLength = uint64(len(dirs.root))
	h.MetadataOffset = h.RootOffset + h.RootLength
	h.MetadataLength = uint64(len(meta))
	h.LeafOffset = h.MetadataOffset + h.MetadataLength
	h.LeafLength = uint64(len(dirs.leaves))
	h.DataOffset = h.LeafOffset + h.LeafLength
	h.DataLength = w.dataLen
	h.TileEntries = uint64(len(w.entries))
	h.TileContents = uint64(len(w.contents))
	for _, e := range w.entries {
		h.AddressedTiles += uint64(e.RunLength)
	}

	out := bufio.NewWriterSize(w.out, 1<<20)
	for _, part := range [][]byte{h.encode(), dirs.root, meta, dirs.leaves} {
		if _, err := out.Write(part); err != nil {
			return Stats{}, fmt.Errorf("write archive: %w", err)
		}
	}
	if _, err := w.tmp.Seek(0, io.SeekStart); err != nil {
		return Stats{}, fmt.Errorf("rewind tile data: %w", err)
	}
	n, err := io.Copy(out, w.tmp)
	if err != nil {
		return Stats{}, fmt.Errorf("copy tile data: %w", err)
	}
	if uint64(n) != w.dataLen {
		return Stats{}, fmt.Errorf("copy tile data: copied %d bytes, want %d", n, w.dataLen)
	}
	if err := out.Flush(); err != nil {
		return Stats{}, fmt.Errorf("write archive: %w", err)
	}
	return Stats{
		AddressedTiles: h.AddressedTiles,
		TileEntries:    h.TileEntries,
		TileContents:   h.TileContents,
		Leaves:         dirs.nLeaves,
		LeafSize:       dirs.leafSize,
		RootBytes:      int64(h.RootLength),
		MetadataBytes:  int64(h.MetadataLength),
		LeafBytes:      int64(h.LeafLength),
		DataBytes:      int64(h.DataLength),
		Bytes:          int64(h.DataOffset + h.DataLength),
	}, nil
}

// Close removes the temporary tile data file. It is called by Finish and is
// safe to defer and to call more than once; after Close, Add and Finish fail.
func (w *Writer) Close() error {
	if w.done {
		return nil
	}
	w.done = true
	w.entries, w.contents = nil, nil
	errClose := w.tmp.Close()
	errRemove := os.Remove(w.tmp.Name())
	if err := errors.Join(errClose, errRemove); err != nil {
		return fmt.Errorf("remove tile data file: %w", err)
	}
	return nil
}

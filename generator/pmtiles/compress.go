package pmtiles

import (
	"bytes"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/gzip"
)

var gunzipPool sync.Pool // of *gzip.Reader

// compressor gzips with one reusable gzip.Writer and buffer, because a fresh
// flate writer allocates hundreds of kilobytes and the writer compresses every
// tile. Output is deterministic: a fixed level, and Go's gzip.Writer writes no
// name, comment or modification time unless asked to.
type compressor struct {
	level int
	buf   bytes.Buffer
	zw    *gzip.Writer
}

func newCompressor(level int) *compressor { return &compressor{level: level} }

// compress returns data compressed as c. The result aliases the compressor's
// buffer (or data itself for None) and is valid until the next call.
func (z *compressor) compress(data []byte, c Compression) ([]byte, error) {
	switch c {
	case None:
		return data, nil
	case Gzip:
	default:
		return nil, fmt.Errorf("unsupported compression %s", c)
	}
	z.buf.Reset()
	if z.zw == nil {
		zw, err := gzip.NewWriterLevel(&z.buf, z.level)
		if err != nil {
			return nil, fmt.Errorf("gzip level %d: %w", z.level, err)
		}
		z.zw = zw
	} else {
		z.zw.Reset(&z.buf)
	}
	if _, err := z.zw.Write(data); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if err := z.zw.Close(); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return z.buf.Bytes(), nil
}

// Compressor compresses tile bodies for Writer.AddCompressed, exactly as the
// writer itself would. It is not safe for concurrent use: give each worker
// its own.
type Compressor struct {
	c Compression
	z *compressor
}

// NewCompressor returns a compressor for an archive with the given tile
// compression and gzip level (0 for the default, as in Options).
func NewCompressor(c Compression, gzipLevel int) *Compressor {
	if c == UnknownCompression {
		c = Gzip
	}
	if gzipLevel == 0 {
		gzipLevel = gzip.DefaultCompression
	}
	return &Compressor{c: c, z: newCompressor(gzipLevel)}
}

// Compress returns data compressed, in a new slice the caller owns.
func (c *Compressor) Compress(data []byte) ([]byte, error) {
	b, err := c.z.compress(data, c.c)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(b), nil
}

// decompress undoes compress. It fails rather than return more than limit
// bytes, so that a small hostile archive cannot expand into gigabytes.
func decompress(data []byte, c Compression, limit int64) ([]byte, error) {
	switch c {
	case None:
		if int64(len(data)) > limit {
			return nil, fmt.Errorf("%d bytes exceed the limit of %d", len(data), limit)
		}
		return data, nil
	case Gzip:
	default:
		return nil, fmt.Errorf("unsupported compression %s", c)
	}
	// Reusing readers matters to Walk: a fresh one allocates a 32 KiB window
	// per tile.
	zr, _ := gunzipPool.Get().(*gzip.Reader)
	var err error
	if zr == nil {
		zr, err = gzip.NewReader(bytes.NewReader(data))
	} else {
		err = zr.Reset(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	defer gunzipPool.Put(zr)
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("gunzip: %w", err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("gunzip: more than the limit of %d bytes", limit)
	}
	return out, nil
}

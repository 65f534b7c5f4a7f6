package pmtiles

import (
	"compress/gzip"
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// countingWriter discards what it is given and counts it.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// BenchmarkWrite writes 500,000 small MVT tiles: consecutive z10 tile ids,
// bodies of one to eight points, mostly distinct, every tenth tile sharing
// one body.
func BenchmarkWrite(b *testing.B) {
	for _, c := range []struct {
		name  string
		level int
	}{{"default", 0}, {"bestspeed", gzip.BestSpeed}} {
		b.Run(c.name, func(b *testing.B) { benchmarkWrite(b, c.level) })
	}
}

func benchmarkWrite(b *testing.B, level int) {
	const n = 500000
	rng := rand.New(rand.NewPCG(1, 1))
	pool := make([][]byte, 4096)
	for i := range pool {
		var pts [][3]int
		for k := 0; k < 1+rng.IntN(8); k++ {
			pts = append(pts, [3]int{rng.IntN(4096), rng.IntN(4096), rng.IntN(50)})
		}
		pool[i] = mvtPoints(b, pts)
	}
	shared := mvtPoints(b, [][3]int{{2048, 2048, 1}})
	start := zoomStart(10)
	dir := b.TempDir()
	var size int64
	var buf []byte
	b.ResetTimer()
	for range b.N {
		out := &countingWriter{}
		w, err := NewWriter(out, Options{MinZoom: 10, MaxZoom: 10, GzipLevel: level, TempDir: dir})
		if err != nil {
			b.Fatal(err)
		}
		for i := uint64(0); i < n; i++ {
			// A distinct body: a pool tile with the index appended. The
			// writer does not parse tiles, so the suffix costs nothing but
			// bytes.
			buf = binary.AppendUvarint(append(buf[:0], pool[i%uint64(len(pool))]...), i)
			body := buf
			if i%10 == 0 {
				body = shared
			}
			z, x, y := IDToZxy(start + i)
			if err := w.Add(z, x, y, body); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := w.Finish(nil); err != nil {
			b.Fatal(err)
		}
		size = out.n
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tiles/s")
	b.ReportMetric(float64(size), "bytes")
	b.ReportMetric(float64(size)/n, "bytes/tile")
}

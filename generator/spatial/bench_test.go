package spatial

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkLocate looks up points in 5,000 polygons of 400 vertices each
// (2 million vertices), about the size of England and Wales's neighbourhoods.
func BenchmarkLocate(b *testing.B) {
	ix := New(tessellation(100, 50, 100))
	pts := randomPoints(rand.New(rand.NewPCG(1, 1)), 1<<20)
	b.Run("serial", func(b *testing.B) {
		i := 0
		for b.Loop() {
			ix.Locate(pts[i&(len(pts)-1)])
			i++
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			i := rand.IntN(len(pts))
			for pb.Next() {
				ix.Locate(pts[i&(len(pts)-1)])
				i++
			}
		})
	})
}

func BenchmarkNew(b *testing.B) {
	polys := tessellation(100, 50, 100)
	for b.Loop() {
		New(polys)
	}
}

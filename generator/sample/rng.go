package sample

import (
	"math/rand/v2"
)

// Randomness is derived, never shared: every file, force and crime gets its
// own PCG stream seeded from the dataset seed and a label. Files can then be
// generated in any order, in parallel, and still come out byte-identical.

// mix is SplitMix64's finaliser, used to turn structured inputs (seed,
// label, numbers) into well-spread 64-bit seeds.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// seedOf derives a seed from the dataset seed, a label and numbers.
func seedOf(base uint64, label string, nums ...int) uint64 {
	h := uint64(14695981039346656037) // FNV-1a offset basis
	for i := 0; i < len(label); i++ {
		h ^= uint64(label[i])
		h *= 1099511628211
	}
	x := mix(base ^ h)
	for _, n := range nums {
		x = mix(x ^ uint64(int64(n)))
	}
	return x
}

// newRand returns a generator for one labelled stream.
func newRand(base uint64, label string, nums ...int) *rand.Rand {
	s := seedOf(base, label, nums...)
	return rand.New(rand.NewPCG(s, mix(s)))
}

// alias is Walker's alias table: O(1) weighted choice, which matters when a
// national build draws twenty million snap points.
type alias struct {
	prob  []float64
	other []int32
}

func newAlias(w []float64) alias {
	n := len(w)
	a := alias{prob: make([]float64, n), other: make([]int32, n)}
	if n == 0 {
		return a
	}
	var sum float64
	for _, x := range w {
		sum += x
	}
	scaled := make([]float64, n)
	small := make([]int32, 0, n)
	large := make([]int32, 0, n)
	for i, x := range w {
		scaled[i] = x * float64(n) / sum
		if scaled[i] < 1 {
			small = append(small, int32(i))
		} else {
			large = append(large, int32(i))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small = small[:len(small)-1]
		a.prob[s] = scaled[s]
		a.other[s] = l
		scaled[l] -= 1 - scaled[s]
		if scaled[l] < 1 {
			large = large[:len(large)-1]
			small = append(small, l)
		}
	}
	for _, i := range large {
		a.prob[i] = 1
		a.other[i] = i
	}
	for _, i := range small { // rounding leftovers
		a.prob[i] = 1
		a.other[i] = i
	}
	return a
}

func (a *alias) pick(r *rand.Rand) int {
	i := r.IntN(len(a.prob))
	if r.Float64() < a.prob[i] {
		return i
	}
	return int(a.other[i])
}

// weighted picks an index from a short list of weights by linear scan.
func weighted(r *rand.Rand, w []float64) int {
	var sum float64
	for _, x := range w {
		sum += x
	}
	u := r.Float64() * sum
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

// cumulative is a weighted choice prepared once: running totals of the
// weights. The crime generator draws from the same few distributions
// hundreds of millions of times, so the sums are not redone per draw.
type cumulative []float64

func newCumulative(w []float64) cumulative {
	c := make(cumulative, len(w))
	var sum float64
	for i, x := range w {
		sum += x
		c[i] = sum
	}
	return c
}

func (c cumulative) pick(r *rand.Rand) int {
	u := r.Float64() * c[len(c)-1]
	for i, x := range c {
		if u < x {
			return i
		}
	}
	return len(c) - 1
}

// geom is a geometric distribution on 0, 1, 2, ... with a given mean, as a
// table (no logarithms per draw); the tail beyond the table is cut off.
type geom []float64

func newGeom(mean float64) geom {
	p := 1 / (mean + 1)
	var g geom
	q, cdf := 1.0, 0.0
	for k := 0; k < 64 && cdf < 1-1e-9; k++ {
		cdf += q * p
		q *= 1 - p
		g = append(g, cdf)
	}
	return g
}

func (g geom) draw(r *rand.Rand) int {
	u := r.Float64()
	for k, x := range g {
		if u < x {
			return k
		}
	}
	return len(g)
}

// normal returns a standard normal deviate.
func normal(r *rand.Rand) float64 { return r.NormFloat64() }

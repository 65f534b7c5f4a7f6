package catchment

import (
	"bytes"
	"cmp"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// threeForces are side by side, each with a boundary, published snap
// points and others.
func threeForces() []Force {
	r := rand.New(rand.NewPCG(3, 4))
	var forces []Force
	for k, slug := range []string{"east", "north", "west"} {
		lon := -2 + 0.12*float64(k)
		f := Force{Slug: slug, Shape: square(lon, 52, lon+0.1, 52.1)}
		var all []Point
		for range 400 {
			all = append(all, pt(lon+0.005+r.Float64()*0.09, 52.005+r.Float64()*0.09))
		}
		slices.SortFunc(all, comparePoints)
		for i, p := range slices.Compact(all) {
			if i%4 == 0 {
				f.Others = append(f.Others, p)
			} else {
				f.Points = append(f.Points, p)
			}
		}
		forces = append(forces, f)
	}
	return forces
}

func write(t *testing.T, forces []Force, cache string) ([]byte, Stats) {
	t.Helper()
	opt := DefaultOptions
	opt.TempDir = t.TempDir()
	opt.Cache = cache
	var buf bytes.Buffer
	st, err := Write(&buf, forces, opt)
	if err != nil {
		t.Fatal(err)
	}
	if st.CacheErr != nil {
		t.Fatal(st.CacheErr)
	}
	return buf.Bytes(), st
}

func cacheFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestIncrementalSameBytes(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "catchments")
	before := threeForces()
	scratch, st0 := write(t, before, "")
	first, st1 := write(t, before, cache)
	if !bytes.Equal(scratch, first) {
		t.Fatal("the archive written with a cache differs from the one written without")
	}
	if st1.Drawn != 3 || st1.Encoded != st1.Tiles || st1.Tiles != st0.Tiles || st0.Drawn != 3 {
		t.Errorf("first build with an empty cache: %+v", st1)
	}

	// A month later: east publishes at two snap points it had not and no
	// longer at one (its snap points are the same), north has a new snap
	// point, west is as it was.
	after := threeForces()
	east := &after[0]
	east.Points = append(east.Points, east.Others[3], east.Others[40])
	east.Others = slices.Delete(east.Others, 40, 41)
	east.Others = slices.Delete(east.Others, 3, 4)
	east.Others = append(east.Others, east.Points[10])
	east.Points = slices.Delete(east.Points, 10, 11)
	slices.SortFunc(east.Points, comparePoints)
	slices.SortFunc(east.Others, comparePoints)
	north := &after[1]
	north.Points = append(north.Points, pt(-1.88+0.0123, 52.0456))
	slices.SortFunc(north.Points, comparePoints)

	want, _ := write(t, after, "")
	got, st := write(t, after, cache)
	if !bytes.Equal(got, want) {
		t.Fatal("the archive built on the last one's cache differs from one built from nothing")
	}
	if st.Drawn != 1 {
		t.Errorf("%d forces drawn, want 1 (north, whose snap points changed)", st.Drawn)
	}
	t.Logf("%d of %d tiles encoded", st.Encoded, st.Tiles)
	if st.Encoded == 0 || st.Encoded*2 > st.Tiles {
		t.Errorf("%d of %d tiles encoded, want a few: the rest are unchanged", st.Encoded, st.Tiles)
	}
	files := cacheFiles(t, cache)
	if len(files) != 4 || st.Pruned != 2 {
		t.Errorf("cache holds %v after pruning %d, want the cells of 3 forces and 1 archive's tiles", files, st.Pruned)
	}

	// The same input again: nothing drawn, nothing encoded.
	again, st := write(t, after, cache)
	if !bytes.Equal(again, want) || st.Drawn != 0 || st.Encoded != 0 {
		t.Errorf("unchanged input: %+v, same bytes %v", st, bytes.Equal(again, want))
	}
}

func TestForceWithoutPoints(t *testing.T) {
	// A force with only unpublished snap points draws nothing.
	forces := threeForces()
	forces[1].Others = append(forces[1].Others, forces[1].Points...)
	slices.SortFunc(forces[1].Others, comparePoints)
	forces[1].Points, forces[1].Shape = nil, nil
	_, st := write(t, forces, filepath.Join(t.TempDir(), "catchments"))
	if n := len(forces[0].Points) + len(forces[2].Points); st.Drawn != 2 || st.Cells != n {
		t.Errorf("%+v, want 2 forces drawn and %d cells", st, n)
	}
}

func TestDamagedCache(t *testing.T) {
	// A killed build's temporary file, and entries damaged on disk, are
	// misses: the archive is the same, and the cache is made good.
	cache := filepath.Join(t.TempDir(), "catchments")
	forces := threeForces()
	want, _ := write(t, forces, cache)
	stray := filepath.Join(cache, ".cells-x.bin.tmp")
	if err := os.WriteFile(stray, []byte("cut short"), 0o644); err != nil {
		t.Fatal(err)
	}
	damaged := 0
	for _, name := range cacheFiles(t, cache) {
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "cells-") && damaged > 0 {
			continue
		}
		p := filepath.Join(cache, name)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b[len(b)/2] ^= 1
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		damaged++
	}
	got, st := write(t, forces, cache)
	if !bytes.Equal(got, want) {
		t.Fatal("a damaged cache changed the archive")
	}
	if st.Drawn != 1 || st.Encoded != st.Tiles {
		t.Errorf("%+v, want one force drawn again and every tile encoded again", st)
	}
	if _, err := os.Stat(stray); err == nil {
		t.Error("a stopped build's temporary file was not pruned")
	}
	if _, st := write(t, forces, cache); st.Drawn != 0 || st.Encoded != 0 {
		t.Errorf("after the damage was made good: %+v", st)
	}
}

func TestCellsLocal(t *testing.T) {
	// Snap points added far away leave a cell's vertices bit for bit the
	// same, in the same order: the triangulation's numbering must not
	// show, or every tile of a force would change with each new point.
	f := threeForces()[0]
	before := Cells(f.Points, nil, f.Shape)
	r := rand.New(rand.NewPCG(5, 6))
	more := slices.Clone(f.Points)
	for range 40 {
		more = append(more, pt(-1.995+r.Float64()*0.03, 52.005+r.Float64()*0.09)) // the western third
	}
	after := Cells(more, nil, f.Shape)
	same := 0
	for i, c := range before {
		if c.Bound().Min[0] < -1.94 {
			continue
		}
		if slices.EqualFunc(c, after[i], polygonEqual) {
			same++
		} else {
			t.Errorf("cell %d far from the new points changed:\n%v\n%v", i, c, after[i])
		}
	}
	if same < 50 {
		t.Fatalf("%d cells far from the new points", same)
	}
}

func TestCellIndependentOfNumbering(t *testing.T) {
	// The same points inserted in another order give the same
	// triangulation with other numbers: every cell must come out the
	// same, vertices in the same order and rounded the same.
	r := rand.New(rand.NewPCG(7, 8))
	var xs, ys []float64
	seen := map[[2]float64]bool{}
	for len(xs) < 2000 {
		p := [2]float64{float64(r.IntN(1 << 20)), float64(r.IntN(1 << 20))}
		if !seen[p] {
			seen[p] = true
			xs, ys = append(xs, p[0]), append(ys, p[1])
		}
	}
	// Sorted, as cells sorts them, so that index order is coordinate order.
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmp.Or(cmp.Compare(xs[a], xs[b]), cmp.Compare(ys[a], ys[b])) })
	sx, sy := make([]float64, len(xs)), make([]float64, len(xs))
	for k, i := range idx {
		sx[k], sy[k] = xs[i], ys[i]
	}
	box := [4]float64{0, 0, 1 << 20, 1 << 20}
	hilbert := newDiagram(triangulate(sx, sy, box))
	shuffled := &triangulation{x: append(slices.Clone(sx), 0, 0, 0), y: append(slices.Clone(sy), 0, 0, 0), seed: 9}
	enclose(shuffled, len(sx), box)
	shuffled.newTri()
	shuffled.setTri(0, int32(len(sx)), int32(len(sx)+1), int32(len(sx)+2), -1, -1, -1)
	for _, i := range r.Perm(len(sx)) {
		shuffled.insert(int32(i))
	}
	other := newDiagram(shuffled)
	if slices.Equal(hilbert.start, other.start) {
		t.Fatal("the two orders numbered the triangles alike: the test shows nothing")
	}
	for s := range int32(len(sx)) {
		a, _ := hilbert.cell(s, nil, nil)
		b, _ := other.cell(s, nil, nil)
		if !slices.Equal(a, b) {
			t.Fatalf("cell %d:\n%v\n%v", s, a, b)
		}
	}
}

func polygonEqual(a, b orb.Polygon) bool {
	return slices.EqualFunc(a, b, func(r, s orb.Ring) bool { return slices.Equal(r, s) })
}

package sample

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// cellsFrom turns a picture (row 0 at the bottom, '#' for a cell in the
// set) into cells near the grid origin.
func cellsFrom(pic ...string) []int32 {
	var cells []int32
	for i := range pic {
		row := len(pic) - 1 - i
		for col, ch := range pic[i] {
			if ch == '#' {
				cells = append(cells, cellOf(col+1, row+1))
			}
		}
	}
	return cells
}

func TestTracePolygons(t *testing.T) {
	tests := []struct {
		name            string
		pic             []string
		polys, vertices int
		holes           int
	}{
		{"square", []string{"##", "##"}, 1, 4, 0},
		{"L", []string{"#.", "##"}, 1, 6, 0},
		{"ring with hole", []string{"###", "#.#", "###"}, 1, 8, 1},
		{"corner-touching cells stay apart", []string{".#", "#."}, 2, 8, 0},
		{"two pieces", []string{"#.#"}, 2, 8, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cells := cellsFrom(tt.pic...)
			in := func(c int32) bool { return slices.Contains(cells, c) }
			polys := tracePolygons(cells, in)
			holes := 0
			for _, p := range polys {
				holes += len(p.holes)
				if ringArea(p.outer) <= 0 {
					t.Errorf("outer ring %v is not counter-clockwise", p.outer)
				}
				for _, h := range p.holes {
					if ringArea(h) >= 0 {
						t.Errorf("hole %v is not clockwise", h)
					}
				}
			}
			if len(polys) != tt.polys || vertexCount(polys) != tt.vertices || holes != tt.holes {
				t.Errorf("%d polygons, %d vertices, %d holes; want %d, %d, %d",
					len(polys), vertexCount(polys), holes, tt.polys, tt.vertices, tt.holes)
			}
			// Every cell centre is inside exactly one polygon, outside its holes.
			for _, c := range cells {
				col, row := cellColRow(c)
				x, y := float64(col)+0.5, float64(row)+0.5
				n := 0
				for _, p := range polys {
					if ringContains(p.outer, x, y) && !slices.ContainsFunc(p.holes, func(h ring) bool { return ringContains(h, x, y) }) {
						n++
					}
				}
				if n != 1 {
					t.Errorf("cell %d,%d is in %d polygons", col, row, n)
				}
			}
		})
	}
}

func TestPartitionTiles(t *testing.T) {
	var cells []int32
	for row := 10; row < 40; row++ {
		for col := 10; col < 10+row; col++ { // a triangle, so cuts meet a ragged edge
			cells = append(cells, cellOf(col, row))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	leaves := partition(r, cells, func(int32) float64 { return 1 }, 12)
	if len(leaves) != 12 {
		t.Fatalf("%d leaves, want 12", len(leaves))
	}
	seen := map[int32]int{}
	for _, l := range leaves {
		for _, c := range l {
			seen[c]++
		}
	}
	if len(seen) != len(cells) {
		t.Errorf("leaves cover %d cells of %d", len(seen), len(cells))
	}
	for c, n := range seen {
		if n != 1 {
			t.Errorf("cell %d in %d leaves", c, n)
		}
	}
}

func TestAppendField(t *testing.T) {
	for in, want := range map[string]string{
		"Allerdale 001A": "Allerdale 001A",
		"Bournemouth, Christchurch and Poole 017D": `"Bournemouth, Christchurch and Poole 017D"`,
		`say "hi"`:              `"say ""hi"""`,
		"On or near Pant Y Dŵr": "On or near Pant Y Dŵr",
		"":                      "",
	} {
		if got := string(appendField(nil, in)); got != want {
			t.Errorf("appendField(%q) = %s, want %s", in, got, want)
		}
	}
	if got := string(appendCoord(nil, round6(-0.0000001))); got != "0.000000" {
		t.Errorf("tiny negative coordinate formats as %s", got)
	}
	id := [4]uint64{0x0123456789abcdef, 0, ^uint64(0), 1}
	if got := string(appendHexID(nil, &id)); len(got) != 64 || !strings.HasPrefix(got, "0123456789abcdef0000") {
		t.Errorf("id %s", got)
	}
}

func TestAliasAndGeom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	a := newAlias([]float64{1, 0, 3})
	var n [3]int
	for range 40000 {
		n[a.pick(r)]++
	}
	if n[1] != 0 || n[2] < 2*n[0] || n[2] > 4*n[0] {
		t.Errorf("alias picks %v for weights 1, 0, 3", n)
	}
	g := newGeom(1.5)
	sum := 0
	for range 40000 {
		sum += g.draw(r)
	}
	if mean := float64(sum) / 40000; mean < 1.4 || mean > 1.6 {
		t.Errorf("geometric mean %.2f, want 1.5", mean)
	}
}

package pmtiles

import "testing"

func TestZxyToIDKnownValues(t *testing.T) {
	// Tile ids count the tiles of all lower zooms, then follow the Hilbert
	// curve. The z12 and z15 values are the ones PMTiles implementations
	// commonly test against; ../../../shared/tools/pmcheck.py, written
	// independently, decodes them to the same tiles.
	tests := []struct {
		z    uint8
		x, y uint32
		id   uint64
	}{
		{0, 0, 0, 0},
		{1, 0, 0, 1}, {1, 0, 1, 2}, {1, 1, 1, 3}, {1, 1, 0, 4},
		{2, 0, 0, 5}, {2, 1, 0, 6}, {2, 1, 1, 7}, {2, 0, 1, 8},
		{2, 0, 2, 9}, {2, 0, 3, 10}, {2, 1, 3, 11}, {2, 1, 2, 12},
		{2, 2, 2, 13}, {2, 2, 3, 14}, {2, 3, 3, 15}, {2, 3, 2, 16},
		{2, 3, 1, 17}, {2, 2, 1, 18}, {2, 2, 0, 19}, {2, 3, 0, 20},
		{3, 0, 0, 21},
		{12, 3423, 1763, 19078479},
		{15, 27360, 15138, 1222593891},
		{MaxZoom, 0, 0, (1<<62 - 1) / 3},
	}
	for _, tt := range tests {
		if got := ZxyToID(tt.z, tt.x, tt.y); got != tt.id {
			t.Errorf("ZxyToID(%d, %d, %d) = %d, want %d", tt.z, tt.x, tt.y, got, tt.id)
		}
		z, x, y := IDToZxy(tt.id)
		if z != tt.z || x != tt.x || y != tt.y {
			t.Errorf("IDToZxy(%d) = %d/%d/%d, want %d/%d/%d", tt.id, z, x, y, tt.z, tt.x, tt.y)
		}
	}
}

func TestHilbertRoundTripLowZooms(t *testing.T) {
	// Every tile of z0..z8 maps to the next id in turn: the ids of a zoom are
	// a permutation of its range, and the zooms follow each other.
	var want uint64
	for z := uint8(0); z <= 8; z++ {
		n := uint32(1) << z
		seen := make([]bool, uint64(n)*uint64(n))
		for x := uint32(0); x < n; x++ {
			for y := uint32(0); y < n; y++ {
				id := ZxyToID(z, x, y)
				pos := id - zoomStart(z)
				if id < zoomStart(z) || pos >= uint64(len(seen)) || seen[pos] {
					t.Fatalf("z%d: tile %d/%d id %d is out of range or repeated", z, x, y, id)
				}
				seen[pos] = true
				if gz, gx, gy := IDToZxy(id); gz != z || gx != x || gy != y {
					t.Fatalf("IDToZxy(ZxyToID(%d, %d, %d)) = %d/%d/%d", z, x, y, gz, gx, gy)
				}
			}
		}
		want += uint64(len(seen))
		if zoomStart(z+1) != want {
			t.Fatalf("zoomStart(%d) = %d, want %d", z+1, zoomStart(z+1), want)
		}
	}
}

func TestHilbertNeighbours(t *testing.T) {
	// The defining property of the curve: consecutive ids are adjacent tiles.
	for z := uint8(1); z <= 6; z++ {
		pz, px, py := IDToZxy(zoomStart(z))
		for id := zoomStart(z) + 1; id < zoomStart(z+1); id++ {
			nz, nx, ny := IDToZxy(id)
			dx, dy := int64(nx)-int64(px), int64(ny)-int64(py)
			if nz != pz || dx*dx+dy*dy != 1 {
				t.Fatalf("ids %d and %d are %d/%d/%d and %d/%d/%d, not neighbours", id-1, id, pz, px, py, nz, nx, ny)
			}
			pz, px, py = nz, nx, ny
		}
	}
}

func TestHilbertExtremes(t *testing.T) {
	last := uint32(1)<<MaxZoom - 1
	for _, c := range [][3]uint32{{MaxZoom, last, last}, {MaxZoom, 0, last}, {MaxZoom, last, 0}, {MaxZoom, 12345, 678910}, {20, 1 << 19, 1<<20 - 1}} {
		z, x, y := uint8(c[0]), c[1], c[2]
		id := ZxyToID(z, x, y)
		if !ValidID(id) {
			t.Errorf("ZxyToID(%d, %d, %d) = %d, not a valid id", z, x, y, id)
		}
		if gz, gx, gy := IDToZxy(id); gz != z || gx != x || gy != y {
			t.Errorf("IDToZxy(ZxyToID(%d, %d, %d)) = %d/%d/%d", z, x, y, gz, gx, gy)
		}
	}
	if z, _, _ := IDToZxy(idLimit - 1); z != MaxZoom {
		t.Errorf("IDToZxy(idLimit-1) is at zoom %d, want %d", z, MaxZoom)
	}
	if ValidID(idLimit) {
		t.Error("ValidID(idLimit) = true")
	}
	for _, c := range [][3]uint32{{0, 1, 0}, {0, 0, 1}, {3, 8, 0}, {MaxZoom + 1, 0, 0}} {
		if ValidTile(uint8(c[0]), c[1], c[2]) {
			t.Errorf("ValidTile(%v) = true", c)
		}
	}
}

func TestHilbertPanicsOutOfRange(t *testing.T) {
	for name, f := range map[string]func(){
		"ZxyToID": func() { ZxyToID(2, 4, 0) },
		"IDToZxy": func() { IDToZxy(idLimit) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
}

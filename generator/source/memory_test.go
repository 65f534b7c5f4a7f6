package source

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// TestHeldMemoryDoesNotGrowWithRows loads the same locations, forces and
// months with four times the rows, and checks that the store held after a
// load with a spill does not grow with them, while one without a spill
// does (so the measure can tell).
func TestHeldMemoryDoesNotGrowWithRows(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a million rows")
	}
	const locations, months = 2000, 3
	dataset := func(perLoc int) fstest.MapFS {
		fsys := fstest.MapFS{}
		for m := 1; m <= months; m++ {
			for _, force := range []string{"north", "south"} {
				var b strings.Builder
				b.WriteString(streetHead)
				for i := range locations * perLoc {
					l := i % locations
					fmt.Fprintf(&b, "%064x,2025-%02d,T,T,-1.%06d,53.%06d,On or near Street %d,E01%06d,Town %03dA,Burglary,Under investigation,\n",
						i+1, m, l, l, l%97, l%500, l%500)
				}
				name := fmt.Sprintf("2025-%02d/2025-%02d-%s-street.csv", m, m, force)
				fsys[name] = &fstest.MapFile{Data: []byte(b.String())}
			}
		}
		return fsys
	}
	held := func(fsys fstest.MapFS, spill bool) (rows int, bytes uint64) {
		opt := Options{}
		if spill {
			sp, err := store.NewSpill(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer sp.Close()
			opt.Spill = sp
		}
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		st, _, err := Load(&Input{FS: fsys, Root: "."}, validate.NewReport(), opt)
		if err != nil {
			t.Fatal(err)
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if st.Locs.Len() != locations {
			t.Fatalf("%d locations, want %d", st.Locs.Len(), locations)
		}
		rows = st.CrimeRows()
		runtime.KeepAlive(st)
		return rows, after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
	}
	small, large := dataset(20), dataset(80)
	for _, spill := range []bool{true, false} {
		n1, b1 := held(small, spill)
		n4, b4 := held(large, spill)
		if n4 != 4*n1 {
			t.Fatalf("rows %d and %d", n1, n4)
		}
		perRow := (float64(b4) - float64(b1)) / float64(n4-n1)
		t.Logf("spill %v: %d rows held in %d bytes, %d rows in %d: %.2f bytes a row", spill, n1, b1, n4, b4, perRow)
		switch {
		case spill && perRow > 0.25:
			t.Errorf("with a spill the store grows by %.2f bytes a row", perRow)
		case !spill && perRow < 5:
			t.Errorf("without a spill the store grows by only %.2f bytes a row: the measure cannot tell", perRow)
		}
	}
}

package tiles

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
)

// FormatVersion changes whenever the same rows would give different tiles,
// so archives from an older build are not reused. 7: month tiles gzipped
// at GzipLevel 3 rather than the default 5.
const FormatVersion = 7

// MonthKey identifies what a month's archive is made from: the month's
// street and stop-and-search files, by content, and the tile settings. Two
// builds with the same key write the same archive.
func MonthKey(st *store.Store, m crime.Month, opt Options) string {
	h := sha256.New()
	fmt.Fprintf(h, "crimemap tiles v%d zoom %d-%d cell %d\n", FormatVersion, opt.MinZoom, opt.MaxZoom, opt.CellBits)
	for _, in := range st.Inputs {
		if in.Month == m && in.Kind != "outcomes" {
			fmt.Fprintf(h, "%s %x\n", in.Path, in.Hash)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// BoundaryKey identifies what the boundaries archive is made from: every
// area's identity and shape, and the settings. Two builds with the same key
// write the same archive.
func BoundaryKey(forces, nbhds []Area, opt BoundaryOptions) string {
	h := sha256.New()
	fmt.Fprintf(h, "crimemap boundaries v%d zoom %d nbhd %d grid %d\n", FormatVersion, opt.MaxZoom, opt.NeighbourhoodZoom, opt.GridBits)
	var b [8]byte
	for _, list := range [][]Area{forces, nbhds} {
		fmt.Fprintf(h, "%d areas\n", len(list))
		for _, a := range list {
			fmt.Fprintf(h, "%q %q %q %d\n", a.ID, a.Name, a.Force, len(a.Shape))
			for _, poly := range a.Shape {
				fmt.Fprintf(h, "%d\n", len(poly))
				for _, ring := range poly {
					fmt.Fprintf(h, "%d\n", len(ring))
					for _, pt := range ring {
						binary.LittleEndian.PutUint64(b[:], math.Float64bits(pt[0]))
						h.Write(b[:])
						binary.LittleEndian.PutUint64(b[:], math.Float64bits(pt[1]))
						h.Write(b[:])
					}
				}
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

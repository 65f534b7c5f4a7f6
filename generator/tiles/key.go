package tiles

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/pmtiles"
	"github.com/crimemap/crimemap/generator/store"
)

// FormatVersion changes whenever the same rows would give different tiles,
// so archives from an older build are not reused.
const FormatVersion = 2

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

// ArchiveKey returns the key recorded in an archive's metadata, or false if
// the file is missing or unreadable.
func ArchiveKey(path string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", false
	}
	r, err := pmtiles.Open(f, info.Size())
	if err != nil {
		return "", false
	}
	meta, err := r.Metadata()
	if err != nil {
		return "", false
	}
	var m struct {
		Input string `json:"input"`
	}
	if json.Unmarshal(meta, &m) != nil || m.Input == "" {
		return "", false
	}
	return m.Input, true
}

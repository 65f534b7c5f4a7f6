package downloads

import (
	"fmt"
	"strings"

	"github.com/crimemap/crimemap/generator/output"
)

// SumsPath is the checksum list of every download.
const SumsPath = "data/SHA256SUMS"

// writeSums writes data/SHA256SUMS in the format sha256sum -c reads (hash,
// two spaces, path), with paths relative to data/, so that
//
//	cd data && sha256sum -c SHA256SUMS
//
// checks every download. ds must be sorted by path.
func writeSums(out *output.Dir, ds []Download) (int64, error) {
	var b strings.Builder
	for _, d := range ds {
		rel, ok := strings.CutPrefix(d.Path, "data/")
		if !ok {
			return 0, fmt.Errorf("sums: %s is not under data/", d.Path)
		}
		fmt.Fprintf(&b, "%s  %s\n", d.SHA256, rel)
	}
	if err := out.Write(SumsPath, []byte(b.String())); err != nil {
		return 0, fmt.Errorf("sums: %w", err)
	}
	return int64(b.Len()), nil
}

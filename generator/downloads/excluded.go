package downloads

import (
	"io"
	"strconv"

	"github.com/crimemap/crimemap/generator/output"
)

// ExcludedPath lists every line cut from the archives.
const ExcludedPath = "data/excluded.csv"

// writeExcluded writes data/excluded.csv: for each run of lines the loader
// left out, the input file, the archive entry it would be in, its first
// and last line (empty: to the end of the file) and the reason. With it, an
// archive can be checked against the published input line by line.
func (res *Result) writeExcluded(out *output.Dir) (Download, error) {
	d := Download{Path: ExcludedPath, Kind: ExcludedList}
	return stream(out, d, func(w io.Writer) (int, error) {
		cw := newCSV(w)
		cw.row("file", "entry", "first_line", "last_line", "reason")
		n := 0
		for _, xf := range res.Excluded {
			for _, x := range xf.Exclusions {
				last := ""
				if x.To > 0 {
					last = strconv.Itoa(x.To - 1)
				}
				cw.row(xf.Path, xf.Entry, strconv.Itoa(x.From), last, x.Reason)
				n++
			}
		}
		return n, cw.flush()
	})
}

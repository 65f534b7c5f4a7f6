package source

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/validate"
)

// ErrNoData is wrapped by NoData's error.
var ErrNoData = errors.New("no crime data")

// NoData says, as an error wrapping ErrNoData, that what Load read has no
// data: no data file, or no usable row in them; nil otherwise. A site
// built from such input would replace the published one with empty
// pages, and it nearly always means a wrong path, so a build stops on it.
func NoData(in *Input, stats Stats, report *validate.Report) error {
	if stats.Files == 0 {
		return fmt.Errorf("%w in %s: %s", ErrNoData, in.Path, describe(in, report))
	}
	if stats.Kept == 0 {
		return fmt.Errorf("%w in %s: its %s hold %s, none of them usable (see the problems reported above)",
			ErrNoData, in.Path, format.Counted(int64(stats.Files), "data file", "data files"), format.Counted(int64(stats.Rows), "row", "rows"))
	}
	return nil
}

// describe says what an input with no data files holds instead, so that
// the error names what was found: nothing, other files, or files and
// links that were left out and why.
func describe(in *Input, report *validate.Report) string {
	entries, err := fs.ReadDir(in.FS, in.Root)
	if err != nil {
		return fmt.Sprintf("it cannot be read (%v)", err)
	}
	var b strings.Builder
	if len(entries) == 0 {
		b.WriteString("it is empty")
	} else {
		var names []string
		folders := 0
		for _, e := range entries {
			name := e.Name()
			switch {
			case e.Type()&fs.ModeSymlink != 0:
				name += " (a symbolic link)"
			case e.IsDir():
				name += "/"
				folders++
			}
			if len(names) < 6 {
				names = append(names, name)
			}
		}
		if len(entries) > len(names) {
			names = append(names, "…")
		}
		fmt.Fprintf(&b, "it holds %s and %s (%s), none of them data files", format.Counted(int64(len(entries)-folders), "file", "files"), format.Counted(int64(folders), "folder", "folders"), strings.Join(names, ", "))
	}
	var left []string
	for _, p := range report.Examples() {
		if p.Severity == validate.Excluded && len(left) < 3 {
			left = append(left, p.File+": "+p.Detail)
		}
	}
	if len(left) > 0 {
		fmt.Fprintf(&b, "; left out: %s", strings.Join(left, "; "))
	}
	b.WriteString(". Data files are named YYYY-MM/YYYY-MM-<force>-street.csv (and -outcomes.csv, -stop-and-search.csv), " +
		"as in the data.police.uk archive; check the --data path")
	return b.String()
}

package changes

import (
	"bytes"
	"encoding/csv"
	"fmt"

	"github.com/crimemap/crimemap/generator/downloads"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/store"
)

// CSVName names a force's file of changes in its downloads folder.
const CSVName = "changes.csv"

// CSVPath is a force's file of changes.
func CSVPath(force string) string { return downloads.ForceDir(force) + CSVName }

// csvHeader are the columns of the file.
var csvHeader = []string{"month", "crime_id", "change", "category", "previous_outcome", "outcome"}

// WriteCSV writes every force's changes, just the header when there is
// nothing to compare. Each file is written whole, not streamed, so that an
// unchanged one is linked from the previous site like any other file.
func WriteCSV(out *output.Dir, st *store.Store, res *Result) error {
	for f := range st.Forces {
		var fc *Force
		if f < len(res.Forces) {
			fc = &res.Forces[f]
		}
		b, err := CSV(fc)
		if err != nil {
			return err
		}
		if err := out.Write(CSVPath(st.Forces[f].Slug), b); err != nil {
			return fmt.Errorf("changes: %w", err)
		}
	}
	return nil
}

// CSV returns a force's changes as CSV; fc nil gives the header alone.
func CSV(fc *Force) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(csvHeader)
	if fc != nil {
		for i := range fc.Changes {
			c := &fc.Changes[i]
			w.Write([]string{c.Month.String(), safeCell(c.IDText()), c.Kind.String(), c.Category.String(),
				c.Previous.String(), c.Outcome.String()})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("changes csv: %w", err)
	}
	return b.Bytes(), nil
}

// safeCell defuses a cell a spreadsheet would run as a formula, as the
// downloads package does for its generated CSVs: a Crime ID that is not 64
// hex digits is published text and may start with = + - @ (or a tab or
// carriage return). The other columns are the program's own words.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

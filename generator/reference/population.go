package reference

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/crimemap/crimemap/generator/validate"
)

// lsoaCode matches the ONS codes of LSOAs (E01…, W01…) and of the areas
// other nations use in their place (Scotland's data zones, S01…).
var lsoaCode = regexp.MustCompile(`^[A-Z][0-9]{8}$`)

// ReadPopulation reads population.csv: a header naming an LSOA code column
// (lsoacd, "LSOA code", LSOA21CD, ...) and a population column, in any case,
// other columns ignored. Bad rows (an unknown code shape, a population that
// is not a whole number, a code seen before) are reported to report, which
// may be nil, and skipped. The error is for a file without those columns
// or that cannot be read.
func ReadPopulation(r io.Reader, file string, report *validate.Report) (map[string]int, error) {
	return readByLSOA(r, file, report, "a population", func(t *table, line int, f []string) (int, bool) {
		n, ok := residents(f[0])
		if !ok {
			t.problem(line, validate.BadReference, validate.Excluded, fmt.Sprintf("population %q is not a whole number", f[0]))
		}
		return n, ok
	}, column{"population", oneOf("population")})
}

// readByLSOA reads a table keyed by LSOA code: the code column, then cols.
// value reads a row's fields after the code, reports what is wrong with
// them and says false to skip the row. A row with a code of the wrong
// shape, or one seen before, is reported and skipped; what names the
// figures a code has in that report ("a population").
func readByLSOA[T any](r io.Reader, file string, report *validate.Report, what string,
	value func(t *table, line int, f []string) (T, bool), cols ...column) (map[string]T, error) {
	t, err := openTable(r, file, report, append([]column{lsoaColumn}, cols...)...)
	if err != nil {
		return nil, err
	}
	out := map[string]T{}
	first := map[string]int{} // code → line, for duplicates
	f := make([]string, 1+len(cols))
	for {
		line, err := t.next(f)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		code := strings.ToUpper(f[0])
		if !lsoaCode.MatchString(code) {
			t.problem(line, validate.BadReference, validate.Excluded, fmt.Sprintf("%q is not an LSOA code", f[0]))
			continue
		}
		v, ok := value(t, line, f[1:])
		if !ok {
			continue
		}
		if l, dup := first[code]; dup {
			t.problem(line, validate.BadReference, validate.Excluded, fmt.Sprintf("%s already has %s, on line %d", code, what, l))
			continue
		}
		first[code] = line
		out[code] = v
	}
}

// lsoaColumn finds the LSOA code column of a population table, however a
// census download names it (LSOA21CD, lsoa_code, ...).
var lsoaColumn = column{"LSOA code", func(h string) bool {
	return h == "lsoa" || strings.HasPrefix(h, "lsoa") && (strings.HasSuffix(h, "cd") || strings.HasSuffix(h, "code"))
}}

// residents reads a count of residents; thousands separators come from
// spreadsheets.
func residents(s string) (int, bool) {
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	return n, err == nil && n >= 0
}

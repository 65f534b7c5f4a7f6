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
	t, err := openTable(r, file, report,
		lsoaColumn,
		column{"population", oneOf("population")},
	)
	if err != nil {
		return nil, err
	}
	pop := map[string]int{}
	first := map[string]int{} // code → line, for duplicates
	f := make([]string, 2)
	for {
		line, err := t.next(f)
		if err == io.EOF {
			return pop, nil
		}
		if err != nil {
			return nil, err
		}
		code := strings.ToUpper(f[0])
		if !lsoaCode.MatchString(code) {
			t.problem(line, validate.BadReference, validate.Excluded, fmt.Sprintf("%q is not an LSOA code", f[0]))
			continue
		}
		n, ok := residents(f[1])
		if !ok {
			t.problem(line, validate.BadReference, validate.Excluded, fmt.Sprintf("population %q is not a whole number", f[1]))
			continue
		}
		if l, dup := first[code]; dup {
			t.problem(line, validate.BadReference, validate.Excluded, fmt.Sprintf("%s already has a population, on line %d", code, l))
			continue
		}
		first[code] = line
		pop[code] = n
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

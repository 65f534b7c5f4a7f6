package reference

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"

	"github.com/crimemap/crimemap/generator/validate"
)

// EthnicityFile is the optional file of residents by ethnic group, beside
// population.csv.
const EthnicityFile = "population-ethnicity.csv"

// EthnicGroup is one of the top-level ethnic groups of the census and of
// stop and search's self-defined ethnicity.
type EthnicGroup uint8

// The groups, in the census's order.
const (
	Asian EthnicGroup = iota
	Black
	Mixed
	White
	OtherEthnic
	NumEthnicGroups
)

var ethnicGroupNames = [NumEthnicGroups]string{
	"Asian or Asian British", "Black or Black British", "Mixed or multiple ethnic groups", "White", "Other ethnic group",
}

// String names the group for people.
func (g EthnicGroup) String() string { return ethnicGroupNames[g] }

// EthnicCounts are residents by group.
type EthnicCounts [NumEthnicGroups]int

// ethnicColumns match the header of each group's column, normalised as
// every reference header is (lower case, no spaces, '_' or '-'): the short
// names, the census's long ones and the stop-and-search wording.
var ethnicColumns = [NumEthnicGroups]column{
	{"asian", oneOf("asian", "asianorasianbritish", "asian/asianbritish", "asian,asianbritishorasianwelsh")},
	{"black", oneOf("black", "blackorblackbritish", "black/african/caribbean/blackbritish", "black,blackbritish,blackwelsh,caribbeanorafrican")},
	{"mixed", oneOf("mixed", "mixedormultipleethnicgroups", "mixed/multipleethnicgroups")},
	{"white", oneOf("white")},
	{"other", oneOf("other", "otherethnicgroup")},
}

// ReadEthnicity reads population-ethnicity.csv: a header naming an LSOA
// code column, as population.csv's does, and one column per group (asian,
// black, mixed, white, other; the census's longer names work too), in any
// order, other columns ignored. Bad rows are reported to report, which may
// be nil, and skipped, as ReadPopulation does. The error is for a file
// without those columns or that cannot be read.
func ReadEthnicity(r io.Reader, file string, report *validate.Report) (map[string]EthnicCounts, error) {
	return readByLSOA(r, file, report, "residents by ethnic group", func(t *table, line int, f []string) (EthnicCounts, bool) {
		var c EthnicCounts
		for g := range NumEthnicGroups {
			n, ok := residents(f[g])
			if !ok {
				t.problem(line, validate.BadReference, validate.Excluded,
					fmt.Sprintf("%s residents %q is not a whole number", ethnicColumns[g].name, f[g]))
				return c, false
			}
			c[g] = n
		}
		return c, true
	}, ethnicColumns[:]...)
}

// LoadEthnicity reads dir/population-ethnicity.csv from fsys when it is
// there; nil when it is not. Problems go to report as Load's do, and a file
// that cannot be used at all is reported and left out, since reference data
// never stops a build.
func LoadEthnicity(fsys fs.FS, dir string, report *validate.Report) map[string]EthnicCounts {
	if report == nil {
		report = validate.NewReport()
	}
	p := path.Join(dir, EthnicityFile)
	f, err := fsys.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		report.Add(validate.Problem{File: p, Reason: validate.UnreadableFile, Severity: validate.Excluded, Detail: err.Error()})
		return nil
	}
	defer f.Close()
	out, err := ReadEthnicity(f, p, report)
	if err != nil {
		line := 0
		var le *LineError
		if errors.As(err, &le) {
			line = le.Line
		}
		report.Add(validate.Problem{File: p, Line: line, Reason: validate.BadReference, Severity: validate.Excluded,
			Detail: fmt.Sprintf("file left out: %v", err)})
		return nil
	}
	return out
}

package source

import (
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/validate"
)

// FuzzParseStreet feeds arbitrary rows to the street-file parser: it must
// never panic, and every data row must be either kept or reported.
func FuzzParseStreet(f *testing.F) {
	f.Add(goodRow)
	f.Add(",2025-01,T,T,abc,53.5,On or near X,E01,T 001A,Burglary,,\n")
	f.Add(",2025-01,T,T,-1.5,53.5,\"On or near \"\"X\"\"\",E01,\"T, 001A\",Burglary,Under investigation,\r\n")
	f.Add(",2025-01,T,T,,,No Location,,,Drugs,,\n,2025-01,T,T,-1.5,53.5\n")
	f.Fuzz(func(t *testing.T, rows string) {
		file := File{Path: "2025-01/2025-01-test-street.csv", Month: crime.MakeMonth(2025, 1), Force: "test", Kind: Street}
		p := parseFile(file, strings.NewReader(streetHead+rows))
		excluded := 0
		for _, pr := range p.problems {
			if pr.Severity == validate.Excluded {
				excluded++
			}
			if pr.Line < 2 && !p.skipped {
				t.Errorf("problem on line %d: %v", pr.Line, pr)
			}
		}
		if kept := p.crimes.Len(); kept+excluded != p.rows {
			t.Errorf("%d rows read, %d kept, %d excluded", p.rows, kept, excluded)
		}
		for i, c := range p.crimes.Cat {
			if c == 0 || c >= crime.NumCategories || int(p.crimes.Out[i]) >= crime.NumOutcomes {
				t.Errorf("row %d has category %d outcome %d", i, c, p.crimes.Out[i])
			}
		}
	})
}

package reference

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/validate"
)

// problems returns the report's examples (sorted by force, reason, file and
// line) as "file | line | reason | severity | detail" for compact comparison.
func problems(r *validate.Report) []string {
	var out []string
	for _, p := range r.Examples() {
		out = append(out, strings.Join([]string{p.File, strconv.Itoa(p.Line), string(p.Reason), p.Severity.String(), p.Detail}, " | "))
	}
	return out
}

func TestReadPopulation(t *testing.T) {
	in := "\ufeffLSOA Code,LSOA name,Population\r\n" +
		"E01011949,Hartlepool 001A,1866\r\n" +
		"e01011950,Hartlepool 001B,\"1,094\"\r\n" +
		"W01001961,,  2327 \r\n" +
		"E01011951,x,-3\r\n" +
		"E01011952,x,12.5\r\n" +
		"XYZ,x,5\r\n" +
		"E01011949,dup,7\r\n" +
		"E01011953\r\n" +
		"E01011954,\"bad \"quote\",3\r\n" +
		"E01011955,x,5\r\n"
	r := validate.NewReport()
	pop, err := ReadPopulation(strings.NewReader(in), "population.csv", r)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"E01011949": 1866, "E01011950": 1094, "W01001961": 2327, "E01011955": 5}
	if !reflect.DeepEqual(pop, want) {
		t.Errorf("population = %v, want %v", pop, want)
	}
	wantProblems := []string{
		"population.csv | 10 | bad-csv | excluded | extraneous or missing \" in quoted-field",
		"population.csv | 5 | bad-reference | excluded | population \"-3\" is not a whole number",
		"population.csv | 6 | bad-reference | excluded | population \"12.5\" is not a whole number",
		"population.csv | 7 | bad-reference | excluded | \"XYZ\" is not an LSOA code",
		"population.csv | 8 | bad-reference | excluded | E01011949 already has a population, on line 2",
		"population.csv | 9 | wrong-column-count | excluded | 1 fields; the columns used need 3",
	}
	if got := problems(r); !reflect.DeepEqual(got, wantProblems) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
	}
}

func TestReadPopulationHeaders(t *testing.T) {
	for _, header := range []string{"lsoacd,population", "LSOA21CD,POPULATION", "lsoa11cd,Population", "LSOA_code,population", "lsoa,population"} {
		pop, err := ReadPopulation(strings.NewReader(header+"\nE01000001,5\n"), "p.csv", nil)
		if err != nil || pop["E01000001"] != 5 {
			t.Errorf("header %q: %v, %v", header, pop, err)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"", "empty file"},
		{"code,population\n", "no LSOA code column"},
		{"lsoacd,people\n", "no population column"},
		{"\"lsoacd,population\n", "extraneous or missing \" in quoted-field"},
	} {
		_, err := ReadPopulation(strings.NewReader(tt.in), "p.csv", nil)
		var le *LineError
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.As(err, &le) {
			t.Errorf("ReadPopulation(%q): err = %v, want a line error %q", tt.in, err, tt.want)
		}
	}
}

func TestNormalisePostcode(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"SW1A 1AA", "SW1A 1AA", true},
		{"sw1a1aa", "SW1A 1AA", true},
		{" m1  1ae ", "M1 1AE", true},
		{"B338TH", "B33 8TH", true},
		{"CR2 6XH", "CR2 6XH", true},
		{"DN55 1PT", "DN55 1PT", true},
		{"AB10", "AB10", true},
		{"w1a", "W1A", true},
		{"E1W", "E1W", true},
		{"GIR 0AA", "GIR 0AA", true},
		{"ZE3", "ZE3", true},
		{"", "", false},
		{"SW1A 1A", "", false},
		{"1AB 2CD", "", false},
		{"ABC1", "", false},
		{"SW1A 1AAA", "", false},
		{"SW1A-1AA", "", false},
	} {
		got, ok := NormalisePostcode(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalisePostcode(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestReadPostcodes(t *testing.T) {
	in := "pcds,oseast1m,lat,long\n" +
		"SW1A 1AA,529090,51.501009,-0.141588\n" +
		"ab101aa,,57.1,-2.1\n" +
		"AB10,,57.13514,-2.11731\n" +
		"ZZ99 9ZZ,,99.999999,0.000000\n" +
		"B1 1AA,,,\n" +
		"B1 1AB,,NaN,1\n" +
		"nonsense,,52,-1\n" +
		"sw1a 1aa,,51,-1\n"
	r := validate.NewReport()
	got, err := ReadPostcodes(strings.NewReader(in), "postcodes.csv", r)
	if err != nil {
		t.Fatal(err)
	}
	want := []Postcode{
		{Code: "AB10", Lon: -2.11731, Lat: 57.13514},
		{Code: "AB10 1AA", Lon: -2.1, Lat: 57.1},
		{Code: "SW1A 1AA", Lon: -0.141588, Lat: 51.501009},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("postcodes = %v, want %v", got, want)
	}
	wantProblems := []string{
		"postcodes.csv | 5 | bad-coordinates | excluded | ZZ99 9ZZ: coordinate 0,99.999999 is outside longitude -180..180 and latitude -90..90",
		"postcodes.csv | 6 | bad-coordinates | excluded | B1 1AA: latitude \"\", longitude \"\" are not numbers",
		"postcodes.csv | 7 | bad-coordinates | excluded | B1 1AB: coordinate 1,NaN is not a finite number",
		"postcodes.csv | 8 | bad-reference | excluded | \"nonsense\" is not a postcode",
		"postcodes.csv | 9 | bad-reference | excluded | SW1A 1AA already on line 2",
	}
	if got := problems(r); !reflect.DeepEqual(got, wantProblems) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
	}
	if _, err := ReadPostcodes(strings.NewReader("postcode,latitude\nAB10,57\n"), "p.csv", nil); err == nil || !strings.Contains(err.Error(), "no longitude column") {
		t.Errorf("missing longitude column: err = %v", err)
	}
}

package site

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/internal/buildtest"
)

// The transparency fixture: 25 months, March 2023 to March 2025, so the
// 12 months to March 2025 have a whole year before them.
//
//   - gamma (Gamma Police): 20 crimes a month, 18 in Gammaton 001
//     (population 5,000) and 2 in the tiny Gammaton 002 (800 residents);
//     no street file for June 2024 (missing), 4 crimes in January 2025 (far
//     below its usual 20: low), and an outcomes file every published month
//     but March 2025 (no outcomes yet). Its LSOAs have no residents by
//     ethnic group.
//   - delta (Delta Constabulary): complete; 15 crimes a month in the year
//     to March 2024, 18 in the year to March 2025 (+20.0%), 10,000
//     residents (21.6 crimes per 1,000), residents by ethnic group, and 45
//     stops in March 2025 by self-defined ethnicity.
//   - epsilon (Epsilon Service): no LSOA codes, so no population; 5 crimes
//     a month, one of them with no location; 12 stops, all White.
const (
	fixFirst      = "2023-03"
	fixMonths     = 25
	gammaMissing  = "2024-06"
	gammaLow      = "2025-01"
	gammaNoOutcom = "2025-03"
)

const (
	streetHead   = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"
	outcomesHead = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n"
	stopsHead    = "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing\n"
)

func writeFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	put := func(rel, body string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	first, err := crime.ParseMonth([]byte(fixFirst))
	if err != nil {
		t.Fatal(err)
	}
	row := func(m, force, lon, lat, street, lsoa, lsoaName, outcome string) string {
		return fmt.Sprintf(",%s,%s,%s,%s,%s,On or near %s,%s,%s,Burglary,%s,\n", m, force, force, lon, lat, street, lsoa, lsoaName, outcome)
	}
	for i := range fixMonths {
		m := first.Add(i).String()
		path := func(force, kind string) string { return m + "/" + m + "-" + force + "-" + kind + ".csv" }
		if m != gammaMissing {
			n001, n002 := 18, 2
			if m == gammaLow {
				n001, n002 = 3, 1
			}
			var b strings.Builder
			b.WriteString(streetHead)
			for range n001 {
				b.WriteString(row(m, "Gamma Police", "-1.500000", "53.500000", "High Street", "E01000010", "Gammaton 001A", "Under investigation"))
			}
			for range n002 {
				b.WriteString(row(m, "Gamma Police", "-1.600000", "53.600000", "Mill Lane", "E01000020", "Gammaton 002A", "Under investigation"))
			}
			put(path("gamma", "street"), b.String())
			if m != gammaNoOutcom {
				put(path("gamma", "outcomes"), outcomesHead+
					fmt.Sprintf(",%s,Gamma Police,Gamma Police,-1.500000,53.500000,On or near High Street,E01000010,Gammaton 001A,Under investigation\n", m))
			}
		}
		d := 15
		if i >= fixMonths-12 {
			d = 18
		}
		var b strings.Builder
		b.WriteString(streetHead)
		for range d {
			b.WriteString(row(m, "Delta Constabulary", "-1.200000", "52.500000", "Station Road", "E01000030", "Deltaville 001A", "Under investigation"))
		}
		put(path("delta", "street"), b.String())
		b.Reset()
		b.WriteString(streetHead)
		for range 4 {
			b.WriteString(row(m, "Epsilon Service", "-6.000000", "54.600000", "Main Street", "", "", ""))
		}
		b.WriteString(fmt.Sprintf(",%s,Epsilon Service,Epsilon Service,,,No Location,,,Drugs,,\n", m))
		put(path("epsilon", "street"), b.String())
	}
	last := first.Add(fixMonths - 1).String()
	stop := func(lat, lon, eth string) string {
		return fmt.Sprintf("Person search,%s-05T10:00:00+00:00,False,,%s,%s,Male,18-24,%s,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,True,False\n", last, lat, lon, eth)
	}
	var b strings.Builder
	b.WriteString(stopsHead)
	for eth, n := range map[string]int{
		"White - English/Welsh/Scottish/Northern Irish/British": 24,
		"Asian/Asian British - Indian":                          12,
		"Black/African/Caribbean/Black British - African":       6,
		"Other ethnic group - Not stated":                       3,
	} {
		for range n {
			b.WriteString(stop("52.500000", "-1.200000", eth))
		}
	}
	put(last+"/"+last+"-delta-stop-and-search.csv", b.String())
	b.Reset()
	b.WriteString(stopsHead)
	for range 12 {
		b.WriteString(stop("54.600000", "-6.000000", "White - Irish"))
	}
	put(last+"/"+last+"-epsilon-stop-and-search.csv", b.String())
	put("reference/population.csv", "lsoacd,population\nE01000010,5000\nE01000020,800\nE01000030,10000\n")
	put("reference/population-ethnicity.csv", "LSOA21CD,White,Black,Asian,Mixed,Other\nE01000030,8000,400,1500,60,40\n")
	return dir
}

func TestBuildTransparency(t *testing.T) {
	data := writeFixture(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out}); err != nil {
		t.Fatal(err)
	}
	// What a reader sees: text without tags, entities decoded.
	page := func(rel string) string {
		return html.UnescapeString(buildtest.Text(read(t, filepath.Join(out, filepath.FromSlash(rel)))))
	}
	check := func(name, got string, want, not []string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
		for _, w := range not {
			if strings.Contains(got, w) {
				t.Errorf("%s has %q", name, w)
			}
		}
	}

	gamma := page("forces/gamma/index.html")
	check("gamma", gamma, []string{
		// Badges in the list of incomplete months, with the reasons.
		"Incomplete months",
		"June 2024: not published: the force published no street-level crime file",
		"January 2025: far below usual: 4 crimes, under half the usual 20 (the median of the force's published months in the 12 before it)",
		"March 2025: no outcomes yet",
		// Every month in the table says whether it is complete.
		"June 2024 not published incomplete: not published",
		"January 2025 4 (far below usual) incomplete: far below usual",
		"March 2025 20 (no outcomes yet) incomplete: no outcomes yet",
		"February 2025 20 complete",
		"20 crimes in March 2025 (incomplete: no outcomes yet)",
		// 11 published months: 10 of 20 and January's 4.
		"204 crimes in the 12 months April 2024 to March 2025 (1 of the months not published), of which 0 (0.0%) have no location",
		"No rate per 1,000 residents is given: some months of the 12 were not published.",
		"No change on a year earlier is given: the 12 months April 2024 to March 2025 are not complete.",
		"Outcomes are incomplete: the force has published no outcomes yet for March 2025",
	}, []string{"crimes per 1,000 residents in the 12 months ("})
	if raw := read(t, filepath.Join(out, "forces", "gamma", "index.html")); !strings.Contains(raw, `fill="url(#chart-trend-incomplete)"`) {
		t.Error("gamma's trend chart does not mark the incomplete months")
	}

	// The tiny neighbourhood: a count and no rate, and why; it inherits its
	// force's incomplete months.
	tiny := page("forces/gamma/gammaton-002/index.html")
	check("gammaton 002", tiny, []string{
		"No rate per 1,000 residents is given: 800 residents are too few for a rate to mean much.",
		"January 2025: far below usual",
		"Crimes with no location cannot be placed in a neighbourhood",
	}, nil)

	delta := page("forces/delta/index.html")
	check("delta", delta, []string{
		// 18 a month: 216 crimes on 10,000 residents.
		"216 crimes in the 12 months April 2024 to March 2025, of which 0 (0.0%) have no location and are not on the map",
		"21.6 crimes per 1,000 residents in the 12 months (population used: 10,000 residents, from the census populations of its LSOAs (reference population.csv))",
		// 216 on 180 (15 a month).
		"+20.0% on the 12 months April 2023 to March 2024 (180 crimes) change in crimes",
		// Stops per 1,000 residents of each group: 24/8,000 and 12/1,500;
		// 6 Black stops and 0 Mixed are too few (and 400 and 60 too few
		// residents).
		"Stop and search by self-defined ethnic group, Delta Constabulary, per 1,000 residents of each group",
		"White 24 8,000 3.0",
		"Asian or Asian British 12 1,500 8.0",
		"Black or Black British 6 400 too few",
		"Mixed or multiple ethnic groups 0 60 too few",
		"Other ethnic group 0 40 too few",
		"Not stated 3 – –",
		"All 45 10,000 –",
	}, []string{"Incomplete months", "No change on a year earlier"})

	eps := page("forces/epsilon/index.html")
	check("epsilon", eps, []string{
		"5 crimes in March 2025, of which 1 (20.0%) has no location and is not on the map",
		"60 crimes in the 12 months April 2024 to March 2025, of which 12 (20.0%) have no location and are not on the map",
		"No rate per 1,000 residents is given: the population of this area is not known.",
		"0.0% on the 12 months April 2023 to March 2024 (60 crimes)",
		"Stop and search by self-defined ethnic group, Epsilon Service Ethnic group Stops Asian or Asian British 0",
		"White 12",
		"No rates by ethnic group are given: the number of residents of each ethnic group in this area is not known",
	}, []string{"Per 1,000 residents"})

	home := page("index.html")
	check("home", home, []string{
		"Gamma Police, June 2024: not published",
		"Gamma Police, January 2025: far below usual: 4 crimes",
		"Gamma Police, March 2025: no outcomes yet",
		"Gamma Police 20 (no outcomes yet) 204",
		// March 2025: 20 + 18 + 5 crimes, 1 with no location.
		"43 crimes and incidents of anti-social behaviour in March 2025, of which 1 (2.3%) has no location and is not on the map",
	}, []string{"Delta Constabulary, "})

	compare := page("compare/index.html")
	check("compare", compare, []string{
		"Delta Constabulary 216 0 (0.0%) 10,000 21.6 +20.0%",
		"Epsilon Service 60 12 (20.0%) unknown – 0.0%",
		"Gamma Police 204 (incomplete) 0 (0.0%) 5,800 – –",
		"(outcomes incomplete)",
		// The source of the residents once, for both forces with residents.
		"Residents are the census populations of the force's LSOAs (small census areas), from the reference file population.csv.",
	}, []string{"LSOAs (reference population.csv)", "polices transport"})

	mp := page("map/index.html")
	check("map", mp, []string{
		"January 2025 (incomplete for 1 force)",
		"June 2024 (incomplete for 1 force)",
		"February 2025 43 1 2.3% none",
		"January 2025 27 1 3.7% Gamma Police: far below usual",
	}, []string{"February 2025 (incomplete"})
}

package aggregate

import (
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

const (
	streetHead = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"
	outHead    = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n"
	stopHead   = "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing\n"
)

// fixture: force "a" with two square neighbourhoods west (N1) and east (N2)
// of longitude -1.0, crimes in both, one outside both and one with no
// location; outcomes and stops in the same places.
var fixture = fstest.MapFS{
	"2025-01/2025-01-a-street.csv": {Data: []byte(streetHead +
		",2025-01,A,A,-1.500000,53.500000,On or near West Street,,,Anti-social behaviour,,\n" +
		"0000000000000000000000000000000000000000000000000000000000000001,2025-01,A,A,-1.500000,53.500000,On or near West Street,,,Burglary,Under investigation,\n" +
		"0000000000000000000000000000000000000000000000000000000000000002,2025-01,A,A,-0.500000,53.500000,On or near East Street,,,Burglary,Offender given a caution,\n" +
		"0000000000000000000000000000000000000000000000000000000000000003,2025-01,A,A,-0.500000,53.500000,On or near East Street,,,Robbery,Under investigation,\n" +
		"0000000000000000000000000000000000000000000000000000000000000004,2025-01,A,A,1.500000,53.500000,On or near Far Away,,,Drugs,Local resolution,\n" +
		"0000000000000000000000000000000000000000000000000000000000000005,2025-01,A,A,,,No Location,,,Drugs,Local resolution,\n")},
	"2025-02/2025-02-a-street.csv": {Data: []byte(streetHead +
		"0000000000000000000000000000000000000000000000000000000000000006,2025-02,A,A,-0.500000,53.500000,On or near East Street,,,Robbery,Under investigation,\n")},
	"2025-02/2025-02-a-outcomes.csv": {Data: []byte(outHead +
		"0000000000000000000000000000000000000000000000000000000000000002,2025-02,A,A,-0.500000,53.500000,On or near East Street,,,Suspect charged\n" +
		"0000000000000000000000000000000000000000000000000000000000000005,2025-02,A,A,,,No location,,,Suspect charged\n")},
	"2025-02/2025-02-a-stop-and-search.csv": {Data: []byte(stopHead +
		"Person search,2025-01-31T23:30:00+00:00,,,53.500000,-1.500000,Male,18-24,,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,True,False\n" +
		"Person search,2025-02-03T10:00:00+00:00,,,53.500000,-1.500000,Female,over 34,,Black,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Nothing found - no further action,False,False\n" +
		"Vehicle search,2025-02-04T10:00:00+00:00,,,,,,,,,,Stolen goods,A no further action disposal,False,False\n")},
}

func square(x0, y0, x1, y1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
}

func build(t *testing.T) (*store.Store, *index.Index, *Aggregates) {
	t.Helper()
	report := validate.NewReport()
	st, _, err := source.Load(&source.Input{FS: fixture, Root: "."}, report, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if report.Len() != 0 {
		t.Fatalf("problems: %v", report.Examples())
	}
	ix, err := index.Build(st, []index.Boundary{
		{Force: "a", ID: "N1", Name: "West", Shape: square(-2, 53, -1, 54)},
		{Force: "a", ID: "N2", Name: "East", Shape: square(-1, 53, 0, 54)},
		{Force: "other", ID: "X", Shape: square(1, 53, 2, 54)}, // a force with no data is ignored
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := Build(st, ix)
	if err != nil {
		t.Fatal(err)
	}
	return st, ix, a
}

func TestAggregate(t *testing.T) {
	st, ix, a := build(t)
	if len(ix.Neighbourhoods) != 2 || ix.Neighbourhoods[0].Slug != "n1" || ix.Neighbourhoods[1].Name != "East" {
		t.Fatalf("neighbourhoods %+v", ix.Neighbourhoods)
	}
	if a.Months != 2 || a.First != crime.MakeMonth(2025, 1) {
		t.Fatalf("months %d from %s", a.Months, a.First)
	}
	f := a.Forces[0]
	west, east := a.Neighbourhoods[0], a.Neighbourhoods[1]
	jan, feb := 0, 1

	// Crimes by area, month and category; the force's total includes the
	// crime outside both boundaries and the one with no location.
	checks := []struct {
		name string
		got  uint32
		want uint32
	}{
		{"force January total", f.Crimes[jan].Total(), 6},
		{"force January drugs", f.Crimes[jan][crime.Drugs], 2},
		{"force February total", f.Crimes[feb].Total(), 1},
		{"force January unmapped", f.Unmapped[jan], 1},
		{"west January total", west.Crimes[jan].Total(), 2},
		{"west January anti-social behaviour", west.Crimes[jan][crime.AntiSocialBehaviour], 1},
		{"east January total", east.Crimes[jan].Total(), 2},
		{"east February robbery", east.Crimes[feb][crime.Robbery], 1},
		{"national January total", a.National.Crimes[jan].Total(), 6},
	}
	no := crime.NumOutcomes
	out := func(o string) int {
		v, ok := crime.ParseOutcome([]byte(o))
		if !ok {
			t.Fatalf("outcome %q", o)
		}
		return int(v)
	}
	checks = append(checks, []struct {
		name string
		got  uint32
		want uint32
	}{
		{"force January last outcome under investigation", f.LastOutcome[jan*no+out("Under investigation")], 2},
		{"east January last outcome caution", east.LastOutcome[jan*no+out("Offender given a caution")], 1},
		{"force January anti-social behaviour has no outcome", f.LastOutcome[jan*no+int(crime.NoOutcome)], 1},
		{"force February outcomes recorded: charged", f.Outcomes[feb*no+out("Suspect charged")], 2},
		{"east February outcomes recorded: charged", east.Outcomes[feb*no+out("Suspect charged")], 1},
		{"force February stops", f.Stops[feb], 3},
		{"west February stops", west.Stops[feb], 2},
		{"national February stops", a.National.Stops[feb], 3},
	}...)
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
		}
	}

	// Stop-and-search breakdowns use current wording and count empty
	// values as not stated.
	stopBy := func(ar Area, field store.StopField, value string) uint32 {
		for id, by := range ar.StopBy[field] {
			if st.StopValues.Str(id) == value {
				return by[feb]
			}
		}
		return 0
	}
	for _, c := range []struct {
		field store.StopField
		value string
		want  uint32
	}{
		{store.StopOutcome, "A no further action disposal", 2},
		{store.StopOutcome, "Arrest", 1},
		{store.StopGender, crime.NotStated, 1},
		{store.StopObject, "Controlled drugs", 2},
		{store.StopOfficerEthnicity, "Black", 1},
		{store.StopType, "Vehicle search", 1},
	} {
		if got := stopBy(f, c.field, c.value); got != c.want {
			t.Errorf("stops by %s %q: %d, want %d", c.field, c.value, got, c.want)
		}
	}

	// Streets over the last 12 months.
	if len(east.Streets) != 1 || east.Streets[0] != (Street{"On or near East Street", 3}) {
		t.Errorf("east streets %+v", east.Streets)
	}
	if len(f.Streets) != 3 || f.Streets[0].Count != 3 {
		t.Errorf("force streets %+v", f.Streets)
	}
}

// TestNeighbourhoodsAddUp checks the rule pages rely on: a force's crimes are
// its neighbourhoods' crimes plus those no neighbourhood holds.
func TestNeighbourhoodsAddUp(t *testing.T) {
	st, ix, a := build(t)
	for fi := range st.Forces {
		for m := range a.Months {
			var sum uint32
			for _, nb := range ix.ByForce[fi] {
				sum += a.Neighbourhoods[nb].Crimes[m].Total()
			}
			outside := uint32(0)
			for _, c := range st.Crimes {
				if int(c.Force) != fi || a.Index(c.Month) != m {
					continue
				}
				for _, l := range c.Loc {
					if ix.Neighbourhood(c.Force, l) == index.None {
						outside++
					}
				}
			}
			if total := a.Forces[fi].Crimes[m].Total(); sum+outside != total {
				t.Errorf("force %d month %d: neighbourhoods %d + outside %d != %d", fi, m, sum, outside, total)
			}
		}
	}
}

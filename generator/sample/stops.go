package sample

import (
	"bufio"
	"cmp"
	"slices"
	"time"

	"github.com/crimemap/crimemap/generator/crime"
)

const stopsHeader = "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing"

// choice is a weighted list of published values.
type choice struct {
	vals []string
	w    []float64
}

func ch(pairs ...any) choice {
	var c choice
	for i := 0; i < len(pairs); i += 2 {
		c.vals = append(c.vals, pairs[i].(string))
		c.w = append(c.w, pairs[i+1].(float64))
	}
	return c
}

// The values and rough frequencies of the real stop-and-search files.
var (
	stopTypes = ch("Person search", 70.0, "Person and Vehicle search", 25.0, "Vehicle search", 5.0)
	genders   = ch("Male", 88.5, "Female", 10.5, "Other", 0.2, "", 0.8)
	ageRanges = ch("18-24", 34.0, "25-34", 31.0, "over 34", 20.0, "10-17", 8.0, "under 10", 0.1, "", 6.9)
	selfEth   = ch(
		"Other ethnic group - Not stated", 30.0,
		"White - English/Welsh/Scottish/Northern Irish/British", 25.0,
		"White - Any other White background", 10.0,
		"Black/African/Caribbean/Black British - African", 6.0,
		"", 5.0,
		"Asian/Asian British - Bangladeshi", 3.0,
		"Black/African/Caribbean/Black British - Caribbean", 3.5,
		"Asian/Asian British - Any other Asian background", 3.0,
		"Asian/Asian British - Pakistani", 3.0,
		"Other ethnic group - Any other ethnic group", 2.0,
		"Black/African/Caribbean/Black British - Any other Black/African/Caribbean background", 1.6,
		"Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background", 1.4,
		"Asian/Asian British - Indian", 1.5,
		"White - Irish", 0.9,
		"Mixed/Multiple ethnic groups - White and Black Caribbean", 0.8,
		"Mixed/Multiple ethnic groups - White and Black African", 0.6,
		"Mixed/Multiple ethnic groups - White and Asian", 0.4,
		"Asian/Asian British - Chinese", 0.2,
		"White - Gypsy or Irish Traveller", 0.1,
	)
	officerEth  = ch("White", 55.0, "Black", 20.0, "Asian", 17.0, "Other", 5.0, "Mixed", 1.0, "", 2.0)
	legislation = ch(
		"Misuse of Drugs Act 1971 (section 23)", 58.0,
		"Police and Criminal Evidence Act 1984 (section 1)", 38.0,
		"Criminal Justice and Public Order Act 1994 (section 60)", 2.0,
		"Firearms Act 1968 (section 47)", 1.0,
		"Psychoactive Substances Act 2016 (s36(2))", 0.3,
		"Criminal Justice Act 1988 (section 139B)", 0.2,
		"", 0.5,
	)
	paceObjects = ch("Article for use in theft", 35.0, "Stolen goods", 30.0, "Offensive weapons", 22.0,
		"Articles for use in criminal damage", 5.0, "Anything to threaten or harm anyone", 3.0,
		"Evidence of offences under the Act", 2.0, "Fireworks", 1.5, "Crossbows", 0.1, "", 1.4)
	stopOutcomes = ch("A no further action disposal", 70.0, "Arrest", 15.0, "Community resolution", 5.0,
		"Khat or Cannabis warning", 4.0, "Summons / charged by post", 2.0,
		"Penalty Notice for Disorder", 1.5, "Caution (simple or conditional)", 0.7, "", 0.3)
	// Wording used before the 2020 change; crime.NormalStopOutcome maps it.
	oldStopOutcomes = ch("Nothing found - no further action", 70.0, "Suspect arrested", 15.0,
		"Local resolution", 5.0, "Offender given drugs possession warning", 4.0,
		"Suspect summonsed to court", 2.0, "Offender given penalty notice", 1.5,
		"Offender cautioned", 0.7, "Article found - Detailed outcome unavailable", 0.3)
	operations = []string{"Operation Nightshade", "Operation Safer Streets", "Operation Bluebell", "Operation Coastline"}
	// Evenings and nights see most searches.
	hourWeights = []float64{5, 4, 3, 2, 1, 1, 1, 2, 3, 3, 4, 4, 5, 5, 5, 6, 7, 7, 8, 8, 8, 8, 7, 6}
)

func (c *choice) pick(r interface{ Float64() float64 }) string {
	var sum float64
	for _, x := range c.w {
		sum += x
	}
	u := r.Float64() * sum
	for i, x := range c.w {
		if u < x {
			return c.vals[i]
		}
		u -= x
	}
	return c.vals[len(c.vals)-1]
}

// officerFor guesses an officer-defined ethnicity from the self-defined one,
// agreeing most of the time as real data does.
func officerFor(self string, u float64, r interface{ Float64() float64 }) string {
	if u < 0.85 {
		switch {
		case len(self) >= 5 && self[:5] == "White":
			return "White"
		case len(self) >= 5 && self[:5] == "Black":
			return "Black"
		case len(self) >= 5 && self[:5] == "Asian":
			return "Asian"
		case len(self) >= 5 && self[:5] == "Mixed":
			return "Mixed"
		}
	}
	return officerEth.pick(r)
}

type stopRow struct {
	t   int64
	seq int
	b   []byte // the row without its line ending
}

// writeStops writes a force's stop-and-search file for a month. A few rows
// are dated 23:xx on the last day of the previous month, as real files are
// (local midnight in summer is 23:00 UTC).
func (g *gen) writeStops(bw *bufio.Writer, f *forceGeo, m crime.Month, plants []plant) (rows int, err error) {
	r := newRand(g.w.seed, "stops", f.idx, int(m))
	s := f.plan.spec
	n := monthCount(g.w.seed, f.idx, f.plan.stops, m, "stops")
	crlf := s.Slug == slugCRLF
	outcomes := &stopOutcomes
	if s.Slug == slugOldWording && int(m-g.first) < g.months/2 {
		outcomes = &oldStopOutcomes
	}
	start := time.Date(m.Year(), time.Month(m.Num()), 1, 0, 0, 0, 0, time.UTC)
	days := start.AddDate(0, 1, 0).Sub(start).Hours() / 24
	list := make([]stopRow, 0, n)
	for i := range n {
		var t time.Time
		if r.Float64() < 0.025 {
			t = start.Add(-time.Hour + time.Duration(r.IntN(3600))*time.Second)
		} else {
			t = start.AddDate(0, 0, r.IntN(int(days))).
				Add(time.Duration(weighted(r, hourWeights))*time.Hour + time.Duration(r.IntN(3600))*time.Second)
		}
		if r.IntN(3) == 0 {
			t = t.Truncate(time.Minute)
		}
		typ := stopTypes.pick(r)
		b := make([]byte, 0, 256)
		b = append(b, typ...)
		b = append(b, ',')
		b = t.AppendFormat(b, "2006-01-02T15:04:05+00:00")
		b = append(b, ',')
		if f.idx%2 == 1 { // some forces fill the operation columns, others leave them empty
			if r.IntN(25) == 0 {
				b = append(b, "True,"...)
				if r.IntN(2) == 0 {
					b = append(b, operations[r.IntN(len(operations))]...)
				}
			} else {
				b = append(b, "False,"...)
			}
		} else {
			b = append(b, ',')
		}
		b = append(b, ',')
		if r.Float64() < 0.09 {
			b = append(b, ',')
		} else if s.transport() {
			b = append(b, g.w.sfragment(g.w.stnIdx[g.w.stations.pick(r)])...)
		} else {
			b = append(b, g.w.sfragment(f.snapLo+int32(f.pick.pick(r)))...)
		}
		b = append(b, ',')
		if typ == "Vehicle search" {
			b = append(b, ",,,,"...)
		} else {
			self := selfEth.pick(r)
			b = append(b, genders.pick(r)...)
			b = append(b, ',')
			b = append(b, ageRanges.pick(r)...)
			b = append(b, ',')
			b = appendField(b, self)
			b = append(b, ',')
			b = append(b, officerFor(self, r.Float64(), r)...)
			b = append(b, ',')
		}
		leg := legislation.pick(r)
		b = append(b, leg...)
		b = append(b, ',')
		var obj string
		switch leg {
		case "Misuse of Drugs Act 1971 (section 23)":
			obj = "Controlled drugs"
		case "Police and Criminal Evidence Act 1984 (section 1)":
			obj = paceObjects.pick(r)
		case "Criminal Justice and Public Order Act 1994 (section 60)", "Criminal Justice Act 1988 (section 139B)":
			obj = "Offensive weapons"
		case "Firearms Act 1968 (section 47)":
			obj = "Firearms"
		case "Psychoactive Substances Act 2016 (s36(2))":
			obj = "Psychoactive substances"
		}
		b = append(b, obj...)
		b = append(b, ',')
		out := outcomes.pick(r)
		b = appendField(b, out)
		b = append(b, ',')
		nfa := out == "A no further action disposal" || out == "Nothing found - no further action"
		switch {
		case r.IntN(1000) == 0:
		case nfa && r.IntN(30) > 0, !nfa && r.IntN(3) == 0:
			b = append(b, "False"...)
		default:
			b = append(b, "True"...)
		}
		b = append(b, ',')
		if typ != "Vehicle search" {
			switch u := r.Float64(); {
			case u < 0.005:
			case u < 0.04:
				b = append(b, "True"...)
			default:
				b = append(b, "False"...)
			}
		}
		list = append(list, stopRow{t: t.Unix(), seq: i, b: b})
	}
	slices.SortFunc(list, func(a, b stopRow) int {
		if c := cmp.Compare(a.t, b.t); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	b := appendEOL([]byte(stopsHeader), crlf)
	for i, row := range list {
		if i == plantAfter {
			b = g.appendPlants(b, f, m, plants, crlf)
		}
		b = appendEOL(append(b, row.b...), crlf)
		if len(b) > 64<<10 {
			if _, err := bw.Write(b); err != nil {
				return 0, err
			}
			b = b[:0]
		}
	}
	if len(list) <= plantAfter {
		b = g.appendPlants(b, f, m, plants, crlf)
	}
	_, err = bw.Write(b)
	return len(list), err
}

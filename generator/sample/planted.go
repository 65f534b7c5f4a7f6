package sample

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/crimemap/crimemap/generator/crime"
)

// The kinds of bad row the generator plants, one per kind per copy. Each
// names what is wrong, so tests can check that the validator reports it.
const (
	BadCoordinates   = "unparsable-coordinates" // street file: Longitude "abc"
	BadLatitude      = "latitude-out-of-range"  // street file: Latitude 95.123456
	BadMonthMismatch = "month-mismatch"         // street file: Month is the month before the folder's
	BadCrimeType     = "unknown-crime-type"     // street file: Crime type "Cyber crime"
	BadOutcome       = "unknown-outcome"        // street file: Last outcome category "Case closed"
	BadColumnCount   = "wrong-column-count"     // street file: 11 fields (Context missing)
	BadOutcomeType   = "unknown-outcome-type"   // outcomes file: Outcome type "Case closed"
	BadDate          = "bad-date"               // stop-and-search file: Date "15/MM/YYYY 14:05"
)

// BadRow is one planted bad row.
type BadRow struct {
	File string `json:"file"` // path relative to the dataset folder, with forward slashes
	Line int    `json:"line"` // 1-based line number (the header is line 1)
	Kind string `json:"kind"` // one of the Bad* constants
}

type fileKind uint8

const (
	kindStreet fileKind = iota
	kindOutcomes
	kindStops
)

var fileSuffix = [...]string{kindStreet: "street", kindOutcomes: "outcomes", kindStops: "stop-and-search"}

var plantKinds = []struct {
	kind string
	file fileKind
}{
	{BadCoordinates, kindStreet},
	{BadLatitude, kindStreet},
	{BadMonthMismatch, kindStreet},
	{BadCrimeType, kindStreet},
	{BadOutcome, kindStreet},
	{BadColumnCount, kindStreet},
	{BadOutcomeType, kindOutcomes},
	{BadDate, kindStops},
}

// plantAfter is how many good rows precede the planted ones in a file, so
// planted rows start on line plantAfter+2 = 11.
const plantAfter = 9

// plant is one bad row to write.
type plant struct {
	kind  string
	kk    int // index in plantKinds
	copy  int
	file  fileKind
	force int
	month crime.Month
	line  int
}

func dataPath(m crime.Month, slug string, k fileKind) string {
	ms := m.String()
	return ms + "/" + ms + "-" + slug + "-" + fileSuffix[k] + ".csv"
}

// planPlants decides where bad rows go: copy j of kind k goes to the
// (k+3j)-th force (cycling) among forces with Crime IDs and enough rows, in
// the month (2+k+5j) after the first (cycling), moved on to the next month
// if that force published nothing then.
func planPlants(sc *scale, first crime.Month, months int) []plant {
	var cands []int
	for i := range sc.plans {
		p := &sc.plans[i]
		if p.spec.hasIDs() && p.rows >= 500 && p.stops >= 30 {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	var out []plant
	for j := range sc.copies {
		for k, pk := range plantKinds {
			fi := cands[(k+3*j)%len(cands)]
			idx := (2 + k + 5*j) % months
			for tries := 0; tries < months && missingMonth(sc.plans[fi].spec, idx, months); tries++ {
				idx = (idx + 1) % months
			}
			out = append(out, plant{kind: pk.kind, kk: k, copy: j, file: pk.file, force: fi, month: first.Add(idx)})
		}
	}
	slices.SortStableFunc(out, func(a, b plant) int {
		if c := cmp.Compare(a.month, b.month); c != 0 {
			return c
		}
		if c := cmp.Compare(a.force, b.force); c != 0 {
			return c
		}
		return cmp.Compare(a.file, b.file)
	})
	for i := range out {
		if i > 0 && out[i-1].month == out[i].month && out[i-1].force == out[i].force && out[i-1].file == out[i].file {
			out[i].line = out[i-1].line + 1
		} else {
			out[i].line = plantAfter + 2
		}
	}
	return out
}

// missingMonth reports whether a force publishes nothing in the month at
// index idx of the dataset: Greater Manchester's gap of two months in the
// middle, as it published nothing for a while from 2019. Datasets shorter
// than six months have no gap.
func missingMonth(s *forceSpec, idx, months int) bool {
	if s.Slug != slugGMP || months < 6 {
		return false
	}
	return idx == months/2-1 || idx == months/2
}

// Planted lists the bad rows Generate plants for the options, in file
// order. It is cheap: it does not build the dataset.
func Planted(opt Options) ([]BadRow, error) {
	opt, err := opt.normalise()
	if err != nil {
		return nil, err
	}
	sc, _, err := planFor(opt.Scale)
	if err != nil {
		return nil, err
	}
	var out []BadRow
	for _, p := range planPlants(&sc, opt.End.Add(1-opt.Months), opt.Months) {
		out = append(out, BadRow{File: dataPath(p.month, sc.plans[p.force].spec.Slug, p.file), Line: p.line, Kind: p.kind})
	}
	return out, nil
}

// appendPlants appends the bad rows meant for one file. Each is a normal
// looking row at the force's first snap point with one thing wrong.
func (g *gen) appendPlants(b []byte, f *forceGeo, m crime.Month, plants []plant, crlf bool) []byte {
	for _, p := range plants {
		sp := &g.w.snaps[f.snapLo]
		s := seedOf(g.w.seed, "plant", p.kk, p.copy)
		id := [4]uint64{mix(s), mix(s + 1), mix(s + 2), mix(s + 3)}
		if p.file == kindStops {
			b = append(b, "Person search,"...)
			b = fmt.Appendf(b, "15/%02d/%04d 14:05", m.Num(), m.Year()) // not ISO 8601
			b = append(b, ",,,"...)
			b = append(b, g.w.sfragment(f.snapLo)...)
			b = append(b, ",Male,18-24,White - English/Welsh/Scottish/Northern Irish/British,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,False,False"...)
			b = appendEOL(b, crlf)
			continue
		}
		lon := strconv.FormatFloat(sp.lon, 'f', 6, 64)
		lat := strconv.FormatFloat(sp.lat, 'f', 6, 64)
		month := m
		cat, out := crime.Burglary.String(), outUnderInvestigation.String()
		switch p.kind {
		case BadCoordinates:
			lon = "abc"
		case BadLatitude:
			lat = "95.123456"
		case BadMonthMismatch:
			month = m.Add(-1)
		case BadCrimeType:
			cat = "Cyber crime"
		case BadOutcome, BadOutcomeType:
			out = "Case closed"
		}
		b = appendHexID(b, &id)
		b = append(b, ',')
		b = append(b, month.String()...)
		b = append(b, ',')
		b = append(b, g.forceNames[f.idx]...)
		b = append(b, lon...)
		b = append(b, ',')
		b = append(b, lat...)
		b = append(b, ',')
		b = appendField(b, "On or near "+sp.name)
		b = append(b, ',')
		if sp.lsoa >= 0 {
			b = append(b, g.w.lsoas[sp.lsoa].code...)
			b = append(b, ',')
			b = appendField(b, g.w.lsoas[sp.lsoa].name)
		} else {
			b = append(b, ',')
		}
		b = append(b, ',')
		if p.file == kindStreet {
			b = append(b, cat...)
			b = append(b, ',')
		}
		b = append(b, out...)
		if p.file == kindStreet && p.kind != BadColumnCount {
			b = append(b, ',') // the empty Context
		}
		b = appendEOL(b, crlf)
	}
	return b
}

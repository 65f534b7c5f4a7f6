package sample

import (
	"bufio"
	"slices"

	"github.com/crimemap/crimemap/generator/crime"
)

const streetHeader = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context"

// streetRow is one row of a street file before sorting.
type streetRow struct {
	key   uint64
	ex    uint64 // seed of the row's exact location
	id    [4]uint64
	snap  int32
	cat   crime.Category
	out   crime.Outcome
	hasID bool
}

// streetRows generates a force's street rows for a month, sorted as
// data.police.uk sorts them: by LSOA name, then crime type, with No
// Location rows last. The street file and the exact-location file both
// come from this list, so they have the same rows in the same order.
func (g *gen) streetRows(f *forceGeo, m crime.Month) []streetRow {
	n := g.count(f, m)
	cg := g.crimeGen(f, m)
	list := make([]streetRow, 0, n+n/200+1)
	var c crimeRec
	for i := range n {
		cg.core(i, &c)
		cg.rest(&c)
		row := streetRow{id: c.id, snap: c.snap, cat: c.cat, out: c.lastOutcome(m, g.end), hasID: c.hasID}
		// The exact location draws from its own seed, never from the
		// crime's stream, so the published files do not change with it.
		row.ex = mix(cg.base ^ mix(uint64(i)+0x5eed))
		row.key = g.streetKey(c.snap, c.cat, len(list))
		list = append(list, row)
		if c.dup >= 0 {
			row.snap = c.dup
			row.ex = mix(row.ex)
			row.key = g.streetKey(c.dup, c.cat, len(list))
			list = append(list, row)
		}
	}
	slices.SortFunc(list, func(a, b streetRow) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	return list
}

// writeStreet writes a force's street file for a month.
func (g *gen) writeStreet(bw *bufio.Writer, f *forceGeo, m crime.Month, plants []plant) (rows int, err error) {
	list := g.streetRows(f, m)
	crlf := f.plan.spec.Slug == slugCRLF
	ms := m.String()
	names := g.forceNames[f.idx]
	b := make([]byte, 0, 512)
	if _, err := bw.Write(appendEOL(append(b, streetHeader...), crlf)); err != nil {
		return 0, err
	}
	for i, row := range list {
		b = b[:0]
		if i == plantAfter {
			b = g.appendPlants(b, f, m, plants, crlf)
		}
		if row.hasID {
			b = appendHexID(b, &row.id)
		}
		b = append(b, ',')
		b = append(b, ms...)
		b = append(b, ',')
		b = append(b, names...)
		if row.snap < 0 {
			b = append(b, ",,No Location,,"...)
		} else {
			b = append(b, g.w.fragment(row.snap)...)
		}
		b = append(b, ',')
		b = append(b, row.cat.String()...)
		b = append(b, ',')
		b = appendField(b, row.out.String())
		b = appendEOL(append(b, ','), crlf)
		if _, err := bw.Write(b); err != nil {
			return 0, err
		}
	}
	b = b[:0]
	if len(list) <= plantAfter {
		b = g.appendPlants(b, f, m, plants, crlf)
	}
	_, err = bw.Write(b)
	return len(list), err
}

// streetKey orders rows: located before No Location, then LSOA name, then
// crime type, then generation order (which keeps the sort stable).
func (g *gen) streetKey(snap int32, cat crime.Category, seq int) uint64 {
	var k uint64
	if snap < 0 {
		k = 1 << 62
	} else {
		k = uint64(g.w.lsoaRank(snap)) << 33
	}
	return k | uint64(catRank[cat])<<28 | uint64(seq)
}

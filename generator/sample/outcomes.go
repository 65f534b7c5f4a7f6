package sample

import (
	"bufio"
	"sync"

	"github.com/crimemap/crimemap/generator/crime"
)

const outcomesHeader = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type"

// writeOutcomes writes a force's outcomes file for month m: every outcome
// recorded in m, for crimes of m and of up to maxDelay months before. Those
// earlier months may lie before the dataset's first month, so some Crime
// IDs here have no street row, as in a real archive. The Month column is
// the file's month, the month the outcome was recorded, as in the real
// outcomes files. Rows come newest crime month first.
func (g *gen) writeOutcomes(bw *bufio.Writer, f *forceGeo, m crime.Month, plants []plant) (rows int, err error) {
	crlf := f.plan.spec.Slug == slugCRLF
	names := g.forceNames[f.idx]
	b := make([]byte, 0, 512)
	if _, err := bw.Write(appendEOL(append(b, outcomesHeader...), crlf)); err != nil {
		return 0, err
	}
	var c crimeRec
	ms := m.String()
	for back := 0; back <= maxDelay; back++ {
		m0 := m.Add(-back)
		masks := g.eventMasks(f, m0)
		if len(masks) == 0 {
			continue
		}
		cg := g.crimeGen(f, m0)
		bit := uint32(1) << back
		for i, mask := range masks {
			if mask&bit == 0 {
				continue
			}
			cg.core(i, &c)
			out, _ := c.eventAt(back)
			cg.rest(&c)
			b = b[:0]
			if rows == plantAfter {
				b = g.appendPlants(b, f, m, plants, crlf)
			}
			b = appendHexID(b, &c.id)
			b = append(b, ',')
			b = append(b, ms...)
			b = append(b, ',')
			b = append(b, names...)
			if c.snap < 0 {
				b = append(b, ",,No location,,"...) // spelt so in outcomes files
			} else {
				b = append(b, g.w.fragment(c.snap)...)
			}
			b = append(b, ',')
			b = appendField(b, out.String())
			b = appendEOL(b, crlf)
			if _, err := bw.Write(b); err != nil {
				return 0, err
			}
			rows++
		}
	}
	if rows <= plantAfter {
		_, err = bw.Write(g.appendPlants(b[:0], f, m, plants, crlf))
	}
	return rows, err
}

// eventMasks returns, for each crime of a force and month, a bit set of the
// months (counted from the crime's) in which it has an outcome. Each
// outcomes file looks back over maxDelay+1 months of crimes; with the masks
// it regenerates only the crimes that have an outcome in its month, rather
// than every crime nineteen times. Masks are computed once, on first use, by
// whichever job needs them first.
func (g *gen) eventMasks(f *forceGeo, m crime.Month) []uint32 {
	key := [2]int{f.idx, int(m)}
	g.masksMu.Lock()
	e := g.masks[key]
	if e == nil {
		e = &maskEntry{}
		g.masks[key] = e
	}
	g.masksMu.Unlock()
	e.once.Do(func() {
		n := g.count(f, m)
		cg := g.crimeGen(f, m)
		e.masks = make([]uint32, n)
		var c crimeRec
		for i := range n {
			cg.core(i, &c)
			for k := 0; k < c.nEvents; k++ {
				e.masks[i] |= 1 << c.events[k].after
			}
		}
	})
	return e.masks
}

type maskEntry struct {
	once  sync.Once
	masks []uint32
}

package source

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// cacheVersion changes with the encoding below or with what parsing
// yields; the program's own hash (codeKey) covers the rest.
const cacheVersion = 1

const cacheMagic = "crimemap parsed\x00"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// What a parsed file holds, after the strings and locations.
const (
	holdsNothing byte = iota
	holdsCrimes
	holdsOutcomes
	holdsStops
)

// encodeParsed writes p as the cache keeps it: little-endian columns, each
// with its length, and a CRC-32C of everything before it at the end. The
// file it came from is the cache key's business and is not stored.
func encodeParsed(p *parsed) []byte {
	var e enc
	e.b = append(e.b, cacheMagic...)
	e.u32(cacheVersion)
	e.str(p.forceName)
	e.u64(uint64(p.rows))
	e.u64(uint64(p.bytes))
	e.b = append(e.b, p.hash[:]...)
	e.bool(p.skipped)
	e.strs(p.strs)
	e.strs(p.stopVals)
	var locs []store.Location
	if p.locs != nil {
		locs = p.locs.All()
	}
	e.u32(uint32(len(locs)))
	for _, l := range locs {
		e.u32(uint32(l.Lon))
		e.u32(uint32(l.Lat))
		e.u32(uint32(l.Street))
		e.u32(uint32(l.LSOA))
		e.u32(uint32(l.LSOAName))
	}
	switch {
	case p.crimes != nil:
		c := p.crimes
		e.b = append(e.b, holdsCrimes)
		e.u32(uint32(c.Month))
		e.u32(uint32(len(c.Loc)))
		e.locIDs(c.Loc)
		for i := range c.Loc {
			e.b = append(e.b, byte(c.Cat[i]), byte(c.Out[i]))
		}
		e.crimeIDs(c.ID)
		e.oddIDs(c.OddID)
	case p.outcomes != nil:
		o := p.outcomes
		e.b = append(e.b, holdsOutcomes)
		e.u32(uint32(o.Month))
		e.u32(uint32(len(o.Loc)))
		e.locIDs(o.Loc)
		for i := range o.Loc {
			e.b = append(e.b, byte(o.Out[i]))
		}
		e.crimeIDs(o.ID)
		e.oddIDs(o.OddID)
	case p.stops != nil:
		s := p.stops
		e.b = append(e.b, holdsStops)
		e.u32(uint32(s.Month))
		e.u32(uint32(len(s.Loc)))
		e.locIDs(s.Loc)
		for _, t := range s.Time {
			e.u64(uint64(t))
		}
		for _, col := range s.Fields {
			for _, v := range col {
				e.u32(uint32(v))
			}
		}
	default:
		e.b = append(e.b, holdsNothing)
	}
	e.u32(uint32(len(p.problems)))
	for _, pr := range p.problems {
		e.str(pr.File)
		e.u64(uint64(pr.Line))
		e.str(string(pr.Reason))
		e.b = append(e.b, byte(pr.Severity))
		e.str(pr.Force)
		e.str(pr.Month)
		e.str(pr.Detail)
	}
	e.u32(uint32(len(p.excluded)))
	for _, x := range p.excluded {
		e.u32(uint32(x.From))
		e.u32(uint32(x.To))
		e.str(x.Reason)
	}
	return seal(e.b)
}

// seal appends b's checksum to b, for unseal to check: every cache entry
// ends with one, so that a damaged entry is a miss, never trusted.
func seal(b []byte) []byte {
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// unseal returns b without its checksum, and whether the checksum holds.
func unseal(b []byte) ([]byte, bool) {
	if len(b) < 4 {
		return nil, false
	}
	body := b[:len(b)-4]
	return body, crc32.Checksum(body, castagnoli) == binary.LittleEndian.Uint32(b[len(b)-4:])
}

type enc struct{ b []byte }

func (e *enc) u32(v uint32) { e.b = binary.LittleEndian.AppendUint32(e.b, v) }
func (e *enc) u64(v uint64) { e.b = binary.LittleEndian.AppendUint64(e.b, v) }
func (e *enc) str(s string) { e.b = append(binary.AppendUvarint(e.b, uint64(len(s))), s...) }

func (e *enc) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *enc) strs(s *store.Strings) {
	if s == nil {
		e.u32(0)
		return
	}
	all := s.All()
	e.u32(uint32(len(all)))
	for _, str := range all {
		e.str(str)
	}
}

func (e *enc) locIDs(ids []store.LocID) {
	for _, l := range ids {
		e.u32(uint32(l))
	}
}

func (e *enc) crimeIDs(ids []store.CrimeID) {
	for _, id := range ids {
		e.b = append(e.b, id[:]...)
	}
}

func (e *enc) oddIDs(m map[int32]string) {
	e.u32(uint32(len(m)))
	// Map order does not matter to the reader; the bytes of one entry are
	// never compared with another's.
	for row, id := range m {
		e.u32(uint32(row))
		e.str(id)
	}
}

var errCorrupt = errors.New("cache entry is damaged")

// decodeParsed reads what encodeParsed wrote, leaving the Crime ID columns
// out unless withIDs. Anything amiss, from a wrong checksum to a location id
// out of range, is errCorrupt: the caller parses the file again.
func decodeParsed(b []byte, withIDs bool) (*parsed, error) {
	if len(b) < len(cacheMagic)+8 || string(b[:len(cacheMagic)]) != cacheMagic {
		return nil, errCorrupt
	}
	body, ok := unseal(b)
	if !ok {
		return nil, errCorrupt
	}
	d := dec{b: body[len(cacheMagic):], skipIDs: !withIDs}
	if d.u32() != cacheVersion {
		return nil, errCorrupt
	}
	p := &parsed{}
	p.forceName = d.str()
	p.rows = int(d.u64())
	p.bytes = int64(d.u64())
	copy(p.hash[:], d.take(32))
	p.skipped = d.byte() == 1
	p.strs = d.strs()
	p.stopVals = d.strs()
	if p.strs == nil {
		p.strs = store.NewStrings()
	}
	nLocs := d.count(20)
	locs := make([]store.Location, nLocs)
	nStrs := uint32(p.strs.Len())
	for i := range locs {
		l := store.Location{Lon: store.Micro(int32(d.u32())), Lat: store.Micro(int32(d.u32())),
			Street: store.StrID(d.u32()), LSOA: store.StrID(d.u32()), LSOAName: store.StrID(d.u32())}
		if uint32(l.Street) >= nStrs || uint32(l.LSOA) >= nStrs || uint32(l.LSOAName) >= nStrs {
			return nil, errCorrupt
		}
		locs[i] = l
	}
	p.locs = store.LocationList(locs)
	switch d.byte() {
	case holdsNothing:
	case holdsCrimes:
		c := &store.Crimes{Month: crime.Month(d.u32())}
		n := d.count(4 + 2 + 32)
		c.Loc = d.locIDs(n, nLocs)
		c.Cat, c.Out = make([]crime.Category, n), make([]crime.Outcome, n)
		for i := range n {
			c.Cat[i], c.Out[i] = crime.Category(d.byte()), crime.Outcome(d.byte())
		}
		c.ID = d.crimeIDs(n)
		c.OddID = d.oddIDs(n)
		p.crimes = c
	case holdsOutcomes:
		o := &store.Outcomes{Month: crime.Month(d.u32())}
		n := d.count(4 + 1 + 32)
		o.Loc = d.locIDs(n, nLocs)
		o.Out = make([]crime.Outcome, n)
		for i := range n {
			o.Out[i] = crime.Outcome(d.byte())
		}
		o.ID = d.crimeIDs(n)
		o.OddID = d.oddIDs(n)
		p.outcomes = o
	case holdsStops:
		s := &store.Stops{Month: crime.Month(d.u32())}
		n := d.count(4 + 8 + 4*int(store.NumStopFields))
		s.Loc = d.locIDs(n, nLocs)
		s.Time = make([]int64, n)
		for i := range n {
			s.Time[i] = int64(d.u64())
		}
		nVals := 0
		if p.stopVals != nil {
			nVals = p.stopVals.Len()
		}
		for f := range s.Fields {
			col := make([]store.StrID, n)
			for i := range col {
				v := d.u32()
				if int(v) >= nVals {
					return nil, errCorrupt
				}
				col[i] = store.StrID(v)
			}
			s.Fields[f] = col
		}
		p.stops = s
	default:
		return nil, errCorrupt
	}
	nProblems := d.count(8)
	p.problems = make([]validate.Problem, 0, nProblems)
	for range nProblems {
		p.problems = append(p.problems, validate.Problem{File: d.str(), Line: int(d.u64()),
			Reason: validate.Reason(d.str()), Severity: validate.Severity(d.byte()),
			Force: d.str(), Month: d.str(), Detail: d.str()})
	}
	nExcluded := d.count(9)
	for range nExcluded {
		p.excluded = append(p.excluded, store.Exclusion{From: int32(d.u32()), To: int32(d.u32()), Reason: d.str()})
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, errCorrupt
	}
	return p, nil
}

// dec reads an entry; running off its end sets err and yields zeros, so
// decoding damaged bytes ends in errCorrupt, never in a panic.
type dec struct {
	b       []byte
	err     error
	skipIDs bool // leave ID columns nil
}

func (d *dec) take(n int) []byte {
	if n < 0 || n > len(d.b) {
		d.err, d.b = errCorrupt, nil
		return make([]byte, max(n, 0))
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *dec) byte() byte  { return d.take(1)[0] }
func (d *dec) u32() uint32 { return binary.LittleEndian.Uint32(d.take(4)) }
func (d *dec) u64() uint64 { return binary.LittleEndian.Uint64(d.take(8)) }

func (d *dec) str() string {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)-k) {
		d.err, d.b = errCorrupt, nil
		return ""
	}
	d.b = d.b[k:]
	return string(d.take(int(n)))
}

// count reads a length, checked against the bytes left at per bytes an
// item, so a damaged length cannot ask for a huge allocation.
func (d *dec) count(per int) int {
	n := d.u32()
	if uint64(n)*uint64(per) > uint64(len(d.b)) || n > math.MaxInt32 {
		d.err, d.b = errCorrupt, nil
		return 0
	}
	return int(n)
}

// strs reads a string table; nil stands for no table.
func (d *dec) strs() *store.Strings {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	all := make([]string, n)
	for i := range all {
		all[i] = d.str()
	}
	if all[0] != "" {
		// Every table starts with the empty string.
		d.err = errCorrupt
	}
	return store.StringList(all)
}

func (d *dec) locIDs(n, nLocs int) []store.LocID {
	ids := make([]store.LocID, n)
	for i := range ids {
		l := store.LocID(d.u32())
		if l != store.NoLoc && int(l) >= nLocs {
			d.err = errCorrupt
		}
		ids[i] = l
	}
	return ids
}

func (d *dec) crimeIDs(n int) []store.CrimeID {
	raw := d.take(32 * n)
	if d.skipIDs {
		return nil
	}
	ids := make([]store.CrimeID, n)
	for i := range ids {
		copy(ids[i][:], raw[32*i:])
	}
	return ids
}

func (d *dec) oddIDs(rows int) map[int32]string {
	n := d.count(5)
	if n == 0 {
		return nil
	}
	m := make(map[int32]string, n)
	for range n {
		row := int32(d.u32())
		if row < 0 || int(row) >= rows {
			d.err = errCorrupt
		}
		m[row] = d.str()
	}
	return m
}

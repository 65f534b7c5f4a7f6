package population

import (
	"strings"

	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
)

// Ethnic are residents by ethnic group, for stop-and-search rates per
// 1,000 residents of each group. An area's figures are known only when the
// file covers every LSOA the area owns (by the same rule as Build): a sum
// over part of the area would understate its residents and inflate the
// rates.
type Ethnic struct {
	Forces         []reference.EthnicCounts
	ForceKnown     []bool
	Neighbourhoods []reference.EthnicCounts
	NbhdKnown      []bool
}

// BuildEthnic works out residents by group from lsoa, LSOA code →
// residents by group. It returns nil when there is no such file.
func BuildEthnic(st *store.Store, ix *index.Index, lsoa map[string]reference.EthnicCounts) *Ethnic {
	if len(lsoa) == 0 {
		return nil
	}
	e := &Ethnic{
		Forces: make([]reference.EthnicCounts, len(st.Forces)), ForceKnown: make([]bool, len(st.Forces)),
		Neighbourhoods: make([]reference.EthnicCounts, len(ix.Neighbourhoods)), NbhdKnown: make([]bool, len(ix.Neighbourhoods)),
	}
	// An area starts unknown, becomes known with its first covered LSOA
	// and is spoiled for good by one the file lacks.
	forceGap := make([]bool, len(st.Forces))
	nbhdGap := make([]bool, len(ix.Neighbourhoods))
	for code, o := range owners(st, ix) {
		c, ok := lsoa[code]
		if !ok {
			forceGap[o.force] = true
			if o.nbhd != index.None {
				nbhdGap[o.nbhd] = true
			}
			continue
		}
		add := func(dst *reference.EthnicCounts) {
			for g := range dst {
				dst[g] += c[g]
			}
		}
		add(&e.Forces[o.force])
		e.ForceKnown[o.force] = true
		if o.nbhd != index.None {
			add(&e.Neighbourhoods[o.nbhd])
			e.NbhdKnown[o.nbhd] = true
		}
	}
	for i := range forceGap {
		e.ForceKnown[i] = e.ForceKnown[i] && !forceGap[i]
	}
	for i := range nbhdGap {
		e.NbhdKnown[i] = e.NbhdKnown[i] && !nbhdGap[i]
	}
	return e
}

// StopGroup maps a stop-and-search self-defined ethnicity, as the files
// word it ("Asian/Asian British - Indian"), to its top-level group: the
// words before " - " name it. ok is false for "Not stated", an empty value
// and wording that names no group; such stops are counted but have no
// group to be a rate of.
func StopGroup(v string) (g reference.EthnicGroup, ok bool) {
	s := strings.ToLower(strings.TrimSpace(v))
	top, detail, _ := strings.Cut(s, " - ")
	switch {
	case strings.HasPrefix(top, "white"):
		return reference.White, true
	case strings.HasPrefix(top, "black"):
		return reference.Black, true
	case strings.HasPrefix(top, "asian"):
		return reference.Asian, true
	case strings.HasPrefix(top, "mixed"):
		return reference.Mixed, true
	case strings.HasPrefix(top, "other") && !strings.Contains(detail, "not stated") && detail != "":
		return reference.OtherEthnic, true
	}
	return 0, false
}

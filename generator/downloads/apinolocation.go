package downloads

import (
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
)

// noLocation writes a force's month of crimes with no location, as the
// live API's crimes-no-location answers them: one file for category
// all-crime and one for every category the API takes, an empty list where
// the month has none of it, so that every call a client can make has its
// file. b is a buffer to reuse; the grown buffer is returned.
func (cw *crimeJSON) noLocation(b []byte, force string, m crime.Month, put func(string, []byte) error) ([]byte, error) {
	var all []int32
	var byCat [crime.NumCategories][]int32
	for i, l := range cw.c.Loc {
		if l == store.NoLoc {
			all = append(all, int32(i))
			byCat[cw.c.Cat[i]] = append(byCat[cw.c.Cat[i]], int32(i))
		}
	}
	// The live API gives these crimes no location type.
	nl := *cw
	nl.locationType = ""
	b = nl.list(b[:0], all)
	if err := put(NoLocationPath(force, m), b); err != nil {
		return b, err
	}
	for _, c := range crime.Categories() {
		b = nl.list(b[:0], byCat[c])
		if err := put(NoLocationCategoryPath(force, c, m), b); err != nil {
			return b, err
		}
	}
	return b, nil
}

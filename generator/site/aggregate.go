package site

import (
	"context"
	"fmt"

	"github.com/crimemap/crimemap/generator/aggregate"
	"github.com/crimemap/crimemap/generator/changes"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/population"
	"github.com/crimemap/crimemap/generator/search"
)

// index places every location in its force's neighbourhoods and numbers
// the snap points. In: st, bounds. Out: ix.
func (b *build) index(context.Context) (string, error) {
	ix, err := index.Build(b.st, b.bounds)
	if err != nil {
		return "", err
	}
	b.ix = ix
	b.res.Nbhds, b.res.Snaps, b.res.Forces = len(ix.Neighbourhoods), ix.SnapCount, len(b.st.Forces)
	return fmt.Sprintf("%d forces, %d neighbourhoods, %d locations at %d snap points",
		len(b.st.Forces), len(ix.Neighbourhoods), b.st.Locs.Len(), ix.SnapCount), nil
}

// aggregate counts everything the pages show, and makes the rest of what
// they show beside the counts, so that the render stage only renders. In:
// st, ix, ref, eligible. Out: agg, shown, tilePaths.
func (b *build) aggregate(context.Context) (string, error) {
	st, ix, ref := b.st, b.ix, b.ref
	agg, err := aggregate.Build(st, ix)
	if err != nil {
		return "", err
	}
	b.agg = agg
	// What changed since the last build reads the re-issued months'
	// earlier parses from the cache, which the prune after this build
	// may remove.
	s := &b.shown
	if s.changes, s.changeRecord, err = changes.FromCache(b.cache, st); err != nil {
		return "", err
	}
	s.nbhdCentres, s.forceCentres = search.Centres(st, ix)
	// Postcodes are placed once, for the search index and for the pages
	// that list postcode districts.
	s.placed = search.PlacePostcodes(st, ix, ref.Postcodes)
	s.population = population.Build(st, ix, ref.Details, ref.Population)
	s.ethnicity = population.BuildEthnic(st, ix, ethnicity(b.cfg, b.in, b.report))
	s.boundaries = boundaryAreas(ref, st, ix, b.set)
	s.catchments = catchmentForces(ref, st, ix, b.eligible, b.set)
	b.eligible = nil // read only for the catchments
	b.tilePaths = tilePaths(st, b.set)
	return fmt.Sprintf("%d months, %s to %s", agg.Months, st.First, st.Last), nil
}

package site

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/catchment"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/spatial"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/tiles"
)

// tilePath is where a month's archive lives in the site. The name carries
// the archive's key, made from what the archive is made from, so a changed
// archive gets a new address: a CDN may then keep every archive for good,
// and a page never meets an archive newer or older than itself.
func tilePath(m crime.Month, key string) string {
	return "tiles/crimes-" + m.String() + "-" + key[:keyChars] + ".pmtiles"
}

// keyChars of a key's hex in a file name: 64 bits, plenty to tell an
// archive from the few others of its month.
const keyChars = 16

// tilePaths names every month's archive.
func tilePaths(st *store.Store, set settings) map[crime.Month]string {
	out := map[crime.Month]string{}
	for _, m := range mapMonths(st) {
		out[m] = tilePath(m, tiles.MonthKey(st, m, set.tiles))
	}
	return out
}

// mapMonths are the months with anything to map.
func mapMonths(st *store.Store) []crime.Month {
	has := map[crime.Month]bool{}
	for _, c := range st.Crimes {
		if c.Mapped() > 0 {
			has[c.Month] = true
		}
	}
	for _, s := range st.Stops {
		if s.Mapped() > 0 {
			has[s.Month] = true
		}
	}
	var out []crime.Month
	for _, m := range st.Months() {
		if has[m] {
			out = append(out, m)
		}
	}
	return out
}

// tileMonthsAtOnce is how many months are tiled at once once the stages
// beside the tiles are done. A month's clustering and the writing of its
// archive run on one core while its tiles are encoded on all of them, so
// one month at a time then leaves a core idle for part of each month; two
// keep both busy. While the stages beside run, one month at a time: they
// keep the other core busy, and a second month's working memory on top of
// theirs would take the build past 2 GiB.
const tileMonthsAtOnce = 2

// tiles writes a crimes archive per month, or reuses the previous site's
// when it was made from the same input. It runs beside other stages, so
// it reports no progress of its own. In: st, ix, tilePaths. Out:
// res.Tiles, res.TilesReused, in month order whatever order the months
// finish in.
func (b *build) tiles(ctx context.Context) (string, error) {
	months := mapMonths(b.st)
	written := make([]*tiles.Stats, len(months))
	reused := make([]bool, len(months))
	errs := make([]error, len(months))
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for w := range min(tileMonthsAtOnce, len(months)) {
		wg.Go(func() {
			if w > 0 {
				select {
				case <-b.tilesAlone:
				case <-ctx.Done():
					return
				}
			}
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(months) {
					return
				}
				m := months[i]
				var err error
				reused[i], err = b.out.Make(b.tilePaths[m], tiles.MonthKey(b.st, m, b.set.tiles), func(w io.Writer) error {
					s, err := tiles.WriteMonth(w, b.st, b.ix, m, b.set.tiles)
					written[i] = &s
					return err
				})
				if err != nil {
					err = fmt.Errorf("%s: %w", m, err)
				} else {
					checkpoint("tiles " + m.String())
					err = interrupted(ctx)
				}
				if err != nil {
					errs[i] = err
					failed.Store(true)
					return
				}
			}
		})
	}
	wg.Wait()
	for i, m := range months {
		if written[i] != nil {
			b.res.Tiles = append(b.res.Tiles, *written[i])
		}
		if reused[i] {
			b.res.TilesReused = append(b.res.TilesReused, m)
		}
	}
	// The first error by month, so that the error does not depend on
	// which month finished first.
	for _, err := range errs {
		if err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("%d month archives: %d written, %d reused (beside the downloads, render and search)",
		len(months), len(b.res.Tiles), len(b.res.TilesReused)), nil
}

// boundarySet is what the boundaries archive draws, and where it goes.
type boundarySet struct {
	forces, nbhds []tiles.Area
	key           string
	path          string // "" when there is nothing to draw
}

// boundaryAreas gathers the force and neighbourhood boundaries of the
// reference data and names their archive by its key, as month archives are.
func boundaryAreas(ref *reference.Data, st *store.Store, ix *index.Index, set settings) *boundarySet {
	b := &boundarySet{}
	for _, f := range ref.Forces {
		name := f.Name
		if id, ok := st.Force(f.ID); ok {
			name = st.Forces[id].Name
		}
		b.forces = append(b.forces, tiles.Area{ID: f.ID, Name: name, Force: f.ID, Shape: f.Shape})
	}
	for _, n := range ix.Neighbourhoods {
		if !n.FromLSOA {
			slug := st.Forces[n.Force].Slug
			b.nbhds = append(b.nbhds, tiles.Area{ID: n.Slug, Name: n.Name, Force: slug, Shape: n.Shape})
		}
	}
	if len(b.forces)+len(b.nbhds) > 0 {
		b.key = tiles.BoundaryKey(b.forces, b.nbhds, set.boundaries)
		b.path = "tiles/boundaries-" + b.key[:keyChars] + ".pmtiles"
	}
	return b
}

// boundaries writes the boundaries archive, or reuses the previous
// site's. In: shown.boundaries.
func (b *build) boundaries(context.Context) (string, error) {
	bs := b.shown.boundaries
	if bs.path == "" {
		return "", errSkip
	}
	reused, err := b.out.Make(bs.path, bs.key, func(w io.Writer) error {
		return tiles.WriteBoundaries(w, bs.forces, bs.nbhds, b.set.boundaries)
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d forces and %d neighbourhoods%s", len(bs.forces), len(bs.nbhds), reusedNote(reused)), nil
}

// reusedNote ends a stage's line when its file came from the previous site.
func reusedNote(reused bool) string {
	if reused {
		return ", reused"
	}
	return ""
}

// catchmentSet is what the catchments archive draws, and where it goes.
type catchmentSet struct {
	forces []catchment.Force
	key    string
	path   string // "" when there are no snap points
	// boxed names the forces with no boundary, whose cells stop at a box
	// around their snap points.
	boxed []string
	// nbhdSnaps counts each neighbourhood's snap points.
	nbhdSnaps []int
}

// catchmentForces gives each published snap point to one force and names
// the archive by its key. A snap point belongs to the force that first
// published it (the index's owner of its lowest-numbered location, so
// the choice is the same every build), except that one whose force has
// no boundary goes to the force whose boundary holds it, if any: British
// Transport Police's stations then share their town's cells rather than
// drawing a second map of stations across the country. The eligible snap
// points that published nothing (from the gazetteer, when there is one)
// take their share of the force whose boundary holds them.
func catchmentForces(ref *reference.Data, st *store.Store, ix *index.Index, eligible []catchment.Point, set settings) *catchmentSet {
	c := &catchmentSet{nbhdSnaps: nbhdSnapCounts(st, ix)}
	areas := newForceAreas(ref)
	byForce, published := publishedSnaps(st, ix, areas)
	others := areas.unpublished(eligible, published)
	byPoint := func(a, b catchment.Point) int { return cmp.Or(cmp.Compare(a.Lon, b.Lon), cmp.Compare(a.Lat, b.Lat)) }
	for _, slug := range slices.Sorted(maps.Keys(byForce)) {
		f := catchment.Force{Slug: slug, Points: byForce[slug], Others: others[slug]}
		slices.SortFunc(f.Points, byPoint)
		slices.SortFunc(f.Others, byPoint)
		f.Others = slices.Compact(f.Others)
		if k, ok := areas.shapeOf[slug]; ok {
			f.Shape = areas.shapes[k]
		} else {
			name := slug
			if id, ok := st.Force(slug); ok {
				name = st.Forces[id].Name
			}
			c.boxed = append(c.boxed, name)
		}
		c.forces = append(c.forces, f)
	}
	if len(c.forces) > 0 {
		c.key = catchment.Key(c.forces, set.catchments)
		c.path = "tiles/catchments-" + c.key[:keyChars] + ".pmtiles"
	}
	return c
}

// forceAreas are the force boundaries of the reference data, to find the
// force whose boundary holds a point.
type forceAreas struct {
	shapeOf map[string]int // force slug → index in shapes
	shapes  []orb.MultiPolygon
	slugs   []string // of shapes
	within  *spatial.Index
}

func newForceAreas(ref *reference.Data) *forceAreas {
	a := &forceAreas{shapeOf: map[string]int{}}
	for _, f := range ref.Forces {
		if len(f.Shape) > 0 {
			a.shapeOf[f.ID] = len(a.shapes)
			a.shapes = append(a.shapes, f.Shape)
			a.slugs = append(a.slugs, f.ID)
		}
	}
	if len(a.shapes) > 0 {
		a.within = spatial.New(a.shapes)
	}
	return a
}

// locate is the slug of the force whose boundary holds p.
func (a *forceAreas) locate(p catchment.Point) (string, bool) {
	if a.within == nil {
		return "", false
	}
	k, ok := a.within.Locate(orb.Point{p.Lon.Float(), p.Lat.Float()})
	if !ok {
		return "", false
	}
	return a.slugs[k], true
}

// publishedSnaps gives each published snap point to its force (see
// catchmentForces), and says which points were published.
func publishedSnaps(st *store.Store, ix *index.Index, areas *forceAreas) (map[string][]catchment.Point, map[catchment.Point]bool) {
	byForce := map[string][]catchment.Point{}
	published := make(map[catchment.Point]bool, ix.SnapCount)
	first := make([]bool, ix.SnapCount)
	for l, loc := range st.Locs.All() {
		snap := ix.Snap[l]
		if first[snap] {
			continue
		}
		first[snap] = true
		pt := catchment.Point{Lon: loc.Lon, Lat: loc.Lat}
		published[pt] = true
		slug := st.Forces[ix.Owner(store.LocID(l))].Slug
		if _, ok := areas.shapeOf[slug]; !ok {
			if s, ok := areas.locate(pt); ok {
				slug = s
			}
		}
		byForce[slug] = append(byForce[slug], pt)
	}
	return byForce, published
}

// unpublished gives each eligible snap point that published nothing to
// the force whose boundary holds it.
func (a *forceAreas) unpublished(eligible []catchment.Point, published map[catchment.Point]bool) map[string][]catchment.Point {
	others := map[string][]catchment.Point{}
	for _, pt := range eligible {
		if published[pt] {
			continue
		}
		if slug, ok := a.locate(pt); ok {
			others[slug] = append(others[slug], pt)
		}
	}
	return others
}

// nbhdSnapCounts counts each neighbourhood's snap points. A snap point
// counts once in each neighbourhood it is in: nearly always one, kept by
// snap point; the rare others go in a map.
func nbhdSnapCounts(st *store.Store, ix *index.Index) []int {
	counts := make([]int, len(ix.Neighbourhoods))
	type nbSnap struct {
		nb   int32
		snap uint32
	}
	snapNb := make([]int32, ix.SnapCount)
	for i := range snapNb {
		snapNb[i] = index.None
	}
	counted := map[nbSnap]bool{}
	for l := range st.Locs.All() {
		id := store.LocID(l)
		snap := ix.Snap[l]
		nb := ix.Neighbourhood(ix.Owner(id), id)
		switch {
		case nb == index.None:
		case snapNb[snap] == index.None:
			snapNb[snap] = nb
			counts[nb]++
		case snapNb[snap] != nb && !counted[nbSnap{nb, snap}]:
			counted[nbSnap{nb, snap}] = true
			counts[nb]++
		}
	}
	return counts
}

// catchments writes the catchments archive, or reuses the previous
// site's. With a cache folder, the cells of each force and the tiles of
// the archive are kept in its catchments folder, so that a build with a
// new month draws again only the forces whose snap points changed and
// encodes again only the tiles whose cells changed. In:
// shown.catchments.
func (b *build) catchments(context.Context) (string, error) {
	c := b.shown.catchments
	if c.path == "" {
		return "", errSkip
	}
	opt := b.set.catchments
	if b.cfg.Cache != "" {
		opt.Cache = filepath.Join(b.cfg.Cache, catchmentCache)
	}
	var s catchment.Stats
	reused, err := b.out.Make(c.path, c.key, func(w io.Writer) error {
		var err error
		s, err = catchment.Write(w, c.forces, opt)
		return err
	})
	if err != nil {
		return "", err
	}
	if reused {
		return fmt.Sprintf("%d forces, reused", len(c.forces)), nil
	}
	boxed := ""
	if len(c.boxed) > 0 {
		boxed = fmt.Sprintf("; no boundary, cut at a box around the snap points: %s", strings.Join(c.boxed, ", "))
	}
	cached := ""
	if opt.Cache != "" {
		cached = fmt.Sprintf("; %d forces drawn and %d tiles encoded, the rest from the cache", s.Drawn, s.Encoded)
		if s.CacheErr != nil {
			cached += fmt.Sprintf(" (not cached: %v)", s.CacheErr)
		}
	}
	return fmt.Sprintf("%d cells of %d forces in %d tiles, largest %.0f KB, %d on a coarser grid%s%s",
		s.Cells, len(c.forces), s.Tiles, float64(s.MaxTile)/1e3, s.Coarsened, boxed, cached), nil
}

// catchmentCache is the folder in the build's cache (Config.Cache) that
// keeps the catchments' cells and tiles between builds.
const catchmentCache = "catchments"

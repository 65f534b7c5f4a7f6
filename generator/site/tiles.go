package site

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/crimemap/crimemap/generator/catchment"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/progress"
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
func tilePaths(st *store.Store) map[crime.Month]string {
	out := map[crime.Month]string{}
	for _, m := range mapMonths(st) {
		out[m] = tilePath(m, tiles.MonthKey(st, m, tiles.DefaultOptions))
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

// tiles writes a crimes archive per month, and returns its summary line.
// A month whose archive in the previous site was made from the same input
// is linked, not rebuilt. It runs beside other stages, so it reports no
// progress of its own.
func (res *Result) tiles(ctx context.Context, cfg Config, st *store.Store, ix *index.Index, paths map[crime.Month]string, out *output.Dir) (string, error) {
	months := mapMonths(st)
	opt := tiles.DefaultOptions
	opt.TempDir = out.Root()
	for _, m := range months {
		rel := paths[m]
		prev := filepath.Join(cfg.Out, filepath.FromSlash(rel))
		if key, ok := tiles.ArchiveKey(prev); ok && key == tiles.MonthKey(st, m, opt) {
			if err := out.Link(rel, prev); err != nil {
				return "", fmt.Errorf("tiles: %w", err)
			}
			res.TilesReused = append(res.TilesReused, m)
		} else {
			err := out.Stream(rel, func(w io.Writer) error {
				s, err := tiles.WriteMonth(w, st, ix, m, opt)
				res.Tiles = append(res.Tiles, s)
				return err
			})
			if err != nil {
				return "", fmt.Errorf("tiles: %s: %w", m, err)
			}
		}
		checkpoint("tiles " + m.String())
		if err := interrupted(ctx); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("%d month archives: %d written, %d reused (beside the downloads, render and search)",
		len(months), len(res.Tiles), len(res.TilesReused)), nil
}

// boundarySet is what the boundaries archive draws, and where it goes.
type boundarySet struct {
	forces, nbhds []tiles.Area
	path          string // "" when there is nothing to draw
}

// boundaryAreas gathers the force and neighbourhood boundaries of the
// reference data and names their archive by its key, as month archives are.
func boundaryAreas(ref *reference.Data, st *store.Store, ix *index.Index) *boundarySet {
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
		key := tiles.BoundaryKey(b.forces, b.nbhds, tiles.DefaultBoundaryOptions)
		b.path = "tiles/boundaries-" + key[:keyChars] + ".pmtiles"
	}
	return b
}

// boundaries writes the boundaries archive, or links the previous site's
// when it has the same name and so the same content.
func (res *Result) boundaries(cfg Config, b *boundarySet, out *output.Dir, p *progress.Reporter) error {
	if b.path == "" {
		return nil
	}
	p.Start("boundaries")
	if ok, err := linkPrevious(cfg, out, b.path); err != nil {
		return fmt.Errorf("boundaries: %w", err)
	} else if ok {
		res.stage("boundaries", p.Done("%d forces and %d neighbourhoods, reused", len(b.forces), len(b.nbhds)))
		return nil
	}
	opt := tiles.DefaultBoundaryOptions
	opt.TempDir = out.Root()
	err := out.Stream(b.path, func(w io.Writer) error { return tiles.WriteBoundaries(w, b.forces, b.nbhds, opt) })
	if err != nil {
		return fmt.Errorf("boundaries: %w", err)
	}
	res.stage("boundaries", p.Done("%d forces and %d neighbourhoods", len(b.forces), len(b.nbhds)))
	return nil
}

// catchmentSet is what the catchments archive draws, and where it goes.
type catchmentSet struct {
	forces []catchment.Force
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
func catchmentForces(ref *reference.Data, st *store.Store, ix *index.Index, eligible []catchment.Point) *catchmentSet {
	c := &catchmentSet{nbhdSnaps: make([]int, len(ix.Neighbourhoods))}
	shapeOf := map[string]int{}
	var shapes []orb.MultiPolygon
	var slugs []string // of shapes
	for _, f := range ref.Forces {
		if len(f.Shape) > 0 {
			shapeOf[f.ID] = len(shapes)
			shapes = append(shapes, f.Shape)
			slugs = append(slugs, f.ID)
		}
	}
	var within *spatial.Index
	if len(shapes) > 0 {
		within = spatial.New(shapes)
	}
	byForce := map[string][]catchment.Point{}
	published := make(map[catchment.Point]bool, ix.SnapCount)
	first := make([]bool, ix.SnapCount)
	// A snap point counts once in each neighbourhood it is in: nearly
	// always one, kept by snap point; the rare others go in a map.
	type nbSnap struct {
		nb   int32
		snap uint32
	}
	snapNb := make([]int32, ix.SnapCount)
	for i := range snapNb {
		snapNb[i] = index.None
	}
	counted := map[nbSnap]bool{}
	for l, loc := range st.Locs.All() {
		id := store.LocID(l)
		owner := ix.Owner(id)
		snap := ix.Snap[l]
		if nb := ix.Neighbourhood(owner, id); nb != index.None {
			switch {
			case snapNb[snap] == index.None:
				snapNb[snap] = nb
				c.nbhdSnaps[nb]++
			case snapNb[snap] != nb && !counted[nbSnap{nb, snap}]:
				counted[nbSnap{nb, snap}] = true
				c.nbhdSnaps[nb]++
			}
		}
		if first[snap] {
			continue
		}
		first[snap] = true
		pt := catchment.Point{Lon: loc.Lon, Lat: loc.Lat}
		published[pt] = true
		slug := st.Forces[owner].Slug
		if _, ok := shapeOf[slug]; !ok && within != nil {
			if k, ok := within.Locate(orb.Point{loc.Lon.Float(), loc.Lat.Float()}); ok {
				slug = slugs[k]
			}
		}
		byForce[slug] = append(byForce[slug], pt)
	}
	others := map[string][]catchment.Point{}
	if within != nil {
		for _, pt := range eligible {
			if published[pt] {
				continue
			}
			if k, ok := within.Locate(orb.Point{pt.Lon.Float(), pt.Lat.Float()}); ok {
				others[slugs[k]] = append(others[slugs[k]], pt)
			}
		}
	}
	byPoint := func(a, b catchment.Point) int { return cmp.Or(cmp.Compare(a.Lon, b.Lon), cmp.Compare(a.Lat, b.Lat)) }
	for _, slug := range slices.Sorted(maps.Keys(byForce)) {
		f := catchment.Force{Slug: slug, Points: byForce[slug], Others: others[slug]}
		slices.SortFunc(f.Points, byPoint)
		slices.SortFunc(f.Others, byPoint)
		f.Others = slices.Compact(f.Others)
		if k, ok := shapeOf[slug]; ok {
			f.Shape = shapes[k]
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
		c.path = "tiles/catchments-" + catchment.Key(c.forces, catchment.DefaultOptions)[:keyChars] + ".pmtiles"
	}
	return c
}

// catchments writes the catchments archive, or links the previous site's
// when it has the same name and so the same content.
func (res *Result) catchments(cfg Config, c *catchmentSet, out *output.Dir, p *progress.Reporter) error {
	if c.path == "" {
		return nil
	}
	p.Start("catchments")
	if ok, err := linkPrevious(cfg, out, c.path); err != nil {
		return fmt.Errorf("catchments: %w", err)
	} else if ok {
		res.stage("catchments", p.Done("%d forces, reused", len(c.forces)))
		return nil
	}
	opt := catchment.DefaultOptions
	opt.TempDir = out.Root()
	var s catchment.Stats
	err := out.Stream(c.path, func(w io.Writer) error {
		var err error
		s, err = catchment.Write(w, c.forces, opt)
		return err
	})
	if err != nil {
		return fmt.Errorf("catchments: %w", err)
	}
	boxed := ""
	if len(c.boxed) > 0 {
		boxed = fmt.Sprintf("; no boundary, cut at a box around the snap points: %s", strings.Join(c.boxed, ", "))
	}
	res.stage("catchments", p.Done("%d cells of %d forces in %d tiles, largest %.0f KB, %d on a coarser grid%s",
		s.Cells, len(c.forces), s.Tiles, float64(s.MaxTile)/1e3, s.Coarsened, boxed))
	return nil
}

// linkPrevious links the previous site's file at rel into out, and reports
// whether there was one. It is for archives named by the key of what they
// are made from, so the same name means the same content.
func linkPrevious(cfg Config, out *output.Dir, rel string) (bool, error) {
	prev := filepath.Join(cfg.Out, filepath.FromSlash(rel))
	if _, err := os.Stat(prev); err != nil {
		return false, nil
	}
	return true, out.Link(rel, prev)
}

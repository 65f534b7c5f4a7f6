package site

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/progress"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/tiles"
)

// TilePath is where a month's archive lives in the site.
func TilePath(m crime.Month) string { return "tiles/crimes-" + m.String() + ".pmtiles" }

// mapMonths are the months with anything to map.
func mapMonths(st *store.Store) []crime.Month {
	has := map[crime.Month]bool{}
	for _, c := range st.Crimes {
		for _, l := range c.Loc {
			if l != store.NoLoc {
				has[c.Month] = true
				break
			}
		}
	}
	for _, s := range st.Stops {
		for _, l := range s.Loc {
			if l != store.NoLoc {
				has[s.Month] = true
				break
			}
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

// tiles writes a crimes archive per month. A month whose archive in the
// previous site was made from the same input is linked, not rebuilt.
func (res *Result) tiles(cfg Config, st *store.Store, ix *index.Index, out *output.Dir, p *progress.Reporter) error {
	p.Start("tiles")
	months := mapMonths(st)
	opt := tiles.DefaultOptions
	opt.TempDir = out.Root()
	for i, m := range months {
		rel := TilePath(m)
		prev := filepath.Join(cfg.Out, filepath.FromSlash(rel))
		if key, ok := tiles.ArchiveKey(prev); ok && key == tiles.MonthKey(st, m, opt) {
			if err := out.Link(rel, prev); err != nil {
				return fmt.Errorf("tiles: %w", err)
			}
			res.TilesReused = append(res.TilesReused, m)
		} else {
			err := out.Stream(rel, func(w io.Writer) error {
				s, err := tiles.WriteMonth(w, st, ix, m, opt)
				res.Tiles = append(res.Tiles, s)
				return err
			})
			if err != nil {
				return fmt.Errorf("tiles: %s: %w", m, err)
			}
		}
		p.Update(i+1, len(months))
	}
	res.stage("tiles", p.Done("%d month archives: %d written, %d reused", len(months), len(res.Tiles), len(res.TilesReused)))
	return nil
}

// BoundaryPath is where the boundaries archive lives in the site.
const BoundaryPath = "tiles/boundaries.pmtiles"

// hasBoundaries says whether the reference data has any boundary to draw.
func hasBoundaries(ref *reference.Data, ix *index.Index) bool {
	if len(ref.Forces) > 0 {
		return true
	}
	for _, n := range ix.Neighbourhoods {
		if !n.FromLSOA {
			return true
		}
	}
	return false
}

// boundaries writes the force and neighbourhood boundaries archive, when
// the reference data has any.
func (res *Result) boundaries(ref *reference.Data, st *store.Store, ix *index.Index, out *output.Dir, p *progress.Reporter) error {
	var forces, nbhds []tiles.Area
	for _, f := range ref.Forces {
		name := f.Name
		if id, ok := st.Force(f.ID); ok {
			name = st.Forces[id].Name
		}
		forces = append(forces, tiles.Area{ID: f.ID, Name: name, Force: f.ID, Shape: f.Shape})
	}
	for _, n := range ix.Neighbourhoods {
		if !n.FromLSOA {
			slug := st.Forces[n.Force].Slug
			nbhds = append(nbhds, tiles.Area{ID: n.Slug, Name: n.Name, Force: slug, Shape: n.Shape})
		}
	}
	if len(forces)+len(nbhds) == 0 {
		return nil
	}
	p.Start("boundaries")
	opt := tiles.DefaultBoundaryOptions
	opt.TempDir = out.Root()
	err := out.Stream(BoundaryPath, func(w io.Writer) error { return tiles.WriteBoundaries(w, forces, nbhds, opt) })
	if err != nil {
		return fmt.Errorf("boundaries: %w", err)
	}
	res.stage("boundaries", p.Done("%d forces and %d neighbourhoods", len(forces), len(nbhds)))
	return nil
}

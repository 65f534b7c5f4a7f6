package tiles

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestSharedEdgesStayShared(t *testing.T) {
	// Two neighbours sharing a wiggly edge, at every zoom: each vertex of
	// the shared edge lands on the same grid point in both.
	edge := []orb.Point{{-1.0, 53.0}, {-1.0003, 53.01}, {-0.9991, 53.02}, {-1.0002, 53.03}, {-1.0, 53.04}}
	west := orb.Polygon{append(append(orb.Ring{{-1.1, 53.04}, {-1.1, 53.0}}, edge...), orb.Point{-1.1, 53.04})}
	var east orb.Ring
	for i := len(edge) - 1; i >= 0; i-- {
		east = append(east, edge[i])
	}
	east = append(east, orb.Point{-0.9, 53.0}, orb.Point{-0.9, 53.04}, edge[len(edge)-1])
	for z := uint8(0); z <= 14; z++ {
		a := projectShape(orb.MultiPolygon{west}, z, DefaultBoundaryOptions.GridBits)
		b := projectShape(orb.MultiPolygon{{east}}, z, DefaultBoundaryOptions.GridBits)
		if len(a) == 0 || len(b) == 0 {
			continue // both collapse at low zoom
		}
		inA := map[orb.Point]bool{}
		for _, p := range a[0][0] {
			inA[p] = true
		}
		shared := 0
		for _, p := range b[0][0] {
			if inA[p] {
				shared++
			}
		}
		if shared < 2 {
			t.Errorf("zoom %d: the neighbours share %d vertices", z, shared)
		}
	}
}

func TestWriteBoundaries(t *testing.T) {
	sq := func(x0, y0, x1, y1 float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
	}
	forces := []Area{{ID: "alpha", Name: "Alpha Police", Force: "alpha", Shape: sq(-2, 52, 0, 54)}}
	nbhds := []Area{
		{ID: "n1", Name: "West <End>", Force: "alpha", Shape: sq(-2, 52, -1, 54)},
		{ID: "n2", Name: "East", Force: "alpha", Shape: sq(-1, 52, 0, 54)},
	}
	var buf bytes.Buffer
	if err := WriteBoundaries(&buf, forces, nbhds, DefaultBoundaryOptions); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "boundaries.pmtiles")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	labels := map[string]int{} // id@zoom → count
	polys := map[string]bool{}
	for _, d := range readArchive(t, path) {
		for _, l := range d.ls {
			for _, f := range l.Features {
				id := f.Properties.MustString("id")
				switch l.Name {
				case LabelsLayer:
					labels[id+"@"+string(rune('a'+d.z))]++
				case ForcesLayer, NeighbourhoodsLayer:
					polys[l.Name+"/"+id] = true
					if d.z < DefaultBoundaryOptions.NeighbourhoodZoom && l.Name == NeighbourhoodsLayer {
						t.Errorf("neighbourhood %s at zoom %d", id, d.z)
					}
				}
			}
		}
		// Labels lie inside a polygon of their own area in the same tile.
		for _, l := range d.ls {
			if l.Name != LabelsLayer {
				continue
			}
			for _, f := range l.Features {
				p := f.Geometry.(orb.Point)
				inside := false
				for _, pl := range d.ls {
					for _, g := range pl.Features {
						if pl.Name == LabelsLayer || g.Properties.MustString("id") != f.Properties.MustString("id") {
							continue
						}
						switch geom := g.Geometry.(type) {
						case orb.Polygon:
							inside = inside || planar.PolygonContains(geom, p)
						case orb.MultiPolygon:
							inside = inside || planar.MultiPolygonContains(geom, p)
						}
					}
				}
				if !inside {
					t.Errorf("tile %d/%d/%d: label of %s at %v is not inside it", d.z, d.x, d.y, f.Properties.MustString("id"), p)
				}
			}
		}
	}
	for _, want := range []string{"forces/alpha", "neighbourhoods/n1", "neighbourhoods/n2"} {
		if !polys[want] {
			t.Errorf("no %s polygon", want)
		}
	}
	for z := uint8(0); z <= DefaultBoundaryOptions.MaxZoom; z++ {
		if labels["alpha@"+string(rune('a'+z))] != 1 {
			t.Errorf("zoom %d: %d labels for alpha", z, labels["alpha@"+string(rune('a'+z))])
		}
	}
}

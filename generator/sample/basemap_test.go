package sample

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/planar"

	"github.com/crimemap/crimemap/generator/basemap"
	"github.com/crimemap/crimemap/generator/pmtiles"
)

// tileCache decodes each z15 tile of an archive once.
type tileCache struct {
	t     *testing.T
	r     *pmtiles.Reader
	tiles map[[2]uint32]mvt.Layers
}

// at returns the z15 tile holding lon, lat and the point in tile units.
func (c *tileCache) at(lon, lat float64) (mvt.Layers, orb.Point) {
	const z = 15
	n := float64(uint64(1) << z)
	s := math.Sin(lat * math.Pi / 180)
	fx, fy := (lon+180)/360*n, (0.5-math.Log((1+s)/(1-s))/(4*math.Pi))*n
	k := [2]uint32{uint32(fx), uint32(fy)}
	local := orb.Point{(fx - float64(k[0])) * basemap.Extent, (fy - float64(k[1])) * basemap.Extent}
	if ls, ok := c.tiles[k]; ok {
		return ls, local
	}
	data, ok, err := c.r.Tile(z, k[0], k[1])
	if err != nil {
		c.t.Fatal(err)
	}
	var ls mvt.Layers
	if ok {
		if ls, err = mvt.Unmarshal(data); err != nil {
			c.t.Fatal(err)
		}
	}
	c.tiles[k] = ls
	return ls, local
}

func layer(ls mvt.Layers, name string) *mvt.Layer {
	for _, l := range ls {
		if l.Name == name {
			return l
		}
	}
	return nil
}

// distanceToNamed returns the distance from p to the nearest line of l
// named name, infinite when there is none.
func distanceToNamed(l *mvt.Layer, name string, p orb.Point) float64 {
	best := math.Inf(1)
	if l == nil {
		return best
	}
	for _, f := range l.Features {
		if f.Properties["name"] == name {
			best = math.Min(best, planar.DistanceFrom(f.Geometry, p))
		}
	}
	return best
}

// TestBasemap reads the small sample's basemap back: the checker accepts
// it, every street snap point of the published files lies on a road of
// its street's name at zoom 15, and every town is a place.
func TestBasemap(t *testing.T) {
	dir, _ := small(t)
	path := filepath.Join(dir, filepath.FromSlash(BasemapFile))
	info, err := basemap.CheckFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range append(slices.Clone(basemap.Required), basemap.Transit) {
		if !slices.Contains(info.Layers, want) {
			t.Errorf("layers %v lack %s", info.Layers, want)
		}
	}
	if info.MinZoom != 0 || info.MaxZoom != 15 {
		t.Errorf("zooms %d..%d", info.MinZoom, info.MaxZoom)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 8<<20 {
		t.Errorf("basemap is %d bytes", len(data))
	}
	r, err := pmtiles.Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	tc := &tileCache{t: t, r: r, tiles: map[[2]uint32]mvt.Layers{}}

	// The published street snap points, from every street file.
	notStreets := append([]string{"", stationName}, landmarks...)
	type loc struct {
		lon, lat float64
		street   string
	}
	seen := map[loc]bool{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, "-street.csv") {
			return err
		}
		fh, err := os.Open(p)
		if err != nil {
			return err
		}
		defer fh.Close()
		cr := csv.NewReader(fh)
		cr.FieldsPerRecord = -1
		for line := 1; ; line++ {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			if line == 1 || len(rec) != 12 {
				continue
			}
			street := strings.TrimPrefix(rec[6], "On or near ")
			lon, err1 := strconv.ParseFloat(rec[4], 64)
			lat, err2 := strconv.ParseFloat(rec[5], 64)
			if err1 != nil || err2 != nil || math.Abs(lat) > 90 || slices.Contains(notStreets, street) {
				continue
			}
			seen[loc{lon, lat, street}] = true
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 3000 {
		t.Fatalf("only %d street snap points in the published files", len(seen))
	}
	bad := 0
	for p := range seen {
		ls, at := tc.at(p.lon, p.lat)
		// Tile units at z15 are about 20 cm here: one is far tighter than
		// the 2 m the map needs.
		if d := distanceToNamed(layer(ls, basemap.Roads), p.street, at); d > 1 {
			if bad++; bad <= 10 {
				t.Errorf("snap point %.6f,%.6f is %.2f units from any road named %q", p.lon, p.lat, d, p.street)
			}
		}
		if e := layer(ls, basemap.Earth); e == nil || len(e.Features) == 0 {
			t.Errorf("snap point %.6f,%.6f is at sea", p.lon, p.lat)
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d street snap points are not on their street", bad, len(seen))
	}

	// Every town is a place, named, in the tile holding it.
	w, err := buildWorld(1, "small")
	if err != nil {
		t.Fatal(err)
	}
	towns := 0
	for _, f := range w.forces {
		for _, town := range f.towns {
			towns++
			ls, at := tc.at(town.lon, town.lat)
			found := false
			if l := layer(ls, basemap.Places); l != nil {
				for _, ft := range l.Features {
					pt, ok := ft.Geometry.(orb.Point)
					if ok && ft.Properties["name"] == town.name && ft.Properties["kind"] == "locality" && math.Hypot(pt[0]-at[0], pt[1]-at[1]) <= 1 {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("town %s is not a place at z15", town.name)
			}
		}
	}
	if towns == 0 {
		t.Fatal("no towns")
	}
}

// TestBasemapDeterministic writes the basemap twice from one world and
// from a rebuilt one.
func TestBasemapDeterministic(t *testing.T) {
	write := func() []byte {
		w, err := buildWorld(1, "small")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		start := time.Now()
		if _, err := basemap.Write(&buf, w.basemapFeatures(), basemap.Options{}); err != nil {
			t.Fatal(err)
		}
		t.Logf("basemap: %d bytes in %v", buf.Len(), time.Since(start))
		return buf.Bytes()
	}
	if !bytes.Equal(write(), write()) {
		t.Error("two basemaps of the same world differ")
	}
}

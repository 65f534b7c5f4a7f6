package tiles

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"

	"github.com/crimemap/crimemap/generator/pmtiles"
	"github.com/crimemap/crimemap/generator/store"
)

type decoded struct {
	z    uint8
	x, y uint32
	ls   mvt.Layers
}

// readArchive decodes every tile of an archive with our reader.
func readArchive(t *testing.T, path string) []decoded {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	r, err := pmtiles.Open(f, info.Size())
	if err != nil {
		t.Fatal(err)
	}
	var out []decoded
	err = r.Walk(func(z uint8, x, y uint32, data []byte) error {
		ls, err := mvt.Unmarshal(data)
		if err != nil {
			return fmt.Errorf("tile %d/%d/%d: %w", z, x, y, err)
		}
		out = append(out, decoded{z, x, y, ls})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOnlySnapPoints checks the privacy rule: every feature at every zoom
// sits where a snap point of the month sits in that tile.
func TestOnlySnapPoints(t *testing.T) {
	st, _ := small(t)
	m := st.Last
	path, _ := writeMonth(t, m)
	allowed := map[string]bool{}
	add := func(l store.Location) {
		for z := uint8(0); z <= DefaultOptions.MaxZoom; z++ {
			px, py := WorldPixel(l.Lon, l.Lat, z)
			tx, ty, lx, ly := tileOf(px, py)
			allowed[fmt.Sprint(z, tx, ty, lx, ly)] = true
		}
	}
	for _, c := range st.Crimes {
		if c.Month == m {
			for _, l := range c.Loc {
				if l != store.NoLoc {
					add(st.Locs.Get(l))
				}
			}
		}
	}
	for _, s := range st.Stops {
		if s.Month == m {
			for _, l := range s.Loc {
				if l != store.NoLoc {
					add(st.Locs.Get(l))
				}
			}
		}
	}
	n := 0
	for _, d := range readArchive(t, path) {
		for _, l := range d.ls {
			for _, f := range l.Features {
				p, ok := f.Geometry.(orb.Point)
				if !ok {
					t.Fatalf("%s feature is a %T", l.Name, f.Geometry)
				}
				n++
				if !allowed[fmt.Sprint(d.z, d.x, d.y, int(p[0]), int(p[1]))] {
					t.Errorf("tile %d/%d/%d: %s feature at %v is not a snap point", d.z, d.x, d.y, l.Name, p)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no features")
	}
}

// TestPopups checks that each snap point at the highest zoom lists exactly
// its crimes, with category and outcome, and its location text.
func TestPopups(t *testing.T) {
	st, _ := small(t)
	m := st.Last
	path, _ := writeMonth(t, m)
	// From the store: per point key, "category|outcome" counts and the text.
	want := map[uint64]map[string]int{}
	text := map[uint64]string{}
	for _, c := range st.Crimes {
		if c.Month != m {
			continue
		}
		for i, l := range c.Loc {
			if l == store.NoLoc {
				continue
			}
			loc := st.Locs.Get(l)
			k := pointKey(loc)
			if want[k] == nil {
				want[k] = map[string]int{}
				text[k] = st.Strings.Str(loc.Street)
			}
			want[k][c.Cat[i].Slug()+"|"+c.Out[i].Info().Code]++
		}
	}
	seen := 0
	for _, d := range readArchive(t, path) {
		if d.z != DefaultOptions.MaxZoom {
			continue
		}
		for _, l := range d.ls {
			if l.Name != CrimesLayer {
				continue
			}
			for _, f := range l.Features {
				id, _ := f.ID.(float64) // as a browser sees it
				k := uint64(id)
				w, ok := want[k]
				if !ok {
					t.Fatalf("feature id %v is no snap point of the month", f.ID)
				}
				seen++
				got := map[string]int{}
				total := 0
				for _, item := range strings.Split(f.Properties.MustString("crimes"), ";") {
					parts := strings.Split(item, "|")
					n, _ := strconv.Atoi(parts[2])
					got[parts[0]+"|"+parts[1]] += n
					total += n
				}
				if fmt.Sprint(sortedMap(got)) != fmt.Sprint(sortedMap(w)) {
					t.Errorf("point %d: popup %v, store %v", k, got, w)
				}
				if n := int(f.Properties.MustFloat64("n")); n != total {
					t.Errorf("point %d: n %d, popup lists %d", k, n, total)
				}
				if f.Properties.MustString("location") != text[k] {
					t.Errorf("point %d: location %q, want %q", k, f.Properties.MustString("location"), text[k])
				}
			}
		}
	}
	if seen != len(want) {
		t.Errorf("%d points in tiles, %d in the store", seen, len(want))
	}
}

func sortedMap(m map[string]int) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+"="+strconv.Itoa(v))
	}
	sort.Strings(out)
	return out
}

func TestDeterministic(t *testing.T) {
	st, ix := small(t)
	var a, b bytes.Buffer
	if _, err := WriteMonth(&a, st, ix, st.Last, DefaultOptions); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteMonth(&b, st, ix, st.Last, DefaultOptions); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same month differ")
	}
}

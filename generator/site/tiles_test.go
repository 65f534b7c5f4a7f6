package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
	"github.com/crimemap/crimemap/generator/pmtiles"
	"github.com/crimemap/crimemap/generator/verify"
)

// TestTilesReused builds twice: the second build takes every month's archive
// from the first, byte for byte; after one month's file changes, only that
// month is written again.
func TestTilesReused(t *testing.T) {
	s := newSite(t, "basic.txtar")
	first := s.Build()
	out := s.Out.Dir
	if len(first.Tiles) != 3 || len(first.TilesReused) != 0 {
		t.Fatalf("first build wrote %d archives and reused %d", len(first.Tiles), len(first.TilesReused))
	}
	jan := read(t, monthArchive(t, out, "2025-01"))

	second := s.Build()
	if len(second.Tiles) != 0 || len(second.TilesReused) != 3 {
		t.Errorf("second build wrote %d archives and reused %d", len(second.Tiles), len(second.TilesReused))
	}
	if read(t, monthArchive(t, out, "2025-01")) != jan {
		t.Error("the reused archive changed")
	}

	// A re-issued March: same rows, one outcome updated.
	s.Edit(reissuedMarch, "Shoplifting,Under investigation", "Shoplifting,Offender given a caution")
	third := s.Build()
	if len(third.Tiles) != 1 || third.Tiles[0].Month != "2025-03" || len(third.TilesReused) != 2 {
		t.Errorf("after re-issuing March: wrote %+v, reused %v", third.Tiles, third.TilesReused)
	}
	// The rebuilt archive lists the new outcome in the shoplifting popup.
	f, err := os.Open(monthArchive(t, out, "2025-03"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	r, err := pmtiles.Open(f, info.Size())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	err = r.Walk(func(z uint8, x, y uint32, data []byte) error {
		if z == 14 && strings.Contains(string(data), "shoplifting|cautioned|1") {
			found = true
		}
		return nil
	})
	if err != nil || !found {
		t.Errorf("the re-issued outcome is not in March's tiles (%v)", err)
	}
	// Every archive, rebuilt or reused, reads back whole, and at every zoom
	// its crimes add up to the month's mapped crimes, as crimemap verify
	// checks them.
	mapped := map[string]int{}
	for _, s := range append(first.Tiles, third.Tiles...) {
		mapped[s.Month] = s.Mapped
	}
	archives, _ := filepath.Glob(filepath.Join(out, "tiles", "crimes-*.pmtiles"))
	if len(archives) != 3 {
		t.Fatalf("archives %v", archives)
	}
	for _, p := range archives {
		a, err := verify.CheckArchive(p, filepath.Base(p), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, prob := range a.Problems {
			t.Error(prob)
		}
		month := strings.TrimPrefix(filepath.Base(p), "crimes-")[:7]
		if sums := a.Sums["crimes"]; len(sums) == 0 || sums[len(sums)-1] != float64(mapped[month]) {
			t.Errorf("%s: crimes sum to %v by zoom, the month has %d mapped", p, sums, mapped[month])
		}
	}
}

// TestTilesDependOnTheirMonthAlone builds January and February, then all
// three months from nothing with March reaching far beyond the others'
// extent: January's and February's archives have the same names, so they
// must have the same bytes (their header's bounds included), as a CDN
// keeps a file of that name for good and a monthly build would reuse it.
func TestTilesDependOnTheirMonthAlone(t *testing.T) {
	fx := fixture(t, "basic.txtar")
	two := buildtest.Unpack(t, fx)
	for _, f := range []string{"2025-03/2025-03-alpha-street.csv", "2025-03/2025-03-beta-street.csv"} {
		if err := os.Remove(filepath.Join(two, filepath.FromSlash(f))); err != nil {
			t.Fatal(err)
		}
	}
	three := buildtest.Unpack(t, fx)
	far := filepath.Join(three, "2025-03", "2025-03-alpha-street.csv")
	b, err := os.ReadFile(far)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, "aaaa000000000000000000000000000000000000000000000000000000000009,2025-03,Alpha Police,Alpha Police,-4.200000,57.100000,On or near Far Road,E01000009,Testtown 009A,Burglary,Under investigation,\n"...)
	if err := os.WriteFile(far, b, 0o644); err != nil {
		t.Fatal(err)
	}
	outTwo, outThree := filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "public")
	for data, out := range map[string]string{two: outTwo, three: outThree} {
		if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out}); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range []string{"2025-01", "2025-02"} {
		a, b := monthArchive(t, outTwo, m), monthArchive(t, outThree, m)
		if filepath.Base(a) != filepath.Base(b) {
			t.Fatalf("%s: %s, then %s: the key changed", m, filepath.Base(a), filepath.Base(b))
		}
		if read(t, a) != read(t, b) {
			t.Errorf("%s: same name, other bytes, with another month's extent", filepath.Base(a))
		}
	}
}

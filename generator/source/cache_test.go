package source

import (
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// load loads dir with cache (nil for none).
func loadWith(t *testing.T, dir string, cache *Cache) (*store.Store, Stats, *validate.Report) {
	t.Helper()
	in, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	rep := validate.NewReport()
	st, stats, err := Load(in, rep, Options{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	return st, stats, rep
}

// TestCacheGivesTheSameStore loads the real files without a cache, with an
// empty one and with a full one, and with damaged and changed entries: the
// store and the report must be the same every time, and the stats must say
// what came from the cache.
func TestCacheGivesTheSameStore(t *testing.T) {
	data := t.TempDir()
	if err := os.CopyFS(data, os.DirFS(needRealData(t))); err != nil {
		t.Fatal(err)
	}
	want, wantStats, wantRep := loadWith(t, data, nil)
	files := wantStats.Files

	same := func(name string, cache *Cache, cached int) {
		t.Helper()
		st, stats, rep := loadWith(t, data, cache)
		if stats.Cached != cached || stats.CacheFailures != 0 {
			t.Errorf("%s: %d files from the cache (%d failures: %v), want %d", name, stats.Cached, stats.CacheFailures, stats.CacheErr, cached)
		}
		stats.Cached = wantStats.Cached
		if stats != wantStats {
			t.Errorf("%s: stats %+v, want %+v", name, stats, wantStats)
		}
		if !reflect.DeepEqual(rep.Counts(), wantRep.Counts()) || !reflect.DeepEqual(rep.Examples(), wantRep.Examples()) {
			t.Errorf("%s: the report differs", name)
		}
		if !sameStore(t, st, want) {
			t.Errorf("%s: the store differs", name)
		}
	}

	dir := t.TempDir()
	cache, err := OpenCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	same("empty cache", cache, 0)
	// The store keeps no Crime IDs the cache holds: they are read back.
	for _, c := range want.Crimes {
		if c.ID == nil {
			t.Fatal("a store loaded without a cache has no Crime IDs")
		}
	}
	st, _, _ := loadWith(t, data, cache)
	for _, c := range st.Crimes {
		if c.ID != nil {
			t.Fatalf("a store loaded with a cache kept the Crime IDs of %s", c.Month)
		}
	}
	for _, o := range st.Outcomes {
		if o.ID != nil {
			t.Fatalf("a store loaded with a cache kept the outcome IDs of %s", o.Month)
		}
	}
	same("full cache", cache, files)
	entries, _ := filepath.Glob(filepath.Join(cache.Dir(), "*.bin"))
	if len(entries) != files {
		t.Fatalf("%d cache entries for %d files", len(entries), files)
	}

	// A damaged entry, one cut short and one emptied are parsed again.
	for i, damage := range []func([]byte) []byte{
		func(b []byte) []byte { b[len(b)/2] ^= 1; return b },
		func(b []byte) []byte { return b[:len(b)-5] },
		func([]byte) []byte { return nil },
	} {
		b, err := os.ReadFile(entries[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(entries[i], damage(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	same("damaged entries", cache, files-3)
	same("repaired entries", cache, files)

	// A changed file is parsed again, and the old entry is pruned.
	before := len(entries)
	cache, err = OpenCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	streets, _ := filepath.Glob(filepath.Join(data, "*", "*-street.csv"))
	b, err := os.ReadFile(streets[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(streets[0], append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	want, wantStats, wantRep = loadWith(t, data, nil)
	same("changed file", cache, files-1)
	removed, err := cache.Prune()
	if err != nil || removed != 1 {
		t.Errorf("prune removed %d (%v), want the changed file's old entry", removed, err)
	}
	if after, _ := filepath.Glob(filepath.Join(cache.Dir(), "*.bin")); len(after) != before {
		t.Errorf("%d entries after pruning, want %d", len(after), before)
	}
}

// sameStore compares what later stages read of two stores, Crime IDs
// included, read back from the cache where the store released them.
func sameStore(t *testing.T, a, b *store.Store) bool {
	t.Helper()
	crimes := func(s *store.Store) []*store.Crimes {
		var out []*store.Crimes
		for _, c := range s.Crimes {
			c, err := c.WithIDs()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, c)
		}
		return out
	}
	outcomes := func(s *store.Store) []*store.Outcomes {
		var out []*store.Outcomes
		for _, o := range s.Outcomes {
			o, err := o.WithIDs()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, o)
		}
		return out
	}
	return reflect.DeepEqual(a.Forces, b.Forces) && reflect.DeepEqual(a.Inputs, b.Inputs) &&
		reflect.DeepEqual(a.Locs.All(), b.Locs.All()) && reflect.DeepEqual(a.Strings.All(), b.Strings.All()) &&
		reflect.DeepEqual(a.StopValues.All(), b.StopValues.All()) &&
		reflect.DeepEqual(crimes(a), crimes(b)) && reflect.DeepEqual(outcomes(a), outcomes(b)) &&
		reflect.DeepEqual(a.Stops, b.Stops) && a.First == b.First && a.Last == b.Last
}

func FuzzDecodeParsed(f *testing.F) {
	p := parseFile(File{Path: "2024-01/2024-01-x-street.csv", Kind: Street},
		strings.NewReader("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"+
			",2024-01,X,X,-0.1,51.5,On or near A,E01000001,A 001A,Anti-social behaviour,,\n"))
	// The fuzzer works on an entry's body: the checksum is put right, or
	// every mutation would stop at it.
	b := encodeParsed(p)
	f.Add(b[:len(b)-4])
	f.Fuzz(func(t *testing.T, body []byte) {
		b := binary.LittleEndian.AppendUint32(body, crc32.Checksum(body, castagnoli))
		p, err := decodeParsed(b, true)
		if err == nil {
			encodeParsed(p)
		}
	})
}

// TestDerived checks what a build keeps beside the parses: it is found by
// its name and its input's content alone, a damaged entry is a miss, and
// an entry a build did not ask for is pruned.
func TestDerived(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	c, err := OpenCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, b := sha256.Sum256([]byte("a")), sha256.Sum256([]byte("b"))
	if err := c.PutDerived("facts", a, []byte("made from a")); err != nil {
		t.Fatal(err)
	}
	if err := c.PutDerived("facts", b, []byte("made from b")); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Derived("facts", a); !ok || string(got) != "made from a" {
		t.Errorf("Derived(facts, a) = %q, %v", got, ok)
	}
	if _, ok := c.Derived("other", a); ok {
		t.Error("another name finds the entry")
	}

	// The next build asks for a's alone: b's is pruned.
	c, err = OpenCache(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Derived("facts", a); !ok {
		t.Fatal("a's entry is gone")
	}
	if n, err := c.Prune(); err != nil || n != 1 {
		t.Errorf("Prune = %d, %v; want b's entry removed", n, err)
	}
	if _, ok := c.Derived("facts", b); ok {
		t.Error("b's entry survived the prune")
	}

	// A damaged entry is a miss.
	p := c.path(c.derivedKey("facts", a))
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	raw[0] ^= 1
	if err := os.WriteFile(p, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Derived("facts", a); ok {
		t.Errorf("a damaged entry reads as %q", got)
	}
}

package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
)

// TestCacheCrimesOfEarlierVersion loads a street file, changes it, loads
// it again, and reads the first version's crimes back by its hash, with
// their IDs; it is kept by the next Prune because it was asked for, and
// gone from the one after.
func TestCacheCrimesOfEarlierVersion(t *testing.T) {
	data := t.TempDir()
	p := filepath.Join(data, "2025-01", "2025-01-t-street.csv")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	row := func(id, outcome string) string {
		return id + ",2025-01,T,T,-1.500000,53.500000,On or near X,E01000001,T 001A,Burglary," + outcome + ",\n"
	}
	id1 := "aaaa000000000000000000000000000000000000000000000000000000000001"
	write := func(s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(streetHead + row(id1, "Under investigation"))
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	st, _, _ := loadWith(t, data, cache)
	first := st.Inputs[0]

	write(streetHead + row(id1, "Suspect charged"))
	cache2, _ := OpenCache(filepath.Dir(cache.Dir()))
	loadWith(t, data, cache2)
	c, ok := cache2.Crimes(first)
	if !ok {
		t.Fatal("the cache does not give the first version's crimes")
	}
	if c.Len() != 1 || c.ID[0].String() != id1 || c.Out[0].String() != "Under investigation" || c.Month.String() != "2025-01" {
		t.Errorf("first version: %d rows, %v, %v, %s", c.Len(), c.ID, c.Out, c.Month)
	}
	if n, err := cache2.Prune(); err != nil || n != 0 {
		t.Errorf("prune after asking for the first version removed %d (%v), want none", n, err)
	}
	cache3, _ := OpenCache(filepath.Dir(cache.Dir()))
	loadWith(t, data, cache3)
	if n, err := cache3.Prune(); err != nil || n != 1 {
		t.Errorf("prune of a build that did not ask removed %d (%v), want the first version", n, err)
	}
	if _, ok := cache3.Crimes(first); ok {
		t.Error("the first version outlived a prune")
	}
	other := first
	other.Hash[0] ^= 1
	if _, ok := cache3.Crimes(other); ok {
		t.Error("crimes for a hash the cache never saw")
	}
}

func TestCacheInputsRecord(t *testing.T) {
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cache.LastInputs(); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("no record yet: %v, want not exist", err)
	}
	in := store.Input{Path: "2025-01/2025-01-t-street.csv", Force: "t", Kind: "street", Size: 9,
		Excluded: []store.Exclusion{{From: 2, To: 3, Reason: "x"}}}
	in.Month = crime.MakeMonth(2025, 1)
	in.Hash[3] = 7
	rec := &Inputs{Files: []store.Input{in}, Baseline: []store.Input{in}, HasBaseline: true}
	if err := cache.SaveInputs(rec); err != nil {
		t.Fatal(err)
	}
	got, err := cache.LastInputs()
	if err != nil {
		t.Fatal(err)
	}
	// Size and exclusions are not part of the record.
	in.Size, in.Excluded = 0, nil
	want := &Inputs{Files: []store.Input{in}, Baseline: []store.Input{in}, HasBaseline: true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back %+v, want %+v", got, want)
	}
	if n, err := cache.Prune(); err != nil || n != 0 {
		t.Errorf("prune removed %d (%v); the record is not an entry", n, err)
	}
	if _, err := cache.LastInputs(); err != nil {
		t.Errorf("the record did not survive a prune: %v", err)
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(cache.Dir()), "inputs.json"), []byte(`{"version":1,"files":[{"path":"x","month":"2025-13","sha256":""}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := cache.LastInputs(); err == nil || errors.Is(err, fs.ErrNotExist) {
		t.Errorf("damaged record: %v, want an error", err)
	}
}

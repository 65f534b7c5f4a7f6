package downloads

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
)

// TestAPIGolden pins every file of the static API for the fixture, byte
// for byte: the API is a contract with the scripts and people that read
// it, so any change to it should be one a person has looked at. The
// examples under testdata/api are the live API's answers, which
// TestAPIShapes compares by shape; these are our own output.
//
// After an intended change: go test ./generator/downloads -run TestAPIGolden -update
// then review the diff of testdata/golden/api before committing it.
func TestAPIGolden(t *testing.T) {
	dir, _ := write(t, load(t, readFixture(t)), "")
	golden := filepath.Join("testdata", "golden")
	made := map[string]bool{}
	for rel, b := range dir.Tree() {
		if !strings.HasPrefix(rel, "api/") {
			continue
		}
		made[rel] = true
		buildtest.Golden(t, b, filepath.Join(golden, filepath.FromSlash(rel)))
	}
	if len(made) < 20 {
		t.Fatalf("the API has %d files", len(made))
	}
	// A golden file the API no longer has would pin nothing.
	err := filepath.WalkDir(filepath.Join(golden, "api"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(golden, p)
		if !made[filepath.ToSlash(rel)] {
			t.Errorf("%s: the API has no such file; delete it", p)
		}
		return nil
	})
	if err != nil && !*buildtest.Update {
		t.Fatal(err)
	}
}

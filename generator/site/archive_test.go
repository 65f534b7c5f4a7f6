package site

import (
	"path/filepath"
	"testing"
)

// monthArchive returns the path of month's tile archive in a built site,
// whose name carries a key that tests need not know.
func monthArchive(t *testing.T, site, month string) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(site, "tiles", "crimes-"+month+"-*.pmtiles"))
	if err != nil || len(m) != 1 {
		t.Fatalf("archives of %s in %s: %v %v, want one", month, site, m, err)
	}
	return m[0]
}

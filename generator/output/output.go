// Package output writes the files of a site into a folder.
//
// Paths come from the site's own code and from slugs, but a path is checked
// all the same: it must be relative, clean and inside the folder. Writes are
// safe for concurrent use, and the folder records what was written, so the
// build can report files and bytes by kind.
package output

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Dir is a folder being written.
type Dir struct {
	root  string
	mu    sync.Mutex
	dirs  map[string]bool
	files int
	bytes int64
}

// New returns a Dir writing under root, which must exist.
func New(root string) *Dir { return &Dir{root: root, dirs: map[string]bool{".": true}} }

// Root returns the folder's path.
func (d *Dir) Root() string { return d.root }

// Check reports whether rel is a path this package will write: relative,
// slash-separated, clean, and not climbing out.
func Check(rel string) error {
	if rel == "" || path.IsAbs(rel) || strings.Contains(rel, "\\") || path.Clean(rel) != rel ||
		rel == ".." || strings.HasPrefix(rel, "../") || strings.ContainsRune(rel, 0) {
		return fmt.Errorf("unsafe output path %q", rel)
	}
	return nil
}

// Write writes data to rel, creating folders as needed.
func (d *Dir) Write(rel string, data []byte) error {
	if err := Check(rel); err != nil {
		return err
	}
	if err := d.mkdir(path.Dir(rel)); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(d.root, filepath.FromSlash(rel)), data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	d.mu.Lock()
	d.files++
	d.bytes += int64(len(data))
	d.mu.Unlock()
	return nil
}

func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	done := d.dirs[dir]
	d.mu.Unlock()
	if done {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(d.root, filepath.FromSlash(dir)), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	d.mu.Lock()
	d.dirs[dir] = true
	d.mu.Unlock()
	return nil
}

// Stats returns the files and bytes written so far.
func (d *Dir) Stats() (files int, bytes int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.files, d.bytes
}

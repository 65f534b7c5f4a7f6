package output

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/crimemap/crimemap/generator/internal/parallel"
	"github.com/crimemap/crimemap/generator/manifest"
)

// A build need not write its site into an empty folder. Written into the
// tree of an earlier site (the site package keeps the one its last swap
// replaced), a file already there with the same bytes, or made from the
// same key, is left as it is: it costs no system call at all, so a build
// costs what changed, not what the site holds. A file that differs is
// removed and written again (never written through: it may be a hard link
// to the live site's file), and the files the new site no longer has are
// removed at the end (Prune, called by WriteManifest).
//
// What the tree holds is known from its own manifest and keys record,
// less the paths its journal names. The journal is a file outside the
// tree to which every path is appended before it is removed or written,
// so a build killed half way leaves a tree whose every changed path is
// named: the next build treats those as unknown, writing them again or
// removing them, and trusts the rest. The tree's manifest is trusted for
// the paths the journal does not name whether it is the old one or the
// killed build's new one: a path outside the journal was left alone, so
// holds what both say.

// base is what the tree being written held when the build began.
type base struct {
	files    prevFiles       // as its manifest and keys say, less dirty paths
	dirty    map[string]bool // named by the journal: unknown content
	manifest [32]byte        // the hash of its manifest.txt
	journal  *os.File        // nil when the tree is not journaled
	kept     int             // files left as they were, under d.mu
	pruned   bool
}

// Resume makes d write into the site its folder already holds, journaled
// to the file journal (created if missing; a build that was killed left
// it naming every path it touched). It returns how many files the folder
// held by its manifest. A journal or manifest that does not read is an
// error: the caller should then empty the folder and call Resume again.
func (d *Dir) Resume(journal string) (int, error) {
	dirty, err := readJournal(journal)
	if err != nil {
		return 0, err
	}
	man := filepath.Join(d.root, manifest.Name)
	data, err := os.ReadFile(man)
	var entries []manifest.Entry
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return 0, fmt.Errorf("read %s: %w", man, err)
	default:
		if entries, err = manifest.Read(bytes.NewReader(data)); err != nil {
			return 0, fmt.Errorf("read %s: %w", man, err)
		}
	}
	f, err := os.OpenFile(journal, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return 0, fmt.Errorf("open the build's journal: %w", err)
	}
	b := &base{files: siteFiles(d.root, entries), dirty: dirty, journal: f}
	if len(data) > 0 {
		b.manifest = sha256.Sum256(data)
	}
	for p := range dirty {
		delete(b.files.index, p)
	}
	d.base = b
	return len(entries), nil
}

// readJournal returns the paths a journal names; none when it is missing.
func readJournal(name string) (map[string]bool, error) {
	dirty := map[string]bool{}
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return dirty, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the build's journal: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if err := Check(sc.Text()); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		dirty[sc.Text()] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read the build's journal: %w", err)
	}
	return dirty, nil
}

// Close lets go of the journal. The caller removes its file once the tree
// is whole again (swapped in as the live site, whose manifest is true).
func (d *Dir) Close() error {
	if d.base == nil || d.base.journal == nil {
		return nil
	}
	err := d.base.journal.Close()
	d.base.journal = nil
	return err
}

// Kept is how many files were left in place as the folder held them.
func (d *Dir) Kept() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.base == nil {
		return 0
	}
	return d.base.kept
}

// journaled says whether d writes into a tree that may hold files.
func (d *Dir) journaled() bool { return d.base != nil }

// touch names rel in the journal before it is changed. One write each, so
// that a kill cannot leave a change the journal does not name.
func (d *Dir) touch(rel string) error {
	if d.base == nil || d.base.journal == nil {
		return nil
	}
	if _, err := d.base.journal.WriteString(rel + "\n"); err != nil {
		return fmt.Errorf("write the build's journal: %w", err)
	}
	return nil
}

// keep leaves the tree's file at e.Path as it is if it holds e's bytes.
func (d *Dir) keep(e manifest.Entry) bool {
	if d.base == nil {
		return false
	}
	p, ok := d.base.files.get(e.Path)
	if !ok || p.entry(e.Path) != e {
		return false
	}
	d.kept(e)
	return true
}

// keepKey leaves the tree's file at rel as it is if it was made from key.
func (d *Dir) keepKey(rel, key string) bool {
	if d.base == nil {
		return false
	}
	p, ok := d.base.files.get(rel)
	if !ok || p.key != key {
		return false
	}
	d.kept(p.entry(rel))
	d.SetKey(rel, key)
	return true
}

func (d *Dir) kept(e manifest.Entry) {
	d.record(e)
	d.mu.Lock()
	d.base.kept++
	d.mu.Unlock()
}

// Prune removes the files the tree held that this build did not write or
// keep, and the folders that leaves empty. It returns how many it removed.
// each, if not nil, is called after each file with the count done and
// the count to do, for a progress bar.
func (d *Dir) Prune(each func(done, total int)) (int, error) {
	if d.base == nil || d.base.pruned {
		return 0, nil
	}
	d.base.pruned = true
	d.mu.Lock()
	var stale []string
	// The records WriteManifest writes after are not stale.
	for p := range d.base.files.index {
		if _, ok := d.files[p]; !ok && p != KeysName {
			stale = append(stale, p)
		}
	}
	for p := range d.base.dirty {
		if _, ok := d.files[p]; !ok && p != manifest.Name && p != KeysName {
			stale = append(stale, p)
		}
	}
	d.mu.Unlock()
	slices.Sort(stale)
	stale = slices.Compact(stale)
	if err := d.removeStale(stale, each); err != nil {
		return 0, err
	}
	dirs := map[string]bool{}
	for _, p := range stale {
		for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
			dirs[dir] = true
		}
	}
	// Deepest first, so a folder's empty subfolders go before it; one
	// still holding files stays.
	order := slices.SortedFunc(func(yield func(string) bool) {
		for dir := range dirs {
			if !yield(dir) {
				return
			}
		}
	}, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, dir := range order {
		abs := filepath.Join(d.root, filepath.FromSlash(dir))
		if info, err := os.Lstat(abs); err == nil && info.IsDir() && !d.dirs[dir] {
			os.Remove(abs)
		}
	}
	return len(stale), nil
}

// removers is how many files Prune removes at once: a removal waits on
// the file system's journal, not the processor, and removals in different
// folders overlap.
const removers = 8

// removeStale journals and removes each of stale, removers at a time,
// calling each (if not nil) as each is done.
func (d *Dir) removeStale(stale []string, each func(done, total int)) error {
	var mu sync.Mutex
	done := 0
	return parallel.Do(removers, len(stale), func(i int) error {
		err := d.removeOne(stale[i])
		if each != nil {
			mu.Lock()
			done++
			each(done, len(stale))
			mu.Unlock()
		}
		return err
	})
}

// removeOne journals and removes one stale path of the tree.
func (d *Dir) removeOne(p string) error {
	if d.dirs[p] {
		return nil // a folder of this site now, where an earlier one had a file
	}
	if err := d.touch(p); err != nil {
		return err
	}
	// Gone already, or under what is now a file of this site.
	if err := os.Remove(filepath.Join(d.root, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
		return fmt.Errorf("remove %s: %w", p, err)
	}
	return nil
}

// removeAny removes what the tree holds at rel: nothing, a file, or a
// folder an earlier site had there, whose files the journal names first.
func (d *Dir) removeAny(rel string) error {
	dst := filepath.Join(d.root, filepath.FromSlash(rel))
	err := os.Remove(dst)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	info, serr := os.Lstat(dst)
	if serr != nil || !info.IsDir() {
		return err
	}
	if err := d.touchUnder(rel); err != nil {
		return err
	}
	return os.RemoveAll(dst)
}

// mkdirOver makes the folder dir, first removing a file an earlier site
// had at that path.
func (d *Dir) mkdirOver(dir string) error {
	abs := filepath.Join(d.root, filepath.FromSlash(dir))
	err := os.Mkdir(abs, 0o755)
	if err == nil || !errors.Is(err, fs.ErrExist) {
		return err
	}
	if info, serr := os.Lstat(abs); serr != nil || info.IsDir() || !d.journaled() {
		return nil
	}
	if err := d.touch(dir); err != nil {
		return err
	}
	if err := os.Remove(abs); err != nil {
		return err
	}
	return os.Mkdir(abs, 0o755)
}

// touchUnder names in the journal every file the tree's manifest or
// journal has under the folder dir, before the folder goes.
func (d *Dir) touchUnder(dir string) error {
	prefix := dir + "/"
	for p := range d.base.files.index {
		if strings.HasPrefix(p, prefix) {
			if err := d.touch(p); err != nil {
				return err
			}
		}
	}
	return nil
}

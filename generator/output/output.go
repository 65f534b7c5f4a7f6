// Package output writes the files of a site into a folder.
//
// Paths come from the site's own code and from slugs, but a path is checked
// all the same: it must be relative, clean and inside the folder. Writes are
// safe for concurrent use, and the folder records every file written with
// its size and SHA-256, hashed as it is written, so the build can report
// files and bytes and write the site's manifest without reading anything
// back.
//
// It is also the build's one way to reuse the previous site (reuse.go). A
// file made from a content key (a hash of everything it is made from: a
// tile archive, a download archive, a group of API files) is linked from
// the previous site when that site made it from the same key, its manifest
// lists it and it is still there at that size; the manifest's hash is
// kept, so nothing is read. Each build records its files' keys in
// keys.txt.gz for the next. A file written whole (a page, a list) is linked
// when its bytes hash to the previous manifest's entry, so an unchanged
// file keeps its identity and time.
package output

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/crimemap/crimemap/generator/manifest"
)

// Dir is a folder being written.
type Dir struct {
	root      string
	mu        sync.Mutex
	dirs      map[string]bool
	files     map[string]manifest.Entry
	bytes     int64
	prev      string            // the previous site, whose files Link may take
	prevFiles prevFiles         // from its manifest and keys
	keys      map[string]string // the content keys of files made here
	base      *base             // what root held before, when it did (base.go)
	// sorted is Entries' last answer, until the next file is recorded: the
	// guard and the manifest ask for the same half a million entries.
	sorted []manifest.Entry
}

// prevFile is a file of the previous site, as its manifest and content
// keys record it.
type prevFile struct {
	size int64
	sum  [32]byte
	key  string // "" for a file not made from a key
}

// prevFiles are the previous site's files. A national site has half a
// million, so they are kept small: in a slice indexed by path, so that
// setting a key does not store the path again (a map assignment would
// keep the key record's line alive for every file), and with each key,
// which the files of a group share, stored once.
type prevFiles struct {
	index map[string]int32
	files []prevFile
}

func (pf *prevFiles) get(rel string) (prevFile, bool) {
	i, ok := pf.index[rel]
	if !ok {
		return prevFile{}, false
	}
	return pf.files[i], true
}

func (p prevFile) entry(rel string) manifest.Entry {
	return manifest.Entry{Path: rel, Size: p.size, SHA256: p.sum}
}

// New returns a Dir writing under root, which must exist.
func New(root string) *Dir {
	return &Dir{root: root, dirs: map[string]bool{".": true}, files: map[string]manifest.Entry{}}
}

// SetPrevious names the previous site and its manifest's entries, so that
// files linked from it need not be read again to be hashed, a file made
// from the same content key is linked by Reuse, and a file written with
// the same bytes as the previous site's is linked instead. The previous
// site must not change while d is written, and it does not: a build never
// writes into the live site.
func (d *Dir) SetPrevious(root string, entries []manifest.Entry) {
	d.prev = root
	d.prevFiles = siteFiles(root, entries)
}

// siteFiles are the files of the site in root, from its manifest's
// entries and its keys record.
func siteFiles(root string, entries []manifest.Entry) prevFiles {
	pf := prevFiles{index: make(map[string]int32, len(entries)), files: make([]prevFile, len(entries))}
	for i, e := range entries {
		pf.index[e.Path] = int32(i)
		pf.files[i] = prevFile{size: e.Size, sum: e.SHA256}
	}
	pf.readKeys(root)
	return pf
}

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
	e := manifest.Entry{Path: rel, Size: int64(len(data)), SHA256: sha256.Sum256(data)}
	if d.keep(e) {
		return nil
	}
	dst, err := d.prepare(rel)
	if err != nil {
		return err
	}
	if !d.linkSame(e, dst) {
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", rel, err)
		}
	}
	d.record(e)
	return nil
}

// mkdir creates dir and any missing parents, remembering what exists so
// that each folder costs one system call: thousands of pages each in a
// folder of its own make os.MkdirAll's walk up the tree the main cost.
func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	done := d.dirs[dir]
	d.mu.Unlock()
	if done {
		return nil
	}
	if parent := path.Dir(dir); parent != dir {
		if err := d.mkdir(parent); err != nil {
			return err
		}
	}
	if err := d.mkdirOver(dir); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	d.mu.Lock()
	d.dirs[dir] = true
	d.mu.Unlock()
	return nil
}

// Stream writes rel through fn, for files too big to hold in memory.
func (d *Dir) Stream(rel string, fn func(w io.Writer) error) error {
	dst, err := d.prepare(rel)
	if err != nil {
		return err
	}
	f, err := os.Create(dst)
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20)
	cw := &counter{w: bw}
	err = fn(cw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	e := manifest.Entry{Path: rel, Size: cw.n}
	h.Sum(e.SHA256[:0])
	d.record(e)
	return nil
}

// Link puts the file src, from a previous build, at rel: a hard link when
// src is on the same file system (it is: the spare is beside the site), or
// else a copy. The previous build's file must not change afterwards, and
// it does not: a build never writes into the live site.
func (d *Dir) Link(rel, src string) error {
	dst, err := d.prepare(rel)
	if err != nil {
		return err
	}
	info, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("reuse %s: %w", rel, err)
	}
	if err := os.Link(src, dst); err != nil {
		if err := copyFile(dst, src); err != nil {
			return fmt.Errorf("reuse %s: %w", rel, err)
		}
	}
	e, ok := d.previous(src)
	if !ok || e.Size != info.Size() {
		size, sum, err := manifest.HashFile(dst)
		if err != nil {
			return fmt.Errorf("reuse %s: %w", rel, err)
		}
		e = manifest.Entry{Size: size, SHA256: sum}
	}
	e.Path = rel
	d.record(e)
	return nil
}

// prepare checks rel, makes its folder and returns the path to write it
// at, removing a file there before: it may be a link to a previous site's
// file, which writing in place would change. In a tree that held a site
// (base.go), rel is named in the journal first.
func (d *Dir) prepare(rel string) (string, error) {
	if err := Check(rel); err != nil {
		return "", err
	}
	if err := d.mkdir(path.Dir(rel)); err != nil {
		return "", err
	}
	dst := filepath.Join(d.root, filepath.FromSlash(rel))
	d.mu.Lock()
	_, again := d.files[rel]
	d.mu.Unlock()
	if d.journaled() {
		if err := d.touch(rel); err != nil {
			return "", err
		}
		if err := d.removeAny(rel); err != nil {
			return "", fmt.Errorf("write %s: %w", rel, err)
		}
	} else if again {
		if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("write %s: %w", rel, err)
		}
	}
	return dst, nil
}

// linkSame links the previous site's file at e.Path to dst when its
// manifest says it holds the same bytes: an unchanged file then keeps its
// identity and time, so tools that compare by those see nothing to do, and
// a link costs less than a write.
func (d *Dir) linkSame(e manifest.Entry, dst string) bool {
	if p, ok := d.prevFiles.get(e.Path); !ok || p.entry(e.Path) != e {
		return false
	}
	return os.Link(filepath.Join(d.prev, filepath.FromSlash(e.Path)), dst) == nil
}

// previous returns the previous site's manifest entry for the file src.
func (d *Dir) previous(src string) (manifest.Entry, bool) {
	if d.prev == "" {
		return manifest.Entry{}, false
	}
	r, err := filepath.Rel(d.prev, src)
	if err != nil || !filepath.IsLocal(r) {
		return manifest.Entry{}, false
	}
	rel := filepath.ToSlash(r)
	p, ok := d.prevFiles.get(rel)
	return p.entry(rel), ok
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func (d *Dir) record(e manifest.Entry) {
	d.mu.Lock()
	if old, ok := d.files[e.Path]; ok {
		d.bytes -= old.Size
	}
	d.files[e.Path] = e
	d.bytes += e.Size
	d.sorted = nil
	d.mu.Unlock()
}

type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// Stats returns the files and bytes written so far.
func (d *Dir) Stats() (files int, bytes int64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.files), d.bytes
}

// Entries returns every file written so far, sorted by path. The caller
// must not change the entries: they are kept for the next call.
func (d *Dir) Entries() []manifest.Entry {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.sorted == nil {
		d.sorted = make([]manifest.Entry, 0, len(d.files))
		for _, e := range d.files {
			d.sorted = append(d.sorted, e)
		}
		manifest.Sort(d.sorted)
	}
	// Clipped, so that a caller's append copies rather than writing
	// into the kept answer.
	return slices.Clip(d.sorted)
}

// WriteManifest removes what the folder held that this build did not
// write (Prune, if not called already), then writes the content keys of
// the files made from one, then the manifest of every file written so
// far. The manifest does not list itself, so it is written last.
func (d *Dir) WriteManifest() error {
	if _, err := d.Prune(nil); err != nil {
		return err
	}
	d.mu.Lock()
	keys := d.keys
	d.mu.Unlock()
	// The keys record is compressed while the other entries are gathered
	// and sorted, one on each core; its own entry then joins them, and
	// Encode puts it in its place.
	type encoded struct {
		b   []byte
		err error
	}
	keysDone := make(chan encoded, 1)
	if len(keys) > 0 {
		go func() {
			b, err := encodeKeys(keys)
			keysDone <- encoded{b, err}
		}()
	}
	entries := d.Entries()
	if len(keys) > 0 {
		k := <-keysDone
		if k.err != nil {
			return fmt.Errorf("write %s: %w", KeysName, k.err)
		}
		if err := d.Write(KeysName, k.b); err != nil {
			return err
		}
		e, _ := d.Entry(KeysName)
		entries = append(entries, e)
	} else if d.journaled() {
		// An earlier site's record would name files this one lacks.
		if err := d.touch(KeysName); err != nil {
			return err
		}
		if err := d.removeAny(KeysName); err != nil {
			return err
		}
	}
	data := manifest.Encode(entries)
	if d.base != nil && d.base.manifest == sha256.Sum256(data) {
		return nil
	}
	dst := filepath.Join(d.root, manifest.Name)
	// Written whole or not at all: the next build trusts the tree's
	// manifest for every path its journal does not name.
	tmp := "." + manifest.Name + ".tmp"
	for _, p := range []string{tmp, manifest.Name} {
		if err := d.touch(p); err != nil {
			return err
		}
	}
	if d.prev != "" {
		if old, err := os.ReadFile(filepath.Join(d.prev, manifest.Name)); err == nil && bytes.Equal(old, data) {
			os.Remove(filepath.Join(d.root, tmp))
			if os.Link(filepath.Join(d.prev, manifest.Name), filepath.Join(d.root, tmp)) == nil {
				if err := os.Rename(filepath.Join(d.root, tmp), dst); err != nil {
					return fmt.Errorf("write %s: %w", manifest.Name, err)
				}
				return nil
			}
		}
	}
	_, err := WriteFileAtomic(dst, func(w *bufio.Writer) error {
		_, err := w.Write(data)
		return err
	})
	return err
}

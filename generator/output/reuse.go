package output

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/crimemap/crimemap/generator/manifest"
)

// KeysName is the path in a site of its content keys: for each file made
// from a key (a hash of what the file is made from), that key, so that the
// next build can tell which files it would make the same and link them.
// It is gzip-compressed text; a national site's record is 48 MB as text
// and under 2 MB compressed, as the files of a group share their key.
//
//	# crimemap content keys 1
//	<key> <path relative to the site>
const KeysName = "keys.txt.gz"

const keysHeader = "# crimemap content keys 1"

// ReadPrevious makes the site in root the previous site, from its
// manifest, and returns the manifest's entries: nil, with no error, when
// root holds no site. A manifest that does not parse is an error: the
// site is not one this program wrote whole.
func (d *Dir) ReadPrevious(root string) ([]manifest.Entry, error) {
	entries, err := manifest.ReadFile(filepath.Join(root, manifest.Name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	d.SetPrevious(root, entries)
	return entries, nil
}

// Reuse is the one way a build takes a file from an earlier site: the
// file at rel is left as it is when the folder being written already
// holds it made from key (base.go), or else linked from the previous site
// when the previous build made it from the same
// key, its manifest lists it, and it is still there at the size the
// manifest says. The manifest's hash is kept, so nothing is read. It
// reports whether it linked the file; when it did not, the caller makes
// the file and calls SetKey.
func (d *Dir) Reuse(rel, key string) (bool, error) {
	if err := checkKey(key); err != nil {
		return false, err
	}
	if d.keepKey(rel, key) {
		return true, nil
	}
	p, ok := d.prevFiles.get(rel)
	if d.prev == "" || !ok || p.key != key {
		return false, nil
	}
	src := filepath.Join(d.prev, filepath.FromSlash(rel))
	if info, err := os.Stat(src); err != nil || !info.Mode().IsRegular() || info.Size() != p.size {
		return false, nil
	}
	if err := d.Link(rel, src); err != nil {
		return false, err
	}
	d.SetKey(rel, key)
	return true, nil
}

// Previous is an earlier site's file at rel, for a maker that reads parts
// of it (compressed entries of an archive, each checked by its own key)
// even when the file as a whole is not reused: the previous site's, or
// else the one the folder being written held (base.go); "" when neither
// lists rel. The file may be replaced while it is read, so the maker
// opens it before it writes rel.
func (d *Dir) Previous(rel string) string {
	if _, ok := d.prevFiles.get(rel); ok && d.prev != "" {
		return filepath.Join(d.prev, filepath.FromSlash(rel))
	}
	if d.base != nil {
		if _, ok := d.base.files.get(rel); ok {
			return filepath.Join(d.root, filepath.FromSlash(rel))
		}
	}
	return ""
}

// SetKey records that rel was made from key.
func (d *Dir) SetKey(rel, key string) {
	d.mu.Lock()
	if d.keys == nil {
		d.keys = map[string]string{}
	}
	d.keys[rel] = key
	d.mu.Unlock()
}

// Make reuses the previous site's file at rel if it was made from key,
// and else writes it through fn and records its key.
func (d *Dir) Make(rel, key string, fn func(w io.Writer) error) (reused bool, err error) {
	if reused, err := d.Reuse(rel, key); reused || err != nil {
		return reused, err
	}
	if err := d.Stream(rel, fn); err != nil {
		return false, err
	}
	d.SetKey(rel, key)
	return false, nil
}

// Entry returns the record of the file written at rel.
func (d *Dir) Entry(rel string) (manifest.Entry, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	e, ok := d.files[rel]
	return e, ok
}

// checkKey refuses a key the record could not hold on one line.
func checkKey(key string) error {
	if key == "" || strings.ContainsAny(key, " \t\r\n") {
		return fmt.Errorf("content key %q is empty or has spaces", key)
	}
	return nil
}

// encodeKeys is the keys record of keys, sorted by path, compressed. The
// gzip header carries no name or time, so the same keys give the same
// bytes.
func encodeKeys(keys map[string]string) ([]byte, error) {
	paths := make([]string, 0, len(keys))
	for p := range keys {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	bw := bufio.NewWriter(zw)
	bw.WriteString(keysHeader + "\n")
	for _, p := range paths {
		bw.WriteString(keys[p] + " " + p + "\n")
	}
	if err := bw.Flush(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// readKeys reads the keys record of the site in root into its files. A
// site without one, or with one that does not read whole, offers nothing
// to reuse by key: the build then makes those files, which is slower but
// never wrong. A key for a file the manifest does not list is of no use
// and is dropped.
func (pf *prevFiles) readKeys(root string) {
	if !pf.applyKeys(root) {
		for i := range pf.files {
			pf.files[i].key = ""
		}
	}
}

// applyKeys sets the keys of root's record on its files, and reports
// whether the whole record read.
func (pf *prevFiles) applyKeys(root string) bool {
	f, err := os.Open(filepath.Join(root, KeysName))
	if err != nil {
		return false
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return false
	}
	sc := bufio.NewScanner(zr)
	if !sc.Scan() || sc.Text() != keysHeader {
		return false
	}
	unique := map[string]string{}
	for sc.Scan() {
		key, rel, ok := strings.Cut(sc.Text(), " ")
		if !ok || Check(rel) != nil || checkKey(key) != nil {
			return false
		}
		i, listed := pf.index[rel]
		if !listed {
			continue
		}
		if k, ok := unique[key]; ok {
			key = k
		} else {
			key = strings.Clone(key)
			unique[key] = key
		}
		pf.files[i].key = key
	}
	return sc.Err() == nil
}

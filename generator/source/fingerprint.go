package source

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/crimemap/crimemap/generator/output"
)

// fingerprint is what the file system says of an input file without
// reading it. A file whose fingerprint is the one the cache recorded with
// its hash is taken to have that hash, so that a monthly build does not
// read the whole archive again to hash it. This trusts the file system:
// writing a file changes its size, modification time or change time,
// replacing it changes its inode, and the change time cannot be set back
// by any tool short of changing the system clock. A re-issued month
// arrives as new bytes, so as a new change time. A file the file system
// gives no fingerprint of (inside a zip, or on a system without inodes)
// is hashed every time; so is every file with --rehash.
type fingerprint struct {
	Size   int64  `json:"size"`
	Mod    int64  `json:"mod_ns"`
	Change int64  `json:"change_ns"`
	Inode  uint64 `json:"inode"`
	Device uint64 `json:"device"`
}

// fingerprintOf returns the fingerprint of the file at path in fsys.
func fingerprintOf(fsys fs.FS, path string) (fingerprint, bool) {
	info, err := fs.Stat(fsys, path)
	if err != nil || !info.Mode().IsRegular() {
		return fingerprint{}, false
	}
	return sysFingerprint(info)
}

// knownHashes are the hashes of input files by path, with the fingerprint
// each had when it was hashed: the last load's, read when the cache is
// opened, and this load's, saved when it ends.
type knownHashes struct {
	mu   sync.Mutex
	last map[string]knownHash
	now  map[string]knownHash
}

type knownHash struct {
	fingerprint
	SHA256 string `json:"sha256"`
}

// hashesName is the record of known hashes, beside the cache's entries.
const hashesName = "hashes.json"

func readKnownHashes(cacheDir string) *knownHashes {
	k := &knownHashes{now: map[string]knownHash{}}
	b, err := os.ReadFile(filepath.Join(filepath.Dir(cacheDir), hashesName))
	if err == nil && json.Unmarshal(b, &k.last) != nil {
		k.last = nil // unreadable: every file is hashed again
	}
	return k
}

// lookup returns the hash recorded for path with fingerprint fp.
func (k *knownHashes) lookup(path string, fp fingerprint) ([32]byte, bool) {
	var sum [32]byte
	k.mu.Lock()
	h, ok := k.last[path]
	k.mu.Unlock()
	if !ok || h.fingerprint != fp {
		return sum, false
	}
	if n, err := hex.Decode(sum[:], []byte(h.SHA256)); err != nil || n != len(sum) {
		return sum, false
	}
	return sum, true
}

// record notes that path, with fingerprint fp taken before it was read,
// hashed to sum. Were the file written while it was read, its change
// time moved on, and the next load will not find fp again.
func (k *knownHashes) record(path string, fp fingerprint, sum [32]byte) {
	k.mu.Lock()
	k.now[path] = knownHash{fp, hex.EncodeToString(sum[:])}
	k.mu.Unlock()
}

// save writes this load's hashes for the next, whole or not at all, and
// makes them the ones a next load with the same cache looks up.
func (k *knownHashes) save(cacheDir string) error {
	k.mu.Lock()
	b, err := json.Marshal(k.now)
	k.last, k.now = k.now, map[string]knownHash{}
	k.mu.Unlock()
	if err != nil {
		return err
	}
	_, err = output.WriteFileAtomic(filepath.Join(filepath.Dir(cacheDir), hashesName), func(w *bufio.Writer) error {
		_, err := w.Write(b)
		return err
	})
	return err
}

// ProgramKey identifies the program running: a hash of its executable,
// which holds its templates, content and bundled assets. Output made by
// another build of crimemap may differ.
func ProgramKey() string { return codeKey() }

// TreeFingerprint is a hash of the fingerprints of every file at or under
// each of paths (a file or a folder; "" and a path that does not exist
// count as such), without reading any: any file written, replaced, added
// or removed changes it. Folders named in skip are not entered. It reports
// false where the file system gives no fingerprint (see fingerprint).
func TreeFingerprint(skip []string, paths ...string) (string, bool) {
	h := sha256.New()
	for _, root := range paths {
		fmt.Fprintf(h, "root %q\n", root)
		if root == "" {
			continue
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				fmt.Fprintf(h, "missing\n")
				return nil
			}
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != root && slices.Contains(skip, d.Name()) {
					return filepath.SkipDir
				}
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			fp, ok := sysFingerprint(info)
			if !ok {
				return errNoFingerprint
			}
			fmt.Fprintf(h, "%q %+v\n", p, fp)
			return nil
		})
		if err != nil {
			return "", false
		}
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

var errNoFingerprint = errors.New("no fingerprint")

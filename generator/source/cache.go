package source

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/store"
)

// Cache keeps what parsing each input file gave, keyed by the file's path
// and content and by the program itself, so a later build reads an
// unchanged file's rows from the cache instead of parsing them again. A
// file whose bytes changed (a re-issued month) gets a new key and is
// parsed.
//
// Entries are written whole or not at all (a temporary file renamed into
// place), and each carries a checksum: an entry cut short by a crash, or
// damaged on disk, is a miss, never wrong data. Prune removes what the last
// build did not use, so the cache holds one dataset.
type Cache struct {
	dir string
	// empty says the cache holds no entry yet: a file is then parsed at
	// once, without first being read to be looked up. Only this build's
	// entries can appear while it loads, and those are of other files.
	empty atomic.Bool

	mu   sync.Mutex
	used map[string]bool

	// known are input files' hashes by their fingerprints, so that an
	// unchanged file need not be read to be looked up; rehash ignores
	// them (Options.Rehash).
	known  *knownHashes
	rehash bool
}

// OpenCache opens, creating it if need be, the cache in dir.
func OpenCache(dir string) (*Cache, error) {
	d := filepath.Join(dir, "parsed")
	if err := os.MkdirAll(d, 0o755); err != nil {
		return nil, fmt.Errorf("open cache: %w", err)
	}
	entries, err := os.ReadDir(d)
	if err != nil {
		return nil, fmt.Errorf("open cache: %w", err)
	}
	empty := true
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".bin" {
			empty = false
			break
		}
	}
	c := &Cache{dir: d, used: map[string]bool{}, known: readKnownHashes(d)}
	c.empty.Store(empty)
	return c, nil
}

// Dir returns the folder the cache keeps its entries in.
func (c *Cache) Dir() string { return c.dir }

// codeKey identifies the program doing the parsing: a cache entry made by
// another build of crimemap, which may parse differently, is never used.
var codeKey = sync.OnceValue(func() string {
	h := sha256.New()
	fmt.Fprintf(h, "crimemap parse cache %d\n", cacheVersion)
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	return hex.EncodeToString(h.Sum(nil))
})

// key names the entry for a file with the given content hash.
func (c *Cache) key(f File, hash [32]byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%x\n", codeKey(), f.Path, hash)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) path(key string) string { return filepath.Join(c.dir, key+".bin") }

// get returns the cached parse of f, whose content hashes to hash, with
// or without its Crime IDs.
func (c *Cache) get(f File, hash [32]byte, withIDs bool) (*parsed, bool) {
	key := c.key(f, hash)
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return nil, false
	}
	p, err := decodeParsed(b, withIDs)
	if err != nil || p.hash != hash {
		return nil, false
	}
	p.file = f
	c.use(key)
	return p, true
}

// put stores p. A failure to write only costs the next build a parse, so
// it is returned for reporting, not treated as the build failing.
func (c *Cache) put(p *parsed) error {
	key := c.key(p.file, p.hash)
	_, err := output.WriteFileAtomic(c.path(key), func(w *bufio.Writer) error {
		_, err := w.Write(encodeParsed(p))
		return err
	})
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	c.use(key)
	return nil
}

// Derived returns what a build made from an input other than the data
// (the gazetteer, say) and kept with PutDerived: name says what it is,
// content is the SHA-256 of the input it was made from. Like a parse, it
// is kept for this program only, and pruned when a build does not ask
// for it.
func (c *Cache) Derived(name string, content [32]byte) ([]byte, bool) {
	key := c.derivedKey(name, content)
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return nil, false
	}
	body, ok := unseal(b)
	if !ok {
		return nil, false
	}
	c.use(key)
	return body, true
}

// PutDerived keeps data, made from an input whose SHA-256 is content, for
// Derived, whole or not at all. As with put, a failure only costs the
// next build the work again.
func (c *Cache) PutDerived(name string, content [32]byte, data []byte) error {
	key := c.derivedKey(name, content)
	_, err := output.WriteFileAtomic(c.path(key), func(w *bufio.Writer) error {
		_, err := w.Write(seal(slices.Clip(data))) // clipped: data stays as it is
		return err
	})
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	c.use(key)
	return nil
}

func (c *Cache) derivedKey(name string, content [32]byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\nderived %q\n%x\n", codeKey(), name, content)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) use(key string) {
	c.mu.Lock()
	c.used[key+".bin"] = true
	c.mu.Unlock()
}

// Prune removes every entry the loads since OpenCache did not use, and any
// temporary file a stopped build left behind. It returns how many files it
// removed.
func (c *Cache) Prune() (int, error) {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return 0, fmt.Errorf("prune cache: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, e := range entries {
		if c.used[e.Name()] {
			continue
		}
		if err := os.Remove(filepath.Join(c.dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, fmt.Errorf("prune cache: %w", err)
		}
		n++
	}
	return n, nil
}

// parseCached returns f parsed, from the cache when it holds f's content;
// fromCache says it came from there, and kept that the cache holds it now.
// A parse from the cache comes without its Crime IDs, which the caller
// must release (releaseIDs): they are most of an entry's bytes, and the
// store does without them.
func (c *Cache) parseCached(fsys fs.FS, f File) (p *parsed, fromCache, kept bool, err error) {
	// Taken before anything is read: a file written while it is read
	// shows a new fingerprint to the next load.
	fp, hasFP := fingerprintOf(fsys, f.Path)
	if c.empty.Load() {
		p = parseOne(fsys, f)
		if p.skipped && p.bytes == 0 {
			return p, false, false, nil // unreadable: nothing to keep
		}
		if hasFP {
			c.known.record(f.Path, fp, p.hash)
		}
		err = c.put(p)
		return p, false, err == nil, err
	}
	hash, known := [32]byte{}, false
	if hasFP && !c.rehash {
		hash, known = c.known.lookup(f.Path, fp)
	}
	if !known {
		if hash, err = hashFile(fsys, f); err != nil {
			return parseOne(fsys, f), false, false, nil
		}
	}
	if p, ok := c.get(f, hash, false); ok {
		if hasFP {
			c.known.record(f.Path, fp, hash)
		}
		return p, true, true, nil
	}
	// A miss reads the file again to parse it: misses are the new month's
	// files, and holding every file in memory to save a read would cost
	// more than the read.
	p = parseOne(fsys, f)
	if p.hash != hash {
		// The file changed while it was read (or was not what its
		// fingerprint promised): keep what was parsed, but do not cache
		// it, nor its hash, under either content.
		return p, false, false, nil
	}
	if hasFP {
		c.known.record(f.Path, fp, hash)
	}
	err = c.put(p)
	return p, false, err == nil, err
}

var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// hashFile returns the SHA-256 of f.
func hashFile(fsys fs.FS, f File) ([32]byte, error) {
	var sum [32]byte
	r, err := fsys.Open(f.Path)
	if err != nil {
		return sum, err
	}
	defer r.Close()
	h := sha256.New()
	buf := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(buf)
	if _, err := io.CopyBuffer(h, r, *buf); err != nil {
		return sum, err
	}
	h.Sum(sum[:0])
	return sum, nil
}

// releaseIDs lets the store drop p's Crime IDs, which the cache holds, and
// read them back from there when the downloads need them.
func (c *Cache) releaseIDs(p *parsed) {
	f, hash := p.file, p.hash
	load := func() ([]store.CrimeID, error) {
		q, ok := c.get(f, hash, true)
		switch {
		case !ok:
			return nil, fmt.Errorf("the cache no longer holds %s", f.Path)
		case q.crimes != nil:
			return q.crimes.ID, nil
		case q.outcomes != nil:
			return q.outcomes.ID, nil
		}
		return nil, errCorrupt
	}
	switch {
	case p.crimes != nil:
		p.crimes.ReleaseIDs(load)
	case p.outcomes != nil:
		p.outcomes.ReleaseIDs(load)
	}
}

// Crimes returns the street crimes the cache holds for the file in.Path
// with content in.Hash, with their Crime IDs, so that a build can compare
// a re-issued month with the version an earlier build parsed. Only Month,
// Cat, Out, ID and OddID are meaningful: the rest is numbered within the
// entry. Reading an entry this way keeps it through the next Prune, which
// the changes page needs to say the same again when a later build has the
// same input; an entry no build asks for again goes at the Prune after.
func (c *Cache) Crimes(in store.Input) (*store.Crimes, bool) {
	key := c.key(File{Path: in.Path}, in.Hash)
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return nil, false
	}
	p, err := decodeParsed(b, true)
	if err != nil || p.hash != in.Hash || p.crimes == nil {
		return nil, false
	}
	c.use(key)
	return p.crimes, true
}

// inputsName is the record of the last successful build's input, beside
// the parsed entries so that Prune, which owns that folder, leaves it be.
const inputsName = "inputs.json"

// Inputs is what a successful build records about its input for the next
// one.
type Inputs struct {
	// Files are the build's input files with their hashes.
	Files []store.Input
	// Baseline are the files the build compared its input with, when it
	// had any: a build whose input is the same as the last one's compares
	// with the same baseline, so that running a build again says again
	// what the data last changed instead of "nothing".
	Baseline    []store.Input
	HasBaseline bool
}

type inputsJSON struct {
	Version     int         `json:"version"`
	Files       []inputJSON `json:"files"`
	Baseline    []inputJSON `json:"baseline"`
	HasBaseline bool        `json:"has_baseline"`
}

type inputJSON struct {
	Path   string `json:"path"`
	Kind   string `json:"kind"`
	Force  string `json:"force"`
	Month  string `json:"month"`
	SHA256 string `json:"sha256"`
}

func toJSON(ins []store.Input) []inputJSON {
	out := make([]inputJSON, 0, len(ins))
	for _, in := range ins {
		out = append(out, inputJSON{Path: in.Path, Kind: in.Kind, Force: in.Force, Month: in.Month.String(),
			SHA256: hex.EncodeToString(in.Hash[:])})
	}
	return out
}

func fromJSON(js []inputJSON) ([]store.Input, error) {
	out := make([]store.Input, 0, len(js))
	for _, j := range js {
		m, err := crime.ParseMonth([]byte(j.Month))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", j.Path, err)
		}
		in := store.Input{Path: j.Path, Kind: j.Kind, Force: j.Force, Month: m}
		if n, err := hex.Decode(in.Hash[:], []byte(j.SHA256)); err != nil || n != len(in.Hash) {
			return nil, fmt.Errorf("%s: bad sha256 %q", j.Path, j.SHA256)
		}
		out = append(out, in)
	}
	return out, nil
}

// LastInputs reads what the last successful build recorded with
// SaveInputs. With no record (no build yet with this cache) the error
// wraps fs.ErrNotExist.
func (c *Cache) LastInputs() (*Inputs, error) {
	p := filepath.Join(filepath.Dir(c.dir), inputsName)
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("last inputs: %w", err)
	}
	var j inputsJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("last inputs: %s: %w", p, err)
	}
	if j.Version != 1 {
		return nil, fmt.Errorf("last inputs: %s: version %d, want 1", p, j.Version)
	}
	rec := &Inputs{HasBaseline: j.HasBaseline}
	if rec.Files, err = fromJSON(j.Files); err != nil {
		return nil, fmt.Errorf("last inputs: %s: %w", p, err)
	}
	if rec.Baseline, err = fromJSON(j.Baseline); err != nil {
		return nil, fmt.Errorf("last inputs: %s: %w", p, err)
	}
	return rec, nil
}

// SaveInputs records a successful build's input for the next build,
// whole or not at all.
func (c *Cache) SaveInputs(rec *Inputs) error {
	b, err := json.MarshalIndent(inputsJSON{Version: 1, Files: toJSON(rec.Files), Baseline: toJSON(rec.Baseline),
		HasBaseline: rec.HasBaseline}, "", " ")
	if err != nil {
		return fmt.Errorf("save inputs: %w", err)
	}
	_, err = output.WriteFileAtomic(filepath.Join(filepath.Dir(c.dir), inputsName), func(w *bufio.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
	if err != nil {
		return fmt.Errorf("save inputs: %w", err)
	}
	return nil
}

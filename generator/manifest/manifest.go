package manifest

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/crimemap/crimemap/generator/internal/readsize"
)

// Name is the manifest's path in a site.
const Name = "manifest.txt"

const header = "# crimemap site manifest 1"

// Entry is one file of a site.
type Entry struct {
	Path   string // relative to the site, slash-separated
	Size   int64
	SHA256 [32]byte
}

// Hex returns the entry's SHA-256 in lower-case hex.
func (e Entry) Hex() string { return hex.EncodeToString(e.SHA256[:]) }

// Sort orders entries by path, as the manifest lists them.
func Sort(entries []Entry) {
	slices.SortFunc(entries, func(a, b Entry) int { return cmp.Compare(a.Path, b.Path) })
}

// Encode returns the manifest of entries, which it sorts.
func Encode(entries []Entry) []byte {
	Sort(entries)
	var b bytes.Buffer
	b.Grow(len(header) + 1 + len(entries)*100)
	b.WriteString(header)
	b.WriteByte('\n')
	var h [64]byte
	for _, e := range entries {
		hex.Encode(h[:], e.SHA256[:])
		b.Write(h[:])
		b.WriteByte(' ')
		b.WriteString(strconv.FormatInt(e.Size, 10))
		b.WriteByte(' ')
		b.WriteString(e.Path)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Read parses a manifest. An error names the line at fault.
func Read(r io.Reader) ([]Entry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	var out []Entry
	if n := readsize.Of(r); n > 0 {
		// A line is a hash, a size and a path: rarely under 80 bytes.
		out = make([]Entry, 0, n/80)
	}
	line := 0
	// A manifest lists its paths in order, as Encode writes them, so a
	// path listed twice follows itself; seen is made only for one that
	// is out of order.
	var seen map[string]bool
	for sc.Scan() {
		line++
		s := sc.Text()
		if line == 1 {
			if s != header {
				return nil, fmt.Errorf("line 1: not a crimemap site manifest (want %q)", header)
			}
			continue
		}
		e, err := parseLine(s)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if seen == nil && len(out) > 0 && e.Path <= out[len(out)-1].Path {
			seen = make(map[string]bool, len(out))
			for _, e := range out {
				seen[e.Path] = true
			}
		}
		if seen != nil {
			if seen[e.Path] {
				return nil, fmt.Errorf("line %d: %s listed twice", line, e.Path)
			}
			seen[e.Path] = true
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	if line == 0 {
		return nil, errors.New("empty manifest")
	}
	return out, nil
}

func parseLine(s string) (Entry, error) {
	sum, rest, ok1 := strings.Cut(s, " ")
	size, path, ok2 := strings.Cut(rest, " ")
	if !ok1 || !ok2 || path == "" {
		return Entry{}, errors.New("want <sha256> <size> <path>")
	}
	var e Entry
	if len(sum) != 64 {
		return Entry{}, fmt.Errorf("sha256 %q is not 64 hex digits", sum)
	}
	if _, err := hex.Decode(e.SHA256[:], []byte(sum)); err != nil {
		return Entry{}, fmt.Errorf("sha256 %q is not 64 hex digits", sum)
	}
	n, err := strconv.ParseInt(size, 10, 64)
	if err != nil || n < 0 {
		return Entry{}, fmt.Errorf("size %q is not a byte count", size)
	}
	// The path alone is kept: a substring would hold the whole line, the
	// hash's hex included, for every one of half a million entries.
	e.Size, e.Path = n, strings.Clone(path)
	return e, nil
}

// ReadFile reads the manifest at path.
func ReadFile(path string) ([]Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	es, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return es, nil
}

// Map indexes entries by path.
func Map(entries []Entry) map[string]Entry {
	m := make(map[string]Entry, len(entries))
	for _, e := range entries {
		m[e.Path] = e
	}
	return m
}

// HashFile returns the size and SHA-256 of the file at path.
func HashFile(path string) (size int64, sum [32]byte, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, sum, err
	}
	defer f.Close()
	h := sha256.New()
	size, err = io.Copy(h, f)
	if err != nil {
		return 0, sum, fmt.Errorf("read %s: %w", path, err)
	}
	h.Sum(sum[:0])
	return size, sum, nil
}

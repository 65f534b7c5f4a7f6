package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crimemap/crimemap/generator/validate"
)

// countingFS counts the bytes read from its files, to tell whether a load
// read its input.
type countingFS struct {
	fs.FS
	n atomic.Int64
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil {
		return nil, err
	}
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		return &countingFile{File: f, n: &c.n}, nil
	}
	return f, nil
}

// Stat passes through, so the files' fingerprints are the real ones.
func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

type countingFile struct {
	fs.File
	n *atomic.Int64
}

func (f *countingFile) Read(b []byte) (int, error) {
	n, err := f.File.Read(b)
	f.n.Add(int64(n))
	return n, err
}

// TestUnchangedFilesAreNotRead loads the real files with a cache three
// times: the second load, with nothing changed, reads no input byte; after
// one file is written again with the same bytes, only that file is read
// (to hash it; its parse still comes from the cache); with Rehash every
// file is read. The store is the same every time.
func TestUnchangedFilesAreNotRead(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("fingerprints are read on Linux only; elsewhere every file is hashed")
	}
	data := t.TempDir()
	if err := os.CopyFS(data, os.DirFS(needRealData(t))); err != nil {
		t.Fatal(err)
	}
	cache, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	load := func(rehash bool) (int64, Stats) {
		t.Helper()
		cfs := &countingFS{FS: os.DirFS(data)}
		st, stats, err := Load(&Input{FS: cfs, Root: ".", Path: data}, validate.NewReport(), Options{Cache: cache, Rehash: rehash})
		if err != nil {
			t.Fatal(err)
		}
		if st == nil || stats.CacheFailures != 0 {
			t.Fatalf("load: %d cache failures: %v", stats.CacheFailures, stats.CacheErr)
		}
		return cfs.n.Load(), stats
	}
	first, stats := load(false)
	if first < stats.Bytes {
		t.Fatalf("the first load read %d bytes of %d", first, stats.Bytes)
	}
	if n, s := load(false); n != 0 || s.Cached != s.Files {
		t.Errorf("nothing changed: %d bytes read, %d of %d files from the cache", n, s.Cached, s.Files)
	}

	// The same bytes written again: a new change time, so hashed again.
	rel := "2025-06/2025-06-cumbria-street.csv"
	p := filepath.Join(data, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if n, s := load(false); n != int64(len(b)) || s.Cached != s.Files {
		t.Errorf("one file rewritten: %d bytes read, want its %d; %d of %d files from the cache", n, len(b), s.Cached, s.Files)
	}
	if n, _ := load(true); n != stats.Bytes {
		t.Errorf("with Rehash: %d bytes read, want all %d", n, stats.Bytes)
	}
}

package output

import (
	"bufio"
	"crypto/sha256"
	"io"
	"slices"

	"github.com/crimemap/crimemap/generator/manifest"
	"os"
	"path/filepath"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, p := range []string{"index.html", "forces/x/index.html", "data/build-report.json"} {
		if err := Check(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, p := range []string{"", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a\\b", "..", "a/\x00"} {
		if err := Check(p); err == nil {
			t.Errorf("%q accepted", p)
		}
	}
}

func TestWrite(t *testing.T) {
	root := t.TempDir()
	d := New(root)
	if err := d.Write("a/b/c.txt", []byte("hello")); err != nil {
		t.Fatal(err)
	}
	if err := d.Write("../escape.txt", []byte("x")); err == nil {
		t.Error("wrote outside the folder")
	}
	b, err := os.ReadFile(filepath.Join(root, "a", "b", "c.txt"))
	if err != nil || string(b) != "hello" {
		t.Errorf("read back %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(root), "escape.txt")); err == nil {
		t.Error("escape.txt exists")
	}
	if f, n := d.Stats(); f != 1 || n != 5 {
		t.Errorf("stats %d files %d bytes", f, n)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.txt")
	n, err := WriteFileAtomic(path, func(w *bufio.Writer) error { _, err := w.WriteString("hello"); return err })
	if err != nil || n != 5 {
		t.Fatalf("wrote %d bytes: %v", n, err)
	}
	// A failed write leaves the previous file and no temporary file.
	if _, err := WriteFileAtomic(path, func(w *bufio.Writer) error { w.WriteString("partial"); return os.ErrClosed }); err == nil {
		t.Error("the failure was not reported")
	}
	b, _ := os.ReadFile(path)
	entries, _ := os.ReadDir(dir)
	if string(b) != "hello" || len(entries) != 1 {
		t.Errorf("after a failed write: %q, %d entries", b, len(entries))
	}
}

func TestManifest(t *testing.T) {
	prev := t.TempDir()
	if err := os.WriteFile(filepath.Join(prev, "old.bin"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prev, "lied.bin"), []byte("true"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := New(t.TempDir())
	// The previous manifest's entry for old.bin is taken as it is (its hash
	// is deliberately not old.bin's, to show it is not read again); the one
	// for lied.bin has the wrong size, so the file is hashed.
	fake := sha256.Sum256([]byte("from the manifest"))
	d.SetPrevious(prev, []manifest.Entry{
		{Path: "old.bin", Size: 3, SHA256: fake},
		{Path: "lied.bin", Size: 99, SHA256: fake},
	})
	if err := d.Write("a/page.html", []byte("page")); err != nil {
		t.Fatal(err)
	}
	if err := d.Stream("b/big.bin", func(w io.Writer) error { _, err := io.WriteString(w, "streamed"); return err }); err != nil {
		t.Fatal(err)
	}
	if err := d.Link("c/old.bin", filepath.Join(prev, "old.bin")); err != nil {
		t.Fatal(err)
	}
	if err := d.Link("c/lied.bin", filepath.Join(prev, "lied.bin")); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteManifest(); err != nil {
		t.Fatal(err)
	}
	got, err := manifest.ReadFile(filepath.Join(d.Root(), manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	want := []manifest.Entry{
		{Path: "a/page.html", Size: 4, SHA256: sha256.Sum256([]byte("page"))},
		{Path: "b/big.bin", Size: 8, SHA256: sha256.Sum256([]byte("streamed"))},
		{Path: "c/lied.bin", Size: 4, SHA256: sha256.Sum256([]byte("true"))},
		{Path: "c/old.bin", Size: 3, SHA256: fake},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("manifest %+v\nwant %+v", got, want)
	}
	if files, bytes := d.Stats(); files != 4 || bytes != 19 {
		t.Fatalf("stats %d files %d bytes, want 4 and 19", files, bytes)
	}
}

// TestUnchangedFilesAreLinked checks that a file written with the bytes the
// previous site has is that file, and that writing a path a second time
// never changes the previous site's file through a link.
func TestUnchangedFilesAreLinked(t *testing.T) {
	prev := t.TempDir()
	if err := os.WriteFile(filepath.Join(prev, "same.html"), []byte("same"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prev, "changed.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := New(t.TempDir())
	d.SetPrevious(prev, []manifest.Entry{
		{Path: "same.html", Size: 4, SHA256: sha256.Sum256([]byte("same"))},
		{Path: "changed.html", Size: 3, SHA256: sha256.Sum256([]byte("old"))},
	})
	for _, f := range []struct{ path, data string }{{"same.html", "same"}, {"changed.html", "new"}} {
		if err := d.Write(f.path, []byte(f.data)); err != nil {
			t.Fatal(err)
		}
	}
	same := func(name string) bool {
		a, _ := os.Stat(filepath.Join(prev, name))
		b, _ := os.Stat(filepath.Join(d.Root(), name))
		return os.SameFile(a, b)
	}
	if !same("same.html") || same("changed.html") {
		t.Errorf("linked: same.html %v (want true), changed.html %v (want false)", same("same.html"), same("changed.html"))
	}
	// Writing same.html again must replace the link, not write through it.
	if err := d.Write("same.html", []byte("other")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(prev, "same.html")); string(b) != "same" {
		t.Errorf("the previous site's file became %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(d.Root(), "same.html")); string(b) != "other" {
		t.Errorf("the new file is %q", b)
	}
}

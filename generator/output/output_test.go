package output

import (
	"bufio"
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

package output

import (
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

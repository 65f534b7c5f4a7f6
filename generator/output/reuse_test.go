package output

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// previousSite builds a site with Make, as a build does: a.bin from key
// "ka", b.bin from key "kb", and c.bin written without a key.
func previousSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	d := New(root)
	for _, f := range []struct{ rel, key, body string }{{"x/a.bin", "ka", "alpha"}, {"x/b.bin", "kb", "bravo"}} {
		if _, err := d.Make(f.rel, f.key, func(w io.Writer) error { _, err := io.WriteString(w, f.body); return err }); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Write("c.bin", []byte("charlie")); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteManifest(); err != nil {
		t.Fatal(err)
	}
	return root
}

// TestReuseRules checks the one rule by which a build takes a file from
// the previous site: the same key in the previous site's record, a
// manifest entry, and the file still there at that size. Anything else
// means the file is made again.
func TestReuseRules(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, prev string) // what happened to the previous site
		rel    string
		key    string
		want   bool
	}{
		{"same key", nil, "x/a.bin", "ka", true},
		{"other key", nil, "x/a.bin", "kb", false},
		{"file made without a key", nil, "c.bin", "kc", false},
		{"path the previous site lacks", nil, "x/z.bin", "ka", false},
		{"file gone", func(t *testing.T, prev string) { remove(t, prev, "x/a.bin") }, "x/a.bin", "ka", false},
		{"file cut short", func(t *testing.T, prev string) { write(t, prev, "x/a.bin", "alp") }, "x/a.bin", "ka", false},
		{"no manifest", func(t *testing.T, prev string) { remove(t, prev, "manifest.txt") }, "x/a.bin", "ka", false},
		{"no keys record", func(t *testing.T, prev string) { remove(t, prev, KeysName) }, "x/a.bin", "ka", false},
		{"keys record as written", func(t *testing.T, prev string) {
			write(t, prev, KeysName, gz(t, keysHeader+"\nka x/a.bin\n"))
		}, "x/a.bin", "ka", true},
		{"keys record not compressed", func(t *testing.T, prev string) {
			write(t, prev, KeysName, keysHeader+"\nka x/a.bin\n")
		}, "x/a.bin", "ka", false},
		{"keys record of another format", func(t *testing.T, prev string) {
			write(t, prev, KeysName, gz(t, "# something else\nka x/a.bin\n"))
		}, "x/a.bin", "ka", false},
		{"keys record naming an unsafe path", func(t *testing.T, prev string) {
			write(t, prev, KeysName, gz(t, keysHeader+"\nka x/a.bin\nkz ../escape\n"))
		}, "x/a.bin", "ka", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prev := previousSite(t)
			if tc.damage != nil {
				tc.damage(t, prev)
			}
			d := New(t.TempDir())
			if _, err := d.ReadPrevious(prev); err != nil {
				t.Fatal(err)
			}
			got, err := d.Reuse(tc.rel, tc.key)
			if err != nil || got != tc.want {
				t.Fatalf("Reuse(%s, %s) = %v, %v; want %v", tc.rel, tc.key, got, err, tc.want)
			}
			_, recorded := d.Entry(tc.rel)
			if recorded != got {
				t.Errorf("recorded %v, reused %v", recorded, got)
			}
			if got && !sameFile(t, filepath.Join(prev, tc.rel), filepath.Join(d.Root(), tc.rel)) {
				t.Errorf("%s was reused but not linked", tc.rel)
			}
		})
	}
}

// TestMakeRecordsKeys checks that what Make writes or reuses is recorded
// with its key for the build after, that a changed key makes the file
// again, and that a key the record could not hold is refused.
func TestMakeRecordsKeys(t *testing.T) {
	prev := previousSite(t)
	d := New(t.TempDir())
	if _, err := d.ReadPrevious(prev); err != nil {
		t.Fatal(err)
	}
	made := 0
	body := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { made++; _, err := io.WriteString(w, s); return err }
	}
	if reused, err := d.Make("x/a.bin", "ka", body("alpha")); !reused || err != nil || made != 0 {
		t.Errorf("unchanged a.bin: reused %v, %v, made %d", reused, err, made)
	}
	if reused, err := d.Make("x/b.bin", "kb2", body("bravo 2")); reused || err != nil || made != 1 {
		t.Errorf("changed b.bin: reused %v, %v, made %d", reused, err, made)
	}
	if _, err := d.Make("x/d.bin", "k d", body("delta")); err == nil || !strings.Contains(err.Error(), "spaces") {
		t.Errorf("a key with a space: %v", err)
	}
	if err := d.WriteManifest(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(d.Root(), KeysName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if want := keysHeader + "\nka x/a.bin\nkb2 x/b.bin\n"; string(b) != want {
		t.Errorf("keys record %q, want %q", b, want)
	}
}

func gz(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := io.WriteString(zw, s); err != nil || zw.Close() != nil {
		t.Fatal(err)
	}
	return b.String()
}

func remove(t *testing.T, root, rel string) {
	t.Helper()
	if err := os.Remove(filepath.Join(root, rel)); err != nil {
		t.Fatal(err)
	}
}

// write replaces a file of the previous site with a new one, as damage
// or an edit by hand would, rather than writing through its links.
func write(t *testing.T, root, rel, body string) {
	t.Helper()
	remove(t, root, rel)
	if err := os.WriteFile(filepath.Join(root, rel), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sameFile(t *testing.T, a, b string) bool {
	t.Helper()
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return os.SameFile(ia, ib)
}

package manifest

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	in := []Entry{
		{Path: "z/last.html", Size: 3, SHA256: sha256.Sum256([]byte("abc"))},
		{Path: "a b/first.json", Size: 0, SHA256: sha256.Sum256(nil)},
	}
	b := Encode(in)
	want := header + "\n" +
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 0 a b/first.json\n" +
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad 3 z/last.html\n"
	if string(b) != want {
		t.Fatalf("encoded:\n%s\nwant:\n%s", b, want)
	}
	out, err := Read(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[0] != in[0] || out[1] != in[1] {
		t.Fatalf("read back %+v, want %+v", out, in)
	}
}

func TestReadErrors(t *testing.T) {
	sum := strings.Repeat("ab", 32)
	for _, c := range []struct{ text, err string }{
		{"", "empty manifest"},
		{"not a manifest\n", "line 1: not a crimemap site manifest"},
		{header + "\n" + sum + " 12\n", "line 2: want <sha256> <size> <path>"},
		{header + "\n" + sum[:10] + " 12 a.html\n", "line 2: sha256"},
		{header + "\n" + strings.Repeat("zz", 32) + " 12 a.html\n", "line 2: sha256"},
		{header + "\n" + sum + " -1 a.html\n", "line 2: size \"-1\""},
		{header + "\n" + sum + " 1 a.html\n" + sum + " 1 a.html\n", "line 3: a.html listed twice"},
		// Out of order, so the second a.html does not follow the first.
		{header + "\n" + sum + " 1 a.html\n" + sum + " 1 b.html\n" + sum + " 1 a.html\n", "line 4: a.html listed twice"},
		{header + "\n" + sum + " 1 b.html\n" + sum + " 1 a.html\n" + sum + " 1 c.html\n" + sum + " 1 b.html\n", "line 5: b.html listed twice"},
	} {
		_, err := Read(strings.NewReader(c.text))
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%q: error %v, want %q", c.text, err, c.err)
		}
	}
}

func TestHashFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	n, sum, err := HashFile(p)
	if err != nil || n != 3 || sum != sha256.Sum256([]byte("abc")) {
		t.Fatalf("HashFile = %d %x %v", n, sum, err)
	}
}

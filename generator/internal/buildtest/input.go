package buildtest

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// Fixture returns the text of a txtar file, such as a fixture under
// testdata shared by several tests.
func Fixture(t testing.TB, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Extract writes the files of the txtar archive into dir. It returns an
// error, not a test failure, so that input shared by a package's tests can
// be made once, outside any one test.
func Extract(archive, dir string) error {
	for _, f := range txtar.Parse([]byte(archive)).Files {
		name, err := clean(f.Name)
		if err != nil {
			return err
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Unpack writes the files of the txtar archive into a new temporary
// folder and returns it.
func Unpack(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	if err := Extract(archive, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Files writes files (slash paths to contents) into a new temporary
// folder and returns it, for input made in the test rather than read from
// a txtar.
func Files(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		name, err := clean(name)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// FS returns the files of the txtar archive as an in-memory file system,
// for builds that read an fs.FS; the test may change its entries first.
func FS(t testing.TB, archive string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		name, err := clean(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// clean refuses a name that would land outside the folder: a fixture with
// a mistyped "../" should fail, not write beside the test's folder.
func clean(name string) (string, error) {
	c := path.Clean(name)
	if c == "." || path.IsAbs(c) || c == ".." || strings.HasPrefix(c, "../") {
		return "", &os.PathError{Op: "unpack", Path: name, Err: os.ErrInvalid}
	}
	return c, nil
}

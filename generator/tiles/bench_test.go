package tiles

import (
	"crypto/sha256"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/validate"
)

// oneMonth shows only one month's folder of a dataset (and its reference
// data), so a benchmark loads a national month in seconds.
type oneMonth struct {
	fs.FS
	month string
}

func (o oneMonth) hidden(name string) bool {
	top, _, _ := cutFirst(name)
	return len(top) == 7 && top[4] == '-' && top != o.month
}

func cutFirst(name string) (string, string, bool) {
	for i := range len(name) {
		if name[i] == '/' {
			return name[:i], name[i+1:], true
		}
	}
	return name, "", false
}

func (o oneMonth) Open(name string) (fs.File, error) {
	if o.hidden(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return o.FS.Open(name)
}

func (o oneMonth) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(o.FS, name)
	return slices.DeleteFunc(es, func(e fs.DirEntry) bool { return o.hidden(path.Join(name, e.Name())) }), err
}

// BenchmarkNationalMonth writes the archive of the national sample's last
// month (make bench generates the sample; CRIMEMAP_NATIONAL names another
// folder) and logs its size and SHA-256, so a change to the tiling can be
// timed and checked for identical output. Skipped without the sample.
func BenchmarkNationalMonth(b *testing.B) {
	dir := os.Getenv("CRIMEMAP_NATIONAL")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".cache", "crimemap", "national")
	}
	months, _ := filepath.Glob(filepath.Join(dir, "20[0-9][0-9]-[01][0-9]"))
	if len(months) == 0 {
		b.Skipf("no national sample in %s (make bench generates it)", dir)
	}
	last := filepath.Base(months[len(months)-1])
	fsys := oneMonth{os.DirFS(dir), last}
	st, _, err := source.Load(&source.Input{FS: fsys, Root: "."}, validate.NewReport(), source.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ref, err := reference.Load(fsys, "reference", validate.NewReport())
	if err != nil {
		b.Fatal(err)
	}
	bounds := ref.Boundaries()
	ix, err := index.Build(st, bounds)
	if err != nil {
		b.Fatal(err)
	}
	m, _ := crime.ParseMonth([]byte(last))
	b.ResetTimer()
	for range b.N {
		h := sha256.New()
		var n countingWriter
		s, err := WriteMonth(io.MultiWriter(h, &n), st, ix, m, DefaultOptions)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		b.Logf("%s: %d bytes (%d in stats), sha256 %x", last, n, s.Bytes, h.Sum(nil))
		b.StartTimer()
	}
}

type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

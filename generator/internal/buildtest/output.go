package buildtest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Output is a folder a build wrote, with assertions on its files by slash
// path relative to it.
type Output struct {
	t   testing.TB
	Dir string
}

// Open returns the folder dir as an Output.
func Open(t testing.TB, dir string) Output {
	return Output{t: t, Dir: dir}
}

// Path returns the file rel (a slash path) in the folder.
func (o Output) Path(rel string) string {
	return filepath.Join(o.Dir, filepath.FromSlash(rel))
}

// Bytes returns the file rel. A file that cannot be read stops the test:
// nothing after it could say anything true.
func (o Output) Bytes(rel string) []byte {
	o.t.Helper()
	b, err := os.ReadFile(o.Path(rel))
	if err != nil {
		o.t.Fatal(err)
	}
	return b
}

// Read returns the file rel as text.
func (o Output) Read(rel string) string {
	o.t.Helper()
	return string(o.Bytes(rel))
}

// Text returns the file rel as a reader sees it: tags removed and white
// space collapsed, so a test can look for a sentence a page shows across
// its markup.
func (o Output) Text(rel string) string {
	o.t.Helper()
	return Text(o.Read(rel))
}

var tags = regexp.MustCompile(`<[^>]*>`)

// Text returns HTML with its tags removed and its white space collapsed.
func Text(html string) string {
	return strings.Join(strings.Fields(tags.ReplaceAllString(html, " ")), " ")
}

// AssertFile checks that the file rel holds every one of want.
func (o Output) AssertFile(rel string, want ...string) {
	o.t.Helper()
	o.contains(rel, o.Read(rel), want)
}

// AssertText checks that the file's text, as Text gives it, holds every
// one of want.
func (o Output) AssertText(rel string, want ...string) {
	o.t.Helper()
	o.contains(rel, o.Text(rel), want)
}

// AssertFileNot checks that the file rel holds none of bad.
func (o Output) AssertFileNot(rel string, bad ...string) {
	o.t.Helper()
	s := o.Read(rel)
	for _, b := range bad {
		if i := strings.Index(s, b); i >= 0 {
			o.t.Errorf("%s holds %q, which it should not:\n%s", rel, b, excerpt(s, i, len(b)))
		}
	}
}

func (o Output) contains(rel, s string, want []string) {
	o.t.Helper()
	for _, w := range want {
		if strings.Contains(s, w) {
			continue
		}
		if i, n := nearest(s, w); n > 0 {
			o.t.Errorf("%s lacks %q; the longest start of it there is %q, in:\n%s", rel, w, w[:n], excerpt(s, i, n))
		} else {
			o.t.Errorf("%s lacks %q; it holds:\n%s", rel, w, excerpt(s, 0, 0))
		}
	}
}

// nearest finds the longest start of w, of a few bytes at least, that s
// holds, and returns where and how long: a failure shows where the file
// parts from what the test expected, not the file's first lines.
func nearest(s, w string) (at, n int) {
	const least = 4
	for n = len(w) - 1; n >= least; n-- {
		if i := strings.Index(s, w[:n]); i >= 0 {
			return i, n
		}
	}
	return 0, 0
}

// AssertExists checks that every one of rels is a file or folder.
func (o Output) AssertExists(rels ...string) {
	o.t.Helper()
	for _, rel := range rels {
		if _, err := os.Stat(o.Path(rel)); err != nil {
			o.t.Errorf("%s is missing: %v", rel, err)
		}
	}
}

// AssertMissing checks that none of rels exists.
func (o Output) AssertMissing(rels ...string) {
	o.t.Helper()
	for _, rel := range rels {
		_, err := os.Stat(o.Path(rel))
		switch {
		case err == nil:
			o.t.Errorf("%s exists and should not", rel)
		case !errors.Is(err, fs.ErrNotExist):
			o.t.Errorf("%s: %v", rel, err)
		}
	}
}

// Tree returns every file in the folder, by slash path.
func (o Output) Tree() map[string][]byte {
	o.t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(o.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(o.Dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		o.t.Fatal(err)
	}
	return files
}

// Golden checks the file rel against the golden file under testdata.
func (o Output) Golden(rel, golden string) {
	o.t.Helper()
	Golden(o.t, o.Bytes(rel), golden)
}

// excerptSize is how much of a file a failure shows: enough to see a
// page's text or a JSON answer, not a whole archive.
const excerptSize = 600

// excerpt returns the part of s around s[i:i+n], or its start.
func excerpt(s string, i, n int) string {
	from := max(0, i-excerptSize/2)
	to := min(len(s), max(i+n+excerptSize/2, from+excerptSize))
	out := s[from:to]
	if from > 0 {
		out = "…" + out
	}
	if to < len(s) {
		out += "…"
	}
	return out
}

package buildtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Builder builds the site of the input folder data into the folder out,
// and returns what the build reports of itself (its Result, or anything
// the test wants to look at).
type Builder[R any] func(data, out string) (R, error)

// Site is one test's input, unpacked, and its output folder.
type Site[R any] struct {
	t     testing.TB
	build Builder[R]
	// Data is the unpacked input; a test may change it between builds.
	Data string
	// Out is the output folder. It does not exist until the first build.
	Out Output
}

// New unpacks archive and returns a site not yet built, whose output
// folder is "public" in a new temporary folder, so the build's spare,
// journal and lock files beside it are the test's too.
func New[R any](t testing.TB, archive string, build Builder[R]) *Site[R] {
	t.Helper()
	data := Unpack(t, archive)
	return &Site[R]{t: t, build: build, Data: data, Out: Open(t, filepath.Join(t.TempDir(), "public"))}
}

// Run unpacks archive, builds it once and returns the site and what the
// build reported.
func Run[R any](t testing.TB, archive string, build Builder[R]) (*Site[R], R) {
	t.Helper()
	s := New(t, archive, build)
	return s, s.Build()
}

// Build builds Data into Out again, failing the test if the build fails.
func (s *Site[R]) Build() R {
	s.t.Helper()
	r, err := s.build(s.Data, s.Out.Dir)
	if err != nil {
		s.t.Fatalf("build of %s: %v", s.Data, err)
	}
	return r
}

// Edit replaces the first old in the input file rel (a slash path under
// Data) with new, as a re-issued file does between builds. old must be
// there: an edit that finds nothing would leave the test checking the
// unchanged input and passing for the wrong reason.
func (s *Site[R]) Edit(rel, old, new string) {
	s.t.Helper()
	in := Open(s.t, s.Data)
	b := in.Read(rel)
	if !strings.Contains(b, old) {
		s.t.Fatalf("input %s has no %q", rel, old)
	}
	if err := os.WriteFile(in.Path(rel), []byte(strings.Replace(b, old, new, 1)), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

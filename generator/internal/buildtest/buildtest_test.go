package buildtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps what a harness call reported, so
// these tests can check the harness fails when it should.
type recorder struct {
	testing.TB
	errors []string
	fatal  bool
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// stop ends the call that failed, as t.Fatal ends a test.
type stop struct{}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	r.fatal = true
	panic(stop{})
}

func (r *recorder) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }

// record runs f against a recorder and returns it.
func record(t *testing.T, f func(tb testing.TB)) *recorder {
	r := &recorder{TB: t}
	func() {
		defer func() {
			if p := recover(); p != nil && p != (stop{}) {
				panic(p)
			}
		}()
		f(r)
	}()
	return r
}

const archive = `A comment, not a file.
-- index.html --
<h1>Alpha
  Police</h1>
-- data/a.json --
{"a": 1}
`

// copyBuild "builds" by copying the input, and reports how many files.
func copyBuild(data, out string) (int, error) {
	if err := os.CopyFS(out, os.DirFS(data)); err != nil {
		return 0, err
	}
	entries, err := os.ReadDir(out)
	return len(entries), err
}

func TestRunAndAssert(t *testing.T) {
	s, n := Run(t, archive, copyBuild)
	if n != 2 {
		t.Errorf("the build reported %d entries, want 2", n)
	}
	if filepath.Base(s.Out.Dir) != "public" {
		t.Errorf("output folder %s", s.Out.Dir)
	}
	if got := s.Out.Read("data/a.json"); got != "{\"a\": 1}\n" {
		t.Errorf("data/a.json is %q", got)
	}
	if got := s.Out.Text("index.html"); got != "Alpha Police" {
		t.Errorf("text %q", got)
	}
	tree := s.Out.Tree()
	if len(tree) != 2 || string(tree["index.html"]) != "<h1>Alpha\n  Police</h1>\n" {
		t.Errorf("tree %q", tree)
	}

	// Each assertion passes on what is there and fails, naming the file,
	// on what is not.
	for _, tt := range []struct {
		name string
		f    func(o Output)
		want string // "" when the call should pass
	}{
		{"file holds", func(o Output) { o.AssertFile("index.html", "<h1>Alpha") }, ""},
		{"file lacks", func(o Output) { o.AssertFile("index.html", "Beta") }, `index.html lacks "Beta"`},
		{"text holds", func(o Output) { o.AssertText("index.html", "Alpha Police") }, ""},
		{"text lacks", func(o Output) { o.AssertText("index.html", "Alpha  Police") }, `index.html lacks "Alpha  Police"; the longest start of it there is "Alpha "`},
		{"not: absent", func(o Output) { o.AssertFileNot("data/a.json", `"b"`) }, ""},
		{"not: present", func(o Output) { o.AssertFileNot("data/a.json", `"a"`) }, `data/a.json holds "\"a\""`},
		{"exists", func(o Output) { o.AssertExists("data", "data/a.json") }, ""},
		{"exists: no", func(o Output) { o.AssertExists("data/b.json") }, "data/b.json is missing"},
		{"missing", func(o Output) { o.AssertMissing("data/b.json") }, ""},
		{"missing: no", func(o Output) { o.AssertMissing("index.html") }, "index.html exists"},
		{"unreadable", func(o Output) { o.Read("nothing.html") }, "nothing.html"},
	} {
		r := record(t, func(tb testing.TB) { tt.f(Open(tb, s.Out.Dir)) })
		switch {
		case tt.want == "" && len(r.errors) > 0:
			t.Errorf("%s: failed: %v", tt.name, r.errors)
		case tt.want != "" && (len(r.errors) != 1 || !strings.Contains(r.errors[0], tt.want)):
			t.Errorf("%s: reported %q, want one error with %q", tt.name, r.errors, tt.want)
		}
	}
}

func TestBuildFails(t *testing.T) {
	r := record(t, func(tb testing.TB) {
		Run(tb, archive, func(data, out string) (int, error) { return 0, fmt.Errorf("no assets") })
	})
	if !r.fatal || !strings.Contains(r.errors[0], "no assets") {
		t.Errorf("a failed build reported %q", r.errors)
	}
}

func TestUnpackRefusesEscape(t *testing.T) {
	for _, name := range []string{"../x", "/etc/x", "a/../../x"} {
		if err := Extract("-- "+name+" --\nx\n", t.TempDir()); err == nil {
			t.Errorf("%s was written", name)
		}
	}
	fsys := FS(t, archive)
	if len(fsys) != 2 || string(fsys["data/a.json"].Data) != "{\"a\": 1}\n" {
		t.Errorf("FS %v", fsys)
	}
}

func TestGolden(t *testing.T) {
	golden := filepath.Join(t.TempDir(), "testdata", "out.txt")
	if r := record(t, func(tb testing.TB) { Golden(tb, []byte("a\n"), golden) }); !r.fatal {
		t.Errorf("a missing golden file passed")
	}
	// -update writes it; then the same bytes pass and others fail at
	// the line that differs.
	*Update = true
	r := record(t, func(tb testing.TB) { Golden(tb, []byte("a\nb\n"), golden) })
	*Update = false
	if len(r.errors) != 0 {
		t.Fatalf("update: %v", r.errors)
	}
	if r := record(t, func(tb testing.TB) { Golden(tb, []byte("a\nb\n"), golden) }); len(r.errors) != 0 {
		t.Errorf("the same bytes: %v", r.errors)
	}
	r = record(t, func(tb testing.TB) { Golden(tb, []byte("a\nc\n"), golden) })
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "line 2, byte 1") || !strings.Contains(r.errors[0], golden) {
		t.Errorf("a changed line reported %q", r.errors)
	}
}

func TestEdit(t *testing.T) {
	s, _ := Run(t, archive, copyBuild)
	s.Edit("index.html", "Alpha", "Beta")
	if got := Open(t, s.Data).Read("index.html"); got != "<h1>Beta\n  Police</h1>\n" {
		t.Errorf("edited input %q", got)
	}
	// The output is the first build's until the next.
	s.Out.AssertFileNot("index.html", "Beta")
	r := record(t, func(tb testing.TB) {
		(&Site[int]{t: tb, Data: s.Data}).Edit("index.html", "Gamma", "Delta")
	})
	if !r.fatal || !strings.Contains(r.errors[0], `index.html has no "Gamma"`) {
		t.Errorf("an edit that finds nothing reported %q", r.errors)
	}
}

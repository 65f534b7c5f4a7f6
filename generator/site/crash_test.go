package site

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
	"github.com/crimemap/crimemap/generator/manifest"
)

// The crash test runs builds in a child process (this test binary again)
// that kills itself with SIGKILL at a checkpoint: no deferred clean-up, no
// chance to finish a write, as when the machine loses power or the
// operator kills the build.
const (
	crashAt    = "CRIMEMAP_TEST_CRASH_AT"
	crashData  = "CRIMEMAP_TEST_CRASH_DATA"
	crashOut   = "CRIMEMAP_TEST_CRASH_OUT"
	crashCache = "CRIMEMAP_TEST_CRASH_CACHE"
)

// TestCrashChild is the child's side; it does nothing in a normal run.
func TestCrashChild(t *testing.T) {
	at := os.Getenv(crashAt)
	if at == "" {
		return
	}
	testPoint = func(name string) {
		if name == at {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}
	Build(Config{Assets: assetsDir, Data: os.Getenv(crashData), Out: os.Getenv(crashOut), Cache: os.Getenv(crashCache)})
	t.Fatalf("the build passed %s without being killed", at)
}

// siteState is every file of a site with its hash, as its manifest says
// and as the files are.
func siteState(t *testing.T, out string) []manifest.Entry {
	t.Helper()
	man, err := manifest.ReadFile(filepath.Join(out, manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		return nil
	})
	if err != nil || n != len(man)+1 {
		t.Fatalf("%s holds %d files, its manifest %d (%v)", out, n, len(man), err)
	}
	for _, e := range man {
		size, sum, err := manifest.HashFile(filepath.Join(out, filepath.FromSlash(e.Path)))
		if err != nil || size != e.Size || sum != e.SHA256 {
			t.Fatalf("%s is not as the manifest says (%v)", e.Path, err)
		}
	}
	// What changed since the last build depends on the builds before,
	// not on the input alone, so it is left out of comparisons.
	return slices.DeleteFunc(man, func(e manifest.Entry) bool { return historyDependent(e.Path) })
}

// TestKilledBuildKeepsSite kills a build at every stage, and inside the
// swap, and checks each time that the previous site is exactly as it was
// (or, after the swap, exactly the new one), and that the next build, using
// the same cache, succeeds and gives the same site as a build without one.
func TestKilledBuildKeepsSite(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	s := newSite(t, "basic.txtar")
	data, out := s.Data, s.Out.Dir
	parent := filepath.Dir(out)
	cache := filepath.Join(parent, "cache")
	// Two builds, so that the killed ones write into a spare holding a
	// site: one with a force the live site and the new one lack, whose
	// files the new build removes.
	gamma := filepath.Join(data, "2025-03", "2025-03-gamma-street.csv")
	if err := os.WriteFile(gamma, []byte("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"+
		",2025-03,Gamma Police,Gamma Police,-2.000000,52.000000,On or near Park Road,E01000009,Elsewhere 001A,Drugs,,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Cache: cache}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(gamma); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Cache: cache, AllowShrink: true}); err != nil {
		t.Fatal(err)
	}
	before := siteState(t, out)

	// The next build has a re-issued March, so every stage has new work.
	s.Edit(reissuedMarch, "Shoplifting,Under investigation", "Shoplifting,Offender given a caution")
	want := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: want}); err != nil {
		t.Fatal(err)
	}
	after := siteState(t, want)
	if slices.Equal(before, after) {
		t.Fatal("the re-issued month changed nothing")
	}

	points := []string{"load", "index", "aggregate", "previous", "assets", "downloads", "render", "search",
		"tiles 2025-01", "tiles", "guard", "manifest:removing", "manifest", "swap:exchanged", "swap"}
	for _, at := range points {
		cmd := exec.Command(exe, "-test.run=^TestCrashChild$")
		cmd.Env = append(os.Environ(), crashAt+"="+at, crashData+"="+data, crashOut+"="+out, crashCache+"="+cache)
		outb, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("killed at %s: the child ended with %v:\n%s", at, err, outb)
		}
		got := siteState(t, out)
		switch at {
		case "swap:exchanged", "swap":
			if !slices.Equal(got, after) {
				t.Errorf("killed at %s: the site is not the new one", at)
			}
		default:
			if !slices.Equal(got, before) {
				t.Errorf("killed at %s: the previous site changed", at)
			}
		}
	}

	// The next build clears what the killed ones left, and its site is the
	// one a build without a cache makes.
	if _, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Cache: cache}); err != nil {
		t.Fatal(err)
	}
	if got := siteState(t, out); !slices.Equal(got, after) {
		t.Error("the build after the kills differs from a clean build")
	}
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"cache", "public", "public.lock", "public.spare"}) {
		t.Errorf("left beside the site: %v", names)
	}
}

// TestInterruptedBuildKeepsSite stops a build through its context, as
// Ctrl-C does, and checks the previous site is untouched and nothing is
// left behind.
func TestInterruptedBuildKeepsSite(t *testing.T) {
	s := newSite(t, "basic.txtar")
	s.Build()
	data, out := s.Data, s.Out.Dir
	parent := filepath.Dir(out)
	before := siteState(t, out)
	for _, at := range []string{"load", "downloads", "render", "tiles 2025-02", "manifest"} {
		ctx, cancel := context.WithCancel(context.Background())
		testPoint = func(name string) {
			if name == at {
				cancel()
			}
		}
		_, err := Build(Config{Assets: assetsDir, Data: data, Out: out, Context: ctx})
		testPoint = nil
		cancel()
		if !errors.Is(err, ErrInterrupted) {
			t.Errorf("stopped at %s: error %v, want an interruption", at, err)
		}
		if got := siteState(t, out); !slices.Equal(got, before) {
			t.Errorf("stopped at %s: the site changed", at)
		}
		onlySite(t, parent)
	}
}

// TestConcurrentBuildRefused checks that a second build of a site waits
// for no one: it is refused while the first holds the lock.
func TestConcurrentBuildRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	unlock, err := lock(out)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	_, err = Build(Config{Assets: assetsDir, Data: buildtest.Unpack(t, fixture(t, "basic.txtar")), Out: out})
	if !errors.Is(err, ErrBusy) {
		t.Errorf("second build: %v, want ErrBusy", err)
	}
}

// stateDiff names the files two site states disagree on, up to a few, or
// "" when they are the same.
func stateDiff(a, b []manifest.Entry) string {
	seen := map[string]manifest.Entry{}
	for _, e := range a {
		seen[e.Path] = e
	}
	var out []string
	for _, e := range b {
		if o, ok := seen[e.Path]; !ok {
			out = append(out, "+"+e.Path)
		} else if o != e {
			out = append(out, "~"+e.Path)
		}
		delete(seen, e.Path)
	}
	for p := range seen {
		out = append(out, "-"+p)
	}
	slices.Sort(out)
	if len(out) > 8 {
		out = append(out[:8], fmt.Sprintf("and %d more", len(out)-8))
	}
	return strings.Join(out, " ")
}

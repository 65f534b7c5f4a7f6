package main

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/content/messages"
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb}
	code = m.Run(args)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string // in stdout or stderr
	}{
		{nil, exitUsage, "Usage:"},
		{[]string{"help"}, exitOK, "crimemap build"},
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"build", "--help"}, exitOK, "--strict"},
		{[]string{"sample", "--help"}, exitOK, "--scale"},
		{[]string{"serve", "--help"}, exitOK, "--addr"},
		{[]string{"build"}, exitUsage, "--data is required"},
		{[]string{"build", "--no-such-flag"}, exitUsage, "unknown flag"},
		{[]string{"build", "--data", "x", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"build", "--data", "/no/such/folder"}, exitFail, "no such file"},
		{[]string{"build", "--data", "x", "--base-url", "ftp://x"}, exitUsage, "not an http or https address"},
		{[]string{"build", "--data", "x", "--max-shrink", "0"}, exitUsage, "--max-shrink must be"},
		{[]string{"publish", "--bucket", "b", "--max-delete", "150"}, exitUsage, "--max-delete must be"},
		{[]string{"sample", "--scale", "huge"}, exitUsage, "scale"},
		{[]string{"serve", "--dir", "/no/such/site"}, exitFail, "not a built site"},
	}
	for _, tt := range tests {
		code, out, errs := run(tt.args...)
		if code != tt.code || !strings.Contains(out+errs, tt.want) {
			t.Errorf("crimemap %v: exit %d, want %d; output lacks %q?\n%s%s", tt.args, code, tt.code, tt.want, out, errs)
		}
	}
}

const streetCSV = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n" +
	",2025-01,T Police,T Police,-1.500000,53.500000,On or near High Street,E01000001,Testtown 001A,Anti-social behaviour,,\n"

func writeData(t *testing.T, rows string) string {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "2025-01"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "2025-01", "2025-01-t-street.csv"), []byte(streetCSV+rows), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBuildGuardFlags checks the guard rails from the command line: an
// empty folder and a site with a third of the rows fail with exit 1,
// saying what to do, and --allow-shrink lets the smaller site through.
func TestBuildGuardFlags(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	three := writeData(t, strings.Repeat(",2025-01,T Police,T Police,-1.500000,53.500000,On or near High Street,E01000001,Testtown 001A,Burglary,,\n", 2))
	if code, stdout, stderr := run("build", "--assets", "../../assets", "--quiet", "--data", three, "--out", out); code != exitOK {
		t.Fatalf("first build: exit %d\n%s%s", code, stdout, stderr)
	}
	empty := t.TempDir()
	if code, _, stderr := run("build", "--assets", "../../assets", "--quiet", "--data", empty, "--out", out); code != exitFail ||
		!strings.Contains(stderr, "no crime data in "+empty) || !strings.Contains(stderr, "it is empty") {
		t.Errorf("an empty folder: exit %d\n%s", code, stderr)
	}
	one := writeData(t, "")
	code, _, stderr := run("build", "--assets", "../../assets", "--quiet", "--data", one, "--out", out)
	if code != exitFail || !strings.Contains(stderr, "rows fall from 3 to 1") || !strings.Contains(stderr, "--allow-shrink") {
		t.Errorf("a third of the rows: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run("build", "--assets", "../../assets", "--quiet", "--data", one, "--out", out, "--max-shrink", "70"); code != exitOK {
		t.Errorf("a third of the rows with --max-shrink 70: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run("build", "--assets", "../../assets", "--quiet", "--data", three, "--out", out); code != exitOK {
		t.Errorf("back to three rows: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run("build", "--assets", "../../assets", "--quiet", "--data", one, "--out", out, "--allow-shrink"); code != exitOK {
		t.Errorf("a third of the rows with --allow-shrink: exit %d\n%s", code, stderr)
	}
}

func TestBuildExitCodes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	good := writeData(t, "")
	if code, stdout, stderr := run("build", "--assets", "../../assets", "--data", good, "--out", out); code != exitOK ||
		!strings.Contains(stdout, "load") || !strings.Contains(stdout, "built") {
		t.Fatalf("good build: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "forces", "t", "index.html")); err != nil {
		t.Error(err)
	}
	// Nothing new: the check's line and a summary that says so.
	_, stdout, _ := run("build", "--assets", "../../assets", "--data", good, "--out", out)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "unchanged ") || !strings.HasPrefix(lines[1], "nothing new for "+out) {
		t.Errorf("a build with nothing new printed:\n%s", stdout)
	}
	// One summary line per stage when not on a terminal, then the build's
	// summary.
	_, stdout, _ = run("build", "--assets", "../../assets", "--data", good, "--out", out, "--rehash")
	lines = strings.Split(strings.TrimSpace(stdout), "\n")
	stages := []string{"load", "privacy", "validate", "index", "aggregate", "previous", "basemap", "assets", "downloads", "render", "search", "catchments",
		"tiles", "guard", "manifest", "swap", "built",
		"  output: pages", "  reused: 1 of 1 input files from the cache, 1 of 1 tile archives, 1 of 1 month downloads, 2 of 2 API groups", "  stages: load"}
	if len(lines) != len(stages) {
		t.Errorf("%d lines, want one per stage and a summary:\n%s", len(lines), stdout)
	}
	for i, stage := range stages {
		if i < len(lines) && !strings.HasPrefix(lines[i]+" ", stage+" ") {
			t.Errorf("line %d is %q, want the %s stage", i+1, lines[i], stage)
		}
	}
	bad := writeData(t, ",2025-01,T,T,abc,53.5,On or near X,E01,T 001A,Burglary,,\n")
	code, _, stderr := run("build", "--assets", "../../assets", "--quiet", "--strict", "--data", bad, "--out", out)
	if code != exitFail || !strings.Contains(stderr, "2025-01-t-street.csv:3: bad-coordinates") {
		t.Errorf("strict build of bad data: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run("build", "--assets", "../../assets", "--quiet", "--data", bad, "--out", out); code != exitOK {
		t.Errorf("lenient build of bad data: exit %d\n%s", code, stderr)
	}
}

func TestServeRange(t *testing.T) {
	dir := t.TempDir()
	body := []byte("0123456789abcdef")
	if err := os.WriteFile(filepath.Join(dir, "x.pmtiles"), body, 0o644); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	stop := make(chan struct{})
	var out bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &out, serveReady: ready, serveStop: stop}
	done := make(chan int)
	go func() { done <- m.Run([]string{"serve", "--dir", dir, "--addr", "127.0.0.1:0"}) }()
	url := <-ready
	req, _ := http.NewRequest("GET", url+"x.pmtiles", nil)
	req.Header.Set("Range", "bytes=4-7")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || string(got) != "4567" {
		t.Errorf("range request: %s %q", resp.Status, got)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/vnd.pmtiles" {
		t.Errorf("content type %q", ct)
	}
	close(stop)
	if code := <-done; code != exitOK {
		t.Errorf("serve exit %d: %s", code, out.String())
	}
	if !strings.Contains(out.String(), "Serving "+dir+" at http://127.0.0.1:") {
		t.Errorf("serve did not print its address: %s", out.String())
	}
}

// TestCPUProfile checks that --cpu-profile writes a profile, for a failed
// build too.
func TestCPUProfile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cpu.prof")
	if code, _, stderr := run("build", "--quiet", "--data", "/no/such/folder", "--cpu-profile", p); code != exitFail {
		t.Fatalf("exit %d, want %d: %s", code, exitFail, stderr)
	}
	if info, err := os.Stat(p); err != nil || info.Size() == 0 {
		t.Fatalf("no profile written: %v", err)
	}
	if code, _, stderr := run("build", "--data", "/no/such/folder", "--cpu-profile", filepath.Join(p, "x")); code != exitFail || !strings.Contains(stderr, "cpu profile") {
		t.Errorf("unwritable profile: exit %d, %s", code, stderr)
	}
}

// TestBuildMessages builds with --messages, a copy of the catalogues in
// which Welsh lacks a message: the build reports the gap, and with
// --strict fails naming it.
func TestBuildMessages(t *testing.T) {
	dir := t.TempDir()
	err := fs.WalkDir(messages.FS, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(dir, p), 0o755)
		}
		b, err := fs.ReadFile(messages.FS, p)
		if err != nil {
			return err
		}
		if p == "cy/site.json" {
			b = regexp.MustCompile(`(?m)^\s*"nav\.menu": .*\n`).ReplaceAll(b, nil)
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	good := writeData(t, "")
	code, stdout, stderr := run("build", "--assets", "../../assets", "--data", good, "--out", out, "--messages", dir)
	if code != exitOK || !strings.Contains(stdout, "1 missing translation") {
		t.Errorf("build with a gap: exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = run("build", "--assets", "../../assets", "--quiet", "--strict", "--data", good, "--out", out, "--messages", dir)
	if code != exitFail || !strings.Contains(stderr, `Welsh message "nav.menu"`) {
		t.Errorf("strict build with a gap: exit %d\n%s", code, stderr)
	}
}

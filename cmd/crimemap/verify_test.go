package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestVerifyCommand(t *testing.T) {
	data := writeData(t, "")
	out := filepath.Join(t.TempDir(), "public")
	if code, stdout, stderr := run("build", "--assets", "../../assets", "--quiet", "--data", data, "--out", out,
		"--base-url", "https://crime.example/"); code != exitOK {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}

	code, stdout, stderr := run("verify", "--data", data, out)
	if code != exitOK || stderr != "" || !strings.HasPrefix(stdout, "verify "+out+": ") ||
		!strings.Contains(stdout, "published locations checked against 1 input locations; 0 problems") {
		t.Errorf("clean site: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = run("verify", out)
	if code != exitOK || !strings.Contains(stdout, "privacy check skipped: give the build's input with --data") {
		t.Errorf("without --data: exit %d\n%s", code, stdout)
	}

	// One byte more in the home page.
	home := filepath.Join(out, "index.html")
	b, err := os.ReadFile(home)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(home, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = run("verify", "--quiet", "--data", data, out)
	want := "index.html: size " + strconv.Itoa(len(b)+1) + ", the manifest says " + strconv.Itoa(len(b)) + "\n"
	if code != exitFail || stdout != want || !strings.Contains(stderr, "verify: "+out+" has 1 problems") {
		t.Errorf("tampered site: exit %d, stdout %q (want %q), stderr %q", code, stdout, want, stderr)
	}

	tests := []struct {
		args []string
		code int
		want string // in stdout or stderr
	}{
		{[]string{"verify", "--help"}, exitOK, "--base-url"},
		{[]string{"verify", "--no-such-flag"}, exitUsage, "unknown flag"},
		{[]string{"verify", out, "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"verify", "--base-url", "ftp://x", out}, exitUsage, "not an http or https address"},
		{[]string{"verify", "/no/such/site"}, exitFail, "no such file or directory"},
		{[]string{"verify", "--data", "/no/such/input", out}, exitFail, "privacy: open input"},
	}
	for _, tt := range tests {
		code, stdout, stderr := run(tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
			t.Errorf("crimemap %v: exit %d, want %d; output lacks %q?\n%s%s", tt.args, code, tt.code, tt.want, stdout, stderr)
		}
	}
}

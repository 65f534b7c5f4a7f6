package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/hosting"
)

// TestServeHeaders checks that the preview serves a site under its
// _headers file, as the hosts that read one do.
func TestServeHeaders(t *testing.T) {
	dir := t.TempDir()
	o := hosting.Options{MapStyle: "https://style.example.org/style.json"}
	for name, body := range map[string]string{
		"index.html":             "<h1>home</h1>",
		"assets/site-ABC.js":     "1",
		hosting.HeadersName:      string(hosting.HeadersFile(o)),
		"tiles/crimes-1.pmtiles": "0123456789",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ready := make(chan string, 1)
	stop := make(chan struct{})
	var out bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &out, serveReady: ready, serveStop: stop}
	done := make(chan int)
	go func() { done <- m.Run([]string{"serve", "--dir", dir, "--addr", "127.0.0.1:0"}) }()
	url := <-ready
	for path, cache := range map[string]string{
		"":                       hosting.CacheRevalidate,
		"assets/site-ABC.js":     hosting.CacheImmutable,
		"tiles/crimes-1.pmtiles": hosting.CacheImmutable,
	} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != cache ||
			resp.Header.Get("Content-Security-Policy") != hosting.CSP(o) || resp.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("GET /%s: %s %v", path, resp.Status, resp.Header)
		}
	}
	close(stop)
	if code := <-done; code != exitOK {
		t.Errorf("serve exit %d: %s", code, out.String())
	}

	// A broken _headers file stops serve before it starts.
	if err := os.WriteFile(filepath.Join(dir, hosting.HeadersName), []byte("  X-A: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run("serve", "--dir", dir, "--addr", "127.0.0.1:0")
	if code != exitFail || !strings.Contains(stderr, "_headers: line 1: header before any path pattern") {
		t.Errorf("broken _headers: exit %d\n%s", code, stderr)
	}
}

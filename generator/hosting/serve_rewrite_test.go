package hosting

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
)

// TestHandlerRewrites serves a site with the fixture rules in its
// _redirects file, as crimemap serve does, and asks what the live API's
// clients ask.
func TestHandlerRewrites(t *testing.T) {
	dir := buildtest.Files(t, map[string]string{
		HeadersName:                                 string(HeadersFile(Options{})),
		RedirectsName:                               string(RedirectsFile(fixtureRewrites)),
		"index.html":                                "<h1>home</h1>",
		"404.html":                                  "<h1>not here</h1>",
		"api/forces.json":                           `[{"id":"cumbria"}]`,
		"api/forces/cumbria.json":                   `{"id":"cumbria"}`,
		"api/cumbria/neighbourhoods.json":           `[]`,
		"api/stops-force/cumbria/2025-11.json":      `["nov"]`,
		"api/stops-force/cumbria/2025-12.json":      `["dec"]`,
		"api/crimes-no-location/cumbria/index.html": "<h1>listing</h1>",
		"api/other/index.html":                      "<h1>other</h1>",
		"data/forces/cumbria/crimes.csv":            "a\n",
	})
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	do := func(method, path string, hdr ...string) (*http.Response, string) {
		t.Helper()
		return fetch(t, client, method, srv.URL+path, hdr...)
	}
	for _, c := range []struct{ path, status, body, ctype string }{
		// forces is also a folder: the rule wins, no redirect.
		{"/api/forces", "200 OK", `[{"id":"cumbria"}]`, "application/json"},
		{"/api/forces/cumbria", "200 OK", `{"id":"cumbria"}`, "application/json"},
		{"/api/cumbria/neighbourhoods", "200 OK", `[]`, "application/json"},
		{"/api/stops-force?date=2025-11&force=cumbria", "200 OK", `["nov"]`, "application/json"},
		{"/api/stops-force?force=cumbria", "200 OK", `["dec"]`, "application/json"},
		// The static paths still answer.
		{"/api/forces.json", "200 OK", `[{"id":"cumbria"}]`, "application/json"},
		// A rule whose file is missing, an unsafe value: 404.
		{"/api/forces/dyfed", "404 Not Found", "<h1>not here</h1>", "text/html; charset=utf-8"},
		{"/api/stops-force?force=..&date=2025-11", "404 Not Found", "<h1>not here</h1>", "text/html; charset=utf-8"},
		// A folder under /api/ without a rule: 404, never a redirect.
		{"/api/other", "404 Not Found", "<h1>not here</h1>", "text/html; charset=utf-8"},
		{"/api/crimes-no-location/cumbria", "404 Not Found", "<h1>not here</h1>", "text/html; charset=utf-8"},
		{"/api/other/", "200 OK", "<h1>other</h1>", "text/html; charset=utf-8"},
		{"/_redirects", "404 Not Found", "<h1>not here</h1>", "text/html; charset=utf-8"},
	} {
		resp, body := do("GET", c.path)
		if resp.Status != c.status || body != c.body || resp.Header.Get("Content-Type") != c.ctype {
			t.Errorf("GET %s: %s %q, type %q; want %s %q, %q", c.path, resp.Status, body,
				resp.Header.Get("Content-Type"), c.status, c.body, c.ctype)
		}
	}

	// Other origins may read api/ and data/, not pages.
	for path, want := range map[string]string{
		"/api/forces":                     "*",
		"/api/forces.json":                "*",
		"/data/forces/cumbria/crimes.csv": "*",
		"/":                               "",
		"/index.html":                     "",
	} {
		resp, _ := do("GET", path, "Origin", "https://example.org")
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != want {
			t.Errorf("GET %s: Access-Control-Allow-Origin %q, want %q", path, got, want)
		}
	}

	// A preflight on api/ and data/ is answered; other OPTIONS are not.
	for _, path := range []string{"/api/forces", "/data/forces/cumbria/crimes.csv"} {
		resp, body := do("OPTIONS", path, "Origin", "https://example.org",
			"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "x-client")
		if resp.StatusCode != http.StatusNoContent || body != "" ||
			resp.Header.Get("Access-Control-Allow-Origin") != "*" ||
			!strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "GET") ||
			resp.Header.Get("Access-Control-Allow-Headers") != "x-client" {
			t.Errorf("preflight %s: %s %q %v", path, resp.Status, body, resp.Header)
		}
	}
	for _, c := range [][]string{
		{"/", "Origin", "https://example.org", "Access-Control-Request-Method", "GET"},
		{"/api/forces", "Origin", "https://example.org"},
	} {
		resp, _ := do("OPTIONS", c[0], c[1:]...)
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("OPTIONS %v: %s %v", c, resp.Status, resp.Header)
		}
	}

	// A changed _redirects file applies to the next request; a broken one
	// is reported.
	time.Sleep(10 * time.Millisecond)
	edited := RedirectsFile([]Rewrite{{From: "/api/forces", To: "/api/forces/cumbria.json"}})
	if err := os.WriteFile(filepath.Join(dir, RedirectsName), edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if resp, body := do("GET", "/api/forces"); resp.StatusCode != 200 || body != `{"id":"cumbria"}` {
		t.Errorf("after editing _redirects: %s %q", resp.Status, body)
	}
	if err := os.WriteFile(filepath.Join(dir, RedirectsName), []byte("/api/forces /x.json 301\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if resp, body := do("GET", "/api/forces"); resp.StatusCode != 500 || !strings.Contains(body, "_redirects") || !strings.Contains(body, "line 1") {
		t.Errorf("broken _redirects: %s %q", resp.Status, body)
	}
}

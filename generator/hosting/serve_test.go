package hosting

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
)

func TestHandler(t *testing.T) {
	o := Options{MapStyle: "https://style.example.org/s.json"}
	dir := buildtest.Files(t, map[string]string{
		HeadersName:                string(HeadersFile(o)),
		"index.html":               "<h1>home</h1>",
		"404.html":                 "<h1>not here</h1>",
		"cy/404.html":              "<h1>dim yma</h1>",
		"forces/x/index.html":      "<h1>x</h1>",
		"forces/empty/feed.xml":    "<feed/>",
		"assets/site-ABC.js":       "console.log(1)",
		"tiles/crimes-1.pmtiles":   "0123456789abcdef",
		"data/forces/x/crimes.csv": "a,b\n",
	})
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	get := func(path string, hdr ...string) (*http.Response, string) {
		t.Helper()
		return fetch(t, client, "GET", srv.URL+path, hdr...)
	}
	for _, c := range []struct {
		path, status, body, ctype, cache string
	}{
		{"/", "200 OK", "<h1>home</h1>", "text/html; charset=utf-8", CacheRevalidate},
		{"/forces/x/", "200 OK", "<h1>x</h1>", "text/html; charset=utf-8", CacheRevalidate},
		{"/assets/site-ABC.js", "200 OK", "console.log(1)", "text/javascript; charset=utf-8", CacheImmutable},
		{"/tiles/crimes-1.pmtiles", "200 OK", "0123456789abcdef", "application/vnd.pmtiles", CacheImmutable},
		{"/data/forces/x/crimes.csv", "200 OK", "a,b\n", "text/csv; charset=utf-8", CacheData},
		{"/forces/empty/feed.xml", "200 OK", "<feed/>", "application/atom+xml", CacheRevalidate},
		{"/nowhere/", "404 Not Found", "<h1>not here</h1>", "text/html; charset=utf-8", CacheRevalidate},
		{"/forces/empty/", "404 Not Found", "<h1>not here</h1>", "text/html; charset=utf-8", CacheRevalidate},
		{"/_headers", "404 Not Found", "<h1>not here</h1>", "text/html; charset=utf-8", CacheRevalidate},
		// Under the Welsh pages' folder, the Welsh 404 page.
		{"/cy/nowhere/", "404 Not Found", "<h1>dim yma</h1>", "text/html; charset=utf-8", CacheRevalidate},
		{"/cyan/", "404 Not Found", "<h1>not here</h1>", "text/html; charset=utf-8", CacheRevalidate},
	} {
		resp, body := get(c.path)
		if resp.Status != c.status || body != c.body || resp.Header.Get("Content-Type") != c.ctype ||
			resp.Header.Get("Cache-Control") != c.cache {
			t.Errorf("GET %s: %s %q, type %q, cache %q; want %s %q, %q, %q", c.path, resp.Status, body,
				resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"), c.status, c.body, c.ctype, c.cache)
		}
		if got := resp.Header.Get("Content-Security-Policy"); got != CSP(o) {
			t.Errorf("GET %s: policy %q", c.path, got)
		}
		if resp.Header.Get("Referrer-Policy") != "no-referrer" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: headers %v", c.path, resp.Header)
		}
	}
	resp, body := get("/tiles/crimes-1.pmtiles", "Range", "bytes=4-7")
	if resp.StatusCode != http.StatusPartialContent || body != "4567" || resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("range request: %s %q %v", resp.Status, body, resp.Header)
	}
	resp, _ = get("/forces/x?a=1")
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/forces/x/?a=1" {
		t.Errorf("folder without slash: %s to %q", resp.Status, resp.Header.Get("Location"))
	}

	// A changed _headers file applies to the next request.
	time.Sleep(10 * time.Millisecond)
	if err := os.WriteFile(filepath.Join(dir, HeadersName), []byte("/*\n  X-Test: yes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	resp, _ = get("/")
	if resp.Header.Get("X-Test") != "yes" || resp.Header.Get("Content-Security-Policy") != "" {
		t.Errorf("after editing _headers: %v", resp.Header)
	}
	// A broken one is reported, not ignored.
	if err := os.WriteFile(filepath.Join(dir, HeadersName), []byte("  X-Test: yes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	resp, body = get("/")
	if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, "header before any path pattern") {
		t.Errorf("broken _headers: %s %q", resp.Status, body)
	}
	// Without one, pages still revalidate and nothing else is added.
	if err := os.Remove(filepath.Join(dir, HeadersName)); err != nil {
		t.Fatal(err)
	}
	resp, _ = get("/assets/site-ABC.js")
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != CacheRevalidate || resp.Header.Get("Content-Security-Policy") != "" {
		t.Errorf("without _headers: %s %v", resp.Status, resp.Header)
	}
}

// fetch makes one request with headers given as name, value pairs and
// returns the response and its body.
func fetch(t *testing.T, client *http.Client, method, url string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

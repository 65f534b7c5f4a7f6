package hosting

import (
	"strings"
	"testing"
)

func TestClassAndCaching(t *testing.T) {
	for _, c := range []struct {
		path  string
		class Class
		cache string
		ctype string
		gzip  bool
	}{
		{"assets/site-WRG2DUYT.js", Immutable, CacheImmutable, "text/javascript; charset=utf-8", true},
		{"assets/site-73M6NB3V.css", Immutable, CacheImmutable, "text/css; charset=utf-8", true},
		{"assets/site-WRG2DUYT.js.LEGAL.txt", Immutable, CacheImmutable, "text/plain; charset=utf-8", true},
		{"tiles/crimes-2025-12-0a1b2c3d.pmtiles", Immutable, CacheImmutable, "application/vnd.pmtiles", false},
		{"tiles/boundaries.pmtiles", Immutable, CacheImmutable, "application/vnd.pmtiles", false},
		{"data/2025-12.zip", Data, CacheData, "application/zip", false},
		{"data/SHA256SUMS", Data, CacheData, "text/plain; charset=utf-8", true},
		{"data/index.html", Data, CacheData, "text/html; charset=utf-8", true},
		{"data/forces/cumbria/crimes.csv", Data, CacheData, "text/csv; charset=utf-8", true},
		{"data/forces/cumbria/crimes.geojson", Data, CacheData, "application/geo+json", true},
		{"api/forces.json", Data, CacheData, "application/json", true},
		{"search/postcodes/SK1.json", Data, CacheData, "application/json", true},
		{"search/places.json", Data, CacheData, "application/json", true},
		{"search/index.html", Page, CachePage, "text/html; charset=utf-8", true},
		{"index.html", Page, CachePage, "text/html; charset=utf-8", true},
		{"404.html", Page, CachePage, "text/html; charset=utf-8", true},
		{"forces/cumbria/", Page, CachePage, "text/html; charset=utf-8", true},
		{"forces/cumbria/index.html", Page, CachePage, "text/html; charset=utf-8", true},
		{"forces/cumbria/feed.xml", Index, CachePage, "application/atom+xml", true},
		{"sitemap.xml", Index, CachePage, "application/xml", true},
		{"sitemap-2.xml", Index, CachePage, "application/xml", true},
		{"robots.txt", Index, CachePage, "text/plain; charset=utf-8", true},
		{"_headers", Index, CachePage, "text/plain; charset=utf-8", true},
		{"manifest.txt", Manifest, CachePage, "text/plain; charset=utf-8", true},
		{"favicon.ico", Page, CachePage, "image/x-icon", false},
		{"logo.svg", Page, CachePage, "image/svg+xml", true},
		{"mystery", Page, CachePage, "application/octet-stream", false},
		{"/assets/x.woff2", Immutable, CacheImmutable, "font/woff2", false},
	} {
		if got := Classify(c.path); got != c.class {
			t.Errorf("Classify(%q) = %v, want %v", c.path, got, c.class)
		}
		if got := CacheControl(c.path); got != c.cache {
			t.Errorf("CacheControl(%q) = %q, want %q", c.path, got, c.cache)
		}
		if got := ContentType(c.path); got != c.ctype {
			t.Errorf("ContentType(%q) = %q, want %q", c.path, got, c.ctype)
		}
		if got := Compressible(c.path); got != c.gzip {
			t.Errorf("Compressible(%q) = %v, want %v", c.path, got, c.gzip)
		}
	}
}

func TestCSP(t *testing.T) {
	base := CSP(Options{})
	for _, want := range []string{
		"default-src 'self'", "script-src 'self';", "worker-src 'self';", "img-src 'self' data: blob:",
		"connect-src 'self';", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'",
	} {
		if !strings.Contains(base+";", want) {
			t.Errorf("policy lacks %q: %s", want, base)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "*", "blob: ;"} {
		if strings.Contains(base, bad) {
			t.Errorf("policy has %q: %s", bad, base)
		}
	}
	for style, want := range map[string]string{
		"https://tiles.example.org/styles/liberty.json?key=1": "connect-src 'self' https://tiles.example.org;",
		"http://LOCALHOST:9000/style.json":                    "connect-src 'self' http://localhost:9000;",
		"/styles/local.json":                                  "connect-src 'self';",
		"ftp://example.org/style.json":                        "connect-src 'self';",
		"https://a.example'; script-src *":                    "connect-src 'self';",
	} {
		if got := CSP(Options{MapStyle: style}) + ";"; !strings.Contains(got, want) {
			t.Errorf("style %q: policy %s, want %q", style, got, want)
		}
	}
}

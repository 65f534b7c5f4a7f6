package hosting

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/crimemap/crimemap/generator/manifest"
)

// Class is what kind of file a site path is, which decides its caching and
// the order crimemap publish uploads it in.
type Class int

const (
	// Immutable files have content-derived names (assets/, tiles/): a new
	// version is a new name, so they can be cached for ever.
	Immutable Class = iota
	// Data is downloads, the static API and search indexes: same names
	// every month, read by pages and by scripts.
	Data
	// Page is an HTML page.
	Page
	// Index is what points at pages from outside: feeds, sitemaps,
	// robots.txt, and the hosts' configuration (_headers, _redirects and
	// the CloudFront function).
	Index
	// Manifest is the site manifest, which describes a complete site.
	Manifest
)

var classNames = [...]string{"assets and tiles", "data and api", "pages", "feeds and sitemaps", "manifest"}

func (c Class) String() string {
	if c < 0 || int(c) >= len(classNames) {
		return "unknown"
	}
	return classNames[c]
}

// HeadersName is the path of the _headers file in a built site.
const HeadersName = "_headers"

// The folders and files of each class. Classify and the _headers rules are
// both made from these lists, so they cannot disagree. Everything under
// data/ and api/ is data, its listing pages too: they change with the
// downloads they list, and a _headers rule cannot tell a page from a file
// in one folder.
var (
	immutableDirs = []string{"assets/", "tiles/"}
	dataDirs      = []string{"data/", "api/", "search/postcodes/"}
	dataFiles     = []string{"search/places.json"}
)

// Classify returns the class of a site path (slash-separated, relative to
// the site's root; a leading slash is ignored). Paths of no other class,
// files the site may add later among them, are pages: short caching is the
// safe default.
func Classify(p string) Class {
	p = strings.TrimPrefix(p, "/")
	switch {
	case hasPrefix(p, immutableDirs):
		return Immutable
	case p == manifest.Name:
		return Manifest
	case hasPrefix(p, dataDirs), slices.Contains(dataFiles, p):
		return Data
	case p == HeadersName, p == RedirectsName, p == CloudFrontName, p == "robots.txt", isFeed(p), isSitemap(p):
		return Index
	}
	return Page
}

func hasPrefix(p string, dirs []string) bool {
	for _, d := range dirs {
		if strings.HasPrefix(p, d) {
			return true
		}
	}
	return false
}

func isFeed(p string) bool {
	base := path.Base(p)
	return base == "feed.xml" || path.Ext(base) == ".atom"
}

func isSitemap(p string) bool {
	base := path.Base(p)
	return strings.HasPrefix(base, "sitemap") && path.Ext(base) == ".xml"
}

// Cache-Control values by class. A year is the longest that caches honour;
// an hour keeps downloads off the origin while a new month shows the same
// day; five minutes lets a publish show without purging a CDN.
const (
	CacheImmutable = "public, max-age=31536000, immutable"
	CacheData      = "public, max-age=3600"
	CachePage      = "public, max-age=300"
)

// CacheControl returns the Cache-Control value for a site path.
func CacheControl(p string) string {
	switch Classify(p) {
	case Immutable:
		return CacheImmutable
	case Data:
		return CacheData
	}
	return CachePage
}

// contentTypes is fixed here rather than read from the system's MIME table,
// which differs between machines and lacks several of these.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".geojson":     "application/geo+json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
	".atom":        "application/atom+xml",
	".csv":         "text/csv; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".zip":         "application/zip",
	".pmtiles":     "application/vnd.pmtiles",
	".pbf":         "application/x-protobuf",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
}

// ContentType returns the Content-Type for a site path. Files without an
// extension that the site writes (SHA256SUMS, _headers, _redirects) are
// text.
func ContentType(p string) string {
	base := path.Base(p)
	if isFeed(p) {
		return "application/atom+xml"
	}
	if strings.HasSuffix(p, "/") || p == "" {
		return contentTypes[".html"]
	}
	ext := strings.ToLower(path.Ext(base))
	if ext == "" {
		switch base {
		case "SHA256SUMS", HeadersName, RedirectsName, "LICENSE", "LICENCE":
			return "text/plain; charset=utf-8"
		}
		return "application/octet-stream"
	}
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	return "application/octet-stream"
}

// Compressible reports whether a CDN may compress a path in transit. Tile
// archives must never be: browsers read them with Range requests, which
// address the stored bytes. Archives and images are compressed already.
func Compressible(p string) bool {
	t := ContentType(p)
	switch {
	case t == "application/vnd.pmtiles", t == "application/zip", t == "application/octet-stream":
		return false
	case t == "image/svg+xml":
		return true
	case strings.HasPrefix(t, "image/"), strings.HasPrefix(t, "font/woff"):
		return false
	}
	return true
}

// Options are what the headers depend on in a given build.
type Options struct {
	// MapStyle is the --map-style URL of an external MapLibre style, or "".
	// Its origin is allowed to connect-src, so the style, and tiles, glyphs
	// and sprites served from the same origin, can load.
	MapStyle string
}

// Header is one response header.
type Header struct{ Name, Value string }

// CSP returns the Content Security Policy for a build.
//
// script-src 'self' with no 'unsafe-inline' or 'unsafe-eval': every script
// is an external hashed bundle (JSON-LD blocks are data, which CSP does not
// govern). worker-src 'self': MapLibre's worker is its own file, set with
// setWorkerUrl, so no blob: worker is needed. img-src allows data: and
// blob:, which MapLibre and the stylesheets use for icons and canvases.
// style-src 'self': pages carry no style attributes or elements; scripts
// set styles through the CSSOM, which CSP allows.
func CSP(o Options) string {
	connect := "'self'"
	if origin := styleOrigin(o.MapStyle); origin != "" {
		connect += " " + origin
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src 'self' data: blob:",
		"font-src 'self'",
		"connect-src " + connect,
		"worker-src 'self'",
		"child-src 'self'",
		"manifest-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"frame-ancestors 'none'",
		"form-action 'self'",
	}, "; ")
}

// styleOrigin returns scheme://host of an absolute http(s) style URL, or ""
// for none, a relative URL (same origin) or one that does not parse.
func styleOrigin(style string) string {
	if style == "" {
		return ""
	}
	u, err := url.Parse(style)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	// The host must be a plain host[:port]: anything that could break out
	// of the policy's token list is refused rather than escaped.
	if strings.ContainsAny(u.Host, " ;,'\"") {
		return ""
	}
	return u.Scheme + "://" + strings.ToLower(u.Host)
}

// SecurityHeaders returns the headers every response carries.
func SecurityHeaders(o Options) []Header {
	return []Header{
		{"Content-Security-Policy", CSP(o)},
		{"Referrer-Policy", "no-referrer"},
		{"X-Content-Type-Options", "nosniff"},
		// For browsers older than frame-ancestors.
		{"X-Frame-Options", "DENY"},
	}
}

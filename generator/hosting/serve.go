package hosting

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Handler serves a built site folder the way a static host does, for local
// previews and browser tests: each response gets the Content-Type from
// ContentType and the headers of the site's _headers file (when it has
// one; pages then get CacheRevalidate, as those hosts send), a folder
// serves its index.html, a missing path serves 404.html with status 404,
// and the _headers and _redirects files themselves are not served. Range
// requests are answered, as tile archives need. The folder is looked up by
// name on every request, so a rebuild that swaps it in is served at once,
// and _headers and _redirects are read again when they change.
//
// The site's _redirects rules apply before any file is looked up, as on
// the hosts: a request they match is answered with the target file and
// status 200. A path under /api/ that no rule matches is never redirected
// to a folder: the live API's clients (one of which follows no redirect)
// get 404 there, as from the hosts with the rules in place. A CORS
// preflight (IsPreflight) on a CORS path is answered by WritePreflight.
func Handler(dir string) http.Handler {
	return &handler{dir: dir, root: http.Dir(dir)}
}

type handler struct {
	dir  string
	root http.Dir

	mu    sync.Mutex
	stamp string // size and time of the files conf came from
	conf  *config
}

// config is what a site's host configuration files say.
type config struct {
	headers  *Matcher
	rewrites *Rewriter
}

// LoadRules reads and compiles the _headers file of a site folder; a site
// without one gives a matcher with no rules.
func LoadRules(dir string) (*Matcher, error) {
	b, err := os.ReadFile(filepath.Join(dir, HeadersName))
	if errors.Is(err, fs.ErrNotExist) {
		return NewMatcher(nil)
	}
	if err != nil {
		return nil, err
	}
	rules, err := ParseRules(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, HeadersName), err)
	}
	return NewMatcher(rules)
}

// LoadRewrites reads and compiles the _redirects file of a site folder; a
// site without one gives a rewriter with no rules.
func LoadRewrites(dir string) (*Rewriter, error) {
	name := filepath.Join(dir, RedirectsName)
	b, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return NewRewriter(nil)
	}
	if err != nil {
		return nil, err
	}
	rules, err := ParseRedirects(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	rw, err := NewRewriter(Rewrites(rules))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rw, nil
}

func (h *handler) config() (*config, error) {
	stamp := ""
	for _, name := range []string{HeadersName, RedirectsName} {
		stamp += "none;"
		if info, err := os.Stat(filepath.Join(h.dir, name)); err == nil {
			stamp += fmt.Sprint(info.Size(), info.ModTime().UnixNano(), ";")
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.conf != nil && stamp == h.stamp {
		return h.conf, nil
	}
	m, err := LoadRules(h.dir)
	if err != nil {
		return nil, fmt.Errorf("bad %s file: %w", HeadersName, err)
	}
	rw, err := LoadRewrites(h.dir)
	if err != nil {
		return nil, fmt.Errorf("bad %s file: %w", RedirectsName, err)
	}
	h.conf, h.stamp = &config{headers: m, rewrites: rw}, stamp
	return h.conf, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	urlPath := r.URL.Path
	if urlPath == "" || urlPath[0] != '/' {
		urlPath = "/" + urlPath
	}
	if IsPreflight(r) && CORS(urlPath) {
		WritePreflight(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	conf, err := h.config()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	name := path.Clean(urlPath)
	for k, v := range conf.headers.Headers(urlPath) {
		w.Header()[k] = v
	}
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", CacheRevalidate)
	}
	if name == "/"+HeadersName || name == "/"+RedirectsName {
		h.notFound(w, r)
		return
	}
	if target, ok := conf.rewrites.Match(r.URL); ok {
		name = target
	}
	f, info, err := h.open(name)
	if err == nil && info.IsDir() {
		f.Close()
		if urlPath[len(urlPath)-1] != '/' {
			if strings.HasPrefix(name, "/api/") {
				// An API client asked for a file: a folder of that
				// name is not an answer, and a redirect would send a
				// client that follows it to a listing page.
				h.notFound(w, r)
				return
			}
			// Relative links in the folder's index.html need the slash.
			target := path.Base(name) + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		f, info, err = h.open(name)
		if err == nil && info.IsDir() {
			f.Close()
			err = fs.ErrNotExist
		}
	}
	if err != nil {
		h.notFound(w, r)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", ContentType(name))
	http.ServeContent(w, r, name, info.ModTime(), f)
}

func (h *handler) open(name string) (http.File, fs.FileInfo, error) {
	f, err := h.root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// notFound answers 404 with the site's 404.html when it has one, as hosts
// and CDNs are set up to; under a language's folder (/cy/) with that
// language's own 404.html when there is one, as hosts that look for the
// nearest 404.html do.
func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	page := "/404.html"
	if lang, _, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); ok && lang == "cy" {
		page = "/cy/404.html"
	}
	f, info, err := h.open(page)
	if err != nil && page != "/404.html" {
		f, info, err = h.open("/404.html")
	}
	if err != nil || info.IsDir() {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", ContentType("404.html"))
	// A 404 must not be cached for long: the page may appear with the next
	// publish.
	w.Header().Set("Cache-Control", CacheRevalidate)
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		io.Copy(w, f)
	}
}

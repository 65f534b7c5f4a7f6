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
	"sync"
)

// Handler serves a built site folder the way a static host does, for local
// previews and browser tests: each response gets the Content-Type from
// ContentType and the headers of the site's _headers file (when it has
// one; pages then get CacheRevalidate, as those hosts send), a folder
// serves its index.html, a missing path serves 404.html with status 404,
// and the _headers file itself is not served. Range requests are answered,
// as tile archives need. The folder is looked up by name on every request,
// so a rebuild that swaps it in is served at once, and _headers is read
// again when it changes.
func Handler(dir string) http.Handler {
	return &handler{dir: dir, root: http.Dir(dir)}
}

type handler struct {
	dir  string
	root http.Dir

	mu      sync.Mutex
	stamp   string // size and time of the _headers file the matcher came from
	matcher *Matcher
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

func (h *handler) rules() (*Matcher, error) {
	stamp := "none"
	if info, err := os.Stat(filepath.Join(h.dir, HeadersName)); err == nil {
		stamp = fmt.Sprint(info.Size(), info.ModTime().UnixNano())
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.matcher != nil && stamp == h.stamp {
		return h.matcher, nil
	}
	m, err := LoadRules(h.dir)
	if err != nil {
		return nil, err
	}
	h.matcher, h.stamp = m, stamp
	return m, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	m, err := h.rules()
	if err != nil {
		http.Error(w, "bad _headers file: "+err.Error(), http.StatusInternalServerError)
		return
	}
	urlPath := r.URL.Path
	if urlPath == "" || urlPath[0] != '/' {
		urlPath = "/" + urlPath
	}
	name := path.Clean(urlPath)
	for k, v := range m.Headers(urlPath) {
		w.Header()[k] = v
	}
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", CacheRevalidate)
	}
	if name == "/"+HeadersName {
		h.notFound(w, r)
		return
	}
	f, info, err := h.open(name)
	if err == nil && info.IsDir() {
		f.Close()
		if urlPath[len(urlPath)-1] != '/' {
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
// and CDNs are set up to.
func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	f, info, err := h.open("/404.html")
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

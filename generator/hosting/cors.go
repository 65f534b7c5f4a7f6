package hosting

import (
	"net/http"
	"strings"
)

// corsDirs are the folders other origins' pages may read: the downloads
// and the static API are public data, meant for scripts on any site, and
// carry no credentials. Pages and assets are not shared.
var corsDirs = []string{"data/", "api/"}

// CORS reports whether a site path (a leading slash is ignored) is
// answered with Access-Control-Allow-Origin: *.
func CORS(p string) bool {
	return hasPrefix(strings.TrimPrefix(p, "/"), corsDirs)
}

// CORS response headers. A plain GET from another origin needs only
// AllowOrigin; a request with headers of its own (or a fetch that sets
// one) is preceded by a preflight, answered with the others.
const (
	AllowOrigin  = "*"
	AllowMethods = "GET, HEAD, OPTIONS"
	// PreflightMaxAge lets a browser keep a preflight's answer for a day.
	PreflightMaxAge = "86400"
)

// IsPreflight reports whether r is a CORS preflight: OPTIONS with Origin
// and Access-Control-Request-Method.
func IsPreflight(r *http.Request) bool {
	return r.Method == http.MethodOptions && r.Header.Get("Origin") != "" &&
		r.Header.Get("Access-Control-Request-Method") != ""
}

// WritePreflight answers a preflight for a CORS path with 204: any origin,
// the read methods, and whatever request headers the browser asks for
// (the files are public and read-only, so no header can do harm).
func WritePreflight(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", AllowOrigin)
	h.Set("Access-Control-Allow-Methods", AllowMethods)
	if req := r.Header.Get("Access-Control-Request-Headers"); req != "" && validValue(req) {
		h.Set("Access-Control-Allow-Headers", req)
	}
	h.Set("Access-Control-Max-Age", PreflightMaxAge)
	h.Add("Vary", "Access-Control-Request-Headers")
	w.WriteHeader(http.StatusNoContent)
}

package downloads

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/crimemap/crimemap/generator/hosting"
)

// clientCalls are the calls the data.police.uk clients make (the live
// API's paths and query strings, as its documentation gives them, in the
// orders the clients write the parameters), the file of the fixture's
// API that answers each, and the documentation example its answer must
// be shaped like.
var clientCalls = []struct{ call, file, example string }{
	{"/api/forces", "api/forces.json", "forces"},
	{"/api/forces/alpha", "api/forces/alpha.json", "force"},
	{"/api/forces/alpha/people", "api/forces/alpha/people.json", "senior-officers"},
	{"/api/alpha/neighbourhoods", "api/alpha/neighbourhoods.json", "neighbourhoods"},
	{"/api/alpha/N1", "api/alpha/N1.json", "neighbourhood"},
	{"/api/alpha/N1/boundary", "api/alpha/N1/boundary.json", "boundary"},
	{"/api/alpha/N1/people", "api/alpha/N1/people.json", "people"},
	{"/api/alpha/N1/priorities", "api/alpha/N1/priorities.json", "priorities"},
	{"/api/alpha/N1/events", "api/alpha/N1/events.json", "events"},
	{"/api/crime-categories?date=2025-01", "api/crime-categories.json", "crime-categories"},
	{"/api/crime-categories", "api/crime-categories.json", "crime-categories"},
	{"/api/crime-last-updated", "api/crime-last-updated.json", "crime-last-updated"},
	{"/api/crimes-street-dates", "api/crimes-street-dates.json", "crimes-street-dates"},
	{"/api/crimes-no-location?category=all-crime&force=alpha&date=2025-01", "api/crimes-no-location/alpha/2025-01.json", "crimes-no-location"},
	{"/api/crimes-no-location?date=2025-01&force=alpha&category=drugs", "api/crimes-no-location/alpha/2025-01/drugs.json", "crimes-no-location"},
	{"/api/crimes-no-location?category=all-crime&force=beta", "api/crimes-no-location/beta/2025-03.json", "crimes-no-location"},
	{"/api/crimes-no-location?category=burglary&force=beta", "api/crimes-no-location/beta/2025-03/burglary.json", "crimes-no-location"},
	{"/api/stops-force?force=alpha&date=2025-01", "api/stops-force/alpha/2025-01.json", "stops-force"},
	{"/api/stops-force?force=beta", "api/stops-force/beta/2025-03.json", "stops-force"},
	{"/api/stops-no-location?force=alpha&date=2025-01", "api/stops-no-location/alpha/2025-01.json", "stops-no-location"},
	{"/api/stops-no-location?force=beta", "api/stops-no-location/beta/2025-03.json", "stops-no-location"},
}

// TestClientsThroughPreview serves the fixture's API with its rewrite
// rules through crimemap serve's handler, as a client pointed at the site
// sees it, and makes every client call: each answers 200 with JSON, the
// bytes of its file, shaped like the documentation's example.
func TestClientsThroughPreview(t *testing.T) {
	dir, res := write(t, load(t, readFixture(t)), "")
	// The hosting files the build writes beside the API.
	for name, b := range map[string][]byte{
		hosting.RedirectsName: hosting.RedirectsFile(res.Rewrites()),
		hosting.HeadersName:   hosting.HeadersFile(hosting.Options{}),
	} {
		if err := os.WriteFile(filepath.Join(dir.Dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(hosting.Handler(dir.Dir))
	defer srv.Close()
	for _, c := range clientCalls {
		resp, err := http.Get(srv.URL + c.call)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		if resp.StatusCode != http.StatusOK || mt != "application/json" {
			t.Errorf("%s: %d %s", c.call, resp.StatusCode, resp.Header.Get("Content-Type"))
			continue
		}
		if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: no Access-Control-Allow-Origin: *", c.call)
		}
		if string(b) != string(dir.Bytes(c.file)) {
			t.Errorf("%s: not the bytes of %s", c.call, c.file)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Errorf("%s: %v", c.call, err)
			continue
		}
		for _, bad := range example(t, c.example).check(c.call, v) {
			t.Error(bad)
		}
	}
}

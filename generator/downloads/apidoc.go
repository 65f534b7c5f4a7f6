package downloads

import (
	"slices"
	"strings"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/hosting"
)

// APIPage is what templates/api.html shows: every call of the live API,
// with the file that answers it and the rewrite rules that map the call
// onto the file, or why no static file can answer it and what to use
// instead. The same table (Endpoints) gives Result.Rewrites, so the page
// and the rules cannot disagree.
type APIPage struct {
	Title, Description string
	// Base is the static API's address for the client example: the
	// site's /api/, or a stand-in when the build has no base URL.
	Base      string
	Endpoints []Endpoint // with About and Differences in the page's language
	// General differences, for every path.
	Notes []string
	// DataHref and MapHref link the downloads page and the map, in the
	// page's language.
	DataHref, MapHref string
}

// Endpoint is one call of the live API.
type Endpoint struct {
	Live    string // the live API's call, e.g. "/api/forces/<force>"
	Static  string // the file that answers it, e.g. "api/forces/<force>.json"; "" if none can
	Example string // a file of this build from the site root, "" if none
	// AboutKey names the message (api.call.*) that says what the call
	// answers; DifferencesKey how the file differs from the live answer
	// ("" for not at all), or, for a call no file answers, why not and
	// what answers the question instead. The table is the same in every
	// language; APIPage fills About and Differences from them.
	AboutKey, DifferencesKey string
	About, Differences       string
	// Own is set for the site's own paths, which the live API lacks.
	Own bool
	// Rules map the live call onto the file; none when Static is "".
	Rules []hosting.Rewrite
}

// rule is a rewrite from a path with Netlify placeholders to a file,
// with the query parameters it needs as name=value pairs in query order.
func rule(from, to string, query ...[2]string) hosting.Rewrite {
	r := hosting.Rewrite{From: from, To: to}
	for _, q := range query {
		r.Query = append(r.Query, hosting.Param{Name: q[0], Value: q[1]})
	}
	return r
}

// apiNotes are the messages of the API's general differences, in order.
var apiNotes = []string{"api.note.json", "api.note.query", "api.note.no-point", "api.note.neighbourhood-ids",
	"api.note.ids", "api.note.missing-months", "api.note.stable"}

// APIPage documents the API in a language, with examples from this build.
func (res *Result) APIPage(l Lang) *APIPage {
	msgs := l.Msgs
	base := "https://your-site.example/api/"
	if res.in.BaseURL != "" {
		base = res.in.BaseURL + "api/"
	}
	page := l.Dir + APIPagePath
	p := &APIPage{Title: msgs.T("api.title"), Description: msgs.T("api.description"), Base: base,
		DataHref: relHref(page, l.Dir+"data/"), MapHref: relHref(page, l.Dir+"map/")}
	for _, k := range apiNotes {
		p.Notes = append(p.Notes, msgs.T(k))
	}
	for _, e := range res.Endpoints() {
		e.About = msgs.T(e.AboutKey)
		if e.DifferencesKey != "" {
			e.Differences = msgs.T(e.DifferencesKey)
		}
		p.Endpoints = append(p.Endpoints, e)
	}
	return p
}

// Endpoints lists every call of the live API, with its file and rules,
// examples from this build and the keys of the messages that document it.
func (res *Result) Endpoints() []Endpoint {
	ex := res.examples()
	// A call without a date answers with the latest month, as the live
	// API does; the month is written into the rule.
	latest := ""
	if st := res.in.Store; st.Last != 0 {
		latest = st.Last.String()
	}
	var out []Endpoint
	// A call with no query is answered by its file's path less ".json":
	// its rule is made from Static, so the two cannot disagree.
	placeholders := strings.NewReplacer("<force>", ":force", "<neighbourhood>", ":neighbourhood", "<YYYY-MM>", ":date")
	add := func(e Endpoint) {
		if e.Static != "" && e.Rules == nil {
			to := "/" + placeholders.Replace(e.Static)
			e.Rules = []hosting.Rewrite{rule(strings.TrimSuffix(to, ".json"), to)}
		}
		out = append(out, e)
	}
	q := func(name, value string) [2]string { return [2]string{name, value} }
	// withLatest is the rule for a call with a date, and the rule for the
	// same call without one, which gets the latest month; to names the
	// month "<month>".
	withLatest := func(from, to string, query ...[2]string) []hosting.Rewrite {
		out := []hosting.Rewrite{rule(from, strings.Replace(to, "<month>", ":date", 1), append(slices.Clone(query), q("date", ":date"))...)}
		if latest != "" {
			out = append(out, rule(from, strings.Replace(to, "<month>", latest, 1), query...))
		}
		return out
	}

	add(Endpoint{Live: "/api/forces", Static: "api/forces.json", Example: ex["forces"], AboutKey: "api.call.forces.about",
		DifferencesKey: "api.call.forces.differences"})
	add(Endpoint{Live: "/api/forces/<force>", Static: "api/forces/<force>.json", Example: ex["force"],
		AboutKey:       "api.call.force.about",
		DifferencesKey: "api.call.force.differences"})
	add(Endpoint{Live: "/api/forces/<force>/people", Static: "api/forces/<force>/people.json", Example: ex["senior-officers"],
		AboutKey:       "api.call.force-people.about",
		DifferencesKey: "api.call.force-people.differences"})
	add(Endpoint{Live: "/api/<force>/neighbourhoods", Static: "api/<force>/neighbourhoods.json", Example: ex["neighbourhoods"],
		AboutKey: "api.call.neighbourhoods.about"})
	add(Endpoint{Live: "/api/<force>/<neighbourhood>", Static: "api/<force>/<neighbourhood>.json", Example: ex["neighbourhood"],
		AboutKey:       "api.call.neighbourhood.about",
		DifferencesKey: "api.call.neighbourhood.differences"})
	// The neighbourhood's parts: the boundary, and the team's details,
	// which only the reference data gives.
	for _, part := range []string{"boundary", "people", "priorities", "events"} {
		diff := "api.call.no-reference-details"
		if part == "boundary" {
			diff = "api.call.boundary.differences"
		}
		add(Endpoint{Live: "/api/<force>/<neighbourhood>/" + part, Static: "api/<force>/<neighbourhood>/" + part + ".json",
			Example: ex[part], AboutKey: "api.call." + part + ".about", DifferencesKey: diff})
	}
	add(Endpoint{Live: "/api/crime-categories?date=<month>", Static: "api/crime-categories.json", Example: ex["crime-categories"],
		AboutKey:       "api.call.crime-categories.about",
		DifferencesKey: "api.call.crime-categories.differences",
		Rules: []hosting.Rewrite{rule("/api/crime-categories", "/api/crime-categories.json", q("date", ":date")),
			rule("/api/crime-categories", "/api/crime-categories.json")}})
	add(Endpoint{Live: "/api/crimes-street-dates", Static: "api/crimes-street-dates.json", Example: ex["crimes-street-dates"],
		AboutKey: "api.call.crimes-street-dates.about"})
	add(Endpoint{Live: "/api/crime-last-updated", Static: "api/crime-last-updated.json", Example: ex["crime-last-updated"],
		AboutKey:       "api.call.crime-last-updated.about",
		DifferencesKey: "api.call.crime-last-updated.differences"})
	add(Endpoint{Live: "/api/crimes-no-location?category=all-crime&force=<force>&date=<month>", Static: "api/crimes-no-location/<force>/<YYYY-MM>.json",
		Example: ex["crimes-no-location"], AboutKey: "api.call.crimes-no-location.about",
		Rules: withLatest("/api/crimes-no-location", "/api/crimes-no-location/:force/<month>.json", q("category", "all-crime"), q("force", ":force"))})
	add(Endpoint{Live: "/api/crimes-no-location?category=<category>&force=<force>&date=<month>", Static: "api/crimes-no-location/<force>/<YYYY-MM>/<category>.json",
		Example: ex["crimes-no-location-category"], AboutKey: "api.call.crimes-no-location-category.about",
		Rules: withLatest("/api/crimes-no-location", "/api/crimes-no-location/:force/<month>/:category.json", q("category", ":category"), q("force", ":force"))})
	add(Endpoint{Live: "/api/stops-force?force=<force>&date=<month>", Static: "api/stops-force/<force>/<YYYY-MM>.json", Example: ex["stops-force"],
		AboutKey:       "api.call.stops-force.about",
		DifferencesKey: "api.call.stops-force.differences",
		Rules:          withLatest("/api/stops-force", "/api/stops-force/:force/<month>.json", q("force", ":force"))})
	add(Endpoint{Live: "/api/stops-no-location?force=<force>&date=<month>", Static: "api/stops-no-location/<force>/<YYYY-MM>.json", Example: ex["stops-no-location"],
		AboutKey:       "api.call.stops-no-location.about",
		DifferencesKey: "api.call.stops-no-location.differences",
		Rules:          withLatest("/api/stops-no-location", "/api/stops-no-location/:force/<month>.json", q("force", ":force"))})
	add(Endpoint{Live: "/api/<force>/<neighbourhood>/crimes/<YYYY-MM>", Static: "api/<force>/<neighbourhood>/crimes/<YYYY-MM>.json", Example: ex["crimes"], Own: true,
		AboutKey:       "api.call.crimes.about",
		DifferencesKey: "api.call.crimes.differences"})
	add(Endpoint{Live: "/api/<force>/<neighbourhood>/stops/<YYYY-MM>", Static: "api/<force>/<neighbourhood>/stops/<YYYY-MM>.json", Example: ex["stops"], Own: true,
		AboutKey:       "api.call.stops.about",
		DifferencesKey: "api.call.stops.differences"})

	// Calls no static file can answer, and what answers them here.
	none := func(live, id string) {
		add(Endpoint{Live: live, AboutKey: "api.call." + id + ".about", DifferencesKey: "api.call." + id + ".instead"})
	}
	none("/api/crimes-street/<category>?lat=<lat>&lng=<lng>&date=<month> or ?poly=<polygon>", "crimes-street")
	none("/api/crimes-at-location?location_id=<id>&date=<month> or ?lat=<lat>&lng=<lng>", "crimes-at-location")
	none("/api/outcomes-at-location?location_id=<id>&date=<month>, ?lat=<lat>&lng=<lng> or ?poly=<polygon>", "outcomes-at-location")
	none("/api/outcomes-for-crime/<persistent_id>", "outcomes-for-crime")
	none("/api/stops-street?lat=<lat>&lng=<lng>&date=<month> or ?poly=<polygon>", "stops-street")
	none("/api/stops-at-location?location_id=<id>&date=<month>", "stops-at-location")
	none("/api/locate-neighbourhood?q=<lat>,<lng>", "locate-neighbourhood")
	return out
}

// examples finds a file of this build for each kind of path: the first
// force with neighbourhoods, its first neighbourhood, and the latest month
// with data of the kind.
func (res *Result) examples() map[string]string {
	out := map[string]string{"forces": APIPath("forces"), "crime-categories": APIPath("crime-categories"),
		"crimes-street-dates": APIPath("crimes-street-dates"), "crime-last-updated": APIPath("crime-last-updated")}
	st, ix := res.in.Store, res.in.Index
	forces := res.apiForces(&apiStats{})
	if len(forces) == 0 {
		return out
	}
	f := forces[0]
	for _, g := range forces {
		if len(ix.ByForce[g]) > 0 {
			f = g
			break
		}
	}
	force := st.Forces[f].Slug
	out["force"] = APIPath("forces/" + force)
	out["senior-officers"] = ForcePeoplePath(force)
	out["neighbourhoods"] = APIPath(force + "/neighbourhoods")
	seg := ""
	if len(ix.ByForce[f]) > 0 {
		seg = res.seg[ix.ByForce[f][0]]
		base := force + "/" + seg
		out["neighbourhood"] = APIPath(base)
		for _, k := range neighbourhoodParts {
			out[k] = APIPath(base + "/" + k)
		}
	}
	for _, m := range slices.Backward(st.Months()) {
		if st.CrimesOf(f, m) != nil && out["crimes-no-location"] == "" {
			out["crimes-no-location"] = NoLocationPath(force, m)
			out["crimes-no-location-category"] = NoLocationCategoryPath(force, crime.Burglary, m)
			if seg != "" {
				out["crimes"] = CrimesPath(force, seg, m)
			}
		}
		if st.StopsOf(f, m) != nil && out["stops-force"] == "" {
			out["stops-force"] = StopsForcePath(force, m)
			out["stops-no-location"] = StopsNoLocationPath(force, m)
			if seg != "" {
				out["stops"] = StopsPath(force, seg, m)
			}
		}
	}
	return out
}

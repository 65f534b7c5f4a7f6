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
// instead. The same table gives Result.Rewrites, so the page and the
// rules cannot disagree.
type APIPage struct {
	Title, Description string
	// Base is the static API's address for the client example: the
	// site's /api/, or a stand-in when the build has no base URL.
	Base      string
	Endpoints []Endpoint
	// General differences, for every path.
	Notes []string
}

// Endpoint is one call of the live API.
type Endpoint struct {
	Live    string // the live API's call, e.g. "/api/forces/<force>"
	Static  string // the file that answers it, e.g. "api/forces/<force>.json"; "" if none can
	Example string // a file of this build from the site root, "" if none
	About   string
	// Differences says how the file differs from the live answer; for a
	// call no file answers, why not and what answers the question instead.
	Differences string
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

// APIPage documents the API, with examples from this build.
func (res *Result) APIPage() *APIPage {
	ex := res.examples()
	base := "https://your-site.example/api/"
	if res.in.BaseURL != "" {
		base = res.in.BaseURL + "api/"
	}
	// A call without a date answers with the latest month, as the live
	// API does; the month is written into the rule.
	latest := ""
	if st := res.in.Store; st.Last != 0 {
		latest = st.Last.String()
	}
	p := &APIPage{
		Title:       "Static API",
		Description: "JSON files shaped like the data.police.uk API's answers, for every question a static file can answer.",
		Base:        base,
		Notes: []string{
			"Every file is the live API's path with .json appended: /api/forces is api/forces.json. The site's rewrite rules answer the live path itself, with its query string, from the same file, so an existing client works unchanged once its base URL is this site's /api/. A host without rewrites serves the .json files only.",
			"Questions the live API takes as query parameters (a category, a force, a month) are path segments in the file's name: stops-force?force=F&date=M is api/stops-force/F/M.json. A call without a date answers with the latest month, as the live API does.",
			"Questions about a point, a street location or a polygon (crimes-street, crimes-at-location, outcomes-at-location, stops-street, stops-at-location, locate-neighbourhood) need a server and have no file: the map's tiles answer them for any area, and the per-neighbourhood files below for a neighbourhood.",
			"Neighbourhood ids are police.uk's where they are safe in a path (NC04); neighbourhoods made from LSOA names, and ids that differ only in case, go by their slug instead. The id in every answer is the one its path uses.",
			"Crime ids and street ids are this site's own: a street id is the snap point's number (the map's feature id for the same point), made from its coordinates; a crime id is made from its month, its force and its row. Both are stable for the same input and below 2^53.",
			"Months a force did not publish have no file (the live API answers with an error); a published month with no records is an empty list.",
			"Files change only when the data does: the same input gives the same bytes.",
		},
	}
	// A call with no query is answered by its file's path less ".json":
	// its rule is made from Static, so the two cannot disagree.
	placeholders := strings.NewReplacer("<force>", ":force", "<neighbourhood>", ":neighbourhood", "<YYYY-MM>", ":date")
	add := func(e Endpoint) {
		if e.Static != "" && e.Rules == nil {
			to := "/" + placeholders.Replace(e.Static)
			e.Rules = []hosting.Rewrite{rule(strings.TrimSuffix(to, ".json"), to)}
		}
		p.Endpoints = append(p.Endpoints, e)
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

	add(Endpoint{Live: "/api/forces", Static: "api/forces.json", Example: ex["forces"], About: "Every force: id and name.",
		Differences: "Only forces with data in this build."})
	add(Endpoint{Live: "/api/forces/<force>", Static: "api/forces/<force>.json", Example: ex["force"],
		About:       "A force: description, url, engagement methods, telephone, id and name.",
		Differences: "The reference data has no force details: description is null, url empty, engagement_methods empty and telephone 101, the non-emergency number."})
	add(Endpoint{Live: "/api/forces/<force>/people", Static: "api/forces/<force>/people.json", Example: ex["senior-officers"],
		About:       "The force's senior officers: name, rank, bio, contact details.",
		Differences: "The reference data has no senior officers: an empty list, as the live API gives for a force that lists none."})
	add(Endpoint{Live: "/api/<force>/neighbourhoods", Static: "api/<force>/neighbourhoods.json", Example: ex["neighbourhoods"],
		About: "A force's neighbourhoods: id and name."})
	add(Endpoint{Live: "/api/<force>/<neighbourhood>", Static: "api/<force>/<neighbourhood>.json", Example: ex["neighbourhood"],
		About:       "A neighbourhood: url_force, contact_details, name, links, centre, locations, description, id, population.",
		Differences: "From the reference data's details where given; otherwise only id and name, with centre from the boundary's bounding box (null without one) and population \"0\". A link's description is null where the details give none, as the live API sends it."})
	parts := []struct{ name, about, diff string }{
		{"boundary", "The boundary: a list of latitude and longitude pairs, as strings.",
			"A boundary of several parts lists each part's outer ring in turn; neighbourhoods made from LSOA names have no boundary and an empty list."},
		{"people", "The neighbourhood team: name, rank, bio, contact details.", "An empty list without reference details."},
		{"priorities", "The team's priorities: issue, action and their dates.", "An empty list without reference details."},
		{"events", "The team's events: title, description, address, type, start and end.", "An empty list without reference details."},
	}
	for _, part := range parts {
		add(Endpoint{Live: "/api/<force>/<neighbourhood>/" + part.name, Static: "api/<force>/<neighbourhood>/" + part.name + ".json",
			Example: ex[part.name], About: part.about, Differences: part.diff})
	}
	add(Endpoint{Live: "/api/crime-categories?date=<month>", Static: "api/crime-categories.json", Example: ex["crime-categories"],
		About:       "The crime categories: url (slug) and name, with all-crime first.",
		Differences: "The same list for every date: the current categories, and a retired one only if the data has it.",
		Rules: []hosting.Rewrite{rule("/api/crime-categories", "/api/crime-categories.json", q("date", ":date")),
			rule("/api/crime-categories", "/api/crime-categories.json")}})
	add(Endpoint{Live: "/api/crimes-street-dates", Static: "api/crimes-street-dates.json", Example: ex["crimes-street-dates"],
		About: "Months with street-level crimes, newest first, each with the forces that published stop and search."})
	add(Endpoint{Live: "/api/crime-last-updated", Static: "api/crime-last-updated.json", Example: ex["crime-last-updated"],
		About:       "When the crime data was last updated.",
		Differences: "The first day of the latest month, not the day of the update, so that the same input gives the same file."})
	add(Endpoint{Live: "/api/crimes-no-location?category=all-crime&force=<force>&date=<month>", Static: "api/crimes-no-location/<force>/<YYYY-MM>.json",
		Example: ex["crimes-no-location"], About: "A force's crimes with no location in a month, every category; location and location_type null.",
		Rules: withLatest("/api/crimes-no-location", "/api/crimes-no-location/:force/<month>.json", q("category", "all-crime"), q("force", ":force"))})
	add(Endpoint{Live: "/api/crimes-no-location?category=<category>&force=<force>&date=<month>", Static: "api/crimes-no-location/<force>/<YYYY-MM>/<category>.json",
		Example: ex["crimes-no-location-category"], About: "The same, of one category: every category of crime-categories has its file, an empty list where the month has none.",
		Rules: withLatest("/api/crimes-no-location", "/api/crimes-no-location/:force/<month>/:category.json", q("category", ":category"), q("force", ":force"))})
	add(Endpoint{Live: "/api/stops-force?force=<force>&date=<month>", Static: "api/stops-force/<force>/<YYYY-MM>.json", Example: ex["stops-force"],
		About:       "Every stop and search of a force in a month, with a location or null.",
		Differences: "operation and operation_name are null (the build does not keep them); values not given are null; old outcome wording is given in current wording.",
		Rules:       withLatest("/api/stops-force", "/api/stops-force/:force/<month>.json", q("force", ":force"))})
	add(Endpoint{Live: "/api/stops-no-location?force=<force>&date=<month>", Static: "api/stops-no-location/<force>/<YYYY-MM>.json", Example: ex["stops-no-location"],
		About:       "A force's stops and searches with no location in a month.",
		Differences: "As stops-force.",
		Rules:       withLatest("/api/stops-no-location", "/api/stops-no-location/:force/<month>.json", q("force", ":force"))})
	add(Endpoint{Live: "/api/<force>/<neighbourhood>/crimes/<YYYY-MM>", Static: "api/<force>/<neighbourhood>/crimes/<YYYY-MM>.json", Example: ex["crimes"], Own: true,
		About:       "A neighbourhood's street-level crimes in a month, in the shape crimes-street answers: category, location_type, location (latitude, longitude, street id and name), context, outcome_status, persistent_id, id, location_subtype, month. It answers crimes-street/all-crime?poly=<the neighbourhood's boundary>&date=<month>.",
		Differences: "Crimes at snap points inside the neighbourhood. outcome_status is the last outcome the street file gives, dated with the crime's month (the file does not say when it was recorded). context and location_subtype are empty."})
	add(Endpoint{Live: "/api/<force>/<neighbourhood>/stops/<YYYY-MM>", Static: "api/<force>/<neighbourhood>/stops/<YYYY-MM>.json", Example: ex["stops"], Own: true,
		About:       "A neighbourhood's stops and searches in a month, in the shape stops-street answers. It answers stops-street?poly=<the neighbourhood's boundary>&date=<month>.",
		Differences: "As stops-force; the street name is the one crimes at the same snap point give."})

	// Calls no static file can answer, and what answers them here.
	none := func(live, about, instead string) { add(Endpoint{Live: live, About: about, Differences: instead}) }
	none("/api/crimes-street/<category>?lat=<lat>&lng=<lng>&date=<month> or ?poly=<polygon>",
		"Street-level crimes within a mile of a point or inside a polygon.",
		"A point or a polygon can be any of infinitely many, so no set of files can hold every answer. The map's tiles hold every crime at its snap point for any area; a neighbourhood's crimes are api/<force>/<neighbourhood>/crimes/<YYYY-MM>.json.")
	none("/api/crimes-at-location?location_id=<id>&date=<month> or ?lat=<lat>&lng=<lng>",
		"The crimes at one street location.",
		"A file for every snap point and month would outnumber all the other files together. The map shows each snap point's crimes; a neighbourhood's crimes file lists them with their street id.")
	none("/api/outcomes-at-location?location_id=<id>&date=<month>, ?lat=<lat>&lng=<lng> or ?poly=<polygon>",
		"Outcomes at a location or within an area.",
		"As crimes-at-location. Each crime's latest outcome is its outcome_status in the neighbourhood's crimes file.")
	none("/api/outcomes-for-crime/<persistent_id>",
		"Every outcome of one crime.",
		"A file for every crime would be millions of files. The crime's latest outcome is its outcome_status in its neighbourhood's crimes file.")
	none("/api/stops-street?lat=<lat>&lng=<lng>&date=<month> or ?poly=<polygon>",
		"Stops and searches within a mile of a point or inside a polygon.",
		"As crimes-street: the map's stop and search layer for any area; a neighbourhood's stops are api/<force>/<neighbourhood>/stops/<YYYY-MM>.json.")
	none("/api/stops-at-location?location_id=<id>&date=<month>",
		"The stops and searches at one street location.",
		"As crimes-at-location: the map's stop and search layer, or the neighbourhood's stops file.")
	none("/api/locate-neighbourhood?q=<lat>,<lng>",
		"The force and neighbourhood that police a point.",
		"The answer depends on a point. The map's search finds a postcode's or place's neighbourhood, and each neighbourhood's boundary is api/<force>/<neighbourhood>/boundary.json.")
	return p
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

package downloads

import "slices"

// APIPage is what templates/api.html shows: every path the static API
// answers, with an example from this build and how it differs from the
// live API.
type APIPage struct {
	Title, Description string
	Endpoints          []Endpoint
	// General differences, for every path.
	Notes []string
}

// Endpoint is one path of the API.
type Endpoint struct {
	Live        string // the live API's path, e.g. "/api/forces"
	Static      string // the file, e.g. "api/forces.json"
	Example     string // a file of this build from the site root, "" if none
	About       string
	Differences string
}

// APIPage documents the API, with examples from this build.
func (res *Result) APIPage() *APIPage {
	ex := res.examples()
	p := &APIPage{
		Title:       "Static API",
		Description: "JSON files shaped like the data.police.uk API's answers, for every question a static file can answer.",
		Notes: []string{
			"Every file is the live API's path with .json appended: /api/forces is api/forces.json. A static host serves a file without an extension as the wrong type, and a path cannot be a file and the folder of the paths below it at once.",
			"Questions the live API takes as query parameters (a force, a month) are path segments here: stops-force?force=F&date=M is api/stops-force/F/M.json. Questions about a point or a polygon (crimes-street, crimes-at-location, locate-neighbourhood) need a server and have no file; the per-neighbourhood files answer the usual case.",
			"Neighbourhood ids are police.uk's where they are safe in a path (NC04); neighbourhoods made from LSOA names, and ids that differ only in case, go by their slug instead. The id in every answer is the one its path uses.",
			"Crime ids and street ids are this site's own: a street id is the snap point's number (the map's feature id for the same point), made from its coordinates; a crime id is made from its month, its force and its row. Both are stable for the same input and below 2^53.",
			"Months a force did not publish have no file (the live API answers with an error); a published month with no records is an empty list.",
			"Files change only when the data does: the same input gives the same bytes.",
		},
	}
	add := func(live, static, example, about, diff string) {
		p.Endpoints = append(p.Endpoints, Endpoint{Live: live, Static: static, Example: example, About: about, Differences: diff})
	}
	add("/api/forces", "api/forces.json", ex["forces"], "Every force: id and name.", "Only forces with data in this build.")
	add("/api/forces/<force>", "api/forces/<force>.json", ex["force"], "A force: description, url, engagement methods, telephone, id and name.",
		"The reference data has no force details: description is null, url empty, engagement_methods empty and telephone 101, the non-emergency number.")
	add("/api/<force>/neighbourhoods", "api/<force>/neighbourhoods.json", ex["neighbourhoods"], "A force's neighbourhoods: id and name.", "")
	add("/api/<force>/<neighbourhood>", "api/<force>/<neighbourhood>.json", ex["neighbourhood"],
		"A neighbourhood: url_force, contact_details, name, links, centre, locations, description, id, population.",
		"From the reference data's details where given; otherwise only id and name, with centre from the boundary's bounding box (null without one) and population \"0\".")
	add("/api/<force>/<neighbourhood>/boundary", "api/<force>/<neighbourhood>/boundary.json", ex["boundary"],
		"The boundary: a list of latitude and longitude pairs, as strings.",
		"A boundary of several parts lists each part's outer ring in turn; neighbourhoods made from LSOA names have no boundary and an empty list.")
	add("/api/<force>/<neighbourhood>/people", "api/<force>/<neighbourhood>/people.json", ex["people"], "The neighbourhood team: name, rank, bio, contact details.", "An empty list without reference details.")
	add("/api/<force>/<neighbourhood>/priorities", "api/<force>/<neighbourhood>/priorities.json", ex["priorities"], "The team's priorities: issue, action and their dates.", "An empty list without reference details.")
	add("/api/<force>/<neighbourhood>/events", "api/<force>/<neighbourhood>/events.json", ex["events"], "The team's events: title, description, address, type, start and end.", "An empty list without reference details.")
	add("/api/crime-categories", "api/crime-categories.json", ex["crime-categories"], "The crime categories: url (slug) and name, with all-crime first.",
		"No date parameter: the current categories, and a retired one only if the data has it.")
	add("/api/crimes-street-dates", "api/crimes-street-dates.json", ex["crimes-street-dates"], "Months with street-level crimes, newest first, each with the forces that published stop and search.", "")
	add("/api/crime-last-updated", "api/crime-last-updated.json", ex["crime-last-updated"], "When the crime data was last updated.",
		"The first day of the latest month, not the day of the update, so that the same input gives the same file.")
	add("/api/crimes-street/all-crime?poly=<neighbourhood>&date=<month>", "api/<force>/<neighbourhood>/crimes/<YYYY-MM>.json", ex["crimes"],
		"A neighbourhood's street-level crimes in a month, in the shape crimes-street answers: category, location_type, location (latitude, longitude, street id and name), context, outcome_status, persistent_id, id, location_subtype, month.",
		"Crimes at snap points inside the neighbourhood. outcome_status is the last outcome the street file gives, dated with the crime's month (the file does not say when it was recorded). context and location_subtype are empty.")
	add("/api/crimes-no-location?category=all-crime&force=<force>&date=<month>", "api/crimes-no-location/<force>/<YYYY-MM>.json", ex["crimes-no-location"],
		"A force's crimes with no location in a month, location null.", "All categories in one list.")
	add("/api/stops-street?poly=<neighbourhood>&date=<month>", "api/<force>/<neighbourhood>/stops/<YYYY-MM>.json", ex["stops"],
		"A neighbourhood's stops and searches in a month: type, involved_person, datetime, operation, operation_name, location, gender, age_range, self_defined_ethnicity, officer_defined_ethnicity, legislation, object_of_search, outcome, outcome_object, outcome_linked_to_object_of_search, removal_of_more_than_outer_clothing.",
		"operation and operation_name are null (the build does not keep them); values not given are null; old outcome wording is given in current wording; the street name is the one crimes at the same snap point give.")
	add("/api/stops-force?force=<force>&date=<month>", "api/stops-force/<force>/<YYYY-MM>.json", ex["stops-force"],
		"Every stop and search of a force in a month, with a location or null.", "")
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
	out["neighbourhoods"] = APIPath(force + "/neighbourhoods")
	seg := ""
	if len(ix.ByForce[f]) > 0 {
		seg = res.seg[ix.ByForce[f][0]]
		base := force + "/" + seg
		out["neighbourhood"] = APIPath(base)
		for _, k := range []string{"boundary", "people", "priorities", "events"} {
			out[k] = APIPath(base + "/" + k)
		}
	}
	for _, m := range slices.Backward(st.Months()) {
		if st.CrimesOf(f, m) != nil && out["crimes-no-location"] == "" {
			out["crimes-no-location"] = NoLocationPath(force, m)
			if seg != "" {
				out["crimes"] = CrimesPath(force, seg, m)
			}
		}
		if st.StopsOf(f, m) != nil && out["stops-force"] == "" {
			out["stops-force"] = StopsForcePath(force, m)
			if seg != "" {
				out["stops"] = StopsPath(force, seg, m)
			}
		}
	}
	return out
}

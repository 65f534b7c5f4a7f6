package hosting

// Rewrite maps a path a client asks for onto a file of the site, answered
// with the file's content and status 200 (not a redirect), as static hosts
// do for "200 rewrites". It is how the static API answers the live API's
// paths and query strings: /api/forces/avon-and-somerset is the file
// api/forces/avon-and-somerset.json.
//
// From and To use Netlify's placeholders: ":name" matches one path segment
// and is put back where To names it. Query lists the query parameters the
// rule needs, in any order; a parameter whose Value starts with ":" binds
// a placeholder, any other Value must be matched exactly. A request whose
// query does not satisfy a rule is left to the rules after it, so a rule
// with a query comes before a rule for the same path without one (the
// latest month written in, for a call without a date).
type Rewrite struct {
	From  string // e.g. "/api/stops-force"
	Query []Param
	To    string // e.g. "/api/stops-force/:force/:date.json"
}

// Param is one query parameter of a Rewrite.
type Param struct {
	Name  string // e.g. "force"
	Value string // ":force" binds a placeholder; "all-crime" must match
}

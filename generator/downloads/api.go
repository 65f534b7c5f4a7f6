package downloads

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
)

// APIPath is the file that answers a live API path: "forces" →
// "api/forces.json". Append .json: a static host serves a file without an
// extension with the wrong type, and a path cannot be both a file and the
// folder of the paths below it.
func APIPath(live string) string { return "api/" + live + ".json" }

// reservedForces are names of the API's top level that a force slug must
// not take, since its files would land in their folders.
var reservedForces = map[string]bool{
	"forces": true, "crime-categories": true, "crimes-street-dates": true, "crime-last-updated": true,
	"crimes-no-location": true, "stops-force": true,
}

// apiStats say what the API stage did.
type apiStats struct {
	files, linked int
	bytes         int64
	groups        []apiGroupKey
	reused        int
	skipped       []string
}

// apiWriter writes the API's files and counts them. Its methods are safe
// for concurrent use.
type apiWriter struct {
	out *output.Dir
	mu  sync.Mutex
	s   *apiStats
}

func (w *apiWriter) write(rel string, b []byte) error {
	if err := w.out.Write(rel, b); err != nil {
		return err
	}
	w.mu.Lock()
	w.s.files++
	w.s.bytes += int64(len(b))
	w.mu.Unlock()
	return nil
}

// json writes v as JSON, without HTML escaping: the values are not meant
// for a page, and the API's HTML descriptions stay readable.
func (w *apiWriter) json(rel string, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("api: %s: %w", rel, err)
	}
	return w.write(rel, bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// writeAPI writes every API file: the lists and areas, then each force's
// months.
func (res *Result) writeAPI(out *output.Dir, prev *manifest) (apiStats, error) {
	var s apiStats
	w := &apiWriter{out: out, s: &s}
	if err := res.apiLists(w); err != nil {
		return s, fmt.Errorf("api: %w", err)
	}
	if err := res.apiAreas(w); err != nil {
		return s, fmt.Errorf("api: %w", err)
	}
	if err := res.apiMonths(w, prev); err != nil {
		return s, fmt.Errorf("api: %w", err)
	}
	return s, nil
}

// apiForces are the forces whose files the API has.
func (res *Result) apiForces(s *apiStats) []store.ForceID {
	var out []store.ForceID
	for f, force := range res.in.Store.Forces {
		if reservedForces[force.Slug] {
			s.skipped = append(s.skipped, "api/"+force.Slug+"/")
			continue
		}
		out = append(out, store.ForceID(f))
	}
	return out
}

type idName struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type apiCategory struct {
	URL  string `json:"url"`
	Name string `json:"name"`
}

type streetDate struct {
	Date          string   `json:"date"`
	StopAndSearch []string `json:"stop-and-search"`
}

// apiLists writes the lists that do not belong to one area.
func (res *Result) apiLists(w *apiWriter) error {
	st := res.in.Store
	forces := []idName{}
	for _, f := range res.apiForces(w.s) {
		forces = append(forces, idName{st.Forces[f].Slug, st.Forces[f].Name})
	}
	if err := w.json(APIPath("forces"), forces); err != nil {
		return err
	}

	cats := []apiCategory{{"all-crime", "All crime"}}
	for _, c := range crime.Categories() {
		if c.Info().Retired && !res.hasCategory(c) {
			continue
		}
		cats = append(cats, apiCategory{c.Slug(), c.String()})
	}
	if err := w.json(APIPath("crime-categories"), cats); err != nil {
		return err
	}

	// Months with street data, newest first, each with the forces that
	// published stop and search.
	street := map[crime.Month]bool{}
	for _, c := range st.Crimes {
		street[c.Month] = true
	}
	stops := map[crime.Month][]string{}
	for _, s := range st.Stops {
		stops[s.Month] = append(stops[s.Month], st.Forces[s.Force].Slug)
	}
	dates := []streetDate{}
	for _, m := range slices.Backward(st.Months()) {
		if !street[m] {
			continue
		}
		forces := stops[m]
		slices.Sort(forces)
		if forces == nil {
			forces = []string{}
		}
		dates = append(dates, streetDate{m.String(), slices.Compact(forces)})
	}
	if err := w.json(APIPath("crimes-street-dates"), dates); err != nil {
		return err
	}
	// The live API gives the day of its last update; a static site gives
	// the first day of its latest month, so that the same input always
	// gives the same file.
	updated := struct {
		Date string `json:"date"`
	}{}
	if st.Last != 0 {
		updated.Date = st.Last.String() + "-01"
	}
	return w.json(APIPath("crime-last-updated"), updated)
}

func (res *Result) hasCategory(c crime.Category) bool {
	for _, counts := range res.in.Agg.National.Crimes {
		if counts[c] > 0 {
			return true
		}
	}
	return false
}

type apiForce struct {
	Description       *string         `json:"description"`
	URL               string          `json:"url"`
	EngagementMethods []apiEngagement `json:"engagement_methods"`
	Telephone         string          `json:"telephone"`
	ID                string          `json:"id"`
	Name              string          `json:"name"`
}

type apiEngagement struct {
	URL         string  `json:"url"`
	Description *string `json:"description"`
	Title       string  `json:"title"`
}

type apiNeighbourhood struct {
	URLForce       string            `json:"url_force"`
	ContactDetails map[string]string `json:"contact_details"`
	Name           string            `json:"name"`
	Links          []apiLink         `json:"links"`
	Centre         apiPoint          `json:"centre"`
	Locations      []apiLocation     `json:"locations"`
	Description    *string           `json:"description"`
	ID             string            `json:"id"`
	Population     string            `json:"population"`
}

type apiLink struct {
	URL         string  `json:"url"`
	Description *string `json:"description"`
	Title       string  `json:"title"`
}

// apiPoint is a latitude and longitude as the API writes them: strings.
type apiPoint struct {
	Latitude  *string `json:"latitude"`
	Longitude *string `json:"longitude"`
}

type apiLocation struct {
	Name        *string `json:"name"`
	Longitude   *string `json:"longitude"`
	Postcode    *string `json:"postcode"`
	Address     *string `json:"address"`
	Latitude    *string `json:"latitude"`
	Type        *string `json:"type"`
	Description *string `json:"description"`
}

type apiPerson struct {
	Bio            *string           `json:"bio"`
	ContactDetails map[string]string `json:"contact_details"`
	Name           string            `json:"name"`
	Rank           string            `json:"rank"`
}

type apiPriority struct {
	Action     *string `json:"action"`
	IssueDate  *string `json:"issue-date"`
	ActionDate *string `json:"action-date"`
	Issue      *string `json:"issue"`
}

type apiEvent struct {
	ContactDetails map[string]string `json:"contact_details"`
	Description    *string           `json:"description"`
	Title          string            `json:"title"`
	Address        *string           `json:"address"`
	Type           *string           `json:"type"`
	StartDate      *string           `json:"start_date"`
	EndDate        *string           `json:"end_date"`
}

// orNull is nil for "", which the API writes as null.
func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func contacts(c reference.Contacts) map[string]string {
	if c == nil {
		return map[string]string{}
	}
	return c
}

// apiAreas writes each force and each neighbourhood: the force, its list
// of neighbourhoods, and each neighbourhood with its boundary, team,
// priorities and events.
func (res *Result) apiAreas(w *apiWriter) error {
	st, ix := res.in.Store, res.in.Index
	for _, f := range res.apiForces(&apiStats{}) {
		force := st.Forces[f]
		// Force details are not in the reference data: the telephone is
		// 101, the non-emergency number every force answers.
		err := w.json(APIPath("forces/"+force.Slug), apiForce{URL: "", EngagementMethods: []apiEngagement{},
			Telephone: "101", ID: force.Slug, Name: force.Name})
		if err != nil {
			return err
		}
		list := []idName{}
		for _, nb := range ix.ByForce[f] {
			list = append(list, idName{res.seg[nb], ix.Neighbourhoods[nb].Name})
		}
		if err := w.json(APIPath(force.Slug+"/neighbourhoods"), list); err != nil {
			return err
		}
		for _, nb := range ix.ByForce[f] {
			if err := res.apiNeighbourhood(w, force.Slug, nb); err != nil {
				return err
			}
		}
	}
	return nil
}

func (res *Result) apiNeighbourhood(w *apiWriter, force string, nb int32) error {
	n := &res.in.Index.Neighbourhoods[nb]
	d := res.in.Details[force+"/"+n.ID]
	if d == nil {
		d = &reference.Details{}
	}
	base := force + "/" + res.seg[nb]
	obj := apiNeighbourhood{URLForce: d.URLForce, ContactDetails: contacts(d.ContactDetails), Name: n.Name,
		Links: []apiLink{}, Locations: []apiLocation{}, Description: orNull(d.Description),
		ID: res.seg[nb], Population: string(d.Population), Centre: centre(d, n)}
	if obj.Population == "" {
		obj.Population = "0"
	}
	for _, l := range d.Links {
		obj.Links = append(obj.Links, apiLink{URL: l.URL, Description: orNull(l.Description), Title: l.Title})
	}
	for _, l := range d.Locations {
		obj.Locations = append(obj.Locations, apiLocation{Name: orNull(l.Name), Longitude: orNull(string(l.Longitude)),
			Postcode: orNull(l.Postcode), Address: orNull(l.Address), Latitude: orNull(string(l.Latitude)),
			Type: orNull(l.Type), Description: orNull(l.Description)})
	}
	if err := w.json(APIPath(base), obj); err != nil {
		return err
	}

	people := []apiPerson{}
	for _, p := range d.People {
		people = append(people, apiPerson{Bio: orNull(p.Bio), ContactDetails: contacts(p.ContactDetails), Name: p.Name, Rank: p.Rank})
	}
	priorities := []apiPriority{}
	for _, p := range d.Priorities {
		priorities = append(priorities, apiPriority{Action: orNull(p.Action), IssueDate: orNull(p.IssueDate),
			ActionDate: orNull(p.ActionDate), Issue: orNull(p.Issue)})
	}
	events := []apiEvent{}
	for _, e := range d.Events {
		events = append(events, apiEvent{ContactDetails: contacts(e.ContactDetails), Description: orNull(e.Description),
			Title: e.Title, Address: orNull(e.Address), Type: orNull(e.Type), StartDate: orNull(e.StartDate), EndDate: orNull(e.EndDate)})
	}
	for _, f := range []struct {
		name string
		v    any
	}{{"boundary", boundary(n)}, {"people", people}, {"priorities", priorities}, {"events", events}} {
		if err := w.json(APIPath(base+"/"+f.name), f.v); err != nil {
			return err
		}
	}
	return nil
}

// centre is the details' centre, or else the middle of the boundary's
// bounding box; a neighbourhood with neither (one made from LSOA names)
// has nulls.
func centre(d *reference.Details, n *index.Neighbourhood) apiPoint {
	if d.Centre.Latitude != "" && d.Centre.Longitude != "" {
		return apiPoint{orNull(string(d.Centre.Latitude)), orNull(string(d.Centre.Longitude))}
	}
	if len(n.Shape) == 0 {
		return apiPoint{}
	}
	c := n.Shape.Bound().Center()
	return apiPoint{orNull(degrees(c[1])), orNull(degrees(c[0]))}
}

func degrees(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

type latLng struct {
	Latitude  string `json:"latitude"`
	Longitude string `json:"longitude"`
}

// boundary is the neighbourhood's outline as the API gives it: one list of
// points, as strings. A boundary of several polygons has their outer rings
// one after another; holes are left out, as the live API leaves them.
func boundary(n *index.Neighbourhood) []latLng {
	out := []latLng{}
	for _, poly := range n.Shape {
		if len(poly) == 0 {
			continue
		}
		for _, p := range poly[0] {
			out = append(out, latLng{degrees(p[1]), degrees(p[0])})
		}
	}
	return out
}

package downloads

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/crimemap/crimemap/generator/index"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/store"
)

// The API's answers about areas, in the live API's shapes: field order as
// its documentation shows it, strings for numbers where it uses strings,
// and null where it gives no value.

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

// areaGroups are each force's area files: the force, its list of
// neighbourhoods, and each neighbourhood with its boundary, team,
// priorities and events. They change only with the reference data.
func (res *Result) areaGroups(nbKeys []string) []*apiGroup {
	st, ix := res.in.Store, res.in.Index
	var out []*apiGroup
	for _, f := range res.apiForces(&apiStats{}) {
		force := st.Forces[f]
		g := &apiGroup{force: force.Slug}
		g.paths = func() []string {
			ps := []string{APIPath("forces/" + force.Slug), ForcePeoplePath(force.Slug), APIPath(force.Slug + "/neighbourhoods")}
			for _, nb := range ix.ByForce[f] {
				base := force.Slug + "/" + res.seg[nb]
				ps = append(ps, APIPath(base))
				for _, k := range neighbourhoodParts {
					ps = append(ps, APIPath(base+"/"+k))
				}
			}
			return ps
		}
		g.make = func(put func(string, []byte) error) error { return res.apiAreas(f, putJSON(put)) }
		g.key = res.areaKey(f, nbKeys[f])
		out = append(out, g)
	}
	return out
}

// ForcePeoplePath is a force's senior officers, the live API's
// forces/<force>/people.
func ForcePeoplePath(force string) string { return APIPath("forces/" + force + "/people") }

// neighbourhoodParts are the paths below a neighbourhood, in order.
var neighbourhoodParts = []string{"boundary", "people", "priorities", "events"}

// areaKey identifies a force's area files: the force, its neighbourhoods
// and their details.
func (res *Result) areaKey(f store.ForceID, nbKey string) string {
	st, ix := res.in.Store, res.in.Index
	force := st.Forces[f]
	h := sha256.New()
	fmt.Fprintf(h, "crimemap api v%d areas %q %q %s\n", APIFormatVersion, force.Slug, force.Name, nbKey)
	for _, nb := range ix.ByForce[f] {
		n := &ix.Neighbourhoods[nb]
		fmt.Fprintf(h, "%q\n", n.Name)
		if d := res.in.Details[force.Slug+"/"+n.ID]; d != nil {
			b, _ := json.Marshal(d)
			h.Write(b)
		}
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// putJSON turns a writer of bytes into a writer of values.
func putJSON(put func(string, []byte) error) func(string, any) error {
	return func(rel string, v any) error {
		b, err := marshal(v)
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		return put(rel, b)
	}
}

// apiAreas makes a force's area files.
func (res *Result) apiAreas(f store.ForceID, put func(string, any) error) error {
	st, ix := res.in.Store, res.in.Index
	force := st.Forces[f]
	// Force details are not in the reference data: the telephone is 101,
	// the non-emergency number every force answers.
	err := put(APIPath("forces/"+force.Slug), apiForce{URL: "", EngagementMethods: []apiEngagement{},
		Telephone: "101", ID: force.Slug, Name: force.Name})
	if err != nil {
		return err
	}
	// The reference data has no senior officers: an empty list, as the
	// live API answers for a force that lists none.
	if err := put(ForcePeoplePath(force.Slug), []apiPerson{}); err != nil {
		return err
	}
	list := []idName{}
	for _, nb := range ix.ByForce[f] {
		list = append(list, idName{res.seg[nb], ix.Neighbourhoods[nb].Name})
	}
	if err := put(APIPath(force.Slug+"/neighbourhoods"), list); err != nil {
		return err
	}
	for _, nb := range ix.ByForce[f] {
		if err := res.apiNeighbourhood(put, force.Slug, nb); err != nil {
			return err
		}
	}
	return nil
}

func (res *Result) apiNeighbourhood(put func(string, any) error, force string, nb int32) error {
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
	if err := put(APIPath(base), obj); err != nil {
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
	for i, v := range []any{boundary(n), people, priorities, events} {
		if err := put(APIPath(base+"/"+neighbourhoodParts[i]), v); err != nil {
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

package reference

import (
	"reflect"
	"strings"
	"testing"
)

// detailsJSON is shaped like the API's answers, nulls and quirks included.
const detailsJSON = `{
  "url_force": "https://www.leics.police.uk/local-policing/city-centre",
  "contact_details": {"twitter": "http://www.twitter.com/leicspolice", "email": "citycentre@leicestershire.pnn.police.uk", "telephone": "101", "fax": null, "mobile": 7700900123},
  "name": "City Centre",
  "links": [{"url": "http://www.leicester.gov.uk/", "description": null, "title": "Leicester City Council"}],
  "centre": {"latitude": "52.6389", "longitude": "-1.13619"},
  "locations": [{"name": "Mansfield House", "longitude": null, "postcode": "LE1 3GG", "address": "74 Belgrave Gate\n, Leicester", "latitude": 52.6395, "type": "station", "description": null}],
  "description": "<p>The Castle neighbourhood is the heart of Leicester &amp; more.</p>",
  "id": "NC04",
  "population": "0",
  "url_boundary": null,
  "welcome_message": null,
  "engagement_methods": [{"url": "https://www.facebook.com/leicspolice", "description": null, "title": "facebook"}],
  "people": [
    {"bio": "<p>Sergeant for the city centre.</p>", "contact_details": {}, "name": "Andy Cooper", "rank": "Sgt"},
    {"bio": null, "contact_details": [], "name": "Pat Hughes", "rank": "PCSO"}
  ],
  "priorities": [
    {"action": null, "issue-date": "2024-01-10T00:00:00", "action-date": null, "issue": "<p>Shoplifting on Gallowtree Gate</p>"},
    {"action": "<p>Patrols increased.</p>", "issue-date": "2023-10-01T00:00:00", "action-date": "2023-12-01T00:00:00", "issue": "<p>Cycling in the precinct</p>"}
  ],
  "events": [{"contact_details": {"email": "x@example.org"}, "description": "Drop in", "title": "Beat surgery", "address": "Clock Tower", "type": "meeting", "start_date": "2024-02-01T10:00:00", "end_date": "2024-02-01T12:00:00"}],
  "unknown_key": {"ignored": true}
}`

func TestReadDetails(t *testing.T) {
	d, err := ReadDetails(strings.NewReader("\ufeff" + detailsJSON))
	if err != nil {
		t.Fatal(err)
	}
	want := &Details{
		ID:          "NC04",
		Name:        "City Centre",
		Description: "<p>The Castle neighbourhood is the heart of Leicester &amp; more.</p>",
		URLForce:    "https://www.leics.police.uk/local-policing/city-centre",
		Population:  "0",
		Centre:      Centre{Latitude: "52.6389", Longitude: "-1.13619"},
		ContactDetails: Contacts{
			"twitter":   "http://www.twitter.com/leicspolice",
			"email":     "citycentre@leicestershire.pnn.police.uk",
			"telephone": "101",
			"mobile":    "7700900123",
		},
		Links:             []Link{{URL: "http://www.leicester.gov.uk/", Title: "Leicester City Council"}},
		Locations:         []Location{{Name: "Mansfield House", Latitude: "52.6395", Postcode: "LE1 3GG", Address: "74 Belgrave Gate\n, Leicester", Type: "station"}},
		EngagementMethods: []EngagementMethod{{URL: "https://www.facebook.com/leicspolice", Title: "facebook"}},
		People: []Person{
			{Name: "Andy Cooper", Rank: "Sgt", Bio: "<p>Sergeant for the city centre.</p>", ContactDetails: Contacts{}},
			{Name: "Pat Hughes", Rank: "PCSO"},
		},
		Priorities: []Priority{
			{Issue: "<p>Shoplifting on Gallowtree Gate</p>", IssueDate: "2024-01-10T00:00:00"},
			{Issue: "<p>Cycling in the precinct</p>", IssueDate: "2023-10-01T00:00:00", Action: "<p>Patrols increased.</p>", ActionDate: "2023-12-01T00:00:00"},
		},
		Events: []Event{{Title: "Beat surgery", Description: "Drop in", Address: "Clock Tower", Type: "meeting",
			StartDate: "2024-02-01T10:00:00", EndDate: "2024-02-01T12:00:00", ContactDetails: Contacts{"email": "x@example.org"}}},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("got  %+v\nwant %+v", d, want)
	}
	if lat, ok := d.Centre.Latitude.Float(); !ok || lat != 52.6389 {
		t.Errorf("centre latitude = %v, %v", lat, ok)
	}
	if n, ok := d.Population.Int(); !ok || n != 0 {
		t.Errorf("population = %v, %v", n, ok)
	}
	if _, ok := d.Locations[0].Longitude.Float(); ok {
		t.Errorf("null longitude parsed as a number")
	}
}

func TestReadDetailsErrors(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{``, "not a JSON object"},
		{`null`, "not a JSON object"},
		{`[{"id": "x"}]`, "not a JSON object"},
		{`{"id": "x",}`, "at byte"},
		{`{"id": "x"`, "unexpected end"},
		{`{"people": {"message": "not found"}}`, "cannot unmarshal object"},
		{`{"population": true}`, "true is not a string or a number"},
		{`{"contact_details": ["a"]}`, "non-empty list"},
		{`{"contact_details": {"email": {"a": 1}}}`, "is not a string or a number"},
		{`{"id": "x"} {"id": "y"}`, "after top-level value"},
	} {
		_, err := ReadDetails(strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadDetails(%q): err = %v, want %q", tt.in, err, tt.want)
		}
	}
}

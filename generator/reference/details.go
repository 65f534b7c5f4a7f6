package reference

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxDetailsBytes bounds a details file; real ones are a few kilobytes.
const maxDetailsBytes = 16 << 20

// Details is what data.police.uk says about one neighbourhood: the API's
// neighbourhood object (/api/<force>/<id>) plus its answers for the team
// (people), priorities and events. Field names follow the API. Strings the
// API sends as null read as "". Description, bios, issues and actions are
// HTML, kept raw: the pages sanitise them.
type Details struct {
	ID                string             `json:"id"`
	Name              string             `json:"name"`
	Description       string             `json:"description"`
	URLForce          string             `json:"url_force"`
	URLBoundary       string             `json:"url_boundary"`
	WelcomeMessage    string             `json:"welcome_message"`
	Population        Number             `json:"population"`
	Centre            Centre             `json:"centre"`
	ContactDetails    Contacts           `json:"contact_details"`
	Links             []Link             `json:"links"`
	Locations         []Location         `json:"locations"`
	EngagementMethods []EngagementMethod `json:"engagement_methods"`
	People            []Person           `json:"people"`
	Priorities        []Priority         `json:"priorities"`
	Events            []Event            `json:"events"`
}

// Centre is the neighbourhood's centre point.
type Centre struct {
	Latitude  Number `json:"latitude"`
	Longitude Number `json:"longitude"`
}

// Link is a link the force publishes for the neighbourhood.
type Link struct {
	URL         string `json:"url"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// Location is a police station or other place to meet the team.
type Location struct {
	Name        string `json:"name"`
	Latitude    Number `json:"latitude"`
	Longitude   Number `json:"longitude"`
	Postcode    string `json:"postcode"`
	Address     string `json:"address"`
	Type        string `json:"type"`
	Description string `json:"description"`
}

// EngagementMethod is a way to reach the team (a survey, social media...).
type EngagementMethod struct {
	URL         string `json:"url"`
	Description string `json:"description"`
	Title       string `json:"title"`
}

// Person is a member of the neighbourhood team.
type Person struct {
	Name           string   `json:"name"`
	Rank           string   `json:"rank"`
	Bio            string   `json:"bio"`
	ContactDetails Contacts `json:"contact_details"`
}

// Priority is an issue the team works on, and what it did about it.
type Priority struct {
	Issue      string `json:"issue"`
	IssueDate  string `json:"issue-date"`
	Action     string `json:"action"`
	ActionDate string `json:"action-date"`
}

// Event is a meeting or other event the team holds.
type Event struct {
	Title          string   `json:"title"`
	Description    string   `json:"description"`
	Address        string   `json:"address"`
	Type           string   `json:"type"`
	StartDate      string   `json:"start_date"`
	EndDate        string   `json:"end_date"`
	ContactDetails Contacts `json:"contact_details"`
}

// ReadDetails reads one details file: a JSON object shaped like the API's
// neighbourhood object, with optional people, priorities and events.
// Unknown keys are ignored.
func ReadDetails(r io.Reader) (*Details, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxDetailsBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read details: %w", err)
	}
	if len(b) > maxDetailsBytes {
		return nil, fmt.Errorf("details larger than %d MiB", maxDetailsBytes>>20)
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if t := bytes.TrimSpace(b); len(t) == 0 || t[0] != '{' {
		return nil, errors.New("details are not a JSON object")
	}
	var d Details
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, jsonError(err)
	}
	return &d, nil
}

// Number is a number the API sends as a string ("population": "5000",
// "latitude": "52.63"). It also accepts a JSON number, since hand-made files
// write them so, and reads null as "".
type Number string

// UnmarshalJSON accepts a string, a number or null.
func (n *Number) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*n = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*n = Number(strings.TrimSpace(s))
	case len(b) > 0 && (b[0] == '-' || b[0] >= '0' && b[0] <= '9'):
		*n = Number(b)
	default:
		return fmt.Errorf("%s is not a string or a number", truncate(b))
	}
	return nil
}

// Float returns the number, and false when it is empty or not a number.
func (n Number) Float() (float64, bool) {
	f, err := strconv.ParseFloat(string(n), 64)
	return f, err == nil
}

// Int returns the number as an integer, and false when it is empty or not
// an integer.
func (n Number) Int() (int, bool) {
	i, err := strconv.Atoi(string(n))
	return i, err == nil
}

// Contacts maps a kind of contact ("email", "telephone", "twitter", ...) to
// its value, as the API's contact_details objects do. The API writes an
// empty object as [] in places, and null values; both read as absent.
type Contacts map[string]string

// UnmarshalJSON accepts an object of strings (numbers are kept as written),
// an empty array or null.
func (c *Contacts) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*c = nil
		return nil
	}
	if len(b) > 0 && b[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(b, &list); err != nil {
			return err
		}
		if len(list) > 0 {
			return errors.New("contact details are a non-empty list")
		}
		*c = nil
		return nil
	}
	// Number reads exactly what a value may be: a string, a number (a
	// telephone number written without quotes) or null.
	var m map[string]Number
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("contact details: %w", err)
	}
	out := make(Contacts, len(m))
	for k, v := range m {
		if v != "" {
			out[k] = string(v)
		}
	}
	*c = out
	return nil
}

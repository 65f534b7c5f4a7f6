package pages

import (
	"encoding/json"
	"html/template"
)

// datasetJSON describes an area's page as a schema.org Dataset, so search
// engines can list the data. json.Marshal escapes <, > and &, so the
// result is safe inside a script element.
func datasetJSON(in *Input, p *AreaPage, area, force string) template.JS {
	st := in.Store
	d := map[string]any{
		"@context":            "https://schema.org",
		"@type":               "Dataset",
		"name":                "Street-level crime in " + area,
		"description":         p.Description,
		"license":             "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
		"isAccessibleForFree": true,
		"creator":             map[string]string{"@type": "Organization", "name": force},
		"temporalCoverage":    st.First.String() + "/" + st.Last.String(),
		"spatialCoverage":     map[string]string{"@type": "Place", "name": area},
		"variableMeasured":    []string{"Crimes by category", "Latest outcomes", "Stops and searches"},
	}
	if p.Canonical != "" {
		d["url"] = p.Canonical
	}
	b, err := json.Marshal(d)
	if err != nil {
		return ""
	}
	return template.JS(b) //nolint:gosec // JSON from json.Marshal, HTML-escaped
}

package pages

import (
	"encoding/json"
	"html/template"
)

// dataset is a schema.org Dataset. Its fields are in the order of their
// names, as a map's keys would be, so the JSON is as it was when this was
// a map, without a map's cost on every area page.
type dataset struct {
	Context             string   `json:"@context"`
	Type                string   `json:"@type"`
	Creator             typed    `json:"creator"`
	Description         string   `json:"description"`
	InLanguage          string   `json:"inLanguage"`
	IsAccessibleForFree bool     `json:"isAccessibleForFree"`
	License             string   `json:"license"`
	Name                string   `json:"name"`
	SpatialCoverage     typed    `json:"spatialCoverage"`
	TemporalCoverage    string   `json:"temporalCoverage"`
	URL                 string   `json:"url,omitempty"`
	VariableMeasured    []string `json:"variableMeasured"`
}

// typed is a named thing of a schema.org type.
type typed struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// datasetJSON describes an area's page as a schema.org Dataset, in the
// page's language, so search engines can list the data. area and force
// are named as the page names them. json.Marshal escapes <, > and &, so
// the result is safe inside a script element.
func datasetJSON(in *Input, p *AreaPage, area, force string) template.JS {
	st := in.Store
	d := dataset{
		Context:             "https://schema.org",
		Type:                "Dataset",
		Name:                in.t("area.dataset.name", "area", area),
		Description:         p.Description,
		InLanguage:          p.Lang.Code,
		License:             "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
		IsAccessibleForFree: true,
		Creator:             typed{Type: "Organization", Name: force},
		TemporalCoverage:    st.First.String() + "/" + st.Last.String(),
		SpatialCoverage:     typed{Type: "Place", Name: area},
		VariableMeasured:    []string{in.t("area.dataset.categories"), in.t("area.dataset.outcomes"), in.t("area.dataset.stops")},
		URL:                 p.Canonical,
	}
	b, err := json.Marshal(d)
	if err != nil {
		return ""
	}
	return template.JS(b) //nolint:gosec // JSON from json.Marshal, HTML-escaped
}

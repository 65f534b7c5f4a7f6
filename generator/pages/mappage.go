package pages

import (
	"fmt"

	"github.com/crimemap/crimemap/generator/crime"
)

// MapPage is the interactive map.
type MapPage struct {
	Page
	Months     []MapMonth
	Categories []crime.CategoryInfo
	Boundaries string // the boundaries archive, from the root; "" for none
	Worker     string // MapLibre's worker script
	Style      string // a basemap style URL, or "" for the offline style
}

// MapMonth is a month the map can show.
type MapMonth struct {
	Month, Label, URL string
	Selected          bool
}

func mapPage(in *Input) MapPage {
	p := MapPage{Page: newPage(in, "map/index.html", "map"), Boundaries: in.Boundaries, Style: in.MapStyle}
	p.Description = "A map of street-level crime and stop and search, month by month."
	p.Breadcrumbs = []Link{{Text: "Home", Href: p.Root}}
	p.Scripts = []string{"map.js"}
	p.Styles = []string{"map.css"}
	for i := len(in.MapMonths) - 1; i >= 0; i-- {
		m := in.MapMonths[i]
		p.Months = append(p.Months, MapMonth{Month: m.String(), Label: m.Long(), URL: in.Tiles(m), Selected: i == len(in.MapMonths)-1})
	}
	for _, c := range crime.Categories() {
		if !c.Info().Retired {
			p.Categories = append(p.Categories, c.Info())
		}
	}
	if w, ok := in.Assets["worker.js"]; ok {
		p.Worker = p.Root + w
	}
	return p
}

// mapLink links an area's page to the map centred on the area.
func mapLink(root string, c [3]float64) string {
	if c == [3]float64{} {
		return ""
	}
	return fmt.Sprintf("%smap/#z=%.2f&ll=%.5f,%.5f", root, c[2], c[0], c[1])
}

// SearchPage finds an area by postcode or name.
type SearchPage struct{ Page }

func searchPage(in *Input) SearchPage {
	p := SearchPage{Page: newPage(in, "search/index.html", "home")}
	p.Description = "Find the crime figures for your area by postcode or place name."
	p.Breadcrumbs = []Link{{Text: "Home", Href: p.Root}}
	return p
}

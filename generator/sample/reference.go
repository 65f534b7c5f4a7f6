package sample

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/crimemap/crimemap/generator/crime"
)

// Reference data goes in <dir>/reference, laid out as docs/input.md
// describes: force and neighbourhood boundaries as police.uk KML,
// neighbourhood details in the data.police.uk API's shape, LSOA
// populations and postcodes. The transport police have no area, so no
// boundary or neighbourhoods.

// appendKML writes a police.uk-style KML Placemark: a Polygon, or a
// MultiGeometry of Polygons, with rings closed and vertices as lon,lat,0.
func appendKML(b []byte, name string, polys []polygon) []byte {
	b = append(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n<Placemark>\n<name>"...)
	b = appendXMLText(b, name)
	b = append(b, "</name>\n"...)
	if len(polys) > 1 {
		b = append(b, "<MultiGeometry>\n"...)
	}
	ringXML := func(b []byte, r ring) []byte {
		b = append(b, "<LinearRing><coordinates>"...)
		for i := 0; i <= len(r); i++ {
			v := r[i%len(r)]
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendCoord(b, cornerLon(int(v[0])))
			b = append(b, ',')
			b = appendCoord(b, cornerLat(int(v[1])))
			b = append(b, ",0"...)
		}
		return append(b, "</coordinates></LinearRing>"...)
	}
	for _, p := range polys {
		b = append(b, "<Polygon>\n<outerBoundaryIs>"...)
		b = ringXML(b, p.outer)
		b = append(b, "</outerBoundaryIs>\n"...)
		for _, h := range p.holes {
			b = append(b, "<innerBoundaryIs>"...)
			b = ringXML(b, h)
			b = append(b, "</innerBoundaryIs>\n"...)
		}
		b = append(b, "</Polygon>\n"...)
	}
	if len(polys) > 1 {
		b = append(b, "</MultiGeometry>\n"...)
	}
	return append(b, "</Placemark>\n</Document>\n</kml>\n"...)
}

func appendXMLText(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		default:
			b = append(b, s[i])
		}
	}
	return b
}

// forcePolygons returns a force's boundary.
func (w *world) forcePolygons(f *forceGeo) []polygon {
	fi := int16(f.idx)
	return tracePolygons(f.cells, func(c int32) bool { return w.owner[c] == fi })
}

// nbPolygons returns a neighbourhood's boundary.
func (w *world) nbPolygons(nbi int32) []polygon {
	return tracePolygons(w.nbs[nbi].cells, func(c int32) bool { return w.nbOf[c] == nbi })
}

// The data.police.uk API's neighbourhood object, with the answers of its
// people, priorities and events calls. Field order follows the API.
type (
	nbDetails struct {
		URLForce       string     `json:"url_force"`
		ContactDetails contacts   `json:"contact_details"`
		Name           string     `json:"name"`
		Links          []link     `json:"links"`
		Centre         centre     `json:"centre"`
		Locations      []location `json:"locations"`
		Description    *string    `json:"description"`
		URLBoundary    string     `json:"url_boundary"`
		Population     string     `json:"population"`
		ID             string     `json:"id"`
		WelshName      *string    `json:"welsh_name"`
		People         []person   `json:"people"`
		Priorities     []priority `json:"priorities"`
		Events         []nbEvent  `json:"events"`
	}
	contacts struct {
		Email     string `json:"email,omitempty"`
		Telephone string `json:"telephone,omitempty"`
		Twitter   string `json:"twitter,omitempty"`
		Facebook  string `json:"facebook,omitempty"`
		Website   string `json:"website,omitempty"`
	}
	link struct {
		URL         string  `json:"url"`
		Description *string `json:"description"`
		Title       string  `json:"title"`
	}
	centre struct {
		Latitude  string `json:"latitude"`
		Longitude string `json:"longitude"`
	}
	location struct {
		Name        string  `json:"name"`
		Longitude   *string `json:"longitude"`
		Postcode    string  `json:"postcode"`
		Address     string  `json:"address"`
		Latitude    *string `json:"latitude"`
		Type        string  `json:"type"`
		Description *string `json:"description"`
	}
	person struct {
		Bio            *string  `json:"bio"`
		ContactDetails contacts `json:"contact_details"`
		Name           string   `json:"name"`
		Rank           string   `json:"rank"`
	}
	priority struct {
		Action     *string `json:"action"`
		IssueDate  string  `json:"issue-date"`
		ActionDate *string `json:"action-date"`
		Issue      string  `json:"issue"`
	}
	nbEvent struct {
		ContactDetails contacts `json:"contact_details"`
		Description    *string  `json:"description"`
		Title          string   `json:"title"`
		Address        string   `json:"address"`
		Type           string   `json:"type"`
		StartDate      string   `json:"start_date"`
		EndDate        *string  `json:"end_date"`
	}
)

func ptr(s string) *string { return &s }

var welshLocal = map[string]string{"Central": "Canol", "North": "Gogledd", "South": "De", "East": "Dwyrain", "West": "Gorllewin"}

var priorityIssues = []string{
	"Anti-social behaviour in and around %s",
	"Speeding vehicles on %s",
	"Drug dealing near %s",
	"Shoplifting from stores on %s",
	"Off-road bikes causing a nuisance near %s",
	"Parking &amp; obstruction on %s",
}

// details builds a neighbourhood's details. Not every neighbourhood has
// every part: some lack a description, a team, priorities or events, as
// on police.uk.
func (g *gen) details(nbi int32, li int) nbDetails {
	w := g.w
	nb := w.nbs[nbi]
	f := w.forces[nb.force]
	s := f.plan.spec
	r := newRand(w.seed, "details", nb.force, li)
	domain := s.Slug + ".police.example"
	local := slugify(nb.name)
	street := func() string {
		for range 20 {
			if len(nb.snaps) == 0 {
				break
			}
			if n := w.snaps[nb.snaps[r.IntN(len(nb.snaps))]].name; n != "" {
				return n
			}
		}
		return nb.town + " High Street"
	}
	d := nbDetails{
		URLForce: "https://www." + domain + "/your-area/" + local,
		ContactDetails: contacts{
			Email:     local + "@" + domain,
			Telephone: "101",
		},
		Name:        nb.name,
		Links:       []link{},
		Centre:      centre{Latitude: strconv.FormatFloat(nb.lat, 'f', 5, 64), Longitude: strconv.FormatFloat(nb.lon, 'f', 5, 64)},
		Locations:   []location{},
		URLBoundary: "",
		Population:  strconv.Itoa(nb.pop),
		ID:          nb.id,
	}
	if r.IntN(3) > 0 {
		d.ContactDetails.Twitter = "https://twitter.example/" + strings.ReplaceAll(local, "-", "")
	}
	if r.IntN(7) > 0 {
		desc := fmt.Sprintf("<p>The %s neighbourhood team covers %s and the surrounding streets, including %s.</p><p>Shops &amp; services are centred on %s.</p>",
			nb.name, nb.town, street(), street())
		d.Description = &desc
	}
	if s.Country == 'W' {
		if wl, ok := welshLocal[strings.TrimPrefix(nb.name, nb.town+" ")]; ok {
			d.WelshName = ptr(wl + " " + nb.town)
		}
	}
	if r.IntN(2) == 0 {
		d.Links = append(d.Links, link{URL: "https://www." + domain + "/news/" + local, Title: "Local news"})
	}
	pcs := g.postcodes(nbi, li)
	if r.IntN(2) == 0 && len(pcs) > 0 {
		d.Locations = append(d.Locations, location{
			Name:     nb.town + " Police Station",
			Postcode: pcs[0].code,
			Address:  street() + ", " + nb.town,
			Type:     "station",
		})
		if r.IntN(2) == 0 {
			d.Locations[0].Longitude = ptr(strconv.FormatFloat(pcs[0].lon, 'f', 6, 64))
			d.Locations[0].Latitude = ptr(strconv.FormatFloat(pcs[0].lat, 'f', 6, 64))
		}
	}
	end := g.end
	date := func(m crime.Month, day, hour int) string {
		return fmt.Sprintf("%04d-%02d-%02dT%02d:00:00", m.Year(), m.Num(), day, hour)
	}
	switch r.IntN(5) {
	case 0: // the team is not published
	case 1:
		d.People = []person{}
	default:
		for k := range 1 + r.IntN(4) {
			p := person{Name: personName(r), Rank: ranks[min(k, len(ranks)-1)]}
			if r.IntN(2) == 0 {
				p.Bio = ptr(fmt.Sprintf("<p>%s has served in %s for %d years.</p>", p.Name, nb.town, 1+r.IntN(20)))
			}
			if r.IntN(3) == 0 {
				p.ContactDetails.Email = slugify(p.Name) + "@" + domain
			}
			d.People = append(d.People, p)
		}
	}
	d.Priorities = []priority{}
	if r.IntN(10) >= 3 {
		for range 1 + r.IntN(3) {
			p := priority{
				Issue:     "<p>" + fmt.Sprintf(priorityIssues[r.IntN(len(priorityIssues))], street()) + "</p>",
				IssueDate: date(end.Add(-r.IntN(6)), 1+r.IntN(28), 0),
			}
			if r.IntN(2) == 0 {
				p.Action = ptr("<p>Extra patrols at key times &amp; work with local partners.</p>")
				p.ActionDate = ptr(date(end, 1+r.IntN(28), 0))
			}
			d.Priorities = append(d.Priorities, p)
		}
	}
	d.Events = []nbEvent{}
	if r.IntN(2) == 0 {
		for range 1 + r.IntN(2) {
			day, hour := 1+r.IntN(28), 9+r.IntN(10)
			e := nbEvent{
				Title:     "Meet your local team",
				Address:   nb.town + " Library, " + street(),
				Type:      "meeting",
				StartDate: date(end, day, hour),
			}
			if r.IntN(3) > 0 {
				e.Description = ptr("<p>Drop in to raise concerns with your neighbourhood officers.</p>")
				e.EndDate = ptr(date(end, day, hour+1))
			}
			d.Events = append(d.Events, e)
		}
	}
	return d
}

// postcode is a full postcode inside a neighbourhood.
type postcode struct {
	code     string
	lon, lat float64
}

const inwardLetters = "ABDEFGHJLNPQRSTUWXYZ" // the letters real inward codes use

// postcodes returns a neighbourhood's postcodes. The outward code is the
// force's postcode area and a district number per neighbourhood, so codes
// are unique across the dataset.
func (g *gen) postcodes(nbi int32, li int) []postcode {
	nb := g.w.nbs[nbi]
	s := g.w.forces[nb.force].plan.spec
	r := newRand(g.w.seed, "postcodes", nb.force, li)
	area := s.Areas[li%len(s.Areas)]
	dn := li/len(s.Areas) + 1
	district := strconv.Itoa(dn)
	if dn > 99 {
		district = strconv.Itoa((dn-100)/26+1) + string(rune('A'+(dn-100)%26))
	}
	out := make([]postcode, 0, g.w.sc.postcode)
	for j := range g.w.sc.postcode {
		lon, lat := randomPointIn(r, nb)
		code := fmt.Sprintf("%s%s %d%c%c", area, district, j+1,
			inwardLetters[r.IntN(len(inwardLetters))], inwardLetters[r.IntN(len(inwardLetters))])
		out = append(out, postcode{code, lon, lat})
	}
	return out
}

// writeForceReference writes one force's boundary and its neighbourhoods'
// boundaries and details. It returns the files written and their bytes.
func (g *gen) writeForceReference(dir string, f *forceGeo, done func()) (files int, size int64, err error) {
	s := f.plan.spec
	put := func(rel string, data []byte) error {
		n, err := writeAtomic(dir, rel, func(bw *bufio.Writer) error {
			_, err := bw.Write(data)
			return err
		})
		files++
		size += n
		done()
		return err
	}
	if err := put("reference/forces/"+s.Slug+".kml", appendKML(nil, s.Name, g.w.forcePolygons(f))); err != nil {
		return files, size, err
	}
	var buf bytes.Buffer
	for li, nbi := range f.nbs {
		nb := g.w.nbs[nbi]
		base := "reference/neighbourhoods/" + s.Slug + "/" + nb.id
		if err := put(base+".kml", appendKML(nil, nb.name, g.w.nbPolygons(nbi))); err != nil {
			return files, size, err
		}
		buf.Reset()
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false) // the API returns its HTML fields unescaped
		enc.SetIndent("", "  ")
		if err := enc.Encode(g.details(nbi, li)); err != nil {
			return files, size, fmt.Errorf("encode %s: %w", base+".json", err)
		}
		if err := put(base+".json", buf.Bytes()); err != nil {
			return files, size, err
		}
	}
	return files, size, nil
}

// writePopulation writes reference/population.csv: every LSOA used, by code.
func (g *gen) writePopulation(bw *bufio.Writer) error {
	b := []byte("lsoacd,population\n")
	idx := make([]int, len(g.w.lsoas))
	for i := range idx {
		idx[i] = i
	}
	// Codes are numbered in order within each country; England then Wales.
	for _, country := range []byte{'E', 'W'} {
		for _, i := range idx {
			l := &g.w.lsoas[i]
			if l.code[0] != country {
				continue
			}
			b = append(b, l.code...)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(l.pop), 10)
			b = append(b, '\n')
		}
	}
	_, err := bw.Write(b)
	return err
}

// writeEthnicity writes reference/population-ethnicity.csv: residents by
// ethnic group for England's LSOAs only, so that a build shows stop-and-
// search rates by group for the English forces and, for the Welsh one, the
// counts alone with the note saying why. The shares vary from LSOA to LSOA
// by a fixed rule of its index, so the file is the same for every seed.
func (g *gen) writeEthnicity(bw *bufio.Writer) error {
	b := []byte("lsoacd,white,black,asian,mixed,other\n")
	for i := range g.w.lsoas {
		l := &g.w.lsoas[i]
		if l.code[0] != 'E' {
			continue
		}
		// Per mille: Black 10–49, Asian 20–99, Mixed 10–29, Other 5–14;
		// White the rest.
		black, asian, mixed, other := 10+i*7%40, 20+i*13%80, 10+i*3%20, 5+i%10
		part := func(pm int) int { return l.pop * pm / 1000 }
		white := l.pop - part(black) - part(asian) - part(mixed) - part(other)
		b = append(b, l.code...)
		for _, n := range []int{white, part(black), part(asian), part(mixed), part(other)} {
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(n), 10)
		}
		b = append(b, '\n')
	}
	_, err := bw.Write(b)
	return err
}

// writePostcodes writes reference/postcodes.csv.
func (g *gen) writePostcodes(bw *bufio.Writer) error {
	b := []byte("postcode,latitude,longitude\n")
	for _, f := range g.w.forces {
		for li, nbi := range f.nbs {
			for _, p := range g.postcodes(nbi, li) {
				b = append(b, p.code...)
				b = append(b, ',')
				b = appendCoord(b, p.lat)
				b = append(b, ',')
				b = appendCoord(b, p.lon)
				b = append(b, '\n')
			}
		}
	}
	_, err := bw.Write(b)
	return err
}

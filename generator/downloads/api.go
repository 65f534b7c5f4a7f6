package downloads

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/output"
	"github.com/crimemap/crimemap/generator/store"
)

// APIPath is the file that answers a live API path: "forces" →
// "api/forces.json". Append .json: a static host serves a file without an
// extension with the wrong type, and a path cannot be both a file and the
// folder of the paths below it.
func APIPath(live string) string { return "api/" + live + ".json" }

// APIFormatVersion changes whenever the same input would give different
// API files, so that no group of files is reused from an older build. It
// is apart from FormatVersion so that a change to the API alone does not
// make every archive again.
const APIFormatVersion = 3

// reservedForces are names of the API's top level that a force slug must
// not take, since its files would land in their folders.
var reservedForces = map[string]bool{
	"forces": true, "crime-categories": true, "crimes-street-dates": true, "crime-last-updated": true,
	"crimes-no-location": true, "stops-force": true, "stops-no-location": true,
}

// apiStats say what the API stage did.
type apiStats struct {
	files, linked int
	bytes         int64
	groups        []apiGroupKey
	reused        int
	skipped       []string
	parts         []Part
}

// marshal encodes v as JSON without HTML escaping: the values are not
// meant for a page, and the API's HTML descriptions stay readable. Struct
// fields keep their order, maps are sorted: the bytes depend on v alone.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// writeAPI writes every API file: the lists, which change with any data,
// then each force's areas and each force's months, which are reused from
// the previous site where their key says nothing changed.
func (res *Result) writeAPI(out *output.Dir) (apiStats, error) {
	var s apiStats
	start := time.Now()
	if err := res.apiLists(out, &s); err != nil {
		return s, fmt.Errorf("api: %w", err)
	}
	s.parts = append(s.parts, Part{"api lists", time.Since(start)})
	start = time.Now()
	// What places rows in neighbourhoods is part of both kinds of key.
	nbKeys := make([]string, len(res.in.Store.Forces))
	for _, f := range res.apiForces(&apiStats{}) {
		nbKeys[f] = res.neighbourhoodsKey(f)
	}
	groups := append(res.areaGroups(nbKeys), res.monthGroups(nbKeys)...)
	if err := res.runGroups(out, groups, &s); err != nil {
		return s, fmt.Errorf("api: %w", err)
	}
	s.parts = append(s.parts, Part{"api groups", time.Since(start)})
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
func (res *Result) apiLists(out *output.Dir, s *apiStats) error {
	st := res.in.Store
	put := func(rel string, v any) error {
		b, err := marshal(v)
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		s.files++
		s.bytes += int64(len(b))
		return out.Write(rel, b)
	}
	forces := []idName{}
	for _, f := range res.apiForces(s) {
		forces = append(forces, idName{st.Forces[f].Slug, st.Forces[f].Name})
	}
	if err := put(APIPath("forces"), forces); err != nil {
		return err
	}

	cats := []apiCategory{{"all-crime", "All crime"}}
	for _, c := range crime.Categories() {
		if c.Info().Retired && !res.hasCategory(c) {
			continue
		}
		cats = append(cats, apiCategory{c.Slug(), c.String()})
	}
	if err := put(APIPath("crime-categories"), cats); err != nil {
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
	if err := put(APIPath("crimes-street-dates"), dates); err != nil {
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
	return put(APIPath("crime-last-updated"), updated)
}

func (res *Result) hasCategory(c crime.Category) bool {
	for _, counts := range res.in.Agg.National.Crimes {
		if counts[c] > 0 {
			return true
		}
	}
	return false
}

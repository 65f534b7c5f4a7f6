package reference

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/paulmach/orb"
)

// readBoundary reads one area's boundary file, KML or GeoJSON by extension.
// A GeoJSON file's polygon features are merged into one shape; features
// without a polygon are ignored and listed in ignored, but any broken
// feature fails the file, since part of an area is worse than none.
func readBoundary(r io.Reader, ext string) (name string, shape orb.MultiPolygon, ignored []string, err error) {
	if ext == ".kml" {
		name, shape, err = ReadKML(r)
		return name, shape, nil, err
	}
	features, err := ReadGeoJSON(r)
	if err != nil {
		return "", nil, nil, err
	}
	for _, f := range features {
		switch {
		case errors.Is(f.Err, ErrNoPolygon):
			ignored = append(ignored, fmt.Sprintf("feature %d: %v", f.Index, f.Err))
			continue
		case f.Err != nil:
			return "", nil, nil, fmt.Errorf("feature %d: %w", f.Index, f.Err)
		}
		if name == "" {
			name = areaName(f.Properties)
		}
		shape = append(shape, f.Shape...)
	}
	if len(shape) == 0 {
		return "", nil, ignored, fmt.Errorf("geojson: %w", ErrNoPolygon)
	}
	return name, shape, ignored, nil
}

// areaName finds a feature's name: a "name" property, else ONS's names for
// force areas (PFA20NM and its successors), else any property whose key ends
// in "NM", the ONS convention, taken in key order so the choice is stable.
func areaName(props map[string]any) string {
	for _, k := range []string{"name", "Name", "NAME", "PFA20NM", "PFA21NM", "PFA23NM"} {
		if s := stringProp(props, k); s != "" {
			return s
		}
	}
	for _, k := range slices.Sorted(maps.Keys(props)) {
		if strings.HasSuffix(strings.ToLower(k), "nm") {
			if s := stringProp(props, k); s != "" {
				return s
			}
		}
	}
	return ""
}

// lsoaProps finds an LSOA feature's code and name: LSOA11CD/LSOA11NM,
// LSOA21CD/LSOA21NM, or any lsoa*cd/lsoa*nm key in any case.
func lsoaProps(props map[string]any) (code, name string) {
	code = firstProp(props, []string{"LSOA11CD", "LSOA21CD"}, "cd")
	name = firstProp(props, []string{"LSOA11NM", "LSOA21NM"}, "nm")
	return strings.ToUpper(code), name
}

func firstProp(props map[string]any, keys []string, suffix string) string {
	for _, k := range keys {
		if s := stringProp(props, k); s != "" {
			return s
		}
	}
	for _, k := range slices.Sorted(maps.Keys(props)) {
		l := strings.ToLower(k)
		if strings.HasPrefix(l, "lsoa") && strings.HasSuffix(l, suffix) {
			if s := stringProp(props, k); s != "" {
				return s
			}
		}
	}
	return ""
}

// stringProp returns a string property, trimmed, or "".
func stringProp(props map[string]any, key string) string {
	s, _ := props[key].(string)
	return strings.TrimSpace(s)
}

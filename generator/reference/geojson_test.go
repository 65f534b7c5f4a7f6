package reference

import (
	"errors"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestReadGeoJSON(t *testing.T) {
	sq := orb.Polygon{{{0, 50}, {1, 50}, {1, 51}, {0, 51}, {0, 50}}}
	type want struct {
		props map[string]any
		shape orb.MultiPolygon
		err   string // substring of the feature's Err
		noPol bool   // Err wraps ErrNoPolygon
	}
	tests := []struct {
		name    string
		in      string
		want    []want
		wantErr string
	}{
		{name: "feature collection, members in any order",
			in: `{"features": [
				{"type": "Feature", "properties": {"name": "A"}, "geometry": {"type": "Polygon", "coordinates": [[[0,50],[1,50],[1,51],[0,51],[0,50]]]}},
				{"geometry": {"coordinates": [[[[0,50],[1,50],[1,51],[0,51]]]], "type": "MultiPolygon"}, "type": "Feature", "properties": null, "id": 7}
			], "type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}}`,
			want: []want{{props: map[string]any{"name": "A"}, shape: orb.MultiPolygon{sq}}, {shape: orb.MultiPolygon{sq}}}},
		{name: "single feature with a hole and altitudes",
			in:   `{"type": "Feature", "properties": {"n": 1}, "geometry": {"type": "Polygon", "coordinates": [[[0,50,9],[1,50,9],[1,51,9],[0,51,9]], [[0.2,50.2],[0.4,50.2],[0.4,50.4]]]}}`,
			want: []want{{props: map[string]any{"n": 1.0}, shape: orb.MultiPolygon{{sq[0], {{0.2, 50.2}, {0.4, 50.2}, {0.4, 50.4}, {0.2, 50.2}}}}}}},
		{name: "bare geometry",
			in:   `{"type": "MultiPolygon", "coordinates": [[[[0,50],[1,50],[1,51],[0,51],[0,50]]], [[[0,50],[1,50],[1,51],[0,51],[0,50]]]]}`,
			want: []want{{shape: orb.MultiPolygon{sq, sq}}}},
		{name: "geometry collection keeps its polygons",
			in:   `{"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [0,50]}, {"type": "Polygon", "coordinates": [[[0,50],[1,50],[1,51],[0,51],[0,50]]]}]}`,
			want: []want{{shape: orb.MultiPolygon{sq}}}},
		{name: "other geometries and broken features",
			in: `{"type": "FeatureCollection", "features": [
				{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [0, 50]}},
				{"type": "Feature", "properties": {}, "geometry": null},
				{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[0,50],[1,50],[1,51],[0,91]]]}},
				{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[0,50],[1,null],[1,51],[0,50]]]}},
				{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[0,50],[1],[1,51],[0,50]]]}},
				{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[0,50],["1","2"],[1,51],[0,50]]]}},
				{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []}},
				{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[0,50],[1,50],[0,50]]]}},
				{"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": []}},
				{"type": "Feature", "properties": [1], "geometry": {"type": "Polygon", "coordinates": [[[0,50],[1,50],[1,51],[0,50]]]}},
				{"type": "Place", "geometry": {"type": "Polygon", "coordinates": [[[0,50],[1,50],[1,51],[0,50]]]}},
				{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": {"a": 1}}},
				{"type": "Feature", "geometry": {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [0,50]}]}},
				{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[0,50],null,[1,51],[0,52]]]}},
				{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [null]}},
				{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": null}},
				{"type": "Feature", "geometry": {"type": "MultiPolygon"}}
			]}`,
			want: []want{
				{props: map[string]any{}, err: `geometry type "Point"`, noPol: true},
				{props: map[string]any{}, err: "no geometry", noPol: true},
				{err: "outside longitude"},
				{err: "position [1,null] is not numbers"},
				{err: "fewer than 2 numbers"},
				{err: "is not numbers"},
				{err: "empty polygon"},
				{err: "ring has 2 positions"},
				{err: "empty multipolygon"},
				{err: "cannot unmarshal array"},
				{err: `type "Place" is not Feature`},
				{err: "cannot unmarshal object"},
				{err: "geometry collection: no polygon", noPol: true},
				{err: "position null is not an array"},
				{err: "ring has 0 positions"},
				{err: "empty polygon"},
				{err: "multipolygon without coordinates"},
			}},
		{name: "null features", in: `{"type": "FeatureCollection", "features": null}`},
		{name: "empty collection", in: `{"type": "FeatureCollection", "features": []}`},
		{name: "not an object", in: `[1, 2]`, wantErr: "not geojson"},
		{name: "no type", in: `{"a": 1}`, wantErr: "no type member"},
		{name: "unknown type", in: `{"type": "Topology"}`, wantErr: `type "Topology"`},
		{name: "syntax error", in: `{"type": "FeatureCollection", "features": [{"type": }]}`, wantErr: "at byte"},
		{name: "truncated", in: `{"type": "FeatureCollection", "features": [`, wantErr: "unexpected"},
		{name: "empty", in: ``, wantErr: "unexpected end of file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := ReadGeoJSON(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(fs) != len(tt.want) {
				t.Fatalf("%d features, want %d: %+v", len(fs), len(tt.want), fs)
			}
			for i, w := range tt.want {
				f := fs[i]
				if f.Index != i {
					t.Errorf("feature %d: Index = %d", i, f.Index)
				}
				if w.err != "" {
					if f.Err == nil || !strings.Contains(f.Err.Error(), w.err) {
						t.Errorf("feature %d: Err = %v, want %q", i, f.Err, w.err)
					}
					if errors.Is(f.Err, ErrNoPolygon) != w.noPol {
						t.Errorf("feature %d: errors.Is(%v, ErrNoPolygon) = %v", i, f.Err, !w.noPol)
					}
					if f.Shape != nil {
						t.Errorf("feature %d: shape %v with an error", i, f.Shape)
					}
					continue
				}
				if f.Err != nil {
					t.Errorf("feature %d: %v", i, f.Err)
				}
				if !orb.Equal(f.Shape, w.shape) {
					t.Errorf("feature %d: shape = %v, want %v", i, f.Shape, w.shape)
				}
				if len(f.Properties) != len(w.props) {
					t.Errorf("feature %d: properties = %v, want %v", i, f.Properties, w.props)
				}
				for k, v := range w.props {
					if f.Properties[k] != v {
						t.Errorf("feature %d: property %s = %v, want %v", i, k, f.Properties[k], v)
					}
				}
			}
		})
	}
}

func TestAreaName(t *testing.T) {
	for _, tt := range []struct {
		props map[string]any
		want  string
	}{
		{map[string]any{"name": "Kent", "PFA20NM": "Other"}, "Kent"},
		{map[string]any{"PFA20CD": "E23000001", "PFA20NM": "Metropolitan Police"}, "Metropolitan Police"},
		{map[string]any{"PFA23NM": " Gwent "}, "Gwent"},
		{map[string]any{"zzNM": "Z", "aaNm": "A", "bbCD": "B"}, "A"},
		{map[string]any{"name": 3}, ""},
		{nil, ""},
	} {
		if got := areaName(tt.props); got != tt.want {
			t.Errorf("areaName(%v) = %q, want %q", tt.props, got, tt.want)
		}
	}
}

func TestLSOAProps(t *testing.T) {
	for _, tt := range []struct {
		props      map[string]any
		code, name string
	}{
		{map[string]any{"LSOA11CD": "E01000001", "LSOA11NM": "City of London 001A"}, "E01000001", "City of London 001A"},
		{map[string]any{"LSOA21CD": "W01000001", "LSOA21NM": "Ynys Môn 001A"}, "W01000001", "Ynys Môn 001A"},
		{map[string]any{"lsoa21cd": "e01000002", "lsoa21nm": "x"}, "E01000002", "x"},
		{map[string]any{"code": "E01000003"}, "", ""},
	} {
		code, name := lsoaProps(tt.props)
		if code != tt.code || name != tt.name {
			t.Errorf("lsoaProps(%v) = %q, %q; want %q, %q", tt.props, code, name, tt.code, tt.name)
		}
	}
}

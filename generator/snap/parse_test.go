package snap

import (
	"slices"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/csvread"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

func TestMicro(t *testing.T) {
	good := map[string]store.Micro{"-0.107682": -107_682, "53.5": 53_500_000, "1": 1_000_000, "-1.0000005": -1_000_001,
		"+2.25": 2_250_000, ".5": 500_000, "0.0000004": 0}
	for in, want := range good {
		got, ok := store.ParseMicro([]byte(in))
		if !ok || got != want {
			t.Errorf("ParseMicro(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "-", "abc", "1e5", "NaN", "1.2.3", "1234.5", " 1.5"} {
		if _, ok := store.ParseMicro([]byte(in)); ok {
			t.Errorf("ParseMicro(%q) accepted", in)
		}
	}
	for v, want := range map[store.Micro]string{-107_682: "-0.107682", 53_500_000: "53.500000", 0: "0.000000", -1: "-0.000001", 1_900_000: "1.900000"} {
		if got := string(appendMicro(nil, v)); got != want {
			t.Errorf("appendMicro(%d) = %q, want %q", v, got, want)
		}
	}
}

const gazHead = "id,longitude,latitude,name,addresses,kind\n"

func TestReadGazetteer(t *testing.T) {
	tests := []struct {
		name   string
		rows   string
		ids    []string
		reason validate.Reason
		line   int
	}{
		{"good", "b,-1.5,53.5,High Street,12,street\na,-1.4,53.5,\"Tesco, Main Road\",0,Supermarket\n", []string{"a", "b"}, "", 0},
		{"wrong columns", "a,-1.5,53.5,High Street,12\n", nil, validate.ColumnCount, 2},
		{"empty id", " ,-1.5,53.5,High Street,12,street\n", nil, MissingID, 2},
		{"bad longitude", "a,west,53.5,High Street,12,street\n", nil, validate.BadCoordinates, 2},
		{"swapped", "a,53.5,-1.5,High Street,12,street\n", nil, validate.BadCoordinates, 2},
		{"outside", "a,-20.5,53.5,High Street,12,street\n", nil, validate.OutsideUK, 2},
		{"bad addresses", "a,-1.5,53.5,High Street,many,street\n", nil, BadAddresses, 2},
		{"negative addresses", "a,-1.5,53.5,High Street,-3,street\n", nil, BadAddresses, 2},
		{"bad kind", "a,-1.5,53.5,High Street,3,shop/mall\n", nil, BadKind, 2},
		{"duplicate", "a,-1.5,53.5,High Street,12,street\nb,-1.5,53.5,X,1,street\na,-1.6,53.5,Low Street,12,street\n", []string{"a", "b"}, DuplicateID, 4},
		{"bad encoding", "a,-1.5,53.5,High \xff,12,street\n", nil, validate.BadEncoding, 2},
		{"bad quote", "a,-1.5,53.5,High \"St\",12,street\n", nil, validate.BadCSV, 2},
	}
	for _, tt := range tests {
		rep := validate.NewReport()
		g, err := ReadGazetteer(strings.NewReader(gazHead+tt.rows), "g.csv", rep)
		if tt.ids == nil {
			if err == nil {
				t.Errorf("%s: no error for a gazetteer with no usable points", tt.name)
			}
		} else {
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			var ids []string
			for _, p := range g.Points {
				ids = append(ids, p.ID)
			}
			if !slices.Equal(ids, tt.ids) {
				t.Errorf("%s: ids %v, want %v", tt.name, ids, tt.ids)
			}
		}
		ex := rep.Examples()
		switch {
		case tt.reason == "" && len(ex) > 0:
			t.Errorf("%s: problems %v", tt.name, ex)
		case tt.reason != "" && (len(ex) != 1 || ex[0].Reason != tt.reason || ex[0].Line != tt.line || ex[0].File != "g.csv"):
			t.Errorf("%s: problems %v, want %s on line %d", tt.name, ex, tt.reason, tt.line)
		}
	}
	g, _ := ReadGazetteer(strings.NewReader(gazHead+tests[0].rows), "g.csv", nil)
	if p := g.Points[0]; p.Kind != "supermarket" || p.Name != "Tesco, Main Road" || !p.Key() || p.Lon != -1_400_000 {
		t.Errorf("parsed %+v", p)
	}
	if i, ok := g.Find([]byte("b")); !ok || i != 1 {
		t.Errorf("Find(b) = %d %v", i, ok)
	}
	if _, ok := g.Find([]byte("c")); ok {
		t.Error("Find(c) found something")
	}
	for _, bad := range []string{"", "id,lon,lat,name,addresses,kind\n", "id,longitude,latitude\n"} {
		if _, err := ReadGazetteer(strings.NewReader(bad), "g.csv", nil); err == nil {
			t.Errorf("header %q accepted", bad)
		}
	}
	// A BOM and other capitals in the header are forgiven.
	if _, err := ReadGazetteer(strings.NewReader("\xef\xbb\xbfID,Longitude,Latitude,Name,Addresses,Kind\na,-1.5,53.5,X,9,street\n"), "g.csv", nil); err != nil {
		t.Error(err)
	}
}

func FuzzReadGazetteer(f *testing.F) {
	f.Add(gazHead + "a,-1.5,53.5,High Street,12,street\n")
	f.Add(gazHead + "a,-1.5,53.5,\"X, Y\",0,supermarket\nb,1,1,,1,street\n")
	f.Fuzz(func(t *testing.T, in string) {
		g, err := ReadGazetteer(strings.NewReader(in), "g.csv", nil)
		if err != nil {
			return
		}
		if _, err := New(g, DefaultRules()); err != nil && err != ErrNoSnapPoints {
			t.Fatalf("a gazetteer read without error gives %v", err)
		}
	})
}

// The fast way of keeping a row's columns, copying runs of the line, gives
// the same bytes as formatting field by field.
func FuzzKeep(f *testing.F) {
	f.Add("id,2025-01,A,A,-1.5,53.5,x,E01,Town 001A,Burglary,,,\n")
	f.Add(",2025-01,A,A,,,,,,Drugs,Under investigation,ctx,p1\r\n")
	f.Add("id,2025-01,A,A,-1.5,53.5,x,E01,\"Town, Other 001A\",Burglary,,,\n")
	f.Fuzz(func(t *testing.T, line string) {
		rd := csvread.New(strings.NewReader(line))
		rec, err := rd.Read()
		if err != nil || len(rec) != len(ExactHeader) {
			return
		}
		var fast, slow worker
		var r1, r2 row
		fast.keep(&r1, rec, rd.Raw(), rd.Plain())
		slow.keep(&r2, rec, rd.Raw(), false)
		if string(fast.arena) != string(slow.arena) || r1 != r2 {
			t.Fatalf("%q: kept %q %+v, field by field %q %+v", line, fast.arena, r1, slow.arena, r2)
		}
	})
}

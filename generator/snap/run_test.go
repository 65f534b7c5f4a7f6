package snap

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

const exactHead = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context,Journey end station\n"

const testGazetteer = gazHead +
	"s1,-1.500000,53.500000,High Street,40,street\n" +
	"s2,-1.500000,53.500500,Quiet Lane,3,street\n" +
	"s3,-1.490000,53.500000,\"Mill Road, East\",12,street\n" +
	"k1,-1.480000,53.500000,Bigmart Kendal,0,supermarket\n" +
	"k2,-0.100000,51.500000,London Central,0,station\n"

func TestRun(t *testing.T) {
	in := buildtest.Files(t, map[string]string{
		"gazetteer.csv": testGazetteer,
		"2025-01/2025-01-t-exact.csv": exactHead +
			"id1,2025-01,T Police,T Police,-1.500100,53.500100,12 High St,E01000001,Testtown 001A,Burglary,Under investigation,,\n" +
			"id2,2025-01,T Police,T Police,-1.500000,53.500450,3 Quiet Lane,E01000001,Testtown 001A,Robbery,,,\n" +
			",2025-01,T Police,T Police,-1.481000,53.500000,,E01000002,\"Town, Other 002B\",Shoplifting,,,\n" +
			"id4,2025-01,T Police,T Police,,,,,,Drugs,,,\n" +
			"id5,2025-01,T Police,T Police,1.800000,60.800000,offshore,,,Other crime,,,\n" +
			"id6,2025-01,T Police,T Police,-1.500000,53.500000,exactly,E01000001,Testtown 001A,Burglary,,,\n" +
			"id7,2025-01,T Police,T Police,-1.300000,53.600000,on a train,,,Theft from the person,,,k2\n" +
			"bad1,2025-01,T Police,T Police,abc,53.5,,,,Burglary,,,\n" +
			"bad2,2024-12,T Police,T Police,-1.5,53.5,,,,Burglary,,,\n" +
			"bad3,2025-01,T Police,T Police,-1.5,53.5\n" +
			"id8,2025-01,T Police,T Police,-1.490100,53.500000,,,,Burglary,,,nowhere\n",
		"2025-01/2025-01-u-exact.csv": strings.Join(StreetHeader, ",") + "\r\n" +
			"u1,2025-01,U Police,U Police,-1.489900,53.500000,,E01000003,Utown 001A,Burglary,,\r\n",
		"2025-01/2025-01-u-street.csv": "not mine\n",
		"notes.txt":                    "ignored\n",
	})
	out := filepath.Join(t.TempDir(), "out")
	rep, err := Run(Config{In: in, Out: out, Rules: DefaultRules()})
	if err != nil {
		t.Fatal(err)
	}
	published := buildtest.Open(t, out)
	got := published.Tree()
	wantT := strings.Join(StreetHeader, ",") + "\n" +
		"id1,2025-01,T Police,T Police,-1.500000,53.500000,On or near High Street,E01000001,Testtown 001A,Burglary,Under investigation,\n" +
		"id2,2025-01,T Police,T Police,-1.500000,53.500000,On or near High Street,E01000001,Testtown 001A,Robbery,,\n" +
		",2025-01,T Police,T Police,-1.480000,53.500000,On or near Supermarket,E01000002,\"Town, Other 002B\",Shoplifting,,\n" +
		"id4,2025-01,T Police,T Police,,,No Location,,,Drugs,,\n" +
		"id5,2025-01,T Police,T Police,,,No Location,,,Other crime,,\n" +
		"id6,2025-01,T Police,T Police,-1.500000,53.500000,On or near High Street,E01000001,Testtown 001A,Burglary,,\n" +
		"id7,2025-01,T Police,T Police,-0.100000,51.500000,On or near Railway Station,,,Theft from the person,,\n" +
		"id8,2025-01,T Police,T Police,-1.490000,53.500000,\"On or near Mill Road, East\",,,Burglary,,\n"
	if g := string(got["2025-01/2025-01-t-street.csv"]); g != wantT {
		t.Errorf("t street file:\n%s\nwant\n%s", g, wantT)
	}
	wantU := strings.Join(StreetHeader, ",") + "\n" +
		"u1,2025-01,U Police,U Police,-1.490000,53.500000,\"On or near Mill Road, East\",E01000003,Utown 001A,Burglary,,\n"
	if g := string(got["2025-01/2025-01-u-street.csv"]); g != wantU {
		t.Errorf("u street file:\n%s\nwant\n%s", g, wantU)
	}
	for name := range got {
		if strings.HasSuffix(name, ".tmp") {
			t.Errorf("temporary file %s left", name)
		}
	}

	tot := rep.Total
	if tot.Records != 9 || tot.Snapped != 6 || tot.PastIneligible != 1 || tot.AtKeyLocation != 1 || tot.Stayed != 1 ||
		tot.Train != 1 || tot.Unmapped != 1 || tot.NoLocation != 1 || tot.Excluded != 3 {
		t.Errorf("totals %+v", tot)
	}
	// High Street has 4 records, Mill Road 2 (one from each force), the
	// supermarket and the station 1 each.
	if tot.Points != 4 || tot.MinPerPoint != 1 || tot.SinglePoints != 2 {
		t.Errorf("points %+v", tot)
	}
	if len(rep.Forces) != 2 || rep.Forces[0].Force != "t" || rep.Forces[1].MinPerPoint != 1 || rep.Forces[0].Points != 4 {
		t.Errorf("forces %+v", rep.Forces)
	}
	if rep.Gazetteer.Points != 5 || rep.Gazetteer.SnapPoints != 4 || rep.Gazetteer.NeverUsed != 1 || rep.Gazetteer.KeyLocations != 2 {
		t.Errorf("gazetteer %+v", rep.Gazetteer)
	}
	d := rep.Displacement
	// Moves: 0 m (id6), about 7 m (u1, id8), 13 m (id1), 50 m (id2), 66 m (id3).
	if d.Records != 6 || d.Buckets[0].Count != 1 || d.Buckets[1].Count != 3 || d.Buckets[2].Count != 2 ||
		d.Max != 66.1 || d.P50 != 7 || d.P90 != 67 {
		t.Errorf("displacement %+v", d)
	}
	reasons := map[string]int{}
	for _, e := range rep.Examples {
		reasons[fmt.Sprintf("%s:%d %s", e.File, e.Line, e.Reason)]++
	}
	for _, want := range []string{
		"2025-01/2025-01-t-exact.csv:9 bad-coordinates", "2025-01/2025-01-t-exact.csv:10 month-mismatch",
		"2025-01/2025-01-t-exact.csv:11 wrong-column-count", "2025-01/2025-01-t-exact.csv:12 unknown-station",
		"2025-01/2025-01-u-street.csv:0 bad-file-name",
	} {
		if reasons[want] != 1 {
			t.Errorf("no problem %s in %v", want, reasons)
		}
	}
	if len(rep.Examples) != 5 || rep.Warnings != 2 {
		t.Errorf("%d problems, %d warnings: %v", len(rep.Examples), rep.Warnings, rep.Examples)
	}

	// The reports are written, and the JSON one is the Report.
	var back struct {
		Total        Counts
		Displacement Displacement
	}
	if err := json.Unmarshal(got[ReportJSON], &back); err != nil {
		t.Fatal(err)
	}
	if back.Total != rep.Total || back.Displacement.P99 != rep.Displacement.P99 {
		t.Errorf("JSON report %+v", back.Total)
	}
	published.AssertFile(ReportText, "at least 8 postal addresses", "past a nearer street with too few addresses", "2025-01", "unknown-station")

	// Strict: the problems fail the run and nothing is published.
	strictOut := filepath.Join(t.TempDir(), "strict")
	if _, err := Run(Config{In: in, Out: strictOut, Rules: DefaultRules(), Strict: true}); !errors.Is(err, ErrData) {
		t.Errorf("strict run: %v", err)
	}
	if _, err := os.Stat(strictOut); err == nil {
		t.Errorf("strict run left %s: %q", strictOut, buildtest.Open(t, strictOut).Tree())
	}
}

func TestRunErrors(t *testing.T) {
	gaz := map[string]string{"gazetteer.csv": testGazetteer}
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no gazetteer", map[string]string{"2025-01/2025-01-t-exact.csv": exactHead}, "gazetteer"},
		{"no files", gaz, "no exact-location files"},
		{"bad gazetteer header", map[string]string{"gazetteer.csv": "id,x\n"}, "header"},
		{"no snap points", map[string]string{"gazetteer.csv": gazHead + "a,-1.5,53.5,X,1,street\n",
			"2025-01/2025-01-t-exact.csv": exactHead}, "no gazetteer point is a snap point"},
	}
	for _, tt := range tests {
		in := buildtest.Files(t, tt.files)
		_, err := Run(Config{In: in, Out: t.TempDir(), Rules: DefaultRules()})
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "snap: ") {
			t.Errorf("%s: %v, want an error about %q", tt.name, err, tt.want)
		}
	}
	// A file with a bad header is left out and reported; the run goes on.
	in := buildtest.Files(t, map[string]string{"gazetteer.csv": testGazetteer,
		"2025-01/2025-01-t-exact.csv": "Crime ID,Month\n", "2025-02/2025-02-t-exact.csv": exactHead,
		"2025-02/2025-03-t-exact.csv": exactHead})
	out := t.TempDir()
	rep, err := Run(Config{In: in, Out: out, Rules: DefaultRules()})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Files != 1 || len(rep.Examples) != 2 || rep.Examples[1].Reason != validate.BadHeader || rep.Examples[0].Reason != validate.BadFileName {
		t.Errorf("files %d, problems %v", rep.Files, rep.Examples)
	}
	if _, err := os.Stat(filepath.Join(out, "2025-01", "2025-01-t-street.csv")); err == nil {
		t.Error("a file with a bad header was published")
	}
}

// randomInput writes a random gazetteer and exact files for the run tests
// and benchmarks.
func randomInput(t testing.TB, r *rand.Rand, points, files, rows int) (string, *Gazetteer) {
	g := randomGazetteer(r, points)
	var b bytes.Buffer
	b.WriteString(gazHead)
	for _, p := range g.Points {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%d,%s\n", p.ID, appendMicro(nil, p.Lon), appendMicro(nil, p.Lat), p.Name, p.Addresses, p.Kind)
	}
	tree := map[string]string{"gazetteer.csv": b.String()}
	var stations []string
	for _, p := range g.Points {
		if p.Kind == "station" {
			stations = append(stations, p.ID)
		}
	}
	for f := range files {
		month := fmt.Sprintf("2025-%02d", 1+f%12)
		force := fmt.Sprintf("force-%d", f)
		b.Reset()
		b.WriteString(exactHead)
		for i := range rows {
			lon, lat := randomQuery(r, g)
			station := ""
			if len(stations) > 0 && r.IntN(50) == 0 {
				station = stations[r.IntN(len(stations))]
			}
			loc := string(appendMicro(nil, lon)) + "," + string(appendMicro(nil, lat))
			if r.IntN(60) == 0 {
				loc = ","
			}
			fmt.Fprintf(&b, "%016x%048x,%s,Force %d,Force %d,%s,,E01%06d,\"Place, %d\",Burglary,Under investigation,,%s\n",
				r.Uint64(), i, month, f, f, loc, r.IntN(1000), r.IntN(99), station)
		}
		tree[month+"/"+month+"-"+force+"-exact.csv"] = b.String()
	}
	return buildtest.Files(t, tree), g
}

// TestRunProperties snaps random files and checks every published row
// against a brute-force reading of the rules, and that runs with one and
// many workers give the same bytes.
func TestRunProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	in, g := randomInput(t, r, 3000, 6, 700)
	rules := DefaultRules()
	rules.MaxDistance = 5000
	out1, out2 := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if _, err := Run(Config{In: in, Out: out1, Rules: rules, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(Config{In: in, Out: out2, Rules: rules, Workers: 4}); err != nil {
		t.Fatal(err)
	}
	a, b := buildtest.Open(t, out1).Tree(), buildtest.Open(t, out2).Tree()
	if len(a) != 8 {
		t.Fatalf("%d files written", len(a))
	}
	for name, body := range a {
		if !bytes.Equal(b[name], body) {
			t.Errorf("%s differs between a run on one worker and on four", name)
		}
	}
	s, err := New(g, rules)
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]int32{} // "lon,lat" → eligible point, the first by id where several share a place
	for i := range g.Points {
		k := string(appendMicro(nil, g.Points[i].Lon)) + "," + string(appendMicro(nil, g.Points[i].Lat))
		if _, dup := at[k]; !dup && s.Eligible(int32(i)) {
			at[k] = int32(i)
		}
	}
	inputs := buildtest.Open(t, in).Tree()
	checked := 0
	for name, body := range a {
		if !strings.HasSuffix(name, "-street.csv") {
			continue
		}
		pub, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		exact, err := csv.NewReader(bytes.NewReader(inputs[strings.TrimSuffix(name, "-street.csv")+"-exact.csv"])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(pub) != len(exact) {
			t.Fatalf("%s: %d rows for %d", name, len(pub), len(exact))
		}
		for i := 1; i < len(pub); i++ {
			row, ex := pub[i], exact[i]
			if row[0] != ex[0] || row[9] != ex[9] {
				t.Fatalf("%s:%d: row %q for %q", name, i+1, row, ex)
			}
			var want Placement
			station := int32(-1)
			if ex[12] != "" {
				station, _ = g.Find([]byte(ex[12]))
			}
			if ex[4] == "" {
				want = s.Place(0, 0, false, station)
			} else {
				lon, _ := store.ParseMicro([]byte(ex[4]))
				lat, _ := store.ParseMicro([]byte(ex[5]))
				if station >= 0 {
					want = Placement{Point: station, Status: Train}
				} else {
					want = brute(s, lon, lat)
				}
			}
			if !want.Mapped() {
				if row[4] != "" || row[6] != "No Location" || row[7] != "" {
					t.Fatalf("%s:%d: %q, want No Location", name, i+1, row)
				}
				continue
			}
			if _, ok := at[row[4]+","+row[5]]; !ok {
				t.Fatalf("%s:%d: %s,%s is not a snap point", name, i+1, row[4], row[5])
			}
			wp := g.Points[want.Point]
			if row[4] != string(appendMicro(nil, wp.Lon)) || row[5] != string(appendMicro(nil, wp.Lat)) || row[6] != s.Description(want.Point) {
				t.Fatalf("%s:%d: at %s,%s (%s), want %s", name, i+1, row[4], row[5], row[6], wp.ID)
			}
			checked++
		}
	}
	if checked < 2000 {
		t.Errorf("only %d mapped rows checked", checked)
	}
}

func TestDistance(t *testing.T) {
	// One degree of latitude on the mean sphere, and London to Manchester.
	if d := Distance(0, 50_000_000, 0, 51_000_000); d < 111_194 || d > 111_196 {
		t.Errorf("one degree: %v m", d)
	}
	if d := Distance(-127_758, 51_507_351, -2_244_644, 53_483_959); d < 262_000 || d > 264_000 {
		t.Errorf("London to Manchester: %v m", d)
	}
	var _ store.Micro
}

package site

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
	"github.com/crimemap/crimemap/generator/sample"
)

// TestBuildSample builds the small sample and checks that the build report
// finds exactly the bad rows the sample planted, and the missing months.
func TestBuildSample(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sample")
	sum, err := sample.Generate(data, sample.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(Config{Assets: assetsDir, Data: data, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if want := sum.StreetRows + sum.OutcomeRows + sum.StopRows + sum.BadRows; res.Load.Rows != want {
		t.Errorf("read %d rows, the sample wrote %d", res.Load.Rows, want)
	}
	if res.Load.Excluded != sum.BadRows || res.Forces != sum.Forces {
		t.Errorf("excluded %d rows of %d forces, the sample planted %d bad rows in %d forces",
			res.Load.Excluded, res.Forces, sum.BadRows, sum.Forces)
	}
	planted, err := sample.Planted(sample.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, b := range planted {
		want = append(want, b.File+":"+strconv.Itoa(b.Line))
	}
	var rep struct {
		Examples []struct {
			File   string
			Line   int
			Reason string
		}
		Missing []struct{ Force, Month string }
	}
	if err := json.Unmarshal([]byte(read(t, filepath.Join(out, "data", "build-report.json"))), &rep); err != nil {
		t.Fatal(err)
	}
	for _, e := range rep.Examples {
		if e.Reason != "missing-month" {
			got = append(got, e.File+":"+strconv.Itoa(e.Line))
		}
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("report found\n%v\nplanted\n%v", got, want)
	}
	if len(rep.Missing) != 2 || rep.Missing[0].Force != "greater-manchester" {
		t.Errorf("missing months %+v, want Greater Manchester's two", rep.Missing)
	}
	gm := buildtest.Text(read(t, filepath.Join(out, "forces", "greater-manchester", "index.html")))
	if !strings.Contains(gm, "No data was published for May 2025, June 2025") {
		t.Errorf("Greater Manchester page does not name its missing months")
	}
	// Boundaries from the reference folder give every neighbourhood a page.
	nb := read(t, filepath.Join(out, "forces", "cumbria", "index.html"))
	if strings.Count(nb, `<th scope="row" class="govuk-table__header"><a class="govuk-link" href=`) < 5 {
		t.Errorf("cumbria lists few neighbourhoods")
	}
}

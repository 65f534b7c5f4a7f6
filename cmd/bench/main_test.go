package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/sample"
)

// TestMain lets the test binary be the bench's child process, as the bench
// binary is its own.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(child(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestBench runs the benchmark on a few months of the small sample and
// checks what it reports, not how fast: every build, every stage, and
// figures that agree with the data.
func TestBench(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	sum, err := sample.Generate(data, sample.Options{Months: 3, ExactMonths: -1})
	if err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(t.TempDir(), "work")
	jsonPath := filepath.Join(t.TempDir(), "bench.json")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--data", data, "--work", work, "--json", jsonPath, "--assets", "../../assets"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	b, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var f Figures
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Builds) != 5 || f.Builds[0].Name != "full" || f.Builds[1].Name != "monthly" || f.Builds[2].Name != "unchanged" ||
		f.Builds[3].Name != "rolling" || f.Builds[4].Name != floorBuild {
		t.Fatalf("builds %+v, want full, monthly, unchanged, rolling and the latest month alone", f.Builds)
	}
	full, monthly, again, rolling, lone := f.Builds[0], f.Builds[1], f.Builds[2], f.Builds[3], f.Builds[4]
	// Rolling: the first month gone and the latest added, so the middle
	// month's archive is reused and the latest's written; some of the
	// input comes from the cache, the latest month's does not.
	if rolling.Months != 2 || rolling.TilesBuilt != 1 || rolling.TilesKept != 1 || rolling.Records >= full.Records ||
		rolling.Cached == 0 || rolling.Cached >= rolling.Files {
		t.Errorf("rolling build: %d months, %d archives written and %d reused, %d records of %d, %d of %d files from the cache",
			rolling.Months, rolling.TilesBuilt, rolling.TilesKept, rolling.Records, full.Records, rolling.Cached, rolling.Files)
	}
	if full.Records != sum.StreetRows+sum.OutcomeRows+sum.StopRows+sum.BadRows || monthly.Records != full.Records {
		t.Errorf("records %d and %d, want the sample's %d", full.Records, monthly.Records, sum.StreetRows+sum.OutcomeRows+sum.StopRows+sum.BadRows)
	}
	if full.Cached != 0 || monthly.Cached == 0 || monthly.Cached >= monthly.Files {
		t.Errorf("files from the cache: full %d, monthly %d of %d", full.Cached, monthly.Cached, monthly.Files)
	}
	if full.TilesBuilt != 3 || monthly.TilesBuilt != 1 || monthly.TilesKept != 2 || lone.TilesBuilt != 1 {
		t.Errorf("tile archives: full wrote %d, monthly wrote %d and reused %d, the month alone wrote %d",
			full.TilesBuilt, monthly.TilesBuilt, monthly.TilesKept, lone.TilesBuilt)
	}
	// Nothing new: the build checks and stops, reading nothing.
	if len(again.Stages) != 1 || again.Stages[0].Name != "unchanged" || again.Files != 0 || again.Records != full.Records || again.Pages != full.Pages {
		t.Errorf("unchanged build: stages %+v, %d input files read, %d records, %d pages", again.Stages, again.Files, again.Records, again.Pages)
	}
	for _, b := range []Build{full, monthly, rolling, lone} {
		var names []string
		for _, s := range b.Stages {
			names = append(names, s.Name)
			if held := slices.Contains(heldAfter, s.Name); held != (s.LiveMiB > 0) || s.LiveMiB > s.PeakMiB {
				t.Errorf("%s %s: live heap %.1f MiB, peak %.1f MiB", b.Name, s.Name, s.LiveMiB, s.PeakMiB)
			}
		}
		if got := strings.Join(names, " "); got != "load reference privacy validate index aggregate previous basemap assets downloads render search boundaries catchments tiles guard manifest swap" {
			t.Errorf("%s stages: %s", b.Name, got)
		}
		if b.PeakMiB <= 0 || b.WallS <= 0 || b.CPUS <= 0 || b.Pages == 0 || b.Output["pages"].Files == 0 {
			t.Errorf("%s: figures missing: %+v", b.Name, b)
		}
		if b.Pages200.Nbhd == "" || b.Pages200.NbhdWire <= 0 || b.Pages200.NbhdWireJS <= b.Pages200.NbhdWire {
			t.Errorf("%s: page sizes %+v", b.Name, b.Pages200)
		}
	}
	load, _ := lone.stage("load")
	tiles, _ := lone.stage("tiles")
	render, _ := monthly.stage("render")
	if fl := f.Floor; fl == nil || fl.ParseS != load.WallS || fl.TilesS != tiles.WallS || fl.RenderS != render.WallS || fl.Total() <= 0 {
		t.Errorf("floor %+v, want the month alone's load %.3f s and tiles %.3f s and the monthly render %.3f s", fl, load.WallS, tiles.WallS, render.WallS)
	}
	if !strings.Contains(stdout.String(), "× floor") {
		t.Errorf("the table shows no ratio to the floor:\n%s", stdout.String())
	}
	if !strings.Contains(stdout.String(), "monthly (3 months)") || !strings.Contains(stdout.String(), "CDN objects") {
		t.Errorf("table:\n%s", stdout.String())
	}
}

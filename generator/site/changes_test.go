package site

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/changes"
	"github.com/crimemap/crimemap/generator/internal/buildtest"
	"github.com/crimemap/crimemap/generator/verify"
)

// historyDependent reports the files that depend on the builds before
// this one, not on its input alone: a force's page of changes since the
// last build, in each language, and its CSV. Comparing a site built with a
// cache with one built from nothing leaves them out.
func historyDependent(path string) bool {
	path = strings.TrimPrefix(path, "cy/")
	return strings.HasSuffix(path, "/"+changes.CSVName) ||
		(strings.HasPrefix(path, "forces/") && strings.HasSuffix(path, "/changes/index.html"))
}

const changesHeader = "month,crime_id,change,category,previous_outcome,outcome\n"

// TestChangesSinceLastBuild builds, re-issues January for force alpha
// with a crime added, one removed, two outcomes updated and one more row
// without a Crime ID, builds again with the same cache, and checks the
// exact change list on alpha's changes page and in its CSV; then that a
// build of the same data keeps both as they were, and that a build
// without a cache says it has nothing to compare with.
func TestChangesSinceLastBuild(t *testing.T) {
	var cache string
	s := buildtest.New(t, fixture(t, "basic.txtar"), func(data, out string) (*Result, error) {
		return Build(Config{Assets: assetsDir, Data: data, Out: out, Cache: cache})
	})
	data, out := s.Data, s.Out.Dir
	withCache := filepath.Join(filepath.Dir(out), "cache")
	build := func(c string) {
		t.Helper()
		cache = c
		s.Build()
	}
	page := func(force string) string {
		t.Helper()
		return html.UnescapeString(s.Out.Text("forces/" + force + "/changes/index.html"))
	}
	csvOf := func(force string) string {
		t.Helper()
		return s.Out.Read("data/forces/" + force + "/changes.csv")
	}

	build(withCache)
	if p := page("alpha"); !strings.Contains(p, changes.FirstBuild) {
		t.Errorf("first build's changes page does not say it has nothing to compare with:\n%s", p)
	}
	if got := csvOf("alpha"); got != changesHeader {
		t.Errorf("first build's CSV:\n%s\nwant the header alone", got)
	}
	if _, err := os.Stat(filepath.Join(withCache, "inputs.json")); err != nil {
		t.Errorf("no record of the build's input: %v", err)
	}
	// alpha's page links to its changes.
	s.Out.AssertFile("forces/alpha/index.html", `<a class="govuk-link" href="../../forces/alpha/changes/">What changed since the last build</a>`)

	// January is re-issued: ...07 added, ...03 removed, ...01 and ...02
	// with new outcomes, and one more anti-social behaviour row.
	const jan = "2025-01/2025-01-alpha-street.csv"
	for _, r := range [][2]string{
		{"001,2025-01,Alpha Police,Alpha Police,-1.500000,53.500000,On or near High Street,E01000001,Testtown 001A,Burglary,Under investigation,",
			"001,2025-01,Alpha Police,Alpha Police,-1.500000,53.500000,On or near High Street,E01000001,Testtown 001A,Burglary,Offender given a caution,"},
		{"Burglary,Unable to prosecute suspect,", "Burglary,Suspect charged,"},
		{"aaaa000000000000000000000000000000000000000000000000000000000003,2025-01,Alpha Police,Alpha Police,-1.600000,53.600000,On or near Station Road,E01000003,Testtown 002A,Violence and sexual offences,Status update unavailable,\n", ""},
	} {
		s.Edit(jan, r[0], r[1])
	}
	added := "aaaa000000000000000000000000000000000000000000000000000000000007,2025-01,Alpha Police,Alpha Police,-1.600000,53.600000,On or near Station Road,E01000003,Testtown 002A,Criminal damage and arson,Under investigation,\n" +
		",2025-01,Alpha Police,Alpha Police,-1.510000,53.510000,On or near Mill Lane,E01000002,Testtown 001B,Anti-social behaviour,,\n"
	in := buildtest.Open(t, data)
	if err := os.WriteFile(in.Path(jan), append(in.Bytes(jan), added...), 0o644); err != nil {
		t.Fatal(err)
	}
	build(withCache)

	wantCSV := changesHeader +
		"2025-01,aaaa000000000000000000000000000000000000000000000000000000000007,added,Criminal damage and arson,,Under investigation\n" +
		"2025-01,aaaa000000000000000000000000000000000000000000000000000000000003,removed,Violence and sexual offences,Status update unavailable,\n" +
		"2025-01,aaaa000000000000000000000000000000000000000000000000000000000001,outcome,Burglary,Under investigation,Offender given a caution\n" +
		"2025-01,aaaa000000000000000000000000000000000000000000000000000000000002,outcome,Burglary,Unable to prosecute suspect,Suspect charged\n"
	if got := csvOf("alpha"); got != wantCSV {
		t.Errorf("alpha's CSV after January was re-issued:\n%s\nwant\n%s", got, wantCSV)
	}
	if got := csvOf("beta"); got != changesHeader {
		t.Errorf("beta's CSV, whose files did not change:\n%s", got)
	}
	p := page("alpha")
	for _, want := range []string{
		"1 earlier month re-issued 1 crime added to earlier months 1 crime removed 2 outcome updates",
		// The month's row: added, removed, outcome updates, rows without
		// an ID before and now.
		"January 2025 1 1 2 1 2",
		"Previous outcome Outcome now Crimes Under investigation Offender given a caution 1 Unable to prosecute suspect Suspect charged 1",
		"Every change, by month, change and Crime ID",
		"January 2025 aaaa000000000000000000000000000000000000000000000000000000000007 added Criminal damage and arson – Under investigation " +
			"January 2025 aaaa000000000000000000000000000000000000000000000000000000000003 removed Violence and sexual offences Status update unavailable – " +
			"January 2025 aaaa000000000000000000000000000000000000000000000000000000000001 outcome updated Burglary Under investigation Offender given a caution " +
			"January 2025 aaaa000000000000000000000000000000000000000000000000000000000002 outcome updated Burglary Unable to prosecute suspect Suspect charged",
		"Rows without a Crime ID (anti-social behaviour",
	} {
		if !strings.Contains(p, want) {
			t.Errorf("alpha's changes page has no %q:\n%s", want, p)
		}
	}
	if p := page("beta"); !strings.Contains(p, "None of Beta Service's earlier months was re-issued") {
		t.Errorf("beta's changes page:\n%s", p)
	}
	rep, err := verify.Site(out, verify.Options{Data: data, Lang: "en-GB", LangDirs: map[string]string{"cy/": "cy"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range rep.Problems {
		t.Error(pr)
	}

	// The same data again: the page still says what January changed, and
	// neither file is written again.
	before := inodes(t, out)
	build(withCache)
	after := inodes(t, out)
	for _, f := range []string{"forces/alpha/changes/index.html", "data/forces/alpha/changes.csv", "forces/alpha/index.html"} {
		if before[f] == nil || !os.SameFile(before[f], after[f]) {
			t.Errorf("%s was written again by a build of the same data", f)
		}
	}
	if got := csvOf("alpha"); got != wantCSV {
		t.Errorf("alpha's CSV after a build of the same data:\n%s", got)
	}

	// Without a cache there is nothing to compare with.
	build("")
	if p := page("alpha"); !strings.Contains(p, changes.NoCache) {
		t.Errorf("changes page of a build without a cache:\n%s", p)
	}
	if got := csvOf("alpha"); got != changesHeader {
		t.Errorf("CSV of a build without a cache:\n%s", got)
	}
}

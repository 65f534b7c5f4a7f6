package pages

import (
	"bytes"
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/changes"
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
)

// TestChangesPageStaysSmall renders a force's changes page with far more
// changes and outcome pairs than it lists, with the longest words, and
// checks it lists its limit, points to the CSV for the rest, and stays
// under the 200 KB every page must.
func TestChangesPageStaysSmall(t *testing.T) {
	in := azInput(map[string][]string{"f": {"Changes", "Somewhere"}})
	in.Index.Neighbourhoods[0].Slug = "changes"
	fc := changes.Force{}
	outs := crime.Outcomes()
	for m := range 36 {
		fc.Months = append(fc.Months, changes.Month{Month: crime.MakeMonth(2023, 1+m), Added: 100000, Removed: 100000, Outcomes: 100000})
	}
	fc.Months[3].Unavailable = "the earlier version is no longer in the cache"
	for i := range 5000 {
		var id store.CrimeID
		id[0], id[1] = byte(i>>8), byte(i)
		fc.Changes = append(fc.Changes, changes.Change{Month: crime.MakeMonth(2023, 1), Kind: changes.OutcomeUpdate, ID: id,
			Category: crime.PublicDisorderWeapons, Previous: outs[len(outs)-5], Outcome: outs[len(outs)-4]})
	}
	for a := range outs {
		for b := range outs {
			fc.Pairs = append(fc.Pairs, changes.Pair{From: outs[a], To: outs[b], Count: 1000000})
		}
	}
	in.Changes = &changes.Result{Forces: []changes.Force{fc}}
	set, err := parse(in.Assets, in.msgs())
	if err != nil {
		t.Fatal(err)
	}
	p := changesPage(in, 0)
	// A neighbourhood named Changes has forces/f/changes/ already.
	if p.Path != "forces/f/changes-since-last-build/index.html" {
		t.Errorf("page at %s", p.Path)
	}
	var buf bytes.Buffer
	if err := set["changes"].ExecuteTemplate(&buf, "base", p); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if buf.Len() > 200_000 {
		t.Errorf("the page is %d bytes", buf.Len())
	}
	if n := strings.Count(page, "<code>"); n != ChangesListed {
		t.Errorf("%d crimes listed, want %d", n, ChangesListed)
	}
	if !strings.Contains(page, "The first 200 of 5,000 changes") || !strings.Contains(page, `href="../../../data/forces/f/changes.csv"`) {
		t.Error("the page does not say the CSV has the rest")
	}
	if !strings.Contains(page, "Not compared: the earlier version is no longer in the cache.") {
		t.Error("the month that could not be compared is not said to be so")
	}
}

func TestChangesPageNotCompared(t *testing.T) {
	in := azInput(map[string][]string{"f": {"Somewhere"}})
	in.Changes = &changes.Result{NotCompared: changes.FirstBuild, Forces: make([]changes.Force, 1)}
	set, err := parse(in.Assets, in.msgs())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := set["changes"].ExecuteTemplate(&buf, "base", changesPage(in, 0)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "This is the first build with a cache, so there is nothing to compare with.") ||
		strings.Contains(buf.String(), "<table") {
		t.Errorf("page with nothing to compare:\n%s", buf.String())
	}
}

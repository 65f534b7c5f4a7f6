package store

import (
	"os"
	"slices"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
)

func TestSpillRoundTrip(t *testing.T) {
	dir := t.TempDir()
	sp, err := NewSpill(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("the spill is visible in its folder: %v", left)
	}

	c := &Crimes{Month: crime.Month(24301), Loc: []LocID{3, NoLoc, 7}, Cat: []crime.Category{1, 2, 3},
		Out: []crime.Outcome{0, 4, 5}, ID: []CrimeID{{1}, {}, {3}}}
	// The outcomes' IDs are held nowhere else, so they go to the spill.
	o := &Outcomes{Loc: []LocID{9, 8}, Out: []crime.Outcome{6, 7}, ID: []CrimeID{{7}, {8}}}
	s := &Stops{Loc: []LocID{NoLoc, 2}, Time: []int64{-1, 1700000000}}
	for f := range s.Fields {
		s.Fields[f] = []StrID{StrID(f), StrID(100 + f)}
	}
	want := []any{clone(c), clone(o), clone(s)}
	ids := c.ID
	c.ReleaseIDs(func() ([]CrimeID, error) { return ids, nil })
	for _, rel := range []func(*Spill) error{c.Release, o.Release, s.Release} {
		if err := rel(sp); err != nil {
			t.Fatal(err)
		}
	}
	if c.Loc != nil || c.Cat != nil || o.Out != nil || s.Time != nil || s.Fields[StopAge] != nil {
		t.Fatal("released columns are still held")
	}
	if c.Len() != 3 || o.Len() != 2 || s.Len() != 2 || c.Mapped() != 2 || s.Mapped() != 1 {
		t.Errorf("sizes after release: %d %d %d, mapped %d %d", c.Len(), o.Len(), s.Len(), c.Mapped(), s.Mapped())
	}
	if c.Loc != nil || o.ID != nil {
		t.Fatal("released columns are still held")
	}
	if sp.Size() != 3*6+2*(5+32)+2*52 {
		t.Errorf("spill holds %d bytes", sp.Size())
	}

	cc, err := c.WithIDs()
	if err != nil {
		t.Fatal(err)
	}
	oo, err := o.WithIDs()
	if err != nil {
		t.Fatal(err)
	}
	ss, err := s.Rows()
	if err != nil {
		t.Fatal(err)
	}
	w := want[0].(*Crimes)
	if !slices.Equal(cc.Loc, w.Loc) || !slices.Equal(cc.Cat, w.Cat) || !slices.Equal(cc.Out, w.Out) || !slices.Equal(cc.ID, w.ID) || cc.Month != w.Month {
		t.Errorf("crimes back: %+v, want %+v", cc, w)
	}
	if wo := want[1].(*Outcomes); !slices.Equal(oo.Loc, wo.Loc) || !slices.Equal(oo.Out, wo.Out) || !slices.Equal(oo.ID, wo.ID) {
		t.Errorf("outcomes back: %+v, want %+v", oo, wo)
	}
	ws := want[2].(*Stops)
	if !slices.Equal(ss.Loc, ws.Loc) || !slices.Equal(ss.Time, ws.Time) {
		t.Errorf("stops back: %+v, want %+v", ss, ws)
	}
	for f := range ss.Fields {
		if !slices.Equal(ss.Fields[f], ws.Fields[f]) {
			t.Errorf("stop field %v back: %v, want %v", StopField(f), ss.Fields[f], ws.Fields[f])
		}
	}
	// Reading back does not bring the columns back into the store.
	if c.Loc != nil || s.Loc != nil {
		t.Error("reading back kept the columns")
	}
	// A table held in memory is its own rows.
	if got, _ := w.Rows(); got != w {
		t.Error("an unreleased table was copied")
	}

	sp.Close()
	if _, err := c.Rows(); err == nil {
		t.Error("rows read from a closed spill")
	}
	if err := (&Crimes{Cat: []crime.Category{1}, Loc: []LocID{1}, Out: []crime.Outcome{1}}).Release(sp); err == nil {
		t.Error("released into a closed spill")
	}
}

func clone[T any](v *T) *T { c := *v; return &c }

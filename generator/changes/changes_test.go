package changes

import (
	"strings"
	"testing"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/store"
)

var (
	jan = crime.MakeMonth(2025, 1)
	feb = crime.MakeMonth(2025, 2)
	mar = crime.MakeMonth(2025, 3)
)

const (
	burglary = crime.Burglary
	robbery  = crime.Robbery
	asb      = crime.AntiSocialBehaviour
)

// id makes a Crime ID ending in n.
func id(n byte) store.CrimeID {
	var c store.CrimeID
	c[31] = n
	return c
}

// r is a row: Crime ID n (0 for none), category and outcome.
type r struct {
	n   byte
	odd string
	cat crime.Category
	out crime.Outcome
}

func crimes(m crime.Month, rs ...r) *store.Crimes {
	c := &store.Crimes{Month: m}
	for i, x := range rs {
		c.Cat = append(c.Cat, x.cat)
		c.Out = append(c.Out, x.out)
		var cid store.CrimeID
		if x.n != 0 {
			cid = id(x.n)
		}
		c.ID = append(c.ID, cid)
		if x.odd != "" {
			if c.OddID == nil {
				c.OddID = map[int32]string{}
			}
			c.OddID[int32(i)] = x.odd
		}
	}
	return c
}

// describe writes changes one per line, IDs by their last byte.
func describe(cs []Change) string {
	var b strings.Builder
	for _, c := range cs {
		idText := c.OddID
		if idText == "" {
			idText = string('0' + c.ID[31])
		}
		b.WriteString(c.Month.String() + " " + idText + " " + c.Kind.String() + " " + c.Category.String() + " " +
			c.Previous.Info().Code + ">" + c.Outcome.Info().Code + "\n")
	}
	return b.String()
}

func outcome(code string) crime.Outcome {
	o, ok := crime.ParseOutcome([]byte(code))
	if !ok {
		panic(code)
	}
	return o
}

var (
	investigating = outcome("under-investigation")
	charged       = outcome("charged")
	cautioned     = outcome("cautioned")
	unable        = outcome("unable-to-prosecute")
)

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name          string
		before, after *store.Crimes
		want          string
		noIDBefore    int
		noIDNow       int
	}{
		{
			name:   "same",
			before: crimes(jan, r{n: 1, cat: burglary, out: investigating}, r{cat: asb}),
			after:  crimes(jan, r{cat: asb}, r{n: 1, cat: burglary, out: investigating}),
			want:   "", noIDBefore: 1, noIDNow: 1,
		},
		{
			name: "added, removed and updated, in order of kind then ID",
			before: crimes(jan, r{n: 3, cat: robbery, out: unable}, r{n: 1, cat: burglary, out: investigating},
				r{n: 2, cat: burglary, out: investigating}, r{cat: asb}),
			after: crimes(jan, r{n: 2, cat: burglary, out: charged}, r{n: 5, cat: robbery, out: investigating},
				r{n: 1, cat: burglary, out: cautioned}, r{n: 4, cat: burglary}, r{cat: asb}, r{cat: asb}),
			want: "2025-01 4 added Burglary >\n" +
				"2025-01 5 added Robbery >under-investigation\n" +
				"2025-01 3 removed Robbery unable-to-prosecute>\n" +
				"2025-01 1 outcome Burglary under-investigation>cautioned\n" +
				"2025-01 2 outcome Burglary under-investigation>charged\n",
			noIDBefore: 1, noIDNow: 2,
		},
		{
			name: "a repeated ID is matched copy for copy",
			before: crimes(jan, r{n: 1, cat: burglary, out: investigating}, r{n: 1, cat: burglary, out: investigating},
				r{n: 1, cat: burglary, out: unable}),
			after: crimes(jan, r{n: 1, cat: burglary, out: unable}, r{n: 1, cat: burglary, out: charged}),
			want: "2025-01 1 removed Burglary under-investigation>\n" +
				"2025-01 1 outcome Burglary under-investigation>charged\n",
		},
		{
			name:   "odd IDs are followed by their text, after hex ones",
			before: crimes(jan, r{odd: "=X1", cat: burglary, out: investigating}, r{odd: "X2", cat: burglary}),
			after:  crimes(jan, r{odd: "=X1", cat: burglary, out: charged}, r{n: 9, cat: robbery}),
			want: "2025-01 9 added Robbery >\n" +
				"2025-01 X2 removed Burglary >\n" +
				"2025-01 =X1 outcome Burglary under-investigation>charged\n",
		},
		{
			name:   "a change of category alone is not reported",
			before: crimes(jan, r{n: 1, cat: burglary, out: investigating}),
			after:  crimes(jan, r{n: 1, cat: robbery, out: investigating}),
			want:   "",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, m := Diff(tc.before, tc.after)
			if d := describe(got); d != tc.want {
				t.Errorf("changes:\n%s\nwant\n%s", d, tc.want)
			}
			if m.NoIDBefore != tc.noIDBefore || m.NoIDNow != tc.noIDNow {
				t.Errorf("rows without an ID %d → %d, want %d → %d", m.NoIDBefore, m.NoIDNow, tc.noIDBefore, tc.noIDNow)
			}
			var a, rm, o int
			for _, c := range got {
				switch c.Kind {
				case Added:
					a++
				case Removed:
					rm++
				case OutcomeUpdate:
					o++
				}
			}
			if m.Added != a || m.Removed != rm || m.Outcomes != o {
				t.Errorf("counts %d/%d/%d, want %d/%d/%d", m.Added, m.Removed, m.Outcomes, a, rm, o)
			}
		})
	}
}

func input(force string, m crime.Month, version byte) store.Input {
	in := store.Input{Path: m.String() + "/" + m.String() + "-" + force + "-street.csv", Force: force, Month: m, Kind: "street"}
	in.Hash[0] = version
	return in
}

// TestCompute checks what is compared: a month new in this build is not a
// change, an unchanged file is not read, a re-issued one is diffed, and
// one whose earlier version is gone is said to be so.
func TestCompute(t *testing.T) {
	st := store.New()
	st.Forces = []store.Force{{Slug: "a"}, {Slug: "b"}}
	st.Crimes = []*store.Crimes{
		crimes(jan, r{n: 1, cat: burglary, out: charged}, r{n: 2, cat: burglary, out: unable}),
		crimes(feb, r{n: 3, cat: burglary, out: investigating}),
		crimes(mar, r{n: 4, cat: robbery}),
		crimes(jan, r{n: 5, cat: robbery, out: investigating}),
	}
	st.Crimes[3].Force = 1
	st.Inputs = []store.Input{input("a", jan, 2), input("b", jan, 2), input("a", feb, 1), input("a", mar, 1),
		{Path: "2025-01/2025-01-a-outcomes.csv", Force: "a", Month: jan, Kind: "outcomes"}}
	prev := []store.Input{input("a", jan, 1), input("b", jan, 1), input("a", feb, 1)}
	var asked []string
	lookup := func(in store.Input) (*store.Crimes, bool) {
		asked = append(asked, in.Path)
		if in.Force == "a" && in.Hash[0] == 1 && in.Month == jan {
			return crimes(jan, r{n: 1, cat: burglary, out: investigating}, r{n: 6, cat: burglary}), true
		}
		return nil, false
	}
	res, err := Compute(st, &Previous{Inputs: prev, Crimes: lookup}, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.NotCompared != "" || len(res.Forces) != 2 {
		t.Fatalf("result %+v", res)
	}
	if len(asked) != 2 {
		t.Errorf("read %v, want the two re-issued files alone", asked)
	}
	a := res.Forces[0]
	want := "2025-01 2 added Burglary >unable-to-prosecute\n" +
		"2025-01 6 removed Burglary >\n" +
		"2025-01 1 outcome Burglary under-investigation>charged\n"
	if d := describe(a.Changes); d != want {
		t.Errorf("force a:\n%s\nwant\n%s", d, want)
	}
	if len(a.Months) != 1 || a.Months[0].Month != jan || a.Added != 1 || a.Removed != 1 || a.Outcomes != 1 {
		t.Errorf("force a: months %+v, %d/%d/%d", a.Months, a.Added, a.Removed, a.Outcomes)
	}
	if len(a.New) != 1 || a.New[0] != mar {
		t.Errorf("force a: new months %v, want March", a.New)
	}
	if len(a.Pairs) != 1 || a.Pairs[0] != (Pair{From: investigating, To: charged, Count: 1}) {
		t.Errorf("force a: pairs %+v", a.Pairs)
	}
	b := res.Forces[1]
	if len(b.Months) != 1 || b.Months[0].Unavailable != notCached || len(b.Changes) != 0 {
		t.Errorf("force b, whose earlier January is gone: %+v", b)
	}

	res, err = Compute(st, nil, FirstBuild)
	if err != nil || res.NotCompared != FirstBuild || len(res.Forces[0].Changes) != 0 {
		t.Errorf("with nothing to compare: %+v, %v", res, err)
	}
}

func TestPairsOrder(t *testing.T) {
	fc := Force{Changes: []Change{
		{Month: jan, Kind: OutcomeUpdate, ID: id(1), Previous: investigating, Outcome: unable},
		{Month: jan, Kind: OutcomeUpdate, ID: id(2), Previous: investigating, Outcome: charged},
		{Month: feb, Kind: OutcomeUpdate, ID: id(3), Previous: investigating, Outcome: unable},
	}}
	finishForce(&fc)
	want := []Pair{{investigating, unable, 2}, {investigating, charged, 1}}
	if len(fc.Pairs) != 2 || fc.Pairs[0] != want[0] || fc.Pairs[1] != want[1] {
		t.Errorf("pairs %+v, want %+v", fc.Pairs, want)
	}
}

func TestCSV(t *testing.T) {
	fc := &Force{Changes: []Change{
		{Month: jan, Kind: Added, OddID: "=HYPERLINK(1)", Category: burglary, Outcome: investigating},
		{Month: jan, Kind: OutcomeUpdate, ID: id(1), Category: robbery, Previous: investigating, Outcome: charged},
	}}
	b, err := CSV(fc)
	if err != nil {
		t.Fatal(err)
	}
	want := "month,crime_id,change,category,previous_outcome,outcome\n" +
		"2025-01,'=HYPERLINK(1),added,Burglary,,Under investigation\n" +
		"2025-01,0000000000000000000000000000000000000000000000000000000000000001,outcome,Robbery,Under investigation,Suspect charged\n"
	if string(b) != want {
		t.Errorf("CSV:\n%s\nwant\n%s", b, want)
	}
	if b, _ := CSV(nil); string(b) != csvHeader[0]+","+strings.Join(csvHeader[1:], ",")+"\n" {
		t.Errorf("CSV of nothing: %q", b)
	}
}

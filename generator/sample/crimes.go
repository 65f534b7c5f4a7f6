package sample

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/crimemap/crimemap/generator/crime"
)

// Every crime is a pure function of (seed, force, month, index): its own PCG
// stream decides its category, its outcome history, its place and its ID.
// The street file of a month and the outcomes files of the following
// eighteen months can then each regenerate the same crime independently,
// which is what lets files be written in parallel.

// maxDelay is how many months after the crime its last outcome can come.
const maxDelay = 18

// resolution is how a crime's investigation ends.
type resolution uint8

const (
	resNoSuspect resolution = iota
	resUnable
	resCharged
	resLocal
	resCaution
	resPenalty
	resDrugsWarning
	resNotPublicInterest
	resOtherOrg
	resStatusUnavailable // the force never says; no outcome rows
	resChargedOther
	numRes
)

// resWeights gives each category's mix of resolutions (percentages, in the
// order above), shaped after the real files: violence mostly "unable to
// prosecute", thefts mostly "no suspect identified", drugs and weapons
// often charged or resolved out of court.
var resWeights = func() [crime.NumCategories][numRes]float64 {
	var w [crime.NumCategories][numRes]float64
	def := [numRes]float64{20, 35, 14, 5, 3, 0.5, 0, 4, 3, 9, 0.5}
	for c := range w {
		w[c] = def
	}
	w[crime.ViolentCrime] = [numRes]float64{8, 52, 8, 5, 2, 0, 0, 5, 2, 9, 0.3}
	w[crime.PublicOrder] = [numRes]float64{15, 45, 9, 7, 2, 1, 0, 4, 1, 10, 0.3}
	w[crime.CriminalDamageArson] = [numRes]float64{52, 22, 5, 5, 1, 0, 0, 2, 1, 8, 0.2}
	w[crime.OtherTheft] = [numRes]float64{65, 12, 4, 2, 0.5, 0, 0, 1, 1, 9, 0.2}
	w[crime.TheftFromThePerson] = [numRes]float64{78, 6, 2, 0.5, 0, 0, 0, 0.5, 0.5, 8, 0.1}
	w[crime.BicycleTheft] = [numRes]float64{80, 5, 1.5, 0.5, 0, 0, 0, 0.5, 0.5, 8, 0.1}
	w[crime.VehicleCrime] = [numRes]float64{80, 5, 2, 0.5, 0, 0, 0, 0.5, 0.5, 8, 0.1}
	w[crime.Burglary] = [numRes]float64{68, 10, 5, 1, 0.5, 0, 0, 1, 0.5, 8, 0.2}
	w[crime.Robbery] = [numRes]float64{50, 20, 12, 1, 0.5, 0, 0, 1, 0.5, 9, 0.3}
	w[crime.Shoplifting] = [numRes]float64{35, 20, 20, 6, 3, 1.5, 0, 2, 0.5, 9, 1}
	w[crime.Drugs] = [numRes]float64{1, 12, 20, 22, 6, 1, 14, 6, 1, 9, 0.5}
	w[crime.PossessionOfWeapons] = [numRes]float64{2, 20, 38, 6, 8, 0, 0, 4, 1, 9, 1}
	return w
}()

// mustOutcome looks an outcome up by its published wording, so that a
// change to the vocabulary fails loudly here rather than producing files
// the loader rejects.
func mustOutcome(name string) crime.Outcome {
	o, ok := crime.ParseOutcome([]byte(name))
	if !ok {
		panic("sample: outcome " + name + " is not in the vocabulary")
	}
	return o
}

var (
	outUnderInvestigation = mustOutcome("Under investigation")
	outAwaitingCourt      = mustOutcome("Awaiting court outcome")
	outCharged            = mustOutcome("Suspect charged")
	outCrownCourt         = mustOutcome("Defendant sent to Crown Court")
	outChargedOther       = mustOutcome("Suspect charged as part of another case")
	outNoSuspect          = mustOutcome("Investigation complete; no suspect identified")
	outUnable             = mustOutcome("Unable to prosecute suspect")
	outLocal              = mustOutcome("Local resolution")
	outCaution            = mustOutcome("Offender given a caution")
	outPenalty            = mustOutcome("Offender given penalty notice")
	outDrugsWarning       = mustOutcome("Offender given a drugs possession warning")
	outOtherOrg           = mustOutcome("Action to be taken by another organisation")
	outStatusUnavailable  = mustOutcome("Status update unavailable")
	outNotPublicInterest  = []crime.Outcome{
		mustOutcome("Formal action is not in the public interest"),
		mustOutcome("Further action is not in the public interest"),
		mustOutcome("Further investigation is not in the public interest"),
	}
	// Court results after a charge, with weights.
	courtResults = []crime.Outcome{
		mustOutcome("Offender sent to prison"),
		mustOutcome("Offender given suspended prison sentence"),
		mustOutcome("Offender given community sentence"),
		mustOutcome("Offender fined"),
		mustOutcome("Offender ordered to pay compensation"),
		mustOutcome("Offender given conditional discharge"),
		mustOutcome("Offender given absolute discharge"),
		mustOutcome("Offender deprived of property"),
		mustOutcome("Offender otherwise dealt with"),
		mustOutcome("Defendant found not guilty"),
		mustOutcome("Court case unable to proceed"),
		mustOutcome("Court result unavailable"),
	}
	courtWeights = newCumulative([]float64{15, 10, 15, 15, 3, 7, 1, 1, 5, 8, 5, 15})
)

// Delay distributions, in months.
var (
	geom08 = newGeom(0.8)
	geom1  = newGeom(1)
	geom15 = newGeom(1.5)
	geom3  = newGeom(3)
)

// catRank orders categories by name, as the police files sort rows.
var catRank = func() [crime.NumCategories]uint8 {
	cats := crime.Categories()
	slices.SortFunc(cats, func(a, b crime.Category) int {
		if a.String() < b.String() {
			return -1
		}
		return 1
	})
	var r [crime.NumCategories]uint8
	for i, c := range cats {
		r[c] = uint8(i)
	}
	return r
}()

// event is an outcome recorded some months after the crime.
type event struct {
	after uint8 // months after the crime month
	out   crime.Outcome
}

// crimeRec is one generated crime.
type crimeRec struct {
	cat      crime.Category
	res      resolution
	events   [3]event
	nEvents  int
	statusAt uint8 // for resStatusUnavailable: when the status stops being "under investigation"
	snap     int32 // -1: No Location
	hasID    bool
	id       [4]uint64
	dup      int32 // a second snap point the same Crime ID is also published at; -1 none
}

// crimeGen regenerates crimes of one force and month.
type crimeGen struct {
	w    *world
	f    *forceGeo
	base uint64
	pcg  *rand.PCG
	r    *rand.Rand
	cats []float64 // cumulative category weights for the force
	res  *[crime.NumCategories]cumulative
	byID bool
}

func (g *gen) crimeGen(f *forceGeo, m crime.Month) *crimeGen {
	pcg := rand.NewPCG(0, 0)
	return &crimeGen{
		w:    g.w,
		f:    f,
		base: seedOf(g.w.seed, "crime", f.idx, int(m)),
		pcg:  pcg,
		r:    rand.New(pcg),
		cats: g.cats[f.idx],
		res:  &g.res[f.idx],
		byID: f.plan.spec.hasIDs(),
	}
}

// core draws what the outcomes files need to know: the category and the
// outcome history. It must be called before rest, with the same i.
func (cg *crimeGen) core(i int, c *crimeRec) {
	cg.pcg.Seed(cg.base, mix(cg.base+uint64(i)))
	r := cg.r
	u := r.Float64() * cg.cats[len(cg.cats)-1]
	c.cat = crime.Category(1)
	for k, x := range cg.cats {
		if u < x {
			c.cat = crime.Category(k + 1)
			break
		}
	}
	c.nEvents, c.hasID, c.statusAt = 0, false, 0
	if !cg.byID || c.cat == crime.AntiSocialBehaviour {
		return // no Crime ID, so no outcomes ever
	}
	c.hasID = true
	c.res = resolution(cg.res[c.cat].pick(r))
	quick := func(g geom, limit int) uint8 { return uint8(min(limit, g.draw(r))) }
	one := func(after uint8, o crime.Outcome) {
		c.events[0] = event{after, o}
		c.nEvents = 1
	}
	switch c.res {
	case resNoSuspect:
		one(quick(geom08, 12), outNoSuspect)
	case resUnable:
		one(quick(geom15, 15), outUnable)
	case resLocal:
		one(quick(geom08, 12), outLocal)
	case resCaution:
		one(quick(geom1, 12), outCaution)
	case resPenalty:
		one(quick(geom08, 12), outPenalty)
	case resDrugsWarning:
		one(quick(geom08, 12), outDrugsWarning)
	case resNotPublicInterest:
		one(quick(geom15, 15), outNotPublicInterest[r.IntN(len(outNotPublicInterest))])
	case resOtherOrg:
		one(quick(geom15, 15), outOtherOrg)
	case resChargedOther:
		one(quick(geom15, 15), outChargedOther)
	case resStatusUnavailable:
		c.statusAt = quick(geom1, 12)
	case resCharged:
		at := quick(geom15, 8)
		c.events[0] = event{at, outCharged}
		c.nEvents = 1
		serious := c.cat == crime.ViolentCrime || c.cat == crime.Robbery ||
			c.cat == crime.PossessionOfWeapons || c.cat == crime.Burglary || c.cat == crime.Drugs
		if serious && r.IntN(4) == 0 {
			at += uint8(1 + r.IntN(3))
			c.events[c.nEvents] = event{at, outCrownCourt}
			c.nEvents++
		}
		at = min(maxDelay, at+uint8(1+min(12, geom3.draw(r))))
		c.events[c.nEvents] = event{at, courtResults[courtWeights.pick(r)]}
		c.nEvents++
	}
}

// rest draws the place, the Crime ID and any repetition.
func (cg *crimeGen) rest(c *crimeRec) {
	r := cg.r
	w := cg.w
	s := cg.f.plan.spec
	noLoc := r.Float64() < w.noLocRate[cg.f.idx]
	cross := r.Float64()
	switch {
	case s.transport():
		c.snap = w.stnIdx[w.stations.pick(r)]
	case cross < 0.002 && cg.byID && len(w.crossForces) > 1:
		// Forces now and then publish a crime that lies in another force's
		// area (Dyfed-Powys rows in Brighton); the location is still a snap
		// point, just someone else's.
		other := w.crossForces[r.IntN(len(w.crossForces))]
		c.snap = other.snapLo + int32(other.pick.pick(r))
	default:
		c.snap = cg.f.snapLo + int32(cg.f.pick.pick(r))
	}
	if noLoc {
		c.snap = -1
	}
	c.dup = -1
	if c.hasID {
		c.id = [4]uint64{r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64()}
		if r.Float64() < 0.001 {
			// The same Crime ID published twice with different locations,
			// as real files sometimes do.
			d := cg.f.snapLo + int32(cg.f.pick.pick(r))
			if d != c.snap {
				c.dup = d
			}
		}
	}
}

// lastOutcome is the "Last outcome category" a street file published at
// end shows for a crime of month m.
func (c *crimeRec) lastOutcome(m, end crime.Month) crime.Outcome {
	if !c.hasID {
		return crime.NoOutcome
	}
	age := int(end - m)
	if c.res == resStatusUnavailable {
		if int(c.statusAt) <= age {
			return outStatusUnavailable
		}
		return outUnderInvestigation
	}
	last := -1
	for k := 0; k < c.nEvents; k++ {
		if int(c.events[k].after) <= age {
			last = k
		}
	}
	if last < 0 {
		return outUnderInvestigation
	}
	if o := c.events[last].out; o != outCharged && o != outCrownCourt {
		return o
	}
	return outAwaitingCourt
}

// eventAt returns the outcome recorded a given number of months after the
// crime, if any.
func (c *crimeRec) eventAt(after int) (crime.Outcome, bool) {
	for k := 0; k < c.nEvents; k++ {
		if int(c.events[k].after) == after {
			return c.events[k].out, true
		}
	}
	return 0, false
}

// categoryMix is the national share of each category (percent).
var categoryMix = map[crime.Category]float64{
	crime.ViolentCrime: 33, crime.AntiSocialBehaviour: 17, crime.PublicOrder: 8,
	crime.CriminalDamageArson: 8, crime.OtherTheft: 6, crime.Shoplifting: 7,
	crime.VehicleCrime: 5, crime.Burglary: 4, crime.Drugs: 3, crime.OtherCrime: 3,
	crime.TheftFromThePerson: 1.5, crime.Robbery: 1, crime.PossessionOfWeapons: 1,
	crime.BicycleTheft: 1,
}

// cityMix and transportMix are the very different mixes of the City of
// London (theft-heavy, hardly any anti-social behaviour) and the railways.
var (
	cityMix = map[crime.Category]float64{
		crime.OtherTheft: 20, crime.ViolentCrime: 18, crime.Shoplifting: 16,
		crime.TheftFromThePerson: 14, crime.PublicOrder: 7, crime.Burglary: 5, crime.Drugs: 5,
		crime.CriminalDamageArson: 4, crime.BicycleTheft: 3, crime.Robbery: 2.7,
		crime.OtherCrime: 1.5, crime.AntiSocialBehaviour: 1.5, crime.VehicleCrime: 1,
		crime.PossessionOfWeapons: 0.5,
	}
	transportMix = map[crime.Category]float64{
		crime.ViolentCrime: 28, crime.PublicOrder: 15, crime.OtherTheft: 14,
		crime.TheftFromThePerson: 12, crime.Drugs: 6, crime.AntiSocialBehaviour: 5,
		crime.CriminalDamageArson: 5, crime.BicycleTheft: 5, crime.OtherCrime: 5,
		crime.Robbery: 2, crime.PossessionOfWeapons: 2, crime.Shoplifting: 1,
	}
)

// forceCategories returns a force's cumulative category weights (index
// k is category k+1), varied a little per force so forces differ.
func forceCategories(seed uint64, fi int, s *forceSpec) []float64 {
	mix := categoryMix
	switch {
	case s.transport():
		mix = transportMix
	case s.Slug == slugCity:
		mix = cityMix
	}
	r := newRand(seed, "categories", fi)
	cum := make([]float64, 0, crime.NumCategories)
	var sum float64
	for _, c := range crime.Categories() {
		w := mix[c] * (0.85 + 0.3*r.Float64()) // map lookup, not iteration
		if s.Slug == slugMet {
			switch c {
			case crime.TheftFromThePerson, crime.Robbery, crime.VehicleCrime:
				w *= 3
			}
		}
		sum += w
		cum = append(cum, sum)
	}
	return cum
}

// forceResolutions prepares a force's resolution mix per category, with
// its own habit of giving no status update.
func forceResolutions(statusFactor float64) [crime.NumCategories]cumulative {
	var out [crime.NumCategories]cumulative
	for c := range out {
		w := resWeights[c]
		w[resStatusUnavailable] *= statusFactor
		out[c] = newCumulative(w[:])
	}
	return out
}

// monthCount is the number of records of a force in a month: the average
// with a summer peak and some month-to-month noise.
func monthCount(seed uint64, fi, avg int, m crime.Month, label string) int {
	season := 1 + 0.08*math.Sin(2*math.Pi*float64(m.Num()-4)/12)
	u := float64(seedOf(seed, label, fi, int(m))>>11) / (1 << 53)
	return int(float64(avg)*season*(0.97+0.06*u) + 0.5)
}

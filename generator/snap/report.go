package snap

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"github.com/crimemap/crimemap/generator/format"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/crimemap/crimemap/generator/validate"
)

// Report is the privacy report: what the snap did to the records, for a
// force or a data team to check. It holds no timestamps and every list is
// sorted, so the same input gives the same report.
type Report struct {
	Rules        RulesSummary       `json:"rules"`
	Gazetteer    GazetteerSummary   `json:"gazetteer"`
	Files        int                `json:"files"`
	Total        Counts             `json:"total"`
	Displacement Displacement       `json:"displacement"`
	Months       []MonthCounts      `json:"months"`
	Forces       []ForceCounts      `json:"forces"`
	ForceMonths  []ForceMonthCounts `json:"force_months"`
	Problems     []validate.Count   `json:"problems"`
	Examples     []validate.Problem `json:"examples"`
	Warnings     int                `json:"warnings"`
	// Timing is not written to the report files, which must be the same
	// on every run.
	Timing Timing `json:"-"`
}

// Timing is how long the stages of a run took: reading and indexing the
// gazetteer, and snapping the files (reading, snapping and writing them).
type Timing struct {
	Gazetteer, Snap time.Duration
}

// RulesSummary records the settings the report was made with.
type RulesSummary struct {
	MinAddresses      int     `json:"min_addresses"`
	MaxDistanceMetres float64 `json:"max_distance_metres"`
	KeyLocations      bool    `json:"key_locations"`
	Trains            bool    `json:"trains"`
}

// GazetteerSummary counts the gazetteer's points.
type GazetteerSummary struct {
	File   string `json:"file"`
	Points int    `json:"points"`
	// SnapPoints are the eligible points: EligibleStreets plus, when key
	// locations are snap points, KeyLocations.
	SnapPoints      int `json:"snap_points"`
	Streets         int `json:"streets"`
	EligibleStreets int `json:"eligible_streets"`
	KeyLocations    int `json:"key_locations"`
	// NeverUsed are the points that are not snap points: streets with too
	// few addresses (and key locations, when they are not snap points).
	NeverUsed int `json:"never_used"`
}

// Counts say what happened to records.
type Counts struct {
	// Records are the rows used; Excluded the bad rows left out.
	Records int `json:"records"`
	// Snapped records went to their nearest snap point; of them,
	// PastIneligible had a nearer street with too few addresses,
	// AtKeyLocation went to a key location and Stayed were already at
	// their snap point.
	Snapped        int `json:"snapped"`
	PastIneligible int `json:"past_ineligible"`
	AtKeyLocation  int `json:"at_key_location"`
	Stayed         int `json:"stayed"`
	// Train records were placed at their journey's end station.
	Train int `json:"train"`
	// Unmapped records were further than the maximum distance from every
	// snap point; NoLocation records had no exact location. Both are
	// published without a location.
	Unmapped   int `json:"unmapped"`
	NoLocation int `json:"no_location"`
	Excluded   int `json:"excluded"`
	// Points is the number of distinct published points (per month, added
	// up over months); MinPerPoint the smallest number of records behind
	// any of them in a month; SinglePoints how many carry a single record.
	Points       int `json:"points"`
	MinPerPoint  int `json:"min_records_per_point"`
	SinglePoints int `json:"points_with_one_record"`
}

func (c *Counts) addTally(t tally) {
	c.Records += t.Records
	c.Snapped += t.Snapped
	c.PastIneligible += t.PastIneligible
	c.AtKeyLocation += t.AtKeyLocation
	c.Stayed += t.Stayed
	c.Train += t.Train
	c.Unmapped += t.Unmapped
	c.NoLocation += t.NoLocation
	c.Excluded += t.Excluded
}

// addPoints adds one month's point figures.
func (c *Counts) addPoints(points, minPer, single int) {
	if points == 0 {
		return
	}
	if c.Points == 0 || minPer < c.MinPerPoint {
		c.MinPerPoint = minPer
	}
	c.Points += points
	c.SinglePoints += single
}

// MonthCounts are one month's figures, all forces together: a point can
// hold records of several forces (a station, say), and the smallest number
// of records behind a point counts them all.
type MonthCounts struct {
	Month string `json:"month"`
	Counts
}

// ForceCounts are one force's figures over every month, with its
// displacement histogram (in the buckets of Report.Displacement).
type ForceCounts struct {
	Force string `json:"force"`
	Counts
	Displacement []int `json:"displacement"`
}

// ForceMonthCounts are one force's figures for one month: one file.
type ForceMonthCounts struct {
	Force string `json:"force"`
	Month string `json:"month"`
	Counts
}

// Displacement describes how far snapped records moved (train records and
// records published without a location are not in it), in metres. The
// percentiles are whole metres: P90 is the smallest m such that at least
// 90% of the records moved less than m metres.
type Displacement struct {
	Records int      `json:"records"`
	Mean    float64  `json:"mean_metres"`
	P50     int      `json:"p50_metres"`
	P90     int      `json:"p90_metres"`
	P99     int      `json:"p99_metres"`
	Max     float64  `json:"max_metres"`
	Buckets []Bucket `json:"buckets"`
}

// Bucket counts records that moved at least From and less than To metres;
// the first bucket is exactly 0 and the last has no upper end (To 0).
type Bucket struct {
	Label string  `json:"label"`
	From  float64 `json:"from_metres"`
	To    float64 `json:"to_metres"`
	Count int     `json:"records"`
}

// bucketEdges are the upper ends of the displacement buckets after "0".
var bucketEdges = [...]float64{50, 100, 250, 500, 1000, 5000, 20000}

// numBuckets is "0", one per edge, and "20 km or more" (possible only when
// the maximum distance is raised).
const numBuckets = len(bucketEdges) + 2

func bucketOf(m float64) int {
	if m == 0 {
		return 0
	}
	for i, e := range bucketEdges {
		if m < e {
			return i + 1
		}
	}
	return numBuckets - 1
}

func bucketList(counts [numBuckets]int) []Bucket {
	out := []Bucket{{Label: "0", Count: counts[0]}}
	from := 0.0
	for i, e := range bucketEdges {
		out = append(out, Bucket{Label: "<" + metresText(e), From: from, To: e, Count: counts[i+1]})
		from = e
	}
	return append(out, Bucket{Label: "≥" + metresText(from), From: from, Count: counts[numBuckets-1]})
}

// histCap bounds the per-metre histogram the percentiles come from; longer
// moves (only possible with a raised maximum distance) share its last bin.
const histCap = 100_000

func histBins(maxDistance float64) int {
	return int(min(math.Ceil(maxDistance), histCap)) + 2
}

// percentile returns the smallest whole number of metres m such that at
// least a share p of the records moved less than m metres.
func percentile(hist []int64, n int64, p float64) int {
	if n == 0 {
		return 0
	}
	want := max(int64(math.Ceil(p*float64(n))), 1)
	var run int64
	for m, c := range hist {
		if run += c; run >= want {
			return m + 1
		}
	}
	return len(hist)
}

// buildReport puts the results of every file together, in file order.
func buildReport(s *Snapper, gazFile string, results []fileResult, workers []*worker, problems *validate.Report) *Report {
	r := &Report{
		Rules: RulesSummary{MinAddresses: s.rules.MinAddresses, MaxDistanceMetres: s.rules.MaxDistance,
			KeyLocations: s.rules.KeyLocations, Trains: s.rules.Trains},
		Gazetteer: s.summary(gazFile),
		Problems:  problems.Counts(),
		Examples:  problems.Examples(),
		Warnings:  problems.Total(validate.Warning),
	}
	var buckets [numBuckets]int
	forces := map[string]*ForceCounts{}
	byMonth := map[string][]*fileResult{}
	for i := range results {
		res := &results[i]
		if res.skipped {
			continue
		}
		r.Files++
		m := res.file.Month.String()
		fc := forces[res.file.Force]
		if fc == nil {
			fc = &ForceCounts{Force: res.file.Force, Displacement: make([]int, numBuckets)}
			forces[res.file.Force] = fc
		}
		fm := ForceMonthCounts{Force: res.file.Force, Month: m}
		fm.addTally(res.tally)
		points, minPer, single := pointFigures(res.points)
		fm.addPoints(points, minPer, single)
		r.ForceMonths = append(r.ForceMonths, fm)
		fc.addTally(res.tally)
		fc.addPoints(points, minPer, single)
		for b, n := range res.buckets {
			fc.Displacement[b] += n
			buckets[b] += n
		}
		byMonth[m] = append(byMonth[m], res)
	}
	perPoint := make([]int32, len(s.g.Points)) // one month's records per point, all forces
	var touched []int32
	for _, m := range sortedKeys(byMonth) {
		mc := MonthCounts{Month: m}
		for _, res := range byMonth[m] {
			mc.addTally(res.tally)
			for _, pc := range res.points {
				if perPoint[pc.point] == 0 {
					touched = append(touched, pc.point)
				}
				perPoint[pc.point] += pc.n
			}
		}
		var points, minPer, single int
		for _, p := range touched {
			n := int(perPoint[p])
			if points == 0 || n < minPer {
				minPer = n
			}
			if n == 1 {
				single++
			}
			points++
			perPoint[p] = 0
		}
		touched = touched[:0]
		mc.addPoints(points, minPer, single)
		r.Total.addTally(mc.tallyOf())
		r.Total.addPoints(mc.Points, mc.MinPerPoint, mc.SinglePoints)
		r.Months = append(r.Months, mc)
	}
	for _, f := range sortedKeys(forces) {
		r.Forces = append(r.Forces, *forces[f])
	}
	slices.SortFunc(r.ForceMonths, func(a, b ForceMonthCounts) int {
		return cmp.Or(cmp.Compare(a.Force, b.Force), cmp.Compare(a.Month, b.Month))
	})

	hist := make([]int64, histBins(s.rules.MaxDistance))
	var sumMM int64
	for _, w := range workers {
		for i, c := range w.hist {
			hist[i] += c
		}
		r.Displacement.Max = max(r.Displacement.Max, w.maxM)
		sumMM += w.sumMM
	}
	n := int64(r.Total.Snapped)
	r.Displacement.Records = r.Total.Snapped
	if n > 0 {
		r.Displacement.Mean = math.Round(float64(sumMM)/float64(n)) / 1000
	}
	r.Displacement.P50 = percentile(hist, n, 0.5)
	r.Displacement.P90 = percentile(hist, n, 0.9)
	r.Displacement.P99 = percentile(hist, n, 0.99)
	r.Displacement.Max = math.Round(r.Displacement.Max*10) / 10
	r.Displacement.Buckets = bucketList(buckets)
	if r.Months == nil {
		r.Months = []MonthCounts{}
	}
	if r.Forces == nil {
		r.Forces = []ForceCounts{}
	}
	if r.ForceMonths == nil {
		r.ForceMonths = []ForceMonthCounts{}
	}
	if r.Problems == nil {
		r.Problems = []validate.Count{}
	}
	if r.Examples == nil {
		r.Examples = []validate.Problem{}
	}
	return r
}

func (c *Counts) tallyOf() tally {
	return tally{c.Records, c.Snapped, c.PastIneligible, c.AtKeyLocation, c.Stayed, c.Train, c.Unmapped, c.NoLocation, c.Excluded}
}

// pointFigures returns the number of points, the fewest records at any of
// them and how many hold exactly one.
func pointFigures(pcs []pointCount) (points, minPer, single int) {
	for _, pc := range pcs {
		if points == 0 || int(pc.n) < minPer {
			minPer = int(pc.n)
		}
		if pc.n == 1 {
			single++
		}
		points++
	}
	return points, minPer, single
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// summary counts the gazetteer's points under the rules.
func (s *Snapper) summary(file string) GazetteerSummary {
	g := GazetteerSummary{File: file, Points: len(s.g.Points), SnapPoints: s.eligN}
	for i := range s.g.Points {
		p := &s.g.Points[i]
		switch {
		case p.Key():
			g.KeyLocations++
		case s.eligible[i]:
			g.Streets++
			g.EligibleStreets++
		default:
			g.Streets++
		}
	}
	g.NeverUsed = g.Points - g.SnapPoints
	return g
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// WriteText writes the report for people to read.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	ru := r.Rules
	p("Privacy report: crimemap snap\n\n")
	p("Rules\n")
	p("  A record moves to the nearest snap point: a street with at least %d postal addresses", ru.MinAddresses)
	if ru.KeyLocations {
		p(",\n  or a key location (station, park, supermarket, ...), described by its kind")
	}
	p(".\n  A record more than %s from every snap point is published without a location.\n", metresText(ru.MaxDistanceMetres))
	if ru.Trains {
		p("  A crime on a moving train is placed at its journey's end station.\n")
	}
	g := r.Gazetteer
	p("\nGazetteer %s\n", g.File)
	p("  %s points: %s snap points (%s streets with enough addresses, %s key locations); %s never used.\n",
		num(g.Points), num(g.SnapPoints), num(g.EligibleStreets), num(g.KeyLocations), num(g.NeverUsed))

	t := r.Total
	p("\nRecords\n")
	p("  %s records from %s files; %s bad rows left out (see Problems).\n", num(t.Records), num(r.Files), num(t.Excluded))
	p("  %12s  snapped to the nearest snap point\n", num(t.Snapped))
	p("  %12s    of them past a nearer street with too few addresses\n", num(t.PastIneligible))
	p("  %12s    of them at a key location\n", num(t.AtKeyLocation))
	p("  %12s    of them already at their snap point\n", num(t.Stayed))
	p("  %12s  placed at their journey's end station\n", num(t.Train))
	p("  %12s  not mapped: further than %s from every snap point\n", num(t.Unmapped), metresText(ru.MaxDistanceMetres))
	p("  %12s  without an exact location, published without one\n", num(t.NoLocation))

	d := r.Displacement
	p("\nDistance moved (the %s snapped records)\n", num(d.Records))
	p("  half moved under %s, 90%% under %s, 99%% under %s; mean %s, largest %s\n",
		metresText(float64(d.P50)), metresText(float64(d.P90)), metresText(float64(d.P99)),
		metresText(d.Mean), metresText(d.Max))
	for _, b := range d.Buckets {
		share := 0.0
		if d.Records > 0 {
			share = 100 * float64(b.Count) / float64(d.Records)
		}
		p("  %-8s %12s  %5.1f%%\n", b.Label, num(b.Count), share)
	}

	p("\nRecords behind each published point, by month\n")
	p("  %-8s %12s %10s %9s %14s\n", "month", "records", "points", "smallest", "single-record")
	for _, m := range r.Months {
		p("  %-8s %12s %10s %9s %14s\n", m.Month, num(m.Records), num(m.Points), num(m.MinPerPoint), num(m.SinglePoints))
	}

	p("\nBy force (smallest: fewest records behind any of the force's points in a month)\n")
	p("  %-28s %10s %10s %9s %8s %7s %8s %9s %8s %8s\n", "force", "records", "snapped", "past inel", "key loc", "train",
		"unmapped", "no locn", "excluded", "smallest")
	for _, f := range r.Forces {
		p("  %-28s %10s %10s %9s %8s %7s %8s %9s %8s %8s\n", f.Force, num(f.Records), num(f.Snapped), num(f.PastIneligible),
			num(f.AtKeyLocation), num(f.Train), num(f.Unmapped), num(f.NoLocation), num(f.Excluded), num(f.MinPerPoint))
	}

	p("\nProblems\n")
	if len(r.Problems) == 0 {
		p("  none\n")
	}
	for _, c := range r.Problems {
		where := strings.TrimSpace(c.Force + " " + c.Month)
		if where == "" {
			where = "gazetteer"
		}
		p("  %-36s %-22s %-9s %s\n", where, c.Reason, c.Severity, num(c.Count))
	}
	if len(r.Examples) > 0 {
		p("\nExamples\n")
		for _, e := range r.Examples {
			p("  %s\n", e.Error())
		}
	}
	return bw.Flush()
}

// metresText writes a distance for people: "250 m", "1.5 km".
func metresText(m float64) string {
	if m >= 1000 {
		return strconv.FormatFloat(math.Round(m/100)/10, 'f', -1, 64) + " km"
	}
	return strconv.FormatFloat(math.Round(m*10)/10, 'f', -1, 64) + " m"
}

// num writes a whole number with thousands separators.
func num(n int) string { return format.Count(int64(n)) }

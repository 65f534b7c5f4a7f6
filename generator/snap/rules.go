package snap

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/crimemap/crimemap/generator/store"
)

// Rules are the settings of the method. DefaultRules gives the published
// one; the zero value is not useful (no key locations, no train rule).
type Rules struct {
	// MinAddresses is the fewest postal addresses a street must have to be
	// a snap point. Streets with fewer are never published.
	MinAddresses int
	// MaxDistance, in metres: a record whose nearest snap point is further
	// than this is published without a location.
	MaxDistance float64
	// KeyLocations makes key locations (any kind but street) snap points,
	// whatever their addresses.
	KeyLocations bool
	// Trains places a crime on a moving train at its journey's end station.
	Trains bool
	// Labels describe key locations by kind ("supermarket" → "Supermarket"),
	// over DefaultLabels; a kind in neither is title-cased.
	Labels map[string]string
}

// DefaultRules returns the published method: streets with at least 8
// addresses and key locations are snap points, no record moves more than
// 20 km, and crimes on trains go to the journey's end station.
func DefaultRules() Rules {
	return Rules{MinAddresses: 8, MaxDistance: 20_000, KeyLocations: true, Trains: true}
}

// DefaultLabels are police.uk's descriptions of key locations, by the kind
// slugs a gazetteer uses for them. Kinds that title-case to their label
// ("supermarket", "petrol-station") need no entry but some are listed to
// show the vocabulary.
var DefaultLabels = map[string]string{
	"station":                             "Railway Station",
	"railway-station":                     "Railway Station",
	"bus-coach-station":                   "Bus/Coach Station",
	"supermarket":                         "Supermarket",
	"shopping-centre":                     "Shopping Centre",
	"shopping-area":                       "Shopping Area",
	"park":                                "Park/Open Space",
	"park-open-space":                     "Park/Open Space",
	"parking-area":                        "Parking Area",
	"petrol-station":                      "Petrol Station",
	"nightclub":                           "Nightclub",
	"hospital":                            "Hospital",
	"police-station":                      "Police Station",
	"sports-recreation-area":              "Sports/Recreation Area",
	"further-higher-educational-building": "Further/Higher Educational Building",
	"conference-exhibition-centre":        "Conference/Exhibition Centre",
	"theatre-concert-hall":                "Theatre/Concert Hall",
	"pedestrian-subway":                   "Pedestrian Subway",
	"motorway-service-area":               "Motorway Service Area",
}

// Label returns the description of a key location's kind.
func (r *Rules) Label(kind string) string {
	if l, ok := r.Labels[kind]; ok {
		return l
	}
	if l, ok := DefaultLabels[kind]; ok {
		return l
	}
	words := strings.Split(kind, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

func (r *Rules) check() error {
	switch {
	case r.MinAddresses < 0:
		return fmt.Errorf("minimum addresses %d is negative", r.MinAddresses)
	case !(r.MaxDistance > 0) || math.IsInf(r.MaxDistance, 0):
		return fmt.Errorf("maximum distance %v is not a positive number of metres", r.MaxDistance)
	}
	return nil
}

// Status says what happened to a record.
type Status uint8

const (
	// Snapped: moved to the nearest snap point (or left at it).
	Snapped Status = iota + 1
	// Train: placed at its journey's end station.
	Train
	// TooFar: the nearest snap point is beyond MaxDistance; published
	// without a location.
	TooFar
	// NoLocation: the record had no exact location; published without one.
	NoLocation
)

func (s Status) String() string {
	switch s {
	case Snapped:
		return "snapped"
	case Train:
		return "train"
	case TooFar:
		return "too far"
	case NoLocation:
		return "no location"
	}
	return "unknown"
}

// Placement is where one record is published.
type Placement struct {
	Point  int32   // gazetteer index; -1 when published without a location
	Status Status  //
	Metres float64 // how far the record moved; 0 for Train and NoLocation
	// PastIneligible: the nearest gazetteer point was not a snap point (a
	// street with too few addresses), so the record went on to the next
	// eligible one.
	PastIneligible bool
}

// Mapped reports whether the record is published with a location.
func (p Placement) Mapped() bool { return p.Point >= 0 }

// Snapper applies the rules to records. It is safe for concurrent use.
type Snapper struct {
	g        *Gazetteer
	rules    Rules
	tree     *tree
	eligible []bool
	key      []bool            // per point: a key location (kept here, not read from Point, to spare a cache miss per record)
	limit    float64           // MaxDistance as a squared chord, a little generous
	labels   map[string]string // key location kinds' labels
	eligN    int
	// Each snap point's published "longitude,latitude,On or near …",
	// formatted once: rows then only copy it.
	frag    []byte
	fragOff []uint32
}

// ErrNoSnapPoints is returned when no gazetteer point is eligible, so that
// every record would be published without a location.
var ErrNoSnapPoints = errors.New("no gazetteer point is a snap point under these rules")

// New prepares a Snapper: it decides which points are eligible, describes
// them and indexes every point.
func New(g *Gazetteer, rules Rules) (*Snapper, error) {
	if err := rules.check(); err != nil {
		return nil, err
	}
	for i := 1; i < len(g.Points); i++ {
		if g.Points[i-1].ID >= g.Points[i].ID {
			return nil, fmt.Errorf("gazetteer ids %q and %q are out of order or repeated", g.Points[i-1].ID, g.Points[i].ID)
		}
	}
	s := &Snapper{g: g, rules: rules, eligible: make([]bool, len(g.Points)), key: make([]bool, len(g.Points)),
		labels: map[string]string{}}
	pts := make([]ipoint, len(g.Points))
	for i := range g.Points {
		p := &g.Points[i]
		e := (p.Key() && rules.KeyLocations) || (!p.Key() && p.Addresses >= rules.MinAddresses)
		s.eligible[i] = e
		s.key[i] = p.Key()
		pts[i] = ipoint{v: unitVec(p.Lon, p.Lat), id: int32(i), eligible: e}
		if e {
			s.eligN++
		}
		if _, ok := s.labels[p.Kind]; p.Key() && !ok {
			s.labels[p.Kind] = rules.Label(p.Kind)
		}
	}
	if s.eligN == 0 {
		return nil, ErrNoSnapPoints
	}
	s.fragOff = make([]uint32, len(g.Points)+1)
	var text []byte
	for i := range g.Points {
		s.fragOff[i] = uint32(len(s.frag))
		if s.eligible[i] {
			p := &g.Points[i]
			s.frag = appendMicro(s.frag, p.Lon)
			s.frag = append(s.frag, ',')
			s.frag = appendMicro(s.frag, p.Lat)
			s.frag = append(s.frag, ',')
			text = s.appendDescription(text[:0], int32(i))
			s.frag = appendField(s.frag, text)
		}
	}
	s.fragOff[len(g.Points)] = uint32(len(s.frag))
	s.tree = newTree(pts)
	// The search keeps candidates a hair beyond the limit; the limit itself
	// is then applied in metres, so a point at exactly MaxDistance counts
	// as within it whatever the rounding of the chord.
	s.limit = metresChord(rules.MaxDistance) * (1 + 1e-9)
	return s, nil
}

// fragment returns a snap point's published location columns.
func (s *Snapper) fragment(i int32) []byte { return s.frag[s.fragOff[i]:s.fragOff[i+1]] }

// Gazetteer returns the gazetteer the Snapper was made from.
func (s *Snapper) Gazetteer() *Gazetteer { return s.g }

// Rules returns the rules in force.
func (s *Snapper) Rules() Rules { return s.rules }

// Eligible reports whether a gazetteer point is a snap point.
func (s *Snapper) Eligible(i int32) bool { return s.eligible[i] }

// EligibleCount returns the number of snap points.
func (s *Snapper) EligibleCount() int { return s.eligN }

// Description returns a snap point's published Location: "On or near High
// Street", "On or near Supermarket".
func (s *Snapper) Description(i int32) string { return string(s.appendDescription(nil, i)) }

func (s *Snapper) appendDescription(b []byte, i int32) []byte {
	b = append(b, "On or near "...)
	if p := &s.g.Points[i]; p.Key() {
		return append(b, s.labels[p.Kind]...)
	}
	return append(b, s.g.Points[i].Name...)
}

// Nearest applies the nearest rule to an exact location: the nearest snap
// point within MaxDistance, else TooFar.
func (s *Snapper) Nearest(lon, lat store.Micro) Placement {
	q := unitVec(lon, lat)
	f := s.tree.nearest(&q, s.limit)
	if f.best < 0 {
		return Placement{Point: -1, Status: TooFar}
	}
	m := chordMetres(f.d2)
	if m > s.rules.MaxDistance {
		return Placement{Point: -1, Status: TooFar}
	}
	return Placement{Point: f.best, Status: Snapped, Metres: m, PastIneligible: f.other}
}

// Place applies every rule to a record: located says whether lon, lat hold
// an exact location, and station is the gazetteer index of its journey's end
// station, or -1. The station must be an eligible key location (see
// StationProblem).
func (s *Snapper) Place(lon, lat store.Micro, located bool, station int32) Placement {
	if station >= 0 && s.rules.Trains && s.StationProblem(station) == "" {
		return Placement{Point: station, Status: Train}
	}
	if !located {
		return Placement{Point: -1, Status: NoLocation}
	}
	return s.Nearest(lon, lat)
}

// StationProblem says why a gazetteer point cannot be a journey's end
// station, or returns "" when it can: it must be a key location that is a
// snap point.
func (s *Snapper) StationProblem(i int32) string {
	p := &s.g.Points[i]
	switch {
	case !p.Key():
		return fmt.Sprintf("journey end station %q is a street, not a key location", p.ID)
	case !s.eligible[i]:
		return fmt.Sprintf("journey end station %q is not a snap point under these rules", p.ID)
	}
	return ""
}

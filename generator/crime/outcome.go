package crime

// Outcome is an outcome category code. NoOutcome (0) is the empty outcome of
// anti-social behaviour, which is never investigated as a crime.
type Outcome uint8

// OutcomeGroup gathers outcomes into the few kinds a reader cares about.
type OutcomeGroup uint8

// Outcome groups, in the order pages list them.
const (
	GroupNone        OutcomeGroup = iota // no outcome recorded (anti-social behaviour)
	GroupInProgress                      // still under investigation or awaiting court
	GroupCharged                         // charged, or dealt with by a court
	GroupOutOfCourt                      // caution, penalty, local resolution and the like
	GroupNoFurther                       // no suspect, not in the public interest, unable to prosecute
	GroupOtherBody                       // passed to another organisation
	GroupUnavailable                     // the force has not said
	NumOutcomeGroups
)

var groupNames = [NumOutcomeGroups]string{
	GroupNone:        "No outcome recorded",
	GroupInProgress:  "Under investigation or awaiting court",
	GroupCharged:     "Charged or dealt with in court",
	GroupOutOfCourt:  "Resolved out of court",
	GroupNoFurther:   "No further action",
	GroupOtherBody:   "Passed to another organisation",
	GroupUnavailable: "Outcome not available",
}

// String names the group for people.
func (g OutcomeGroup) String() string { return groupNames[g] }

// OutcomeInfo describes one outcome category.
type OutcomeInfo struct {
	Code  string // the API's category code, e.g. "unable-to-prosecute"
	Name  string // the wording in street and outcomes files
	Group OutcomeGroup
}

// The outcome categories data.police.uk publishes. Their order is the order
// of the codes; it is fixed so output is stable.
var outcomes = []OutcomeInfo{
	{Code: "", Name: "", Group: GroupNone},
	{"under-investigation", "Under investigation", GroupInProgress},
	{"awaiting-court-result", "Awaiting court outcome", GroupInProgress},
	{"charged", "Suspect charged", GroupCharged},
	{"sentenced-in-another-case", "Suspect charged as part of another case", GroupCharged},
	{"sent-to-crown-court", "Defendant sent to Crown Court", GroupCharged},
	{"imprisoned", "Offender sent to prison", GroupCharged},
	{"suspended-sentence", "Offender given suspended prison sentence", GroupCharged},
	{"community-penalty", "Offender given community sentence", GroupCharged},
	{"fined", "Offender fined", GroupCharged},
	{"compensation", "Offender ordered to pay compensation", GroupCharged},
	{"conditional-discharge", "Offender given conditional discharge", GroupCharged},
	{"absolute-discharge", "Offender given absolute discharge", GroupCharged},
	{"deprived-of-property", "Offender deprived of property", GroupCharged},
	{"other-court-disposal", "Offender otherwise dealt with", GroupCharged},
	{"not-guilty", "Defendant found not guilty", GroupCharged},
	{"unable-to-proceed", "Court case unable to proceed", GroupCharged},
	{"court-result-unavailable", "Court result unavailable", GroupCharged},
	{"cautioned", "Offender given a caution", GroupOutOfCourt},
	{"drugs-possession-warning", "Offender given a drugs possession warning", GroupOutOfCourt},
	{"penalty-notice-issued", "Offender given penalty notice", GroupOutOfCourt},
	{"local-resolution", "Local resolution", GroupOutOfCourt},
	{"no-further-action", "Investigation complete; no suspect identified", GroupNoFurther},
	{"unable-to-prosecute", "Unable to prosecute suspect", GroupNoFurther},
	{"formal-action-not-in-public-interest", "Formal action is not in the public interest", GroupNoFurther},
	{"further-action-not-in-public-interest", "Further action is not in the public interest", GroupNoFurther},
	{"further-investigation-not-in-public-interest", "Further investigation is not in the public interest", GroupNoFurther},
	{"action-taken-by-another-organisation", "Action to be taken by another organisation", GroupOtherBody},
	{"status-update-unavailable", "Status update unavailable", GroupUnavailable},
}

// NoOutcome is the empty outcome.
const NoOutcome Outcome = 0

// NumOutcomes is one past the last outcome code; it sizes per-outcome arrays.
var NumOutcomes = len(outcomes)

// Info describes the outcome.
func (o Outcome) Info() OutcomeInfo { return outcomes[o] }

// String returns the outcome's wording in the published files.
func (o Outcome) String() string { return outcomes[o].Name }

// Outcomes lists every outcome code, NoOutcome first.
func Outcomes() []Outcome {
	out := make([]Outcome, len(outcomes))
	for i := range out {
		out[i] = Outcome(i)
	}
	return out
}

var outcomeByName = func() map[string]Outcome {
	m := make(map[string]Outcome, 2*len(outcomes))
	for i, o := range outcomes {
		m[o.Name] = Outcome(i)
		if o.Code != "" {
			m[o.Code] = Outcome(i)
		}
	}
	return m
}()

// ParseOutcome returns the outcome for its published wording or its code; the
// empty string is NoOutcome.
func ParseOutcome(b []byte) (Outcome, bool) {
	o, ok := outcomeByName[string(b)]
	return o, ok
}

package crime

// Stop-and-search files are free text in several fields, and their wording
// changed over the years. These tables map the old wording onto the current
// one, so a breakdown over several years adds like with like. Values not
// listed are kept as written.

var stopOutcomeWording = map[string]string{
	"Nothing found - no further action":            "A no further action disposal",
	"Suspect arrested":                             "Arrest",
	"Offender given penalty notice":                "Penalty Notice for Disorder",
	"Suspect summonsed to court":                   "Summons / charged by post",
	"Offender cautioned":                           "Caution (simple or conditional)",
	"Offender given drugs possession warning":      "Khat or Cannabis warning",
	"Local resolution":                             "Community resolution",
	"Article found - Detailed outcome unavailable": "Outcome unavailable",
	"False": "A no further action disposal",
	"":      "Not stated",
}

// NotStated is how an empty stop-and-search value is shown and counted.
const NotStated = "Not stated"

// StopWording returns the current wording of a stop-and-search value when it
// differs from v: an empty value is NotStated, and for the outcome column old
// wording is mapped to new. It takes bytes so that the common case, wording
// already current, costs no allocation.
func StopWording(outcome bool, v []byte) (string, bool) {
	if len(v) == 0 {
		return NotStated, true
	}
	if outcome {
		n, ok := stopOutcomeWording[string(v)]
		return n, ok
	}
	return "", false
}

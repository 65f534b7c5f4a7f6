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

// NormalStopOutcome returns the current wording of a stop-and-search outcome.
func NormalStopOutcome(s string) string {
	if n, ok := stopOutcomeWording[s]; ok {
		return n
	}
	return s
}

// NormalStopField returns a stop-and-search breakdown value for display: an
// empty value becomes "Not stated" so that it is counted, not hidden.
func NormalStopField(s string) string {
	if s == "" {
		return "Not stated"
	}
	return s
}

package i18n

import (
	"fmt"
	"strconv"
	"time"

	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/reference"
	"github.com/crimemap/crimemap/generator/slug"
	"github.com/crimemap/crimemap/generator/store"
)

// The data's own codes name most messages (category.<slug>,
// outcome.<code>, force.<slug>). The tables below name the rest, whose
// codes are small integers that mean nothing outside one build.

var outcomeGroupKeys = [crime.NumOutcomeGroups]string{
	crime.GroupNone:        "outcome-group.none",
	crime.GroupInProgress:  "outcome-group.in-progress",
	crime.GroupCharged:     "outcome-group.charged",
	crime.GroupOutOfCourt:  "outcome-group.out-of-court",
	crime.GroupNoFurther:   "outcome-group.no-further-action",
	crime.GroupOtherBody:   "outcome-group.other-body",
	crime.GroupUnavailable: "outcome-group.unavailable",
}

// stopFieldIDs name each stop-and-search field: stop-field.<id> is its
// heading, stop.<id>.<slug of value> a value, for the fields whose values
// the catalogue has.
var stopFieldIDs = [store.NumStopFields]string{
	store.StopType:             "type",
	store.StopObject:           "object",
	store.StopOutcome:          "outcome",
	store.StopAge:              "age",
	store.StopGender:           "gender",
	store.StopSelfEthnicity:    "self-ethnicity",
	store.StopOfficerEthnicity: "officer-ethnicity",
	store.StopLegislation:      "legislation",
	store.StopLinked:           "linked",
	store.StopRemoval:          "removal",
}

// stopValueFields are the fields whose values the catalogue has. The
// others are shown as the data writes them: legislation is the title of
// an Act, which has no official Welsh form; self-defined ethnicity is
// shown by ethnic group (EthnicGroup); the true/false fields are not shown
// as text.
var stopValueFields = [store.NumStopFields]bool{
	store.StopType:             true,
	store.StopObject:           true,
	store.StopOutcome:          true,
	store.StopAge:              true,
	store.StopGender:           true,
	store.StopOfficerEthnicity: true,
}

var ethnicGroupKeys = [reference.NumEthnicGroups]string{
	reference.Asian:       "ethnic-group.asian",
	reference.Black:       "ethnic-group.black",
	reference.Mixed:       "ethnic-group.mixed",
	reference.White:       "ethnic-group.white",
	reference.OtherEthnic: "ethnic-group.other",
}

// invalid records a code outside its table, which only a bug can pass,
// and gives the text that stands in for it.
func (m *Messages) invalid(key string, v any) string {
	m.record(Problem{m.lang, key, fmt.Sprintf("no such code %v", v)})
	return ""
}

// Category names a crime category.
func (m *Messages) Category(c crime.Category) string {
	if c == 0 || c >= crime.NumCategories {
		return m.invalid("category", c)
	}
	return m.T("category." + c.Slug())
}

// OutcomeGroup names a group of outcomes.
func (m *Messages) OutcomeGroup(g crime.OutcomeGroup) string {
	if g >= crime.NumOutcomeGroups {
		return m.invalid("outcome-group", g)
	}
	return m.T(outcomeGroupKeys[g])
}

// Outcome names an outcome category. NoOutcome has no name, as in the
// data; its group, GroupNone, has.
func (m *Messages) Outcome(o crime.Outcome) string {
	if int(o) >= crime.NumOutcomes {
		return m.invalid("outcome", o)
	}
	if o == crime.NoOutcome {
		return ""
	}
	return m.T("outcome." + o.Info().Code)
}

// StopField names a stop-and-search field, as a table's heading.
func (m *Messages) StopField(f store.StopField) string {
	if f >= store.NumStopFields {
		return m.invalid("stop-field", f)
	}
	return m.T("stop-field." + stopFieldIDs[f])
}

// StopValue gives a stop-and-search value of field f, as current wording
// (crime.StopWording) spells it. A value the catalogue does not have is
// free text from the data and is returned as written, like a street name.
func (m *Messages) StopValue(f store.StopField, v string) string {
	if f >= store.NumStopFields {
		return m.invalid("stop-field", f)
	}
	if v == "" || v == crime.NotStated {
		return m.T("stop.not-stated")
	}
	if !stopValueFields[f] {
		return v
	}
	// The slug, not the wording, makes the key, so "Person and vehicle
	// search" finds "Person and Vehicle search".
	if s, ok := m.lookup("stop." + stopFieldIDs[f] + "." + slug.Make(v)); ok {
		return s
	}
	return v
}

// EthnicGroup names a census ethnic group.
func (m *Messages) EthnicGroup(g reference.EthnicGroup) string {
	if g >= reference.NumEthnicGroups {
		return m.invalid("ethnic-group", g)
	}
	return m.T(ethnicGroupKeys[g])
}

// Force gives a force's name: its official form in the language where the
// catalogue has one (force.<slug>), otherwise name, as the data gives it.
// Only the Welsh forces have a Welsh name; the others keep their own.
func (m *Messages) Force(forceSlug, name string) string {
	if s, ok := m.lookup("force." + forceSlug); ok {
		return s
	}
	return name
}

// Month gives a month and year for people: "December 2025", "Rhagfyr 2025".
func (m *Messages) Month(mo crime.Month) string {
	return m.monthYear(mo, "month.")
}

// ShortMonth gives a month and year for a chart's axis: "Dec 2025",
// "Rhag 2025".
func (m *Messages) ShortMonth(mo crime.Month) string {
	return m.monthYear(mo, "month.short.")
}

func (m *Messages) monthYear(mo crime.Month, prefix string) string {
	if mo < 0 {
		return m.invalid("month", int32(mo))
	}
	// The year is a string so that it keeps no thousands separator.
	return m.T("date.month-year", "month", m.T(prefix+strconv.Itoa(mo.Num())), "year", strconv.Itoa(mo.Year()))
}

// Date gives a day for people: "5 December 2025", "5 Rhagfyr 2025".
func (m *Messages) Date(t time.Time) string {
	return m.T("date.day-month-year", "day", strconv.Itoa(t.Day()),
		"month", m.T("month."+strconv.Itoa(int(t.Month()))), "year", strconv.Itoa(t.Year()))
}

// Number writes a count for people. Welsh public bodies write numbers as
// English does (1,234, 12.5), so both languages share format.Count; the
// method is here so that a page asks its language, should that change.
func (m *Messages) Number(n int64) string { return format.Count(n) }

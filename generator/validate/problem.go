package validate

import (
	"fmt"
)

// Severity says what a problem does to the build.
type Severity uint8

const (
	// Warning: the data is used as it is; the problem is reported.
	Warning Severity = iota
	// Excluded: the row (or file) is left out of the site and counted.
	Excluded
	// Fatal: the build stops before anything is written.
	Fatal
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Excluded:
		return "excluded"
	default:
		return "fatal"
	}
}

// MarshalText writes the severity by name in the JSON report.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Reason is a short, stable, machine-readable kind of problem, such as
// "bad-coordinates". The build report groups by it.
type Reason string

// The reasons the loaders report. Keeping them in one list keeps the report's
// vocabulary stable for people who parse it.
const (
	BadCoordinates  Reason = "bad-coordinates"
	OutsideUK       Reason = "outside-uk"
	MonthMismatch   Reason = "month-mismatch"
	BadMonth        Reason = "bad-month"
	UnknownCategory Reason = "unknown-crime-type"
	UnknownOutcome  Reason = "unknown-outcome"
	ColumnCount     Reason = "wrong-column-count"
	BadHeader       Reason = "bad-header"
	BadCSV          Reason = "bad-csv"
	DuplicateFile   Reason = "duplicate-file"
	BadFileName     Reason = "bad-file-name"
	ForceMismatch   Reason = "force-mismatch"
	BadDate         Reason = "bad-date"
	BadEncoding     Reason = "bad-encoding"
	MissingMonth    Reason = "missing-month"
	BadReference    Reason = "bad-reference"
	UnreadableFile  Reason = "unreadable-file"
	LongField       Reason = "field-too-long"
	// FutureMonth is a file for a month after the build's own.
	FutureMonth Reason = "future-month"
	// UnknownForce is a file named for a force data.police.uk does not
	// publish: a typo, or a force new since this list was made.
	UnknownForce Reason = "unknown-force"
	// BadArchive is an entry of the input zip left unread: a name that
	// climbs out, a link, a repeated name, a compression bomb.
	BadArchive Reason = "bad-archive"
	// BadLink is a symbolic link in the input folder that is not followed.
	BadLink Reason = "bad-link"
	// SelfIntersecting is a boundary ring that crosses itself.
	SelfIntersecting Reason = "self-intersecting"
)

// Problem is one thing wrong with the input.
type Problem struct {
	File     string   `json:"file"`
	Line     int      `json:"line,omitempty"` // 1-based; 0 for a whole file
	Reason   Reason   `json:"reason"`
	Severity Severity `json:"severity"`
	Force    string   `json:"force,omitempty"` // force slug, where known
	Month    string   `json:"month,omitempty"` // YYYY-MM, where known
	Detail   string   `json:"detail"`          // what exactly is wrong, for people
}

// Error formats the problem as file:line: reason: detail, the shape editors
// and terminals recognise.
func (p Problem) Error() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s: %s: %s", loc, p.Reason, p.Detail)
}

package sample

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/crimemap/crimemap/generator/crime"
)

// Options choose the dataset. The zero value is the small scale, seed 1,
// thirteen months to December 2025.
type Options struct {
	Scale  string      // "small" (default) or "national"
	Seed   int64       // default 1
	End    crime.Month // last month written; default 2025-12
	Months int         // number of months; default 13 for small, 36 for national
	// ExactMonths is how many of the last months get exact-location files
	// (in ExactDir, with the gazetteer): 0 means the default, every month
	// at the small scale and the last one at the national scale, where
	// all 36 would add 5 GB; -1 means none.
	ExactMonths int
	// Progress, if set, is called as files complete, never concurrently.
	Progress func(done, total int)
}

// Summary counts what Generate wrote. Row counts exclude the planted bad
// rows, which BadRows counts; Bytes counts every file written (reference
// data included) or found complete when resuming.
type Summary struct {
	Forces, Neighbourhoods, SnapPoints, Months, StreetRows, OutcomeRows, StopRows, BadRows int
	Bytes                                                                                  int64
	// ExactRows counts the exact-location records; GazetteerPoints the
	// gazetteer's points, snap points and the streets too small to be one.
	ExactRows, GazetteerPoints int
}

// maxMonths bounds Months; a decade is more than any site keeps.
const maxMonths = 120

func (o Options) normalise() (Options, error) {
	if o.Scale == "" {
		o.Scale = "small"
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.End == 0 {
		o.End = crime.MakeMonth(2025, 12)
	}
	switch o.Scale {
	case "small":
		if o.Months == 0 {
			o.Months = 13
		}
	case "national":
		if o.Months == 0 {
			o.Months = 36
		}
	default:
		return o, fmt.Errorf("unknown scale %q (want small or national)", o.Scale)
	}
	if o.Months < 1 || o.Months > maxMonths {
		return o, fmt.Errorf("months %d is outside 1 to %d", o.Months, maxMonths)
	}
	switch {
	case o.ExactMonths == 0 && o.Scale == "national":
		o.ExactMonths = 1
	case o.ExactMonths == 0 || o.ExactMonths > o.Months:
		o.ExactMonths = o.Months
	case o.ExactMonths < 0:
		o.ExactMonths = 0
	}
	if first := o.End.Add(1 - o.Months); first < crime.Earliest || o.End > crime.Latest {
		return o, fmt.Errorf("months %s to %s are outside %s to %s", first, o.End, crime.Earliest, crime.Latest)
	}
	return o, nil
}

// markerName is the file that marks a folder as a generated sample. It
// records the options, so that a second run with the same options resumes
// (keeping complete files) and one with other options starts afresh.
const markerName = ".crimemap-sample"

// formatVersion changes whenever the generator's output changes, so that a
// resumed run never mixes files of two versions.
const formatVersion = 3

type marker struct {
	Generator string   `json:"generator"`
	Version   int      `json:"version"`
	Scale     string   `json:"scale"`
	Seed      int64    `json:"seed"`
	End       string   `json:"end"`
	Months    int      `json:"months"`
	Exact     int      `json:"exact_months"`
	Planted   []BadRow `json:"planted"`
}

func newMarker(o Options, planted []BadRow) marker {
	return marker{Generator: "crimemap sample", Version: formatVersion, Scale: o.Scale, Seed: o.Seed,
		End: o.End.String(), Months: o.Months, Exact: o.ExactMonths, Planted: planted}
}

func (m marker) sameRun(o marker) bool {
	return m.Generator == o.Generator && m.Version == o.Version && m.Scale == o.Scale &&
		m.Seed == o.Seed && m.End == o.End && m.Months == o.Months && m.Exact == o.Exact
}

var monthDir = regexp.MustCompile(`^\d{4}-\d{2}$`)

// prepareDir makes dir ready. An empty or missing folder is fine. A folder
// holding a sample made with the same options is resumed (resume is true);
// one made with other options is cleared of the sample's files first. Any
// other non-empty folder is refused, so a typo cannot overwrite real data.
func prepareDir(dir string, want marker) (resume bool, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false, os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return false, err
	}
	if len(entries) == 0 {
		return false, nil
	}
	data, err := os.ReadFile(filepath.Join(dir, markerName))
	if errors.Is(err, os.ErrNotExist) {
		return false, fmt.Errorf("%s is not empty and is not a sample dataset (no %s)", dir, markerName)
	}
	if err != nil {
		return false, err
	}
	var have marker
	if err := json.Unmarshal(data, &have); err != nil || have.Generator != want.Generator {
		return false, fmt.Errorf("%s: %s is not a sample marker", dir, markerName)
	}
	if have.sameRun(want) {
		return true, nil
	}
	for _, e := range entries {
		name := e.Name()
		isTemp := strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".tmp")
		if (e.IsDir() && (monthDir.MatchString(name) || name == "reference")) || name == markerName || isTemp {
			if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
				return false, err
			}
		}
	}
	return false, nil
}

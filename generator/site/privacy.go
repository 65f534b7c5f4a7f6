package site

import (
	"context"
	"fmt"

	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// privacy stops the build if any location in the data is not a snap
// point of the gazetteer: one that the snap rules could have chosen (a
// street with enough addresses, or a key location). It is the privacy
// promise checked before anything is written: each problem is fatal, and
// the validate stage stops the build. Without a gazetteer there is
// nothing to check against, and the stage's line says so. In: gaz.
func (b *build) privacy(context.Context) (string, error) {
	gz := b.gaz
	if gz == nil {
		return "no gazetteer, so the published locations were not checked (give --gazetteer, or put " +
			GazetteerName + " in the reference data)", nil
	}
	b.report.Merge(gz.report)
	bad := 0
	st := b.st
	for _, l := range st.Locs.All() {
		if !gz.allowed[[2]store.Micro{l.Lon, l.Lat}] {
			bad++
			if bad <= validate.ExamplesPerReason {
				b.report.Add(validate.Problem{File: gz.path, Reason: NotASnapPoint, Severity: validate.Fatal,
					Detail: fmt.Sprintf("published location %s,%s (%s) is not an eligible snap point of the gazetteer",
						fmtMicro(l.Lon), fmtMicro(l.Lat), st.Strings.Str(l.Street))})
			}
		}
	}
	b.gaz = nil // held only for the check
	return fmt.Sprintf("%d locations checked against %d eligible snap points: %d not snap points", st.Locs.Len(), len(gz.allowed), bad), nil
}

// NotASnapPoint is the problem of a published location that is not a snap
// point.
const NotASnapPoint validate.Reason = "not-a-snap-point"

func fmtMicro(m store.Micro) string { return fmt.Sprintf("%.6f", m.Float()) }

package site

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/crimemap/crimemap/generator/catchment"
	"github.com/crimemap/crimemap/generator/snap"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// GazetteerName is the snap-point gazetteer's path in the reference data,
// where crimemap sample leaves it, used when --gazetteer is not given.
const GazetteerName = "exact/gazetteer.csv"

// openGazetteer finds the snap-point gazetteer: --gazetteer, or the one in
// the reference data, whether that is a folder or inside a zip.
func openGazetteer(cfg Config, in *source.Input) (open func() (io.ReadCloser, error), name string, ok bool) {
	if cfg.Gazetteer != "" {
		return func() (io.ReadCloser, error) { return os.Open(cfg.Gazetteer) }, cfg.Gazetteer, true
	}
	return refFile(cfg, in, GazetteerName)
}

// gazetteer reads the snap-point gazetteer and works out which of its
// points the snap rules could choose. It needs nothing of the data, so it
// runs beside the load, and keeps its problems in a report of its own
// that the privacy stage adds to the build's, after the load's, as when
// the two ran one after the other. Without a gazetteer it has nothing to
// do. Out: gaz, eligible (for the catchments).
func (b *build) gazetteer(context.Context) (string, error) {
	open, path, ok := openGazetteer(b.cfg, b.in)
	if !ok {
		return "", errSkip
	}
	gz := &gazetteerCheck{path: path, report: validate.NewReport()}
	r, err := open()
	if err != nil {
		return "", err
	}
	g, err := snap.ReadGazetteer(r, path, gz.report)
	r.Close()
	if err != nil {
		return "", err
	}
	s, err := snap.New(g, snap.DefaultRules())
	if err != nil {
		return "", err
	}
	gz.allowed = make(map[[2]store.Micro]bool, len(g.Points))
	for i, pt := range g.Points {
		if s.Eligible(int32(i)) {
			gz.allowed[[2]store.Micro{pt.Lon, pt.Lat}] = true
			b.eligible = append(b.eligible, catchment.Point{Lon: pt.Lon, Lat: pt.Lat})
		}
	}
	b.gaz = gz
	return fmt.Sprintf("%d snap points in %s, %d of them eligible", len(g.Points), path, len(gz.allowed)), nil
}

// gazetteerCheck is what the privacy stage checks the data against.
type gazetteerCheck struct {
	path    string
	allowed map[[2]store.Micro]bool // the eligible snap points
	report  *validate.Report        // the gazetteer's own problems
}

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

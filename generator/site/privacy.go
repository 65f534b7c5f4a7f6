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

// privacy stops the build if any location in the data is not a snap
// point of the gazetteer: one that the snap rules could have chosen (a
// street with enough addresses, or a key location). It is the privacy
// promise checked before anything is written: each problem is fatal, and
// the validate stage stops the build. Without a gazetteer there is
// nothing to check against, and the stage's line says so. Out: eligible,
// for the catchments.
func (b *build) privacy(context.Context) (string, error) {
	open, path, ok := openGazetteer(b.cfg, b.in)
	if !ok {
		return "no gazetteer, so the published locations were not checked (give --gazetteer, or put " +
			GazetteerName + " in the reference data)", nil
	}
	r, err := open()
	if err != nil {
		return "", err
	}
	g, err := snap.ReadGazetteer(r, path, b.report)
	r.Close()
	if err != nil {
		return "", err
	}
	s, err := snap.New(g, snap.DefaultRules())
	if err != nil {
		return "", err
	}
	allowed := make(map[[2]store.Micro]bool, len(g.Points))
	for i, pt := range g.Points {
		if s.Eligible(int32(i)) {
			allowed[[2]store.Micro{pt.Lon, pt.Lat}] = true
			b.eligible = append(b.eligible, catchment.Point{Lon: pt.Lon, Lat: pt.Lat})
		}
	}
	bad := 0
	st := b.st
	for _, l := range st.Locs.All() {
		if !allowed[[2]store.Micro{l.Lon, l.Lat}] {
			bad++
			if bad <= validate.ExamplesPerReason {
				b.report.Add(validate.Problem{File: path, Reason: NotASnapPoint, Severity: validate.Fatal,
					Detail: fmt.Sprintf("published location %s,%s (%s) is not an eligible snap point of the gazetteer",
						fmtMicro(l.Lon), fmtMicro(l.Lat), st.Strings.Str(l.Street))})
			}
		}
	}
	return fmt.Sprintf("%d locations checked against %d eligible snap points: %d not snap points", st.Locs.Len(), len(allowed), bad), nil
}

// NotASnapPoint is the problem of a published location that is not a snap
// point.
const NotASnapPoint validate.Reason = "not-a-snap-point"

func fmtMicro(m store.Micro) string { return fmt.Sprintf("%.6f", m.Float()) }

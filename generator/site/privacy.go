package site

import (
	"fmt"
	"io"
	"os"

	"github.com/crimemap/crimemap/generator/catchment"
	"github.com/crimemap/crimemap/generator/progress"
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

// checkSnapPoints stops the build if any location in the data is not a snap
// point of the gazetteer: one that the snap rules could have chosen (a
// street with enough addresses, or a key location). It is the privacy
// promise checked before anything is written. Without a gazetteer there is
// nothing to check against, and the build says so.
func (res *Result) checkSnapPoints(cfg Config, in *source.Input, st *store.Store, p *progress.Reporter) error {
	open, path, ok := openGazetteer(cfg, in)
	if !ok {
		return nil
	}
	p.Start("privacy")
	r, err := open()
	if err != nil {
		return fmt.Errorf("privacy: %w", err)
	}
	g, err := snap.ReadGazetteer(r, path, res.Report)
	r.Close()
	if err != nil {
		return fmt.Errorf("privacy: %w", err)
	}
	s, err := snap.New(g, snap.DefaultRules())
	if err != nil {
		return fmt.Errorf("privacy: %w", err)
	}
	allowed := make(map[[2]store.Micro]bool, len(g.Points))
	for i, pt := range g.Points {
		if s.Eligible(int32(i)) {
			allowed[[2]store.Micro{pt.Lon, pt.Lat}] = true
			res.eligible = append(res.eligible, catchment.Point{Lon: pt.Lon, Lat: pt.Lat})
		}
	}
	bad := 0
	for _, l := range st.Locs.All() {
		if !allowed[[2]store.Micro{l.Lon, l.Lat}] {
			bad++
			if bad <= validate.ExamplesPerReason {
				res.Report.Add(validate.Problem{File: path, Reason: NotASnapPoint, Severity: validate.Fatal,
					Detail: fmt.Sprintf("published location %s,%s (%s) is not an eligible snap point of the gazetteer",
						fmtMicro(l.Lon), fmtMicro(l.Lat), st.Strings.Str(l.Street))})
			}
		}
	}
	res.stage("privacy", p.Done("%d locations checked against %d eligible snap points: %d not snap points", st.Locs.Len(), len(allowed), bad))
	return nil
}

// NotASnapPoint is the problem of a published location that is not a snap
// point.
const NotASnapPoint validate.Reason = "not-a-snap-point"

func fmtMicro(m store.Micro) string { return fmt.Sprintf("%.6f", m.Float()) }

package site

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/crimemap/crimemap/generator/catchment"
	"github.com/crimemap/crimemap/generator/progress"
	"github.com/crimemap/crimemap/generator/snap"
	"github.com/crimemap/crimemap/generator/store"
	"github.com/crimemap/crimemap/generator/validate"
)

// gazetteerPath finds the snap-point gazetteer: --gazetteer, or the one
// crimemap sample leaves in the reference folder.
func gazetteerPath(cfg Config) string {
	if cfg.Gazetteer != "" {
		return cfg.Gazetteer
	}
	ref := cfg.Ref
	if ref == "" {
		ref = filepath.Join(cfg.Data, "reference")
	}
	p := filepath.Join(ref, "exact", "gazetteer.csv")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// checkSnapPoints stops the build if any location in the data is not a snap
// point of the gazetteer: one that the snap rules could have chosen (a
// street with enough addresses, or a key location). It is the privacy
// promise checked before anything is written. Without a gazetteer there is
// nothing to check against, and the build says so.
func (res *Result) checkSnapPoints(cfg Config, st *store.Store, p *progress.Reporter) error {
	path := gazetteerPath(cfg)
	if path == "" {
		return nil
	}
	p.Start("privacy")
	g, err := snap.LoadGazetteer(path, path, res.Report)
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

package catchment

import (
	"context"
	"io"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"
)

// BenchmarkWriteNational writes a national archive from nothing.
func BenchmarkWriteNational(b *testing.B) {
	forces := nationalForces(0, true)
	opt := DefaultOptions
	opt.TempDir = b.TempDir()
	for b.Loop() {
		if _, err := Write(io.Discard, forces, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteNationalMonthly writes a national archive on the cache
// of the previous month's, as the monthly build does: with a gazetteer,
// a month only moves snap points between published and not; without
// one, it adds and removes snap points.
func BenchmarkWriteNationalMonthly(b *testing.B) {
	for _, gaz := range []struct {
		name string
		on   bool
	}{{"gazetteer", true}, {"no-gazetteer", false}} {
		b.Run(gaz.name, func(b *testing.B) {
			opt := DefaultOptions
			opt.TempDir = b.TempDir()
			opt.Cache = filepath.Join(b.TempDir(), "catchments")
			if _, err := Write(io.Discard, nationalForces(0, gaz.on), opt); err != nil {
				b.Fatal(err)
			}
			month := 0
			var st Stats
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				month++
				forces := nationalForces(month, gaz.on)
				runtime.GC()
				c0 := cpuTime()
				b.StartTimer()
				var err error
				// Labelled, for a profile of the month alone:
				// go tool pprof -tagfocus build=month.
				pprof.Do(context.Background(), pprof.Labels("build", "month"), func(context.Context) {
					st, err = Write(io.Discard, forces, opt)
				})
				if err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - c0
			}
			b.ReportMetric(float64(st.Drawn), "forces-drawn")
			b.ReportMetric(float64(st.Encoded), "tiles-encoded")
			b.ReportMetric(float64(st.Tiles), "tiles")
			b.ReportMetric(cpu.Seconds()/float64(month), "cpu-s/op")
		})
	}
}

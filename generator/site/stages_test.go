package site

import (
	"testing"

	"github.com/crimemap/crimemap/generator/internal/buildtest"
)

// TestStageTimesWithoutPrinter checks that a build with no progress
// printer still times every stage, in Result.Stages and through OnStage.
func TestStageTimesWithoutPrinter(t *testing.T) {
	var seen []Stage
	_, res := buildtest.Run(t, fixture(t, "basic.txtar"), func(data, out string) (*Result, error) {
		return Build(Config{Assets: assetsDir, Data: data, Out: out, OnStage: func(s Stage) { seen = append(seen, s) }})
	})
	if len(res.Stages) < 8 || len(seen) != len(res.Stages) {
		t.Fatalf("%d stages, %d reported", len(res.Stages), len(seen))
	}
	for i, s := range res.Stages {
		if s.Wall <= 0 {
			t.Errorf("stage %s took %v", s.Name, s.Wall)
		}
		if seen[i] != s {
			t.Errorf("OnStage saw %v, the result has %v", seen[i], s)
		}
	}
}

package site

import (
	"path/filepath"
	"testing"
)

// TestStageTimesWithoutPrinter checks that a build with no progress
// printer still times every stage, in Result.Stages and through OnStage.
func TestStageTimesWithoutPrinter(t *testing.T) {
	data := unpack(t, "basic.txtar")
	var seen []Stage
	res, err := Build(Config{Assets: assetsDir, Data: data, Out: filepath.Join(t.TempDir(), "public"),
		OnStage: func(s Stage) { seen = append(seen, s) }})
	if err != nil {
		t.Fatal(err)
	}
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

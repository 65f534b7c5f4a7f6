package site

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crimemap/crimemap/generator/progress"
)

// TestPipelineOrder checks that stages run in the order listed, that a
// stage beside others runs while the stages after it do and is joined
// where a later stage comes after it, that a skipped stage leaves no line,
// and that every stage is timed by the pipeline and printed once.
func TestPipelineOrder(t *testing.T) {
	var out bytes.Buffer
	var seen []Stage
	pl := &pipeline{rep: progress.New(&out), onStage: func(s Stage) { seen = append(seen, s) }}
	var order []string
	step := func(name string) func(context.Context) (string, error) {
		return func(context.Context) (string, error) {
			order = append(order, name)
			time.Sleep(time.Millisecond)
			return name + " done", nil
		}
	}
	release := make(chan struct{})
	sideSaw := make(chan bool, 1)
	err := pl.run(context.Background(), []stage{
		{name: "a", run: step("a")},
		{name: "side", beside: true, run: func(context.Context) (string, error) {
			// Runs until b has run: it would deadlock if the pipeline
			// waited for it before going on.
			<-release
			sideSaw <- true
			return "side done", nil
		}},
		{name: "b", run: func(ctx context.Context) (string, error) {
			close(release)
			return step("b")(ctx)
		}},
		{name: "skipped", run: func(context.Context) (string, error) { return "", errSkip }},
		{name: "c", run: step("c"), after: []string{"side"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !<-sideSaw {
		t.Fatal("the stage beside did not run")
	}
	if !slices.Equal(order, []string{"a", "b", "c"}) {
		t.Errorf("order %v", order)
	}
	var names []string
	for _, s := range pl.done {
		names = append(names, s.Name)
		if s.Wall <= 0 {
			t.Errorf("%s took %v", s.Name, s.Wall)
		}
	}
	if !slices.Equal(names, []string{"a", "b", "side", "c"}) || !slices.Equal(seen, pl.done) {
		t.Errorf("recorded %v, reported %v", names, seen)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[2], "side       side done (") {
		t.Errorf("printed:\n%s", out.String())
	}
}

// TestPipelineError checks that a stage's error is wrapped once with its
// name, stops the stages after it, and stops and waits for a stage
// running beside before the pipeline returns.
func TestPipelineError(t *testing.T) {
	pl := &pipeline{rep: progress.New(&bytes.Buffer{})}
	bad := errors.New("bad input")
	sideStopped := false
	ran := false
	err := pl.run(context.Background(), []stage{
		{name: "side", beside: true, run: func(ctx context.Context) (string, error) {
			<-ctx.Done()
			time.Sleep(10 * time.Millisecond) // the pipeline must wait for this
			sideStopped = true
			return "", ctx.Err()
		}},
		{name: "load", run: func(context.Context) (string, error) { return "", bad }},
		{name: "later", run: func(context.Context) (string, error) { ran = true; return "", nil }},
	})
	if !errors.Is(err, bad) || err.Error() != "load: bad input" {
		t.Errorf("error %q", err)
	}
	if ran || !sideStopped {
		t.Errorf("later stage ran %v, the stage beside stopped %v", ran, sideStopped)
	}

	// An error from a stage beside is its own, named once, where it is
	// joined.
	pl = &pipeline{rep: progress.New(&bytes.Buffer{})}
	err = pl.run(context.Background(), []stage{
		{name: "tiles", beside: true, run: func(context.Context) (string, error) { return "", bad }},
		{name: "render", run: func(context.Context) (string, error) { return "ok", nil }},
	})
	if err == nil || err.Error() != "tiles: bad input" {
		t.Errorf("error %v", err)
	}
}

// TestPipelineInterrupted checks that a cancelled context stops the plan
// at the next stage with ErrInterrupted, not wrapped in a stage's name.
func TestPipelineInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pl := &pipeline{rep: progress.New(&bytes.Buffer{})}
	ran := false
	err := pl.run(ctx, []stage{
		{name: "load", run: func(context.Context) (string, error) { cancel(); return "ok", nil }},
		{name: "render", run: func(context.Context) (string, error) { ran = true; return "ok", nil }},
	})
	if !errors.Is(err, ErrInterrupted) || strings.HasPrefix(err.Error(), "render") || ran {
		t.Errorf("error %v, render ran %v", err, ran)
	}
}

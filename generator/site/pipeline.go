package site

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/crimemap/crimemap/generator/progress"
)

// Stage is one stage's timing, as Result.Stages and Config.OnStage give it.
type Stage struct {
	Name string
	Wall time.Duration
}

// stage is one named step of a build. run does the work and returns the
// stage's summary line; errSkip says it had nothing to do (no reference
// data, no gazetteer), and it then leaves no line and no timing.
type stage struct {
	name string
	run  func(ctx context.Context) (string, error)
	// beside runs the stage on a goroutine of its own, beside the stages
	// listed after it, until one that waits for it (see after). Its line
	// is printed when it is joined.
	beside bool
	// after names the stages running beside that must end before this
	// one starts.
	after []string
	// waiting, if set, is called when this stage starts to wait for the
	// stages in after: they then run alone.
	waiting func()
}

// errSkip is returned by a stage with nothing to do.
var errSkip = errors.New("nothing to do")

// errDone is returned with its line by a stage after which the build has
// nothing left to do: the plan ends there, successfully.
var errDone = errors.New("nothing left to do")

// pipeline runs a build's stages and times them itself, so that the
// times are true whoever reads them: the progress printer only prints
// what the pipeline measured.
type pipeline struct {
	rep     *progress.Reporter
	onStage func(Stage)
	done    []Stage // in the order the stages ended
}

// beside are the stages running beside others, by name.
type beside map[string]*running

// running is a stage started beside others.
type running struct {
	result chan stageResult
	joined bool
}

type stageResult struct {
	line string
	wall time.Duration
	err  error
}

// start runs s on a goroutine of its own.
func (bs beside) start(ctx context.Context, s stage) {
	r := &running{result: make(chan stageResult, 1)}
	bs[s.name] = r
	go func() {
		t0 := time.Now()
		line, err := s.run(ctx)
		r.result <- stageResult{line, time.Since(t0), err}
	}()
}

// join waits for the stage name if it runs beside and has not been
// joined, and records it.
func (bs beside) join(pl *pipeline, name string) error {
	r, ok := bs[name]
	if !ok || r.joined {
		return nil
	}
	r.joined = true
	res := <-r.result
	switch {
	case errors.Is(res.err, errSkip):
		return nil
	case res.err != nil:
		return wrapStage(name, res.err)
	}
	pl.record(name, res.wall, res.line)
	return nil
}

// wait waits for every stage not joined, whatever it returns: the caller
// has stopped them and only needs them gone.
func (bs beside) wait() {
	for _, r := range bs {
		if !r.joined {
			r.joined = true
			<-r.result
		}
	}
}

// run runs plan in order, starting the stages marked beside on their own
// goroutines and joining them where a later stage says it comes after
// them, or at the end. A stage's error is wrapped once, with its name;
// the first error stops the plan, and the stages still running beside
// are stopped and waited for before run returns, so that nothing writes
// into the spare once the caller lets go of its journal. ctx is checked
// between stages.
func (pl *pipeline) run(ctx context.Context, plan []stage) error {
	sideCtx, stop := context.WithCancel(ctx)
	side := beside{}
	defer func() {
		stop()
		side.wait()
	}()
	for _, s := range plan {
		if err := interrupted(ctx); err != nil {
			return err
		}
		if s.waiting != nil {
			s.waiting()
		}
		for _, a := range s.after {
			if err := side.join(pl, a); err != nil {
				return err
			}
		}
		if s.beside {
			side.start(sideCtx, s)
			continue
		}
		if err := pl.runStage(ctx, s); errors.Is(err, errDone) {
			return nil
		} else if err != nil {
			return err
		}
	}
	for _, s := range plan {
		if err := side.join(pl, s.name); err != nil {
			return err
		}
	}
	return nil
}

// runStage runs one stage in the foreground and records it.
func (pl *pipeline) runStage(ctx context.Context, s stage) error {
	pl.rep.Start(s.name)
	t0 := time.Now()
	line, err := s.run(ctx)
	wall := time.Since(t0)
	switch {
	case errors.Is(err, errSkip):
		return nil
	case errors.Is(err, errDone):
		pl.record(s.name, wall, line)
		return errDone
	case err != nil:
		return wrapStage(s.name, err)
	}
	pl.record(s.name, wall, line)
	return nil
}

// record prints a stage's line and keeps its time.
func (pl *pipeline) record(name string, wall time.Duration, line string) {
	pl.rep.Line(name, wall, "%s", line)
	s := Stage{name, wall}
	pl.done = append(pl.done, s)
	if pl.onStage != nil {
		pl.onStage(s)
	}
	checkpoint(name)
}

// wrapStage names the stage an error came from, except an interruption,
// which says what it has to say itself.
func wrapStage(name string, err error) error {
	if errors.Is(err, ErrInterrupted) {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}

// ErrInterrupted is wrapped by the error of a build stopped by its context.
var ErrInterrupted = errors.New("build interrupted")

// interrupted returns an error once ctx is done.
func interrupted(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w (%v); the previous site is unchanged", ErrInterrupted, err)
	}
	return nil
}

// testPoint, set only by tests, is called at each checkpoint of a build,
// so that a test can stop the build there as a crash or a kill would.
var testPoint func(name string)

func checkpoint(name string) {
	if testPoint != nil {
		testPoint(name)
	}
}

// Package progress reports a build's stages: a live bar on a terminal, and
// one summary line per stage either way, so logs stay short and readable.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// Reporter prints progress. A nil *Reporter prints nothing.
type Reporter struct {
	w     io.Writer
	tty   bool
	mu    sync.Mutex
	stage string
	start time.Time
	last  time.Time
}

// New returns a reporter writing to w; bars are drawn only when w is a
// terminal.
func New(w io.Writer) *Reporter {
	tty := false
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	return &Reporter{w: w, tty: tty}
}

// Start begins a stage.
func (r *Reporter) Start(stage string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stage, r.start = stage, time.Now()
}

// Update redraws the bar of the current stage, at most ten times a second.
func (r *Reporter) Update(done, total int) {
	if r == nil || !r.tty || total <= 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if now := time.Now(); now.Sub(r.last) < 100*time.Millisecond && done < total {
		return
	} else {
		r.last = now
	}
	const width = 30
	fill := width * done / total
	fmt.Fprintf(r.w, "\r%-10s [%s%s] %3d%% %d/%d", r.stage, strings.Repeat("=", fill),
		strings.Repeat(" ", width-fill), 100*done/total, done, total)
}

// Done ends the stage with its summary line and returns how long it took.
func (r *Reporter) Done(format string, args ...any) time.Duration {
	if r == nil {
		return 0
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	d := time.Since(r.start)
	if r.tty {
		fmt.Fprint(r.w, "\r\033[K")
	}
	fmt.Fprintf(r.w, "%-10s %s (%s)\n", r.stage, fmt.Sprintf(format, args...), d.Round(time.Millisecond))
	return d
}

// Line prints the summary line of a stage timed by its caller, clearing
// the bar of the stage in progress, and returns d.
func (r *Reporter) Line(stage string, d time.Duration, format string, args ...any) time.Duration {
	if r == nil {
		return d
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.tty {
		fmt.Fprint(r.w, "\r\033[K")
	}
	fmt.Fprintf(r.w, "%-10s %s (%s)\n", stage, fmt.Sprintf(format, args...), d.Round(time.Millisecond))
	return d
}

// Printf prints a line outside any stage.
func (r *Reporter) Printf(format string, args ...any) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintf(r.w, format, args...)
}

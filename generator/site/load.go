package site

import (
	"context"
	"fmt"

	"github.com/crimemap/crimemap/generator/format"
	"github.com/crimemap/crimemap/generator/source"
	"github.com/crimemap/crimemap/generator/validate"
)

// load reads the input into the store, through the cache when there is
// one. Out: st, res.Load.
func (b *build) load(context.Context) (string, error) {
	p := b.cfg.Progress
	st, stats, err := source.Load(b.in, b.report, source.Options{
		Progress: func(done, total int, _ int64) { p.Update(done, total) },
		Cache:    b.cache,
		Spill:    b.spill,
		Rehash:   b.cfg.Rehash,
	})
	if err != nil {
		return "", err
	}
	b.st, b.res.Load = st, stats
	if err := source.NoData(b.in, stats, b.report); err != nil {
		return "", err
	}
	cached := ""
	if b.cache != nil {
		cached = fmt.Sprintf("; %d parsed, %d from the cache", stats.Files-stats.Cached, stats.Cached)
		if stats.CacheFailures > 0 {
			cached += fmt.Sprintf(" (%d could not be cached: %v)", stats.CacheFailures, stats.CacheErr)
		}
	}
	return fmt.Sprintf("%d files, %d rows (%d excluded), %.1f MB%s",
		stats.Files, stats.Rows, stats.Excluded, float64(stats.Bytes)/1e6, cached), nil
}

// validate stops the build for fatal problems, and for any problem when
// strict, before anything is made from the data. In: the report of the
// load, the reference data and the privacy check.
func (b *build) validate(context.Context) (string, error) {
	r := b.report
	b.res.Problems = r.Len()
	if fatal := r.Fatal(); len(fatal) > 0 {
		return "", fmt.Errorf("%w: %d fatal, first: %v", ErrData, len(fatal), fatal[0])
	}
	if b.cfg.Strict && r.Len() > 0 {
		return "", fmt.Errorf("%w: %d problems with --strict, first: %v", ErrData, r.Len(), r.Examples()[0])
	}
	if r.Len() == 0 {
		return "no problems", nil
	}
	return fmt.Sprintf("%s (%d warnings), none fatal",
		format.Counted(int64(r.Len()), "problem", "problems"), r.Total(validate.Warning)), nil
}

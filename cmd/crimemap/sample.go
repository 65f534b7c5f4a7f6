package main

import (
	"github.com/crimemap/crimemap/generator/crime"
	"github.com/crimemap/crimemap/generator/progress"
	"github.com/crimemap/crimemap/generator/sample"
)

func (m *Main) sample(args []string) int {
	fs := m.newFlags("sample", "Write a deterministic synthetic dataset in the data.police.uk layout, with reference data.")
	out := fs.String("out", "", "folder to write (required); a previous sample there with the same options is resumed")
	var opt sample.Options
	fs.StringVar(&opt.Scale, "scale", "small", "small (a few forces, 13 months, seconds to build) or national (45 forces, 36 months)")
	fs.Int64Var(&opt.Seed, "seed", 1, "random seed; the same seed gives the same files")
	fs.IntVar(&opt.Months, "months", 0, "number of months (default 13 for small, 36 for national)")
	end := fs.String("end", "2025-12", "last month, YYYY-MM")
	quiet := fs.BoolP("quiet", "q", false, "print nothing but errors")
	if code := m.parse(fs, args); code >= 0 {
		return code
	}
	if opt.Scale != "small" && opt.Scale != "national" {
		return m.fail(exitUsage, "sample: --scale must be small or national, not %q", opt.Scale)
	}
	month, err := crime.ParseMonth([]byte(*end))
	if err != nil {
		return m.fail(exitUsage, "sample: --end: %v", err)
	}
	opt.End = month
	if *out == "" {
		fs.Usage()
		return m.fail(exitUsage, "sample: --out is required")
	}
	var p *progress.Reporter
	if !*quiet {
		p = progress.New(m.Stdout)
	}
	opt.Progress = p.Update
	p.Start("sample")
	sum, err := sample.Generate(*out, opt)
	if err != nil {
		return m.fail(exitFail, "%v", err)
	}
	p.Done("%d forces, %d neighbourhoods, %d snap points, %d months: %d street, %d outcome and %d stop-and-search rows, %d planted bad rows, %.1f MB in %s",
		sum.Forces, sum.Neighbourhoods, sum.SnapPoints, sum.Months, sum.StreetRows, sum.OutcomeRows, sum.StopRows,
		sum.BadRows, float64(sum.Bytes)/1e6, *out)
	return exitOK
}

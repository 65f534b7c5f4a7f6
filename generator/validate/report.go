package validate

import (
	"cmp"
	"slices"
	"sync"
)

// ExamplesPerReason bounds how many problems of one reason and force the
// report keeps in full; the rest are only counted.
const ExamplesPerReason = 5

// Count is the number of problems of one kind.
type Count struct {
	Force    string   `json:"force"`
	Month    string   `json:"month"`
	Reason   Reason   `json:"reason"`
	Severity Severity `json:"severity"`
	Count    int      `json:"count"`
}

type countKey struct {
	force, month string
	reason       Reason
	severity     Severity
}

type exampleKey struct {
	force  string
	reason Reason
}

// Report collects problems. The zero value is not usable; call NewReport.
type Report struct {
	mu       sync.Mutex
	counts   map[countKey]int
	examples map[exampleKey][]Problem
	fatal    []Problem
	total    [Fatal + 1]int
}

// NewReport returns an empty report.
func NewReport() *Report {
	return &Report{counts: map[countKey]int{}, examples: map[exampleKey][]Problem{}}
}

// Add records a problem.
func (r *Report) Add(p Problem) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.counts[countKey{p.Force, p.Month, p.Reason, p.Severity}]++
	r.total[p.Severity]++
	if p.Severity == Fatal {
		r.fatal = append(r.fatal, p)
	}
	k := exampleKey{p.Force, p.Reason}
	if len(r.examples[k]) < ExamplesPerReason {
		r.examples[k] = append(r.examples[k], p)
	}
}

// Merge adds every problem counted in o to r. Examples beyond the limit are
// dropped; counts are kept exactly.
func (r *Report) Merge(o *Report) {
	o.mu.Lock()
	defer o.mu.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, n := range o.counts {
		r.counts[k] += n
	}
	for i, n := range o.total {
		r.total[i] += n
	}
	r.fatal = append(r.fatal, o.fatal...)
	for k, ps := range o.examples {
		room := ExamplesPerReason - len(r.examples[k])
		r.examples[k] = append(r.examples[k], ps[:min(room, len(ps))]...)
	}
}

// Total returns the number of problems of a severity.
func (r *Report) Total(s Severity) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.total[s]
}

// Len returns the number of problems of every severity.
func (r *Report) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, t := range r.total {
		n += t
	}
	return n
}

// Fatal returns the fatal problems in the order they were found.
func (r *Report) Fatal() []Problem {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.fatal)
}

// Counts returns the counts sorted by force, month, reason and severity, so
// the report is the same however the files were scheduled.
func (r *Report) Counts() []Count {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Count, 0, len(r.counts))
	for k, n := range r.counts {
		out = append(out, Count{k.force, k.month, k.reason, k.severity, n})
	}
	slices.SortFunc(out, func(a, b Count) int {
		return cmp.Or(cmp.Compare(a.Force, b.Force), cmp.Compare(a.Month, b.Month),
			cmp.Compare(a.Reason, b.Reason), cmp.Compare(a.Severity, b.Severity))
	})
	return out
}

// Examples returns the kept examples sorted by force, reason, file and line.
// Which examples are kept can depend on scheduling when there are more than
// ExamplesPerReason; the build sorts problems per file before adding them, and
// adds files in a fixed order, to keep the choice stable.
func (r *Report) Examples() []Problem {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Problem
	for _, ps := range r.examples {
		out = append(out, ps...)
	}
	slices.SortFunc(out, compareProblems)
	return out
}

func compareProblems(a, b Problem) int {
	return cmp.Or(cmp.Compare(a.Force, b.Force), cmp.Compare(a.Reason, b.Reason),
		cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Detail, b.Detail))
}

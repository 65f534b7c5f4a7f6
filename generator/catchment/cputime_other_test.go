//go:build !unix

package catchment

import "time"

// cpuTime is not measured here: the benchmarks report it as zero.
func cpuTime() time.Duration { return 0 }

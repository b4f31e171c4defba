//go:build unix

package registry

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU adds the CPU time per operation to a benchmark's results
// ("cpu-ms/op"): on a shared machine the wall time grows with the others'
// load, the CPU an operation costs does not (the fsync's wait is not CPU).
func reportCPU(b *testing.B, run func()) {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	run()
	b.ReportMetric(float64(cpu()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

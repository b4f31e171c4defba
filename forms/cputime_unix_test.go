//go:build unix

package forms

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the CPU time the process has used, user and system, on
// every thread (the QR code is encoded on another goroutine).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the CPU time per operation to a benchmark's results
// ("cpu-ms/op"): on a shared machine the wall time grows with the others'
// load, the CPU a copy costs does not.
func reportCPU(b *testing.B, run func()) {
	start := cpuTime()
	run()
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

//go:build windows

package guichet

import (
	"os"

	"golang.org/x/sys/windows"
)

// lockExclusive takes an exclusive lock on f without waiting. The locked
// byte lies far beyond the process number written at the start, which
// stays readable by the counter that is refused.
func lockExclusive(f *os.File) error {
	ol := new(windows.Overlapped)
	ol.Offset = 0x7fffffff
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
}

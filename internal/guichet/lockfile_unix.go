//go:build !windows

package guichet

import (
	"os"
	"syscall"
)

// lockExclusive takes an exclusive lock on f without waiting.
func lockExclusive(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

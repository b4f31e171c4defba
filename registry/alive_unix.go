//go:build unix

package registry

import (
	"errors"
	"syscall"
)

// processAlive tells whether a process of that number runs (one of
// another user too): its temporary files are not stale.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

package registry

import (
	"os"

	"golang.org/x/sys/unix"
)

// datasync makes a file's data durable (fdatasync: its size and times
// are not waited for when they did not change).
func datasync(f *os.File) error { return unix.Fdatasync(int(f.Fd())) }

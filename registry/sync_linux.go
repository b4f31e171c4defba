package registry

import (
	"os"

	"golang.org/x/sys/unix"
)

// datasync makes a file's data durable (fdatasync: its size and times
// are not waited for when they did not change).
func datasync(f *os.File) error { return unix.Fdatasync(int(f.Fd())) }

// startWriteback starts writing n bytes of f at off to the disk without
// waiting (sync_file_range, SYNC_FILE_RANGE_WRITE): they leave the page
// cache within milliseconds instead of the kernel's 5 to 30 seconds. It
// makes nothing durable (the disk's cache is not flushed) and failures
// are ignored: the next fdatasync reports them.
func startWriteback(f *os.File, off, n int64) {
	unix.SyncFileRange(int(f.Fd()), off, n, unix.SYNC_FILE_RANGE_WRITE)
}

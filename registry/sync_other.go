//go:build !linux

package registry

import "os"

// datasync makes a file's data durable.
func datasync(f *os.File) error { return f.Sync() }

// startWriteback leaves the kernel to write the page cache back: there
// is no portable way to start it without waiting.
func startWriteback(f *os.File, off, n int64) {}

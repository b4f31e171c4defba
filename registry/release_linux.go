package registry

import (
	"time"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/sys/unix"
)

// releaseMap gives the pages of the register file that a long walk
// (the control) has read through bbolt's map back to the system, every
// twentieth of a second, until stop is called: a page read stays counted
// in the process's resident memory for as long as it stays mapped, and
// the control reads every page of the file. The pages stay in the
// system's file cache, and are mapped again, without reading the disk,
// when read again. bbolt maps the file read-only and shared, so the
// pages are never lost, only unmapped.
//
// It must be called, and stopped, inside a read transaction: bbolt
// never maps the file again while one is open, so the address stays
// that of the map (given back at another address, the pages would be
// whatever memory lies there).
//
// Only the pages in use as tx sees them are given back (tx.Size): they
// all lie in the map, while the file may be longer than the map (bbolt
// grows the file ahead of it).
func (s *Store) releaseMap(tx *bolt.Tx) (stop func()) {
	addr, size := s.db.Info().Data, uintptr(tx.Size())
	if addr == 0 || size == 0 {
		return func() {}
	}
	release := func() { unix.Syscall(unix.SYS_MADVISE, addr, size, unix.MADV_DONTNEED) }
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				release()
			}
		}
	}()
	return func() { close(done); <-finished; release() }
}

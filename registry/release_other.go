//go:build !linux

package registry

import bolt "go.etcd.io/bbolt"

// releaseMap does nothing on this system (see release_linux.go).
func (s *Store) releaseMap(*bolt.Tx) (stop func()) { return func() {} }

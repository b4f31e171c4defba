package registry

import (
	"crypto/sha256"
	"hash/maphash"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Tx is a transaction on the register file, for the parts of the program
// that keep their own records in it (the agenda). Its buckets are
// bbolt's; every write through them must be journaled with Journal in the
// same transaction, so that the control can check the record (see Part).
// A Tx is valid only inside the function given to View or Update.
type Tx struct {
	tx *bolt.Tx
	s  *Store
}

// View runs fn in a read transaction of the register.
func (s *Store) View(fn func(*Tx) error) error {
	return s.db.View(func(tx *bolt.Tx) error { return fn(&Tx{tx, s}) })
}

// Update runs fn in a write transaction of the register: what fn writes,
// with its journal entries, is written together, or nothing is when fn
// returns an error.
func (s *Store) Update(fn func(*Tx) error) error {
	return s.db.Update(func(tx *bolt.Tx) error { return fn(&Tx{tx, s}) })
}

// Bucket returns the bucket named name, or nil when the register has
// none yet.
func (t *Tx) Bucket(name []byte) *bolt.Bucket { return t.tx.Bucket(name) }

// CreateBucketIfNotExists returns the bucket named name, made if the
// register has none yet (in a write transaction only).
func (t *Tx) CreateBucketIfNotExists(name []byte) (*bolt.Bucket, error) {
	return t.tx.CreateBucketIfNotExists(name)
}

// Journal appends the journal entry of a write of data under ref; action
// names the write ("rdv", "rdv-annule"…). It refuses while the computer's
// clock is behind the register, which undoes the whole transaction.
func (t *Tx) Journal(action, ref string, data []byte) error {
	return t.s.journal(t.tx, action, ref, data)
}

// purged is the data hash journaled when a record is deleted on purpose
// (a purge): the control accepts a missing record whose last entry
// carries it.
var purged = []byte("purgé")

// JournalPurge journals that the record ref was deleted on purpose: the
// journal keeps no trace of its content, and the control no longer looks
// for it.
func (t *Tx) JournalPurge(action, ref string) error {
	return t.s.journal(t.tx, action, ref, purged)
}

// Now returns the register's clock.
func (t *Tx) Now() time.Time { return t.s.Now() }

// Clock compares the register's clock with the newest journal entry.
func (t *Tx) Clock() ClockStatus { return readClock(t.tx, t.s.Now()) }

// Settings returns the register's settings.
func (t *Tx) Settings() (Settings, error) { return readSettings(t.tx) }

// Part is a part of the program that keeps its own records in the
// register file (the agenda). The control asks each part of
// Options.Parts to check its records.
type Part interface {
	// Check checks the part's records inside tx, each against the data
	// hash of its last journal entry (see Journaled.Record), and whatever
	// the part derives from them. It returns the breaks found, in French.
	Check(tx *Tx, j *Journaled) []string
	// Gone describes, in French, a record that the journal wrote under
	// ref and that the register no longer holds ("rendez-vous n° 4 :
	// présent au journal mais absent du registre…"), or returns "" when
	// ref is not one of the part's. A record purged (see JournalPurge) is
	// never asked about.
	Gone(ref string) string
}

// Journaled is what the control read in the journal: for each
// reference, its last entry. So that the control's memory stays small
// whatever the register's size (about 40 bytes a record: a million acts
// took 312 MB as a map of strings), the reference is kept as a seeded
// 64-bit hash, the entry as its number and the first 16 bytes of its
// data hash; the entry itself is read again from the journal only when a
// record does not match it, or to name a record gone.
type Journaled struct {
	seed maphash.Seed
	last map[uint64]lastEntry
	tx   *bolt.Tx
	// numbering holds the numbering's entries by reference, for the
	// register's own numbering part.
	numbering map[string]*numberingEntries
	acts      int      // acts counted by the register's acts part
	progress  *stepper // the control's progress
}

// lastEntry is the last journal entry of a reference: its number and the
// first half of its data hash.
type lastEntry struct {
	seq  uint64
	hash [16]byte
}

// Record checks a stored record (v, nil when absent) against the data
// hash of the last journal entry of ref, and counts it as present; what
// names it in the breaks returned.
func (j *Journaled) Record(ref, what string, v []byte) []string {
	k := maphash.String(j.seed, ref)
	le, ok := j.last[k]
	dataHash := ""
	if ok {
		if v != nil {
			sum := sha256.Sum256(v)
			if [16]byte(sum[:16]) == le.hash {
				delete(j.last, k)
				return nil
			}
		}
		// Read the entry again: the whole hash, and its reference (two
		// references whose hashes collide share a slot).
		e, err := j.entryAt(le.seq)
		if err == nil && e.Ref == ref {
			delete(j.last, k)
			dataHash = e.DataHash
		} else if dataHash, ok = j.lastOf(ref); !ok {
			dataHash = ""
		}
	}
	switch {
	case v == nil:
		return []string{what + " : absent du registre"}
	case !ok:
		return []string{what + " : aucune entrée de journal ne l'a écrit (ajouté hors du programme, ou entrée supprimée)"}
	case dataHash != hashHex(v):
		return []string{what + " : son contenu ne correspond plus à son empreinte au journal (modifié hors du programme)"}
	}
	return nil
}

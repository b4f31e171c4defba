package registry

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
)

// A whole-register operation (a big import, a compaction) writes a new
// register file beside the register, in the register's folder, while the
// register stays open (and so locked against every other process), then
// puts it in the register's place in one rename (swapIn). A process
// killed before the rename leaves the register as it was and a temporary
// file that the next command removes (SweepTemps); killed after it, the new
// register is in place. The witness accepts both heads while they are
// swapped.

// newTempRegister creates an empty temporary register file for what in
// dir, named after this process (see TempPattern): if the process is
// killed, the next command removes it (SweepTemps).
func newTempRegister(dir, what string) (*os.File, error) {
	return os.CreateTemp(dir, TempPattern(what, ".db"))
}

// openTemp opens a temporary register file made by newTempRegister for
// writing, without syncing each commit (it is synced once, before
// swapIn: until then it is not the register), as a Store that shares s's
// clock, agent and progress but no witness.
func (s *Store) openTemp(path string) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: s.opts.Timeout + 1, InitialMmapSize: s.opts.MmapSize, NoSync: true, NoGrowSync: true})
	if err != nil {
		return nil, fmt.Errorf("registre temporaire %s : %w", path, err)
	}
	t := storeFor(&guardedDB{DB: db}, s.dir, s.opts)
	t.Now, t.Agent, t.progress, t.parts = s.Now, s.Agent, s.progress, s.parts
	return t, nil
}

// closeSynced syncs the file of a temporary register and closes it.
func (t *Store) closeSynced() error {
	if err := t.db.Sync(); err != nil {
		t.db.Close()
		return err
	}
	return t.db.Close()
}

// swapStep is called between the steps of swapIn; the tests stop there
// as a power cut would.
var swapStep = func(step string) {}

// swapIn puts the register file tmp (complete, synced and closed) in the
// place of s's file in one rename, and opens s again on it. newHead is
// the journal's head in tmp, recent its last entries, when the time of
// the last. With aside not empty, the current file is first kept under
// that name by a hard link (it then stays on the disk).
func (s *Store) swapIn(tmp string, newHead head, recent []WitnessEntry, when, aside string) error {
	path := filepath.Join(s.dir, FileName)
	if s.witness != nil {
		s.witness.mu.Lock()
		cur := s.witness.last
		main := head{cur.Seq, cur.Hash}
		if main.Hash == "" {
			s.db.View(func(tx *bolt.Tx) error { main, _ = lastHead(tx); return nil })
		}
		err := s.witness.write(Witness{Seq: main.Seq, Hash: main.Hash, Time: cur.Time, Recent: cur.Recent, Also: &WitnessHead{newHead.Seq, newHead.Hash}}, true)
		s.witness.mu.Unlock()
		if err != nil {
			return fmt.Errorf("témoin du registre : %w", err)
		}
	}
	swapStep("témoin")
	if aside != "" {
		if err := os.Link(path, aside); err != nil {
			return fmt.Errorf("mise de côté du registre actuel sous %s : %w", aside, err)
		}
		syncDir(s.dir)
		swapStep("lien")
	}
	if err := os.Rename(tmp, path); err != nil {
		if aside != "" {
			os.Remove(aside)
		}
		return fmt.Errorf("mise en place du nouveau registre : %w", err)
	}
	syncDir(s.dir)
	swapStep("renommé")
	old := s.db
	old.Close()
	db, err := openDB(path, s.opts)
	if err != nil {
		return err
	}
	db.upkeep = old.upkeep // the housekeeping not yet run
	s.db = db
	if s.witness != nil {
		s.witness.mu.Lock()
		err := s.witness.write(Witness{Seq: newHead.Seq, Hash: newHead.Hash, Time: when, Recent: recent}, true)
		s.witness.mu.Unlock()
		if err != nil {
			// The witness still accepts the new head (Also): harmless.
			return nil
		}
	}
	return nil
}

// tempHead returns the journal's head of a temporary register, its last
// entries and the time of the last.
func (t *Store) tempHead() (h head, recent []WitnessEntry, when string, err error) {
	err = t.db.View(func(tx *bolt.Tx) error {
		h, when = lastHead(tx)
		recent = recentEntries(tx, witnessRecent)
		return nil
	})
	return h, recent, when, err
}

// guardWrites runs fn, which opens and commits write transactions of t
// itself, under the same guard as guardedDB.Update: a damaged file is an
// *IntegrityError, never a crash.
func (t *Store) guardWrites(fn func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			err = damaged(t.db.Path(), r)
		}
	}()
	return fn()
}

package registry

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/internal/words"
)

// Compacted tells what Compact did.
type Compacted struct {
	Before, After int64  // size of the register file, in bytes
	Aside         string // the file as it was, kept by a hard link
	Acts          int    // acts checked in the compacted register
}

// Report is what etatcivil compacter and the counter's « Compacter » page
// say of a compaction: the sizes before and after, the acts checked, and
// where the old file is kept (two lines, in French).
func (c Compacted) Report() []string {
	return []string{
		fmt.Sprintf("Registre compacté : %s → %s (%s, contrôle sans anomalie).", words.SizeIEC(c.Before), words.SizeIEC(c.After), words.Plural(c.Acts, "acte", "actes")),
		fmt.Sprintf("L'ancien fichier est gardé sous %s : supprimez-le une fois le nouveau vérifié.", filepath.Base(c.Aside)),
	}
}

// compactTxSize bounds what one transaction of the compaction holds, in
// bytes of keys and values.
const compactTxSize = 16 << 20

// Compact rewrites the register file with its pages full and without the
// free pages it kept (bbolt's Compact, a transaction every 16 MB, into a
// new file of the register's folder), checks the new file (the whole
// control, bbolt's page check included, and the same journal head), then
// puts it in the register's place in one rename (see swapIn), the file as
// it was kept beside it by a hard link (FileName + ".avant-compactage-…").
// Nothing in the register changes but its layout: no journal entry.
//
// A register behind its witness is refused (*BehindError); a new file
// that fails the control is an *IntegrityError, and the register is left
// as it was. Killed at any moment, the register is the old file or the
// new one.
func (s *Store) Compact() (Compacted, error) {
	var res Compacted
	if s.behind != nil {
		return res, s.behind
	}
	path := filepath.Join(s.dir, FileName)
	if st, err := os.Stat(path); err == nil {
		res.Before = st.Size()
	}
	f, err := newTempRegister(s.dir, "compactage")
	if err != nil {
		return res, err
	}
	tmp := f.Name()
	f.Close()
	placed := false
	defer func() {
		if !placed {
			os.Remove(tmp)
		}
	}()
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{NoSync: true, NoGrowSync: true})
	if err != nil {
		return res, fmt.Errorf("registre temporaire %s : %w", tmp, err)
	}
	var current head
	if s.OldLayout() {
		// A register of schema 2: migrated in a copy first, which is
		// then compacted (the acts rewritten compressed leave the
		// copy's pages half empty).
		err = s.db.View(func(tx *bolt.Tx) error { current, _ = lastHead(tx); return nil })
		if err == nil {
			err = s.compactMigrated(dst)
		}
	} else {
		err = s.db.View(func(tx *bolt.Tx) error {
			current, _ = lastHead(tx)
			// The pages read through the map are given back as the walk
			// goes: the map stays at this address while tx is open.
			defer s.releaseMap(tx)()
			return s.guardWrites(func() error { return bolt.Compact(dst, s.db.DB, compactTxSize) })
		})
	}
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return res, err
	}
	t, err := s.openTemp(tmp)
	if err != nil {
		return res, err
	}
	rep, err := t.Check()
	var h head
	var recent []WitnessEntry
	var when string
	if err == nil {
		h, recent, when, err = t.tempHead()
	}
	t.db.Close()
	if err != nil {
		return res, err
	}
	res.Acts = rep.Acts
	if len(rep.Breaks) > 0 {
		return res, &IntegrityError{append([]string{fmt.Sprintf("le registre compacté ne passe pas le contrôle (%s) : le registre n'est pas remplacé (le registre actuel est sans doute lui-même à contrôler)", words.Plural(len(rep.Breaks), "anomalie", "anomalies"))}, rep.Breaks...)}
	}
	if h != current {
		return res, &IntegrityError{[]string{fmt.Sprintf("le registre compacté s'arrête à l'entrée de journal n° %d, le registre à la n° %d : le registre n'est pas remplacé", h.Seq, current.Seq)}}
	}
	res.Aside = compactAsideName(path)
	if err := s.swapIn(tmp, h, recent, when, res.Aside); err != nil {
		return res, err
	}
	placed = true
	if st, err := os.Stat(path); err == nil {
		res.After = st.Size()
	}
	return res, nil
}

// compactAsideName returns a name beside path, not yet taken, for the
// register file a compaction replaces.
func compactAsideName(path string) string {
	base := path + ".avant-compactage-" + time.Now().Format("20060102-150405")
	name := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); err != nil {
			return name
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
}

// compactMigrated copies the register (bbolt's WriteTo) into a temporary
// file of its folder, brings the copy to the new layout (migrateLayout),
// and compacts the copy into dst. The copy is removed.
func (s *Store) compactMigrated(dst *bolt.DB) error {
	f, err := newTempRegister(s.dir, "migration")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	err = s.db.View(func(tx *bolt.Tx) error {
		defer s.releaseMap(tx)()
		_, err := tx.WriteTo(f)
		return err
	})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	t, err := s.openTemp(tmp)
	if err != nil {
		return err
	}
	defer t.db.Close()
	err = t.guardWrites(func() error {
		var n int
		t.db.View(func(tx *bolt.Tx) error { n = actsEstimate(tx); return nil })
		progress := s.stepper("Mise au nouveau format", "actes", n)
		if err := t.migrateLayout(progress); err != nil {
			return err
		}
		progress.end()
		return t.db.View(func(tx *bolt.Tx) error {
			defer t.releaseMap(tx)()
			return bolt.Compact(dst, t.db.DB, compactTxSize)
		})
	})
	return err
}

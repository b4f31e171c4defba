package registry

import (
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BigImport is the size of an import file, in bytes, from which the
// register is mapped at once for it (see ImportMapSize). A variable for
// the tests.
var BigImport int64 = 64 << 20

// ImportMapSize returns Options.MmapSize for the import of a file of size
// bytes into the register kept in dir: 0 (bbolt's own growth) up to
// BigImport; beyond, the register's size and five times the file's. The
// register grows by about four times the file, and each time bbolt maps
// it again it copies every page the transaction holds out of the map.
// etatcivil import and the counter's « Importer » both open the register
// with it (exchange.OpenImport).
func ImportMapSize(dir string, size int64) int {
	if size <= BigImport {
		return 0
	}
	held := int64(0)
	if st, err := os.Stat(filepath.Join(dir, FileName)); err == nil {
		held = st.Size()
	}
	return int(held + 5*size)
}

// importBatched writes the lines of an import already checked (plan) into
// a copy of the register, ImportBatch acts per transaction, then puts the
// copy in the register's place (see swapIn). The register stays open,
// and so locked against every other process, from the check to the
// rename: nothing else is written meanwhile. The memory held is that of
// one transaction, whatever the file's size; the pages of the copy read
// through its map are given back to the system at each transaction.
func (s *Store) importBatched(src ImportSource, plan *importPlan) (res Imported, err error) {
	f, err := newTempRegister(s.dir, "import")
	if err != nil {
		return res, err
	}
	tmp := f.Name()
	placed := false
	defer func() {
		if !placed {
			os.Remove(tmp)
		}
	}()
	err = s.db.View(func(tx *bolt.Tx) error { _, err := tx.WriteTo(f); return err })
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return res, err
	}
	t, err := s.openTemp(tmp)
	if err != nil {
		return res, err
	}
	defer t.db.Close()
	now := s.Now().Format(time.RFC3339)
	writing := s.stepper("Import : écriture", "actes", plan.total)
	err = t.guardWrites(func() error {
		var tx *bolt.Tx
		var copies *bolt.Bucket
		var names, phons *bulkIndex
		held := 0
		commit := func() error {
			if err := names.write(filled(tx.Bucket(bucketNames))); err != nil {
				return err
			}
			if err := phons.write(filled(tx.Bucket(bucketSounds))); err != nil {
				return err
			}
			err := tx.Commit()
			tx = nil
			swapStep("lot")
			return err
		}
		defer func() {
			if tx != nil {
				tx.Rollback()
			}
		}()
		err := inBatches(src, nil, func(batch []ImportLine) error {
			if tx == nil {
				var err error
				if tx, err = t.db.Begin(true); err != nil {
					return err
				}
				t.releaseMap(tx)()
				if copies, err = tx.CreateBucketIfNotExists(bucketCopies); err != nil {
					return err
				}
				names, phons = newBulkIndex(), newBulkIndex()
				held = 0
			}
			if err := t.writeImportBatch(tx, copies, batch, now, names, phons, writing, &res); err != nil {
				return err
			}
			if held += len(batch); held >= ImportBatch {
				return commit()
			}
			return nil
		})
		if err != nil {
			return err
		}
		if tx == nil {
			if tx, err = t.db.Begin(true); err != nil {
				return err
			}
			names, phons = newBulkIndex(), newBulkIndex()
		}
		if err := finishImport(tx, plan, &res); err != nil {
			return err
		}
		return commit()
	})
	if err != nil {
		return Imported{}, err
	}
	writing.end()
	h, recent, when, err := t.tempHead()
	if err != nil {
		return Imported{}, err
	}
	if err := t.closeSynced(); err != nil {
		return Imported{}, err
	}
	if err := s.swapIn(tmp, h, recent, when, ""); err != nil {
		return Imported{}, err
	}
	placed = true
	return res, nil
}

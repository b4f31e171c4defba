package registry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// layoutSchema is the first schema whose indexes are posting lists (see
// postings.go) and whose acts are kept compressed (see packAct).
// Registers of schema 2 are brought to it by migrateLayout, always in a
// copy of the register that then takes its place (Compact): at the
// first opening for a register of at most AutoMigrateActs acts, by
// etatcivil compacter for a bigger one.
const layoutSchema = 3

// AutoMigrateActs is the largest register (in acts) that opening brings
// to the new layout by itself (a few seconds); a bigger one is refused
// until etatcivil compacter has done it (*OldLayoutError). A variable
// for the tests.
var AutoMigrateActs = 30_000

// oldLayoutRefusal refuses a register of schema 2 too big to be
// migrated at opening (more than AutoMigrateActs acts, about n).
func oldLayoutRefusal(n int) error {
	return civil.Refuse("registre", fmt.Sprintf("ce registre (environ %d actes) est rangé au format des versions précédentes, que cette version ne lit plus : sa mise au nouveau format prend quelques minutes", n),
		"mettez-le au nouveau format une fois : le nouveau fichier passe le contrôle complet avant de prendre la place de l'ancien, qui est gardé à côté ; les actes et le journal ne changent pas",
		civil.Then(civil.CompactRegister))
}

// schemaOf reads the schema version of a register.
func schemaOf(tx *bolt.Tx) (int, error) {
	m := tx.Bucket(bucketMeta)
	if m == nil {
		return 0, fmt.Errorf("métadonnées absentes")
	}
	v, err := strconv.Atoi(string(bytes.TrimSpace(m.Get(keySchema))))
	if err != nil {
		var n int
		if jerr := json.Unmarshal(m.Get(keySchema), &n); jerr != nil {
			return 0, err
		}
		v = n
	}
	return v, nil
}

// OldLayout tells whether the register is of a schema before
// layoutSchema (see Compact, which migrates it).
func (s *Store) OldLayout() bool {
	old := false
	s.db.View(func(tx *bolt.Tx) error {
		v, err := schemaOf(tx)
		old = err == nil && v < layoutSchema
		return nil
	})
	return old
}

// migrateLayout brings t, a register file of schema 2 not in use (a copy
// of the register, see Compact and the restore), to layoutSchema: the
// acts still kept as JSON are stored compressed (their JSON, so their
// fingerprints and journal entries, unchanged), the indexes of schema 2
// are dropped and the posting lists and persons records built from the
// acts, ImportBatch acts per transaction, then the schema is set. Nothing
// is journaled: the register's content does not change, only the way it
// is stored. The file is not a register until the last transaction has
// committed; the caller throws it away on error. The pages of the file
// read through its map are given back at each transaction, so that the
// memory held is that of one transaction, whatever the register's size.
func (t *Store) migrateLayout(progress *stepper) error {
	db := t.db
	err := db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketOldIdxName, bucketOldIdxPhon, bucketNames, bucketSounds, bucketPersons} {
			if tx.Bucket(name) != nil {
				if err := tx.DeleteBucket(name); err != nil {
					return err
				}
			}
		}
		for _, name := range [][]byte{bucketNames, bucketSounds, bucketPersons} {
			if _, err := tx.CreateBucket(name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	var after []byte // the last act key migrated
	for done := false; !done; {
		err := db.Update(func(tx *bolt.Tx) error {
			t.releaseMap(tx)()
			acts := tx.Bucket(bucketActs)
			c := acts.Cursor()
			k, v := c.First()
			if after != nil {
				if k, v = c.Seek(after); bytes.Equal(k, after) {
					k, v = c.Next()
				}
			}
			type rewrite struct{ key, val []byte }
			var rewrites []rewrite
			names, sounds := newBulkIndex(), newBulkIndex()
			persons := filled(tx.Bucket(bucketPersons))
			n := 0
			for ; k != nil && n < ImportBatch; k, v = c.Next() {
				n++
				var a civil.Act
				data, err := decodeAct(v, &a)
				if err != nil {
					return &IntegrityError{[]string{"acte " + string(k) + " illisible : " + err.Error()}}
				}
				if len(v) > 0 && v[0] != actDeflate1 {
					rewrites = append(rewrites, rewrite{bytes.Clone(k), packAct(data)})
				}
				d, err := indexData(&a)
				if err != nil {
					return &IntegrityError{[]string{"acte " + string(k) + " : " + err.Error()}}
				}
				names.addAll(d.names)
				sounds.addAll(d.sounds)
				if err := persons.Put(idKey(d.id), d.persons); err != nil {
					return err
				}
				after = bytes.Clone(k)
				if progress != nil {
					progress.add()
				}
			}
			done = k == nil
			for _, r := range rewrites {
				if err := filled(acts).Put(r.key, r.val); err != nil {
					return err
				}
			}
			if err := names.write(filled(tx.Bucket(bucketNames))); err != nil {
				return err
			}
			if err := sounds.write(filled(tx.Bucket(bucketSounds))); err != nil {
				return err
			}
			if done {
				return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(layoutSchema)))
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// migrateAtOpening brings a register of schema 2 to the new layout when
// it holds at most AutoMigrateActs acts (by Compact: in a copy, checked,
// then put in its place, the old file kept beside it), and refuses a
// bigger one (see oldLayoutRefusal). A register behind its witness is
// refused as Compact refuses it.
func (s *Store) migrateAtOpening() error {
	n := 0
	s.db.View(func(tx *bolt.Tx) error { n = actsEstimate(tx); return nil })
	if n > AutoMigrateActs {
		return oldLayoutRefusal(n)
	}
	res, err := s.Compact()
	if err != nil {
		return err
	}
	s.layoutMigrated = &res
	return nil
}

// LayoutMigrated returns what opening the register did to bring it to
// the new layout (the file's sizes, the old file kept), or nil.
func (s *Store) LayoutMigrated() *Compacted { return s.layoutMigrated }

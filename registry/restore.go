package registry

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// Restored describes a register put back from a backup.
type Restored struct {
	Commune civil.Commune
	Acts    int
	Seq     uint64 // journal entries in the backup
	Last    string // time of the backup's last journal entry
	// Aside is where the register it replaced was kept, "" when the folder
	// held none.
	Aside string
}

// Restore replaces the register of dir with the register file read from
// src (a decrypted backup), named source in the journal. Nothing in dir
// changes unless the whole file was read, passes the full check (bbolt
// structure, journal chain, every record against its journal entry,
// numbering), and holds everything the current register holds. With
// force, a current register that holds writes missing from the backup is
// replaced anyway. A replaced register is never deleted: it is renamed
// beside the new one.
func Restore(dir string, src io.Reader, source string, force bool, o Options) (Restored, error) {
	var res Restored
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return res, fmt.Errorf("création du dossier %s : %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".restauration-*.db")
	if err != nil {
		return res, err
	}
	tmpName := tmp.Name()
	keep := false
	defer func() {
		if !keep {
			os.Remove(tmpName)
		}
	}()
	n, err := io.Copy(tmp, src)
	if err != nil {
		tmp.Close()
		return res, &IntegrityError{[]string{fmt.Sprintf("la sauvegarde est altérée ou tronquée : le déchiffrement échoue après %d octets (%s)", n, readFailure(err))}}
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return res, err
	}
	if err := tmp.Close(); err != nil {
		return res, err
	}
	backup, err := checkBackupFile(tmpName, dir, o, &res)
	if err != nil {
		return res, err
	}
	defer backup.Close()

	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); err == nil {
		if err := compareWithCurrent(path, backup, force, o); err != nil {
			return res, err
		}
		res.Aside = path + ".avant-restauration-" + time.Now().Format("20060102-150405")
	} else if !errors.Is(err, fs.ErrNotExist) {
		return res, err
	}
	backup.Close()
	if res.Aside != "" {
		if err := os.Rename(path, res.Aside); err != nil {
			return res, fmt.Errorf("mise de côté du registre actuel : %w", err)
		}
	}
	if err := os.Rename(tmpName, path); err != nil {
		if res.Aside != "" {
			os.Rename(res.Aside, path)
		}
		return res, fmt.Errorf("mise en place du registre restauré : %w", err)
	}
	keep = true
	syncDir(dir)

	s, err := Open(dir, o)
	if err != nil {
		return res, err
	}
	defer s.Close()
	err = s.db.Update(func(tx *bolt.Tx) error {
		// The backup just restored is the register's last backup.
		b := Backup{Horodatage: s.Now().Format(time.RFC3339), Seq: res.Seq, Actes: res.Acts, Fichier: source}
		data, err := json.Marshal(b)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keyLastBackup, data); err != nil {
			return err
		}
		return s.journal(tx, "restauration", "sauvegarde", data)
	})
	return res, err
}

// checkBackupFile opens the register file of a backup and runs the full
// check on it; the open store is returned for the comparison.
func checkBackupFile(name, dir string, o Options, res *Restored) (_ *Store, err error) {
	if err := checkFileSize(name); err != nil {
		return nil, err
	}
	// bbolt trusts its file and may panic on a damaged one: a panic here
	// is a damaged backup.
	var db *bolt.DB
	defer func() {
		if r := recover(); r != nil {
			if db != nil {
				db.Close()
			}
			err = &IntegrityError{[]string{fmt.Sprintf("la sauvegarde contient un registre endommagé (%v)", r)}}
		}
	}()
	db, err = openDB(name, o)
	if err != nil {
		var broken *IntegrityError
		if errors.As(err, &broken) {
			return nil, &IntegrityError{[]string{"la sauvegarde ne contient pas un registre lisible (en-tête bbolt illisible)"}}
		}
		return nil, err
	}
	s := storeFor(db, dir, o)
	err = db.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if m == nil || tx.Bucket(bucketJournal) == nil || tx.Bucket(bucketActs) == nil {
			return &IntegrityError{[]string{"la sauvegarde ne contient pas un registre etatcivil (métadonnées absentes)"}}
		}
		var v int
		if json.Unmarshal(m.Get(keySchema), &v) != nil || v > SchemaVersion {
			return &IntegrityError{[]string{"la sauvegarde vient d'une version d'etatcivil plus récente, ou son schéma est illisible : utilisez la version la plus récente du programme"}}
		}
		if err := readCommune(tx, &res.Commune); err != nil {
			return &IntegrityError{[]string{"commune de la sauvegarde illisible"}}
		}
		h := readHead(tx)
		res.Seq = h.Seq
		res.Acts = tx.Bucket(bucketActs).Stats().KeyN
		if _, v := tx.Bucket(bucketJournal).Cursor().Last(); v != nil {
			var e Entry
			if json.Unmarshal(v, &e) == nil {
				res.Last = e.Time
			}
		}
		return nil
	})
	if err == nil {
		var r Report
		r, err = s.Check()
		if err == nil && len(r.Breaks) > 0 {
			err = &IntegrityError{append([]string{"la sauvegarde ne passe pas le contrôle d'intégrité :"}, r.Breaks...)}
		}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// checkFileSize refuses a register file shorter than its own header says:
// bbolt would read past its end.
func checkFileSize(name string) error {
	damaged := &IntegrityError{[]string{"la sauvegarde ne contient pas un registre complet (fichier tronqué)"}}
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 64)
	if _, err := io.ReadFull(f, head); err != nil {
		return damaged
	}
	// The first meta page: page header (16 bytes), then magic, version,
	// page size, flags, root bucket (16 bytes), freelist page, and the
	// high-water mark of pages in use.
	pageSize := int64(binary.LittleEndian.Uint32(head[24:28]))
	pages := int64(binary.LittleEndian.Uint64(head[56:64]))
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if pageSize < 512 || pageSize > 1<<20 || pages < 2 || st.Size() < pages*pageSize {
		return damaged
	}
	return nil
}

// compareWithCurrent refuses, unless force, to replace a register whose
// journal is not a prefix of the backup's: it holds writes the backup
// lacks, which a restore would lose.
func compareWithCurrent(path string, backup *Store, force bool, o Options) error {
	db, err := openDB(path, o)
	if errors.Is(err, ErrBusy) {
		return err
	}
	if err != nil {
		if force {
			return nil
		}
		return civil.Refuse("registre actuel", "le registre actuel ("+path+") est illisible : impossible de vérifier qu'il ne contient rien de plus récent",
			"si vous êtes sûr de vouloir le remplacer, forcez la restauration : il sera gardé à côté, rien n'est effacé", civil.Then(civil.Force))
	}
	defer db.Close()
	var extra []string
	var count int
	err = db.View(func(cur *bolt.Tx) error {
		return backup.db.View(func(bak *bolt.Tx) error {
			cj, bj := cur.Bucket(bucketJournal), bak.Bucket(bucketJournal)
			if cj == nil {
				return nil
			}
			bc := bj.Cursor()
			_, bv := bc.First()
			refs := map[string]bool{}
			diverged := false
			return cj.ForEach(func(k, v []byte) error {
				if !diverged && bv != nil && bytes.Equal(v, bv) {
					_, bv = bc.Next()
					return nil
				}
				diverged = true
				var e Entry
				if json.Unmarshal(v, &e) == nil && e.Ref == "sauvegarde" {
					return nil // the record of a backup or restore, not a write of the register
				}
				count++
				if !refs[e.Ref] {
					refs[e.Ref] = true
					extra = append(extra, e.Ref)
				}
				return nil
			})
		})
	})
	if err != nil || count == 0 || force {
		return err
	}
	sort.Strings(extra)
	shown := extra
	if len(shown) > 10 {
		shown = append(shown[:10:10], fmt.Sprintf("et %d autres", len(extra)-10))
	}
	return civil.Refuse("registre actuel", fmt.Sprintf("le registre actuel contient %d écriture(s) absente(s) de la sauvegarde (%s) : la restauration les perdrait", count, strings.Join(shown, ", ")),
		"sauvegardez d'abord le registre actuel, ou, si ces écritures sont connues et seront ressaisies, forcez la restauration : l'ancien registre est gardé à côté",
		civil.Then(civil.MakeBackup), civil.Then(civil.Force))
}

// readFailure names, in French, why reading a backup failed.
func readFailure(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "fin de fichier inattendue"
	}
	return "un bloc chiffré ne s'authentifie pas"
}

// syncDir makes a rename durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

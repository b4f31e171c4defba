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
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
	"etatcivil/internal/seal"
	"etatcivil/internal/words"
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
	// Manifest and By say what the backup's signature states and who signed it.
	Manifest *Manifest
	By       SignedBy
}

// RestoreBackup puts back, in dir, the register held by the backup file
// (see backupfile.go). Before anything is decrypted, the backup's
// signature must verify against trust: the commune's certificate given by
// the clerk (or a bundle with its officers and revocations). The backup
// is decrypted with the recovery key id; its hash must be the signed one,
// and the register inside must be the one the manifest describes, with
// the commune's seal, and pass the full check (bbolt structure, journal
// chain, every record against its journal entry, numbering, anchors).
// It must also hold everything the current register of dir holds, and
// every entry its witness saw; with force, it replaces them anyway.
//
// Nothing in dir changes until all of this passed; the register it
// replaces is kept beside, by a hard link, and the new one renamed over
// it: at any moment dir holds a usable registre.db. progress, when not
// nil, is told how many bytes of the file were read.
func RestoreBackup(dir, file string, id seal.RecoveryKey, trust *seal.Trust, force bool, o Options, progress func(int)) (Restored, error) {
	var res Restored
	notFile := civil.Refuse("sauvegarde", "« "+file+" » n'est pas un fichier ordinaire (un dossier, un périphérique ou un tube)", "indiquez le fichier de la sauvegarde (sur la clé USB ou le disque externe)")
	if st, err := os.Stat(file); err == nil && !st.Mode().IsRegular() {
		return res, notFile // opening a named pipe would wait for a writer
	}
	f, err := os.OpenFile(file, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return res, civil.Refuse("sauvegarde", "le fichier "+file+" est introuvable ou illisible", "indiquez le fichier de la sauvegarde (sur la clé USB ou le disque externe)")
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return res, err
	}
	if !st.Mode().IsRegular() {
		return res, notFile
	}
	// A key that cannot open the backup is said first: the clerk took the
	// wrong sheet.
	if m, err := PeekBackup(f, st.Size()); err == nil && m.Destinataire != id.Recipient() {
		return res, seal.ErrWrongRecoveryKey
	}
	bf, err := OpenBackup(f, st.Size(), trust)
	if err != nil {
		return res, err
	}
	res.Manifest, res.By = bf.Manifest, bf.By
	plain, check, err := bf.decrypt(id)
	if err != nil {
		return res, err
	}
	if progress != nil {
		plain = &countingReader{plain, progress}
	}
	return restore(dir, plain, check, file, force, o, bf, trust, res)
}

type countingReader struct {
	r  io.Reader
	fn func(int)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.fn(n)
	return n, err
}

// sourceReader remembers a read error, to tell it from a write error.
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

// restore puts back the register file read from src (decrypted), named
// source in the journal; check, when not nil, is called once src was read
// whole; bf, when not nil, is the signed backup it comes from.
func restore(dir string, src io.Reader, check func() error, source string, force bool, o Options, bf *BackupFile, trust *seal.Trust, res Restored) (Restored, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return res, fmt.Errorf("création du dossier %s : %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, TempPattern("restauration", ".db")) // swept if the restore is killed
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
	in := &sourceReader{r: src}
	n, err := io.Copy(tmp, in)
	if err != nil {
		tmp.Close()
		if in.err == nil {
			// Writing failed, not reading: a full disk, a quota.
			return res, fmt.Errorf("écriture du registre restauré dans %s : %w", dir, err)
		}
		var refused *BackupError
		if errors.As(in.err, &refused) {
			return res, in.err
		}
		return res, &IntegrityError{[]string{fmt.Sprintf("la sauvegarde est altérée ou tronquée : le déchiffrement échoue après %s (%s)", words.Plural(int(n), "octet", "octets"), readFailure(in.err))}}
	}
	if check != nil {
		if err := check(); err != nil {
			tmp.Close()
			return res, err
		}
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return res, fmt.Errorf("écriture du registre restauré dans %s : %w", dir, err)
	}
	if err := tmp.Close(); err != nil {
		return res, err
	}
	backup, err := checkBackupFile(tmpName, dir, o, &res)
	if err != nil {
		return res, err
	}
	defer backup.Close()
	var restoredHead head
	var restoredWhen string
	err = backup.db.View(func(tx *bolt.Tx) error {
		restoredHead, restoredWhen = lastHead(tx)
		if bf != nil {
			if err := bf.checkAgainst(&res, res.Commune.Insee, restoredHead); err != nil {
				return err
			}
		}
		if trust != nil {
			k, err := getKey(tx, keySeal)
			if err != nil {
				return err
			}
			if k == nil || !bytes.Equal(k.Certificat, trust.Authority.Raw) {
				return &BackupError{"le registre de la sauvegarde n'a pas le sceau de la commune dont le certificat a été donné"}
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}

	path := filepath.Join(dir, FileName)
	var current *head
	if _, err := os.Stat(path); err == nil {
		h, err := compareWithCurrent(path, backup, force, o)
		if err != nil {
			return res, err
		}
		current = h
		res.Aside = asideName(path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return res, err
	}
	if err := compareWithWitness(dir, backup, force); err != nil {
		return res, err
	}
	backup.Close()

	// The witness accepts both registers while they are swapped: the
	// current one (its head as the witness knew it) and the restored one.
	main := restoredHead
	var also *WitnessHead
	if w, err := readWitness(witnessPath(dir)); err == nil {
		main, also = head{w.Seq, w.Hash}, &WitnessHead{restoredHead.Seq, restoredHead.Hash}
	} else if current != nil {
		main, also = *current, &WitnessHead{restoredHead.Seq, restoredHead.Hash}
	}
	if err := writeWitness(dir, main, also, nil, restoredWhen); err != nil {
		return res, fmt.Errorf("témoin du registre : %w", err)
	}
	restoreStep("témoin")
	if res.Aside != "" {
		// The current register keeps its place until the rename below
		// replaces it in one step; the link keeps it aside.
		if err := os.Link(path, res.Aside); err != nil {
			return res, fmt.Errorf("mise de côté du registre actuel : %w", err)
		}
		syncDir(dir)
		restoreStep("lien")
	}
	if err := os.Rename(tmpName, path); err != nil {
		if res.Aside != "" {
			os.Remove(res.Aside)
		}
		return res, fmt.Errorf("mise en place du registre restauré : %w", err)
	}
	keep = true
	syncDir(dir)
	restoreStep("renommé")

	s, err := Open(dir, o)
	if err != nil {
		return res, err
	}
	defer s.Close()
	err = s.db.Update(func(tx *bolt.Tx) error {
		// The backup just restored is the register's last backup.
		b := Backup{Horodatage: s.Now().Format(time.RFC3339), Seq: res.Seq, Actes: res.Acts, Fichier: source}
		if bf != nil {
			b.Empreinte, b.Cle = bf.Manifest.ChiffreSHA256, bf.Manifest.EmpreinteCle
		}
		data, err := json.Marshal(b)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keyLastBackup, data); err != nil {
			return err
		}
		if err := s.journal(tx, "restauration", "sauvegarde", data); err != nil {
			return err
		}
		if bf != nil {
			return s.putAnchor(tx, bf.Anchor)
		}
		return nil
	})
	return res, err
}

// backupRecord tells whether a journal reference is the record of a
// backup or a restore, or an anchor: not a write of the register's content.
func backupRecord(ref string) bool { return ref == "sauvegarde" || strings.HasPrefix(ref, "ancre/") }

// onlyBackupRecords tells whether the entries a backup lacks are all
// known to the witness and all records of backups: the backup's own
// record, made after its snapshot.
func onlyBackupRecords(b *BehindError) bool {
	if b.From == 0 || uint64(len(b.Missing)) != b.To-b.From+1 {
		return false
	}
	for _, m := range b.Missing {
		if !backupRecord(m.Ref) {
			return false
		}
	}
	return true
}

// restoreStep is called between the steps of a restore's swap; the tests
// stop the restore there, as a power cut would.
var restoreStep = func(step string) {}

// asideName returns a name beside path, not yet taken, for the register
// a restore replaces.
func asideName(path string) string {
	base := path + ".avant-restauration-" + time.Now().Format("20060102-150405")
	name := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
}

// compareWithWitness refuses, unless force, a backup that lacks entries
// the witness of dir saw: they would be lost.
func compareWithWitness(dir string, backup *Store, force bool) error {
	w, err := readWitness(witnessPath(dir))
	if err != nil || force {
		return nil
	}
	return backup.db.View(func(tx *bolt.Tx) error {
		err := matchesHead(tx, w.Seq, w.Hash, w)
		var behind *BehindError
		if !errors.As(err, &behind) {
			return err
		}
		if onlyBackupRecords(behind) {
			return nil
		}
		return civil.Refuse("sauvegarde", "la sauvegarde ne contient pas toutes les écritures que le témoin du registre de ce dossier a vues ("+strings.Replace(behind.Error(), "le registre est plus ancien", "la sauvegarde est plus ancienne", 1)+")",
			"restaurez une sauvegarde plus récente ; si ces écritures sont connues et seront ressaisies, forcez la restauration : l'ancien registre est gardé à côté",
			civil.Then(civil.Force))
	})
}

// checkBackupFile opens the register file of a backup and runs the full
// check on it; the open store is returned for the comparison.
func checkBackupFile(name, dir string, o Options, res *Restored) (_ *Store, err error) {
	if err := checkFileSize(name); err != nil {
		return nil, err
	}
	// bbolt trusts its file and may panic on a damaged one: a panic here
	// is a damaged backup.
	var db *guardedDB
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
		// Counting the acts walks every page of them: given back as it goes.
		defer s.releaseMap(tx)()
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
		// A backup of schema 2 is brought to the new layout in this
		// copy, before its control (the register of schema 1 is, at
		// its first opening, once its mentions are migrated).
		var v int
		db.View(func(tx *bolt.Tx) error { v, _ = schemaOf(tx); return nil })
		if v == mentionsSchema {
			err = s.guardWrites(func() error { return s.migrateLayout(nil) })
		}
	}
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
func compareWithCurrent(path string, backup *Store, force bool, o Options) (*head, error) {
	db, err := openDB(path, o)
	if errors.Is(err, ErrBusy) {
		return nil, err
	}
	if err != nil {
		if force {
			return nil, nil
		}
		return nil, civil.Refuse("registre actuel", "le registre actuel ("+path+") est illisible : impossible de vérifier qu'il ne contient rien de plus récent",
			"si vous êtes sûr de vouloir le remplacer, forcez la restauration : il sera gardé à côté, rien n'est effacé", civil.Then(civil.Force))
	}
	defer db.Close()
	var extra []string
	var count int
	var current *head
	err = db.View(func(cur *bolt.Tx) error {
		if cur.Bucket(bucketJournal) != nil {
			h, _ := lastHead(cur)
			current = &h
		}
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
				if json.Unmarshal(v, &e) == nil && backupRecord(e.Ref) {
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
		return current, err
	}
	sort.Strings(extra)
	shown := extra
	if len(shown) > 10 {
		shown = append(shown[:10:10], "et "+words.Plural(len(extra)-10, "autre", "autres"))
	}
	return nil, civil.Refuse("registre actuel", fmt.Sprintf("le registre actuel contient %s de la sauvegarde (%s) : la restauration %s", words.Plural(count, "écriture absente", "écritures absentes"), strings.Join(shown, ", "), words.Agree(count, "la perdrait", "les perdrait")),
		"sauvegardez d'abord le registre actuel, ou, si "+words.Agree(count, "cette écriture est connue et sera ressaisie", "ces écritures sont connues et seront ressaisies")+", forcez la restauration : l'ancien registre est gardé à côté",
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

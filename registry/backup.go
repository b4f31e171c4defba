package registry

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// keyRecovery names the public recovery key in the keys bucket.
var keyRecovery = []byte("secours")

// keyLastBackup and keySettings are kept in the meta bucket.
var (
	keyLastBackup = []byte("derniere_sauvegarde")
	keySettings   = []byte("reglages")
)

// metaKeys maps the journal reference of a record of the meta bucket to
// its key.
var metaKeys = map[string]string{"sauvegarde": string(keyLastBackup), "reglages": string(keySettings), actionClock: string(keyClock)}

// RecoveryKey is the public part of the commune's recovery key: backups
// are encrypted to it. The private part never enters the register.
type RecoveryKey struct {
	Destinataire string `json:"destinataire"` // age recipient, "age1…"
	Empreinte    string `json:"empreinte"`    // short fingerprint, printed with the private part
	CreeLe       string `json:"cree_le"`
}

// SetRecoveryKey stores the public recovery key. An existing key is
// replaced only when replace is set (the previous one is returned, and
// older backups still need its private part).
func (s *Store) SetRecoveryKey(k RecoveryKey, replace bool) (previous *RecoveryKey, err error) {
	err = s.db.Update(func(tx *bolt.Tx) error {
		previous, err = readRecoveryKey(tx)
		if err != nil {
			return err
		}
		if previous != nil && !replace {
			return civil.Refuse("clé de secours", "ce registre a déjà une clé de secours (empreinte "+previous.Empreinte+", créée le "+shortStamp(previous.CreeLe)+")",
				"pour la remplacer, demandez-le expressément ; gardez l'ancienne : elle seule ouvre les sauvegardes déjà faites", civil.Then(civil.ReplaceKey))
		}
		k.CreeLe = s.Now().Format(time.RFC3339)
		action := "clé de secours"
		if previous != nil {
			action = "clé de secours remplacée"
		}
		return s.putKey(tx, keyRecovery, &k, action)
	})
	return previous, err
}

// RecoveryKey returns the public recovery key, or nil when none was made.
func (s *Store) RecoveryKey() (*RecoveryKey, error) {
	var k *RecoveryKey
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		k, err = readRecoveryKey(tx)
		return err
	})
	return k, err
}

func readRecoveryKey(tx *bolt.Tx) (*RecoveryKey, error) {
	b := tx.Bucket(bucketKeys)
	if b == nil {
		return nil, nil
	}
	v := b.Get(keyRecovery)
	if v == nil {
		return nil, nil
	}
	var k RecoveryKey
	if err := json.Unmarshal(v, &k); err != nil {
		return nil, &IntegrityError{[]string{"clé de secours illisible"}}
	}
	return &k, nil
}

// Snapshot describes a consistent copy of the register.
type Snapshot struct {
	Seq   uint64 // the last journal entry it holds
	Acts  int    // how many acts it holds
	Bytes int64  // size of the bbolt file written
}

// WriteSnapshot writes a consistent copy of the register file to w in one
// read transaction (bbolt's hot backup): other readers and a writer of
// this process go on meanwhile, and the copy holds exactly the committed
// state at its start.
func (s *Store) WriteSnapshot(w io.Writer) (Snapshot, error) {
	var snap Snapshot
	err := s.db.View(func(tx *bolt.Tx) error {
		snap.Seq = readHead(tx).Seq
		snap.Acts = tx.Bucket(bucketActs).Stats().KeyN
		n, err := tx.WriteTo(w)
		snap.Bytes = n
		return err
	})
	return snap, err
}

// Backup is the record of the last backup, kept in the register and
// journaled.
type Backup struct {
	Horodatage string `json:"horodatage"`
	Seq        uint64 `json:"journal_seq"` // last journal entry in the backup
	Actes      int    `json:"actes"`
	Fichier    string `json:"fichier"`
	Taille     int64  `json:"taille"`    // bytes of the encrypted file
	Empreinte  string `json:"empreinte"` // SHA-256 of the encrypted file
	Cle        string `json:"cle"`       // fingerprint of the recovery key used
}

// RecordBackup journals a backup once its file is safely written.
func (s *Store) RecordBackup(b Backup) error {
	b.Horodatage = s.Now().Format(time.RFC3339)
	return s.db.Update(func(tx *bolt.Tx) error {
		data, err := json.Marshal(b)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keyLastBackup, data); err != nil {
			return err
		}
		return s.journal(tx, "sauvegarde", "sauvegarde", data)
	})
}

// LastBackup returns the record of the last backup, or nil.
func (s *Store) LastBackup() (*Backup, error) {
	var b *Backup
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		b, err = readLastBackup(tx)
		return err
	})
	return b, err
}

func readLastBackup(tx *bolt.Tx) (*Backup, error) {
	v := tx.Bucket(bucketMeta).Get(keyLastBackup)
	if v == nil {
		return nil, nil
	}
	var b Backup
	if err := json.Unmarshal(v, &b); err != nil {
		return nil, &IntegrityError{[]string{"fiche de la dernière sauvegarde illisible"}}
	}
	return &b, nil
}

// Settings are the register's settings, changed with etatcivil reglages.
type Settings struct {
	// RappelHeures: remind when the last backup is older than this.
	RappelHeures int `json:"rappel_sauvegarde_heures"`
	// RappelActes: remind when this many acts were drawn up since.
	RappelActes int `json:"rappel_sauvegarde_actes"`
	// PurgeRdvJours: appointments are deleted this many days after their day.
	PurgeRdvJours int `json:"purge_rdv_jours"`
}

// DefaultSettings are the settings of a new register: a backup every four
// hours, or every twenty acts, whichever comes first; appointments kept
// thirty days after their day.
var DefaultSettings = Settings{RappelHeures: 4, RappelActes: 20, PurgeRdvJours: 30}

// Settings returns the register's settings.
func (s *Store) Settings() (Settings, error) {
	var st Settings
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		st, err = readSettings(tx)
		return err
	})
	return st, err
}

func readSettings(tx *bolt.Tx) (Settings, error) {
	st := DefaultSettings
	if v := tx.Bucket(bucketMeta).Get(keySettings); v != nil {
		if err := json.Unmarshal(v, &st); err != nil {
			return st, &IntegrityError{[]string{"réglages illisibles"}}
		}
	}
	return st, nil
}

// SetSettings changes the settings, journaled.
func (s *Store) SetSettings(st Settings) error {
	if st.RappelHeures < 1 || st.RappelHeures > 24*7 {
		return civil.Refuse("rappel_sauvegarde_heures", fmt.Sprintf("%d heures : hors des limites (1 à 168)", st.RappelHeures), "pendant une panne, une sauvegarde toutes les 2 à 4 heures est raisonnable")
	}
	if st.RappelActes < 1 || st.RappelActes > 1000 {
		return civil.Refuse("rappel_sauvegarde_actes", fmt.Sprintf("%d actes : hors des limites (1 à 1000)", st.RappelActes), "par exemple 20")
	}
	if st.PurgeRdvJours < 1 || st.PurgeRdvJours > 365 {
		return civil.Refuse("purge_rdv_jours", fmt.Sprintf("%d jours : hors des limites (1 à 365)", st.PurgeRdvJours), "gardez les rendez-vous le temps de les ressaisir, par exemple 30 jours")
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		data, err := json.Marshal(st)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keySettings, data); err != nil {
			return err
		}
		return s.journal(tx, "reglages", "reglages", data)
	})
}

// actActions are the journal actions that draw up an act.
var actActions = map[string]bool{string(civil.Naissance): true, string(civil.Deces): true, string(civil.Mariage): true, "import": true}

// Reminder says whether a backup is due: the last one (or the creation
// of the register, when there was none) is older than the setting, or
// more acts were drawn up since than the setting allows.
type Reminder struct {
	Due      bool
	Never    bool      // no backup was ever made
	Since    time.Time // the last backup, or the register's creation
	Acts     int       // acts drawn up since (counted up to the setting)
	Settings Settings
	HasKey   bool // a recovery key exists
}

// BackupReminder tells whether a backup is due. It reads the journal
// backwards from its end and stops at the last backup or at the
// setting's count of acts, so that it stays cheap on any register.
func (s *Store) BackupReminder() (Reminder, error) {
	var r Reminder
	err := s.db.View(func(tx *bolt.Tx) error {
		st, err := readSettings(tx)
		if err != nil {
			return err
		}
		r.Settings = st
		k, err := readRecoveryKey(tx)
		if err != nil {
			return err
		}
		r.HasKey = k != nil
		last, err := readLastBackup(tx)
		if err != nil {
			return err
		}
		var since uint64
		if last != nil {
			since = last.Seq
			r.Since, _ = time.Parse(time.RFC3339, last.Horodatage)
		} else {
			r.Never = true
			if v := tx.Bucket(bucketJournal).Get(seqKey(1)); v != nil {
				var e Entry
				if json.Unmarshal(v, &e) == nil {
					r.Since, _ = time.Parse(time.RFC3339, e.Time)
				}
			}
		}
		c := tx.Bucket(bucketJournal).Cursor()
		for k, v := c.Last(); k != nil && r.Acts < st.RappelActes; k, v = c.Prev() {
			if binary.BigEndian.Uint64(k) <= since {
				break
			}
			if actActions[entryField(v, "action")] {
				r.Acts++
			}
		}
		return nil
	})
	if err != nil {
		return r, err
	}
	age := s.Now().Sub(r.Since)
	r.Due = r.Acts >= r.Settings.RappelActes || (!r.Since.IsZero() && age >= time.Duration(r.Settings.RappelHeures)*time.Hour)
	return r, nil
}

// shortStamp writes an RFC 3339 stamp as "24/11/2026 à 09:12".
func shortStamp(stamp string) string {
	t, err := time.Parse(time.RFC3339, stamp)
	if err != nil {
		return stamp
	}
	return t.Format("02/01/2006 à 15:04")
}

// entryField reads a text field of a stored journal entry ("action",
// "horodatage") without decoding the whole entry: the reminder and the
// clock check run on every command or every write, and may read many
// entries (an agenda import writes thousands).
func entryField(v []byte, name string) string {
	field := `"` + name + `":"`
	i := bytes.Index(v, []byte(field))
	if i < 0 {
		return ""
	}
	rest := v[i+len(field):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}

package registry

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
	"etatcivil/internal/seal"
	"etatcivil/internal/words"
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
// are encrypted to it. The private part never enters the register. The
// commune's seal signs the public part when it is made: a recipient
// swapped in the register file (so that backups are encrypted for someone
// else) no longer carries a valid signature, and no backup is written.
type RecoveryKey struct {
	Destinataire string `json:"destinataire"` // age recipient, "age1…"
	// Empreinte is the fingerprint as written when the key was made; it is
	// never shown: the fingerprint shown is always computed from
	// Destinataire (Fingerprint).
	Empreinte string `json:"empreinte"`
	CreeLe    string `json:"cree_le"`
	// Signature is the seal's CMS signature of SignedText.
	Signature []byte `json:"signature,omitempty"`
}

// Fingerprint is the fingerprint of the recipient itself, computed each
// time (12 hexadecimal digits, as printed on the recovery key's sheet).
func (k *RecoveryKey) Fingerprint() string { return seal.RecoveryFingerprint(k.Destinataire) }

// SignedText is what the seal signs: the commune, the recipient, its date.
func (k *RecoveryKey) SignedText(insee string) []byte {
	return []byte("etatcivil clé de secours\ncommune " + insee + "\ndestinataire " + k.Destinataire + "\ncree_le " + k.CreeLe + "\n")
}

// checkRecovery checks that the recovery key is a valid recipient signed
// by the register's seal.
func checkRecovery(tx *bolt.Tx, k *RecoveryKey) error {
	if err := seal.CheckRecipient(k.Destinataire); err != nil {
		return &IntegrityError{[]string{"clé de secours illisible"}}
	}
	if len(k.Signature) == 0 {
		return civil.Refuse("clé de secours", "la clé de secours "+k.Fingerprint()+" n'est pas signée par le sceau de la commune (créée par une version antérieure)",
			"comparez son empreinte à celle de la feuille imprimée, puis faites-la signer par le sceau", civil.Then(civil.SignRecoveryKey))
	}
	trust, err := readTrust(tx)
	if err != nil {
		return err
	}
	var c civil.Commune
	if err := readCommune(tx, &c); err != nil {
		return &IntegrityError{[]string{"commune illisible"}}
	}
	by, err := verifySigned(trust, k.SignedText(c.Insee), k.Signature, time.Time{})
	if err == nil && !by.IsSeal {
		err = errors.New("signée par " + by.Name + ", pas par le sceau de la commune")
	}
	if err != nil {
		return &IntegrityError{[]string{"la clé de secours " + k.Fingerprint() + " du registre n'est pas celle que le sceau de la commune a signée (" + err.Error() + ") : elle a pu être remplacée pour détourner les sauvegardes ; aucune sauvegarde n'est écrite"}}
	}
	return nil
}

// SetRecoveryKey stores the public recovery key, signed by the commune's
// seal (sg must be the seal). An existing key is replaced only when
// replace is set (the previous one is returned, and older backups still
// need its private part).
func (s *Store) SetRecoveryKey(k RecoveryKey, replace bool, sg Signer) (previous *RecoveryKey, err error) {
	err = s.db.Update(func(tx *bolt.Tx) error {
		previous, err = readRecoveryKey(tx)
		if err != nil {
			return err
		}
		if previous != nil && !replace {
			return civil.Refuse("clé de secours", "ce registre a déjà une clé de secours (empreinte "+previous.Fingerprint()+", créée le "+shortStamp(previous.CreeLe)+")",
				"pour la remplacer, demandez-le expressément ; gardez l'ancienne : elle seule ouvre les sauvegardes déjà faites", civil.Then(civil.ReplaceKey))
		}
		if err := seal.CheckRecipient(k.Destinataire); err != nil {
			return fmt.Errorf("clé publique de secours illisible : %w", err)
		}
		k.CreeLe = s.Now().Format(time.RFC3339)
		k.Empreinte = k.Fingerprint()
		if err := s.signRecovery(tx, &k, sg); err != nil {
			return err
		}
		action := "clé de secours"
		if previous != nil {
			action = "clé de secours remplacée"
		}
		return s.putKey(tx, keyRecovery, &k, action)
	})
	return previous, err
}

// signRecovery signs the recovery key with the seal.
func (s *Store) signRecovery(tx *bolt.Tx, k *RecoveryKey, sg Signer) error {
	if err := checkSignerKey(tx, sg); err != nil {
		return err
	}
	if sg.Officer != "" {
		return civil.Refuse("sceau", "la clé de secours est signée par le sceau de la commune, pas par un officier", "ouvrez le sceau avec sa phrase secrète")
	}
	var c civil.Commune
	if err := readCommune(tx, &c); err != nil {
		return &IntegrityError{[]string{"commune illisible"}}
	}
	sig, err := sg.sign(k.SignedText(c.Insee))
	if err != nil {
		return err
	}
	k.Signature = sig
	return nil
}

// SignRecoveryKey signs, with the seal, a recovery key stored unsigned by
// an earlier version. The clerk must first compare its fingerprint with
// the printed sheet.
func (s *Store) SignRecoveryKey(sg Signer) (*RecoveryKey, error) {
	var k *RecoveryKey
	err := s.db.Update(func(tx *bolt.Tx) (err error) {
		k, err = readRecoveryKey(tx)
		if err != nil {
			return err
		}
		if k == nil {
			return civil.Refuse("clé de secours", "ce registre n'a pas de clé de secours", "créez-la (à imprimer)", civil.Then(civil.CreateRecoveryKey))
		}
		if len(k.Signature) > 0 && checkRecovery(tx, k) == nil {
			return civil.Refuse("clé de secours", "la clé de secours "+k.Fingerprint()+" est déjà signée par le sceau", "rien à faire")
		}
		if err := s.signRecovery(tx, k, sg); err != nil {
			return err
		}
		return s.putKey(tx, keyRecovery, k, "clé de secours signée")
	})
	return k, err
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

// BackupPlan is what a backup will be, known before anything is written:
// the recovery key it is encrypted for, and the register's size.
type BackupPlan struct {
	Recipient   string // age recipient, from the register, its seal signature checked
	Fingerprint string // computed from Recipient
	Bytes       int64  // size of the register file (the snapshot is as big)
}

// PlanBackup checks that a backup can be written and signed, before the
// medium is touched: the register is not behind its witness, its last
// anchor holds, its recovery key is the one the seal signed, and sg is a
// key the seal certified, unrevoked.
func (s *Store) PlanBackup(sg Signer) (BackupPlan, error) {
	var p BackupPlan
	if s.behind != nil {
		return p, s.behind
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		k, err := readRecoveryKey(tx)
		if err != nil {
			return err
		}
		if k == nil {
			return civil.Refuse("clé de secours", "ce registre n'a pas encore de clé de secours : la sauvegarde ne pourrait pas être chiffrée",
				"créez-la une fois pour toutes (à imprimer et garder loin de l'ordinateur)", civil.Then(civil.CreateRecoveryKey))
		}
		if err := checkRecovery(tx, k); err != nil {
			return err
		}
		if err := checkLastAnchor(tx); err != nil {
			return err
		}
		if err := checkSignerKey(tx, sg); err != nil {
			return err
		}
		p.Recipient, p.Fingerprint, p.Bytes = k.Destinataire, k.Fingerprint(), tx.Size()
		return nil
	})
	return p, err
}

// WriteBackup writes a backup of the register to w, streamed: a
// consistent snapshot (one read transaction: the register stays usable),
// encrypted as it is read for the recovery key of plan, followed by its
// manifest signed with sg (see backupfile.go). name is the file's name,
// written in the manifest. Nothing is written anywhere else. The returned
// anchor is to be recorded with RecordBackup once the file is safely
// written.
func (s *Store) WriteBackup(w io.Writer, name string, plan BackupPlan, sg Signer) (Backup, Anchor, error) {
	var b Backup
	var a Anchor
	if s.behind != nil {
		return b, a, s.behind
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		m, err := s.newManifest(tx, ReasonBackup)
		if err != nil {
			return err
		}
		hw := &hashingWriter{w: w, h: sha256.New()}
		if _, err := io.WriteString(hw, backupMagic); err != nil {
			return err
		}
		enc, err := seal.EncryptBackup(hw, plan.Recipient)
		if err != nil {
			return err
		}
		n, err := tx.WriteTo(enc)
		if err != nil {
			return err
		}
		if err := enc.Close(); err != nil {
			return err
		}
		m.Fichier, m.Actes, m.TailleRegistre = name, numbersGiven(tx), n
		m.Destinataire, m.EmpreinteCle = plan.Recipient, seal.RecoveryFingerprint(plan.Recipient)
		m.ChiffreOctets, m.ChiffreSHA256 = hw.n, hex.EncodeToString(hw.h.Sum(nil))
		if a, err = signAnchor(m, sg); err != nil {
			return err
		}
		if err := writeFooter(w, a); err != nil {
			return err
		}
		b = Backup{Seq: m.JournalSeq, Actes: m.Actes, Fichier: name, Taille: hw.n + int64(len(a.Manifeste)+len(a.Signature)) + footerSize,
			Empreinte: m.ChiffreSHA256, Cle: m.EmpreinteCle}
		return nil
	})
	return b, a, err
}

// numbersGiven counts the act numbers the numbering gave (acts, drafts
// and numbers not used): the acts a sound register holds, read from the
// counters alone, where counting the acts would read every page of them.
func numbersGiven(tx *bolt.Tx) int {
	n := 0
	tx.Bucket(bucketNumbering).ForEach(func(k, v []byte) error {
		var c counter
		if !bytes.HasPrefix(k, []byte(civil.Bans+"/")) && json.Unmarshal(v, &c) == nil && counterBounds("", 0, c) == nil {
			n += c.Last - c.Start
		}
		return nil
	})
	return n
}

// Backup is the record of the last backup, kept in the register and
// journaled.
type Backup struct {
	Horodatage string `json:"horodatage"`
	Seq        uint64 `json:"journal_seq"` // last journal entry in the backup
	Actes      int    `json:"actes"`
	Fichier    string `json:"fichier"`
	Taille     int64  `json:"taille"`    // bytes of the backup file
	Empreinte  string `json:"empreinte"` // SHA-256 of the encrypted part, as signed
	Cle        string `json:"cle"`       // fingerprint computed from the recipient used
}

// RecordBackup journals a backup once its file is safely written, with
// its signed manifest as an anchor of the journal.
func (s *Store) RecordBackup(b Backup, a Anchor) error {
	b.Horodatage = s.Now().Format(time.RFC3339)
	return s.db.Update(func(tx *bolt.Tx) error {
		data, err := json.Marshal(b)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keyLastBackup, data); err != nil {
			return err
		}
		if err := s.journal(tx, "sauvegarde", "sauvegarde", data); err != nil {
			return err
		}
		return s.putAnchor(tx, a)
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
	// VerrouMinutes: the counter (etatcivil guichet) drops the officer's
	// key after this many minutes without activity. Registers written
	// before it existed read DefaultSettings' 15.
	VerrouMinutes int `json:"verrou_guichet_minutes,omitempty"`
}

// DefaultSettings are the settings of a new register: a backup every four
// hours, or every twenty acts, whichever comes first; appointments kept
// thirty days after their day; the counter's key locked after fifteen
// minutes without activity.
var DefaultSettings = Settings{RappelHeures: 4, RappelActes: 20, PurgeRdvJours: 30, VerrouMinutes: 15}

// ReminderText says, in French, when a backup falls due: « toutes les 4
// heures, ou tous les 20 actes »; « toutes les heures, ou à chaque acte »
// for 1 (etatcivil reglages, the counter's home page).
func (st Settings) ReminderText() string {
	hours := "toutes les heures"
	if st.RappelHeures > 1 {
		hours = fmt.Sprintf("toutes les %d heures", st.RappelHeures)
	}
	acts := "à chaque acte"
	if st.RappelActes > 1 {
		acts = fmt.Sprintf("tous les %d actes", st.RappelActes)
	}
	return hours + ", ou " + acts
}

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
		return civil.Refuse("rappel_sauvegarde_heures", words.Plural(st.RappelHeures, "heure", "heures")+" : hors des limites (1 à 168)", "pendant une panne, une sauvegarde toutes les 2 à 4 heures est raisonnable")
	}
	if st.RappelActes < 1 || st.RappelActes > 1000 {
		return civil.Refuse("rappel_sauvegarde_actes", words.Plural(st.RappelActes, "acte", "actes")+" : hors des limites (1 à 1000)", "par exemple 20")
	}
	if st.PurgeRdvJours < 1 || st.PurgeRdvJours > 365 {
		return civil.Refuse("purge_rdv_jours", words.Plural(st.PurgeRdvJours, "jour", "jours")+" : hors des limites (1 à 365)", "gardez les rendez-vous le temps de les ressaisir, par exemple 30 jours")
	}
	if st.VerrouMinutes < 1 || st.VerrouMinutes > 240 {
		return civil.Refuse("verrou_guichet_minutes", words.Plural(st.VerrouMinutes, "minute", "minutes")+" : hors des limites (1 à 240)", "la clé de l'officier ne doit pas rester ouverte sur un poste laissé seul : 15 minutes par défaut")
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

// actActions are the journal actions that draw up an act: one per kind
// of act (Register journals the act under its type), and import.
var actActions = func() map[string]bool {
	m := map[string]bool{"import": true}
	for _, k := range civil.Kinds {
		m[string(k)] = true
	}
	return m
}()

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

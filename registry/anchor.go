package registry

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
	"etatcivil/internal/seal"
)

// The journal is a hash chain: anyone who can write the file can rewrite
// it whole and consistently. An anchor pins it: a statement, signed by an
// officer's key (or the seal), that journal entry n° N had the SHA-256 H.
// Every backup is one (its manifest, see backupfile.go), and so is every
// closing of a register-year. The control checks each anchor against the
// journal: a journal rewritten before an anchor no longer gives its hash,
// and no one can sign a new anchor without an officer's passphrase.

// bucketAnchors holds the signed anchors, by their own number.
var bucketAnchors = []byte("ancres")

// manifestFormat names the format of anchors and backup manifests.
const manifestFormat = "etatcivil-ancre/1"

// Anchor reasons.
const (
	ReasonBackup  = "sauvegarde"
	reasonClosing = "clôture"
	reasonLoss    = "perte acceptée"
)

// Manifest is a signed statement about the register: its journal up to
// entry JournalSeq had JournalEmpreinte as the SHA-256 of that entry's
// stored bytes (which chains every entry before it). A backup's manifest
// also says what the file holds and for which recovery key it was
// encrypted.
type Manifest struct {
	Format           string `json:"format"`
	Motif            string `json:"motif"` // "sauvegarde", "clôture naissance 2026", "perte acceptée"
	Commune          string `json:"commune"`
	Insee            string `json:"insee"`
	Horodatage       string `json:"horodatage"` // RFC 3339
	Officier         string `json:"officier"`   // id of the officer who signed, "" for the seal
	JournalSeq       uint64 `json:"journal_seq"`
	JournalEmpreinte string `json:"journal_empreinte"` // hex SHA-256 of entry JournalSeq

	// A backup's only.
	Fichier        string `json:"fichier,omitempty"`         // the backup's file name, as written
	Actes          int    `json:"actes,omitempty"`           // acts in the backup
	Destinataire   string `json:"destinataire,omitempty"`    // age recipient it was encrypted for
	EmpreinteCle   string `json:"empreinte_cle,omitempty"`   // fingerprint computed from Destinataire
	TailleRegistre int64  `json:"taille_registre,omitempty"` // bytes of the register file inside
	ChiffreOctets  int64  `json:"chiffre_octets,omitempty"`  // bytes of the encrypted part
	ChiffreSHA256  string `json:"chiffre_sha256,omitempty"`  // SHA-256 of the magic line and the encrypted part
}

// Time returns when the manifest was signed (zero when unreadable).
func (m *Manifest) Time() time.Time {
	t, _ := time.Parse(time.RFC3339, m.Horodatage)
	return t
}

// Describe names the statement for the clerk: « sauvegarde du 24/11/2026 à 15:02 ».
func (m *Manifest) Describe() string {
	return m.Motif + " du " + m.Time().Local().Format("02/01/2006 à 15:04")
}

// Anchor is a manifest with its signature, as stored and carried.
type Anchor struct {
	Manifeste []byte `json:"manifeste"` // the manifest's JSON, as signed
	Signature []byte `json:"signature"` // CMS detached signature of Manifeste
}

// Manifest decodes the anchor's manifest.
func (a *Anchor) Manifest() (*Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(a.Manifeste, &m); err != nil || m.Format != manifestFormat {
		return nil, errors.New("manifeste illisible")
	}
	return &m, nil
}

// signAnchor signs a manifest.
func signAnchor(m *Manifest, sg Signer) (Anchor, error) {
	m.Format = manifestFormat
	m.Officier = sg.Officer
	raw, err := json.Marshal(m)
	if err != nil {
		return Anchor{}, err
	}
	sig, err := sg.sign(raw)
	if err != nil {
		return Anchor{}, err
	}
	return Anchor{raw, sig}, nil
}

// Verify checks the anchor's signature against trust (see verifySigned)
// and returns its manifest.
func (a *Anchor) Verify(trust *seal.Trust) (*Manifest, SignedBy, error) {
	m, err := a.Manifest()
	if err != nil {
		return nil, SignedBy{}, err
	}
	by, err := verifySigned(trust, a.Manifeste, a.Signature, m.Time())
	return m, by, err
}

// newManifest starts a manifest of the register's journal as tx holds it.
func (s *Store) newManifest(tx *bolt.Tx, motif string) (*Manifest, error) {
	var c civil.Commune
	if err := readCommune(tx, &c); err != nil {
		return nil, &IntegrityError{[]string{"commune illisible"}}
	}
	k, v := tx.Bucket(bucketJournal).Cursor().Last()
	if k == nil {
		return nil, &IntegrityError{[]string{"journal vide"}}
	}
	return &Manifest{Motif: motif, Commune: c.Nom, Insee: c.Insee, Horodatage: s.Now().Format(time.RFC3339),
		JournalSeq: binary.BigEndian.Uint64(k), JournalEmpreinte: hashHex(v)}, nil
}

// putAnchor stores a signed anchor and journals it, inside tx.
func (s *Store) putAnchor(tx *bolt.Tx, a Anchor) error {
	b, err := tx.CreateBucketIfNotExists(bucketAnchors)
	if err != nil {
		return err
	}
	n, err := b.NextSequence()
	if err != nil {
		return err
	}
	data, err := json.Marshal(a)
	if err != nil {
		return err
	}
	if err := b.Put(seqKey(n), data); err != nil {
		return err
	}
	return s.journal(tx, "ancre", anchorRef(n), data)
}

func anchorRef(n uint64) string { return fmt.Sprintf("ancre/%d", n) }

// AnchorJournal signs, with sg, the journal as it stands (its last entry
// and that entry's hash) and records the signed anchor, journaled. motif
// says why: "clôture naissance 2026". The key must be one the register's
// seal certified, unrevoked.
func (s *Store) AnchorJournal(motif string, sg Signer) (*Manifest, error) {
	var m *Manifest
	err := s.db.Update(func(tx *bolt.Tx) (err error) {
		if err := checkSignerKey(tx, sg); err != nil {
			return err
		}
		if m, err = s.newManifest(tx, motif); err != nil {
			return err
		}
		a, err := signAnchor(m, sg)
		if err != nil {
			return err
		}
		return s.putAnchor(tx, a)
	})
	return m, err
}

// ClosingReason is the motif of a closing's anchor.
func ClosingReason(kind civil.Kind, year int) string {
	return fmt.Sprintf("%s %s %d", reasonClosing, kind, year)
}

// checkSignerKey refuses a key that the register's seal did not certify,
// or a revoked one: it would sign anchors that the control refuses.
func checkSignerKey(tx *bolt.Tx, sg Signer) error {
	if sg.Key == nil {
		return errors.New("aucune clé de signature ouverte")
	}
	trust, err := readTrust(tx)
	if err != nil {
		return err
	}
	if trust == nil {
		return civil.Refuse("sceau", "ce registre n'a pas de sceau électronique (créé par une version sans signature) : rien ne peut y être signé", "créez un nouveau registre, muni d'un sceau", civil.Then(civil.CreateRegister))
	}
	cert := sg.Key.Cert
	if bytes.Equal(cert.Raw, trust.Authority.Raw) {
		return nil
	}
	if known, ok := trust.Officers[seal.ID(cert)]; !ok || !bytes.Equal(known.Raw, cert.Raw) {
		return &IntegrityError{[]string{"la clé de l'officier " + sg.Officer + " n'est pas une clé que le sceau de ce registre a certifiée"}}
	}
	if r, ok := trust.Revoked[seal.ID(cert)]; ok {
		return civil.Refuse("officier", "la clé de l'officier "+sg.Officer+" est révoquée depuis le "+r.At.Local().Format("02/01/2006"), "faites signer un autre officier", civil.Then(civil.SeeOfficers))
	}
	return nil
}

// readAnchor decodes the stored anchor n.
func readAnchor(v []byte) (Anchor, error) {
	var a Anchor
	err := json.Unmarshal(v, &a)
	return a, err
}

// LastAnchor returns the newest anchor and its manifest, or nil.
func (s *Store) LastAnchor() (*Manifest, error) {
	var m *Manifest
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAnchors)
		if b == nil {
			return nil
		}
		_, v := b.Cursor().Last()
		if v == nil {
			return nil
		}
		a, err := readAnchor(v)
		if err != nil {
			return &IntegrityError{[]string{"ancre illisible"}}
		}
		m, err = a.Manifest()
		return err
	})
	return m, err
}

// checkLastAnchor checks the newest anchor only: its signature, and that
// the journal still gives its hash. The journal being a chain, a journal
// rewritten anywhere before that anchor fails here; the whole check
// (checkAnchors) also looks at each one. It is cheap: a backup runs it
// before signing anything.
func checkLastAnchor(tx *bolt.Tx) error {
	b := tx.Bucket(bucketAnchors)
	if b == nil {
		return nil
	}
	k, v := b.Cursor().Last()
	if k == nil {
		return nil
	}
	trust, err := readTrust(tx)
	if err != nil {
		return err
	}
	if br := checkAnchor(tx, trust, binary.BigEndian.Uint64(k), v); br != "" {
		return &IntegrityError{[]string{br}}
	}
	return nil
}

// checkAnchor checks one stored anchor against the register: signature
// by a key of the seal, the commune, and the hash of the journal entry it
// names. It returns the break, in French, or "".
func checkAnchor(tx *bolt.Tx, trust *seal.Trust, n uint64, v []byte) string {
	what := fmt.Sprintf("ancre n° %d", n)
	a, err := readAnchor(v)
	if err != nil {
		return what + " : illisible"
	}
	m, err := a.Manifest()
	if err != nil {
		return what + " : manifeste illisible"
	}
	what += " (" + m.Describe() + ")"
	if trust == nil {
		return what + " : le registre n'a pas de sceau pour la vérifier"
	}
	by, err := verifySigned(trust, a.Manifeste, a.Signature, m.Time())
	if err != nil {
		return what + " : " + err.Error()
	}
	what = strings.TrimSuffix(what, ")") + ", signée par " + by.Name + ")"
	var c civil.Commune
	if readCommune(tx, &c) == nil && c.Insee != m.Insee {
		return what + " : elle est celle d'une autre commune (INSEE " + m.Insee + ")"
	}
	e := tx.Bucket(bucketJournal).Get(seqKey(m.JournalSeq))
	switch {
	case e == nil:
		return fmt.Sprintf("%s : l'entrée n° %d du journal qu'elle a signée n'existe plus (journal tronqué ou remplacé)", what, m.JournalSeq)
	case hashHex(e) != m.JournalEmpreinte:
		return fmt.Sprintf("%s : l'entrée n° %d du journal ne correspond plus à l'empreinte signée : le journal a été réécrit jusqu'à cette entrée ou avant", what, m.JournalSeq)
	}
	return ""
}

// trustRecords is the control's part for what anchors the register
// outside its own hash chain: the witness beside it (compared at Open),
// the signed anchors, each checked against the journal, and the seal's
// signature of the recovery key.
type trustRecords struct{}

func init() { registryParts = append(registryParts, trustRecords{}) }

func (trustRecords) Check(t *Tx, j *Journaled) []string {
	var out []string
	if t.s.behind != nil {
		out = append(out, "témoin : "+t.s.behind.Error())
	}
	tx := t.tx
	if b := tx.Bucket(bucketAnchors); b != nil {
		trust, err := readTrust(tx)
		if err != nil {
			return append(out, "ancres : "+err.Error())
		}
		var last uint64
		b.ForEach(func(k, v []byte) error {
			if len(k) != 8 {
				out = append(out, fmt.Sprintf("ancres : clé illisible %q", k))
				return nil
			}
			n := binary.BigEndian.Uint64(k)
			last = max(last, n)
			out = append(out, j.Record(anchorRef(n), fmt.Sprintf("ancre n° %d", n), v)...)
			if br := checkAnchor(tx, trust, n, v); br != "" {
				out = append(out, br)
			}
			return nil
		})
		if b.Sequence() < last {
			out = append(out, fmt.Sprintf("ancres : le compteur s'arrête au n° %d alors que l'ancre n° %d existe (compteur modifié hors du programme)", b.Sequence(), last))
		}
	}
	if k, err := readRecoveryKey(tx); err != nil {
		out = append(out, err.Error())
	} else if k != nil && len(k.Signature) > 0 {
		var broken *IntegrityError
		if err := checkRecovery(tx, k); errors.As(err, &broken) {
			out = append(out, broken.Breaks...)
		} else if err != nil {
			out = append(out, err.Error())
		}
	}
	return out
}

func (trustRecords) Gone(ref string) string {
	if n, ok := strings.CutPrefix(ref, "ancre/"); ok {
		return "ancre n° " + n + " : présente au journal mais absente du registre (ancre supprimée)"
	}
	return "" // "temoin", an accepted loss, is a statement in the journal only
}

// IsClosed tells whether the register-year is closed.
func (s *Store) IsClosed(kind civil.Kind, year int) (bool, error) {
	var closed bool
	err := s.db.View(func(tx *bolt.Tx) error {
		c, err := readCounter(tx, string(kind), year)
		closed = c.Clos != ""
		return err
	})
	return closed, err
}

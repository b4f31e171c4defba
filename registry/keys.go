package registry

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
)

// bucketKeys holds the commune's seal and the officers' signing keys.
// Registers made before it existed get it at their first key.
var bucketKeys = []byte("cles")

var keySeal = []byte("sceau")

func officerKeyName(id string) []byte { return []byte("officier/" + id) }

// KeyRecord is a signing key kept in the register: its certificate, and
// its private key encrypted with the seal's passphrase. The register
// never sees a private key in clear; the cryptography is the caller's
// (internal/seal).
type KeyRecord struct {
	ID          string `json:"id"`                 // short key id printed in signed codes
	Officier    string `json:"officier,omitempty"` // empty for the commune's seal
	Certificat  []byte `json:"certificat"`         // X.509, DER
	CleChiffree []byte `json:"cle_chiffree"`       // private key, age-encrypted
	CreeLe      string `json:"cree_le"`
	RevoqueeLe  string `json:"revoquee_le,omitempty"`
	Motif       string `json:"motif,omitempty"` // why it was revoked
}

// Revoked returns when the key was revoked, and whether it was.
func (k *KeyRecord) Revoked() (time.Time, bool) {
	if k.RevoqueeLe == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, k.RevoqueeLe)
	return t, err == nil
}

// keyRef is the journal reference of a stored key.
func keyRef(name []byte) string { return "cle/" + string(name) }

// putKey stores a key (a *KeyRecord, or the public *RecoveryKey) and
// journals it (the journal keeps only a hash, so that controle finds a
// key changed outside the program).
func (s *Store) putKey(tx *bolt.Tx, name []byte, k any, action string) error {
	b, err := tx.CreateBucketIfNotExists(bucketKeys)
	if err != nil {
		return err
	}
	data, err := json.Marshal(k)
	if err != nil {
		return err
	}
	if err := b.Put(name, data); err != nil {
		return err
	}
	return s.journal(tx, action, keyRef(name), data)
}

func getKey(tx *bolt.Tx, name []byte) (*KeyRecord, error) {
	b := tx.Bucket(bucketKeys)
	if b == nil {
		return nil, nil
	}
	v := b.Get(name)
	if v == nil {
		return nil, nil
	}
	var k KeyRecord
	if err := json.Unmarshal(v, &k); err != nil {
		return nil, &IntegrityError{[]string{"clé « " + string(name) + " » illisible"}}
	}
	return &k, nil
}

// Seal returns the commune's seal key, or nil when the register has none.
func (s *Store) Seal() (*KeyRecord, error) {
	var k *KeyRecord
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		k, err = getKey(tx, keySeal)
		return err
	})
	return k, err
}

// OfficerKey returns an officer's signing key, or nil when the officer
// has none.
func (s *Store) OfficerKey(id string) (*KeyRecord, error) {
	var k *KeyRecord
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		k, err = getKey(tx, officerKeyName(id))
		return err
	})
	return k, err
}

// OfficerKeys returns every officer's signing key, revoked ones included.
func (s *Store) OfficerKeys() ([]KeyRecord, error) {
	var out []KeyRecord
	err := s.db.View(func(tx *bolt.Tx) error {
		officers, err := readOfficers(tx)
		if err != nil {
			return err
		}
		for _, o := range officers {
			k, err := getKey(tx, officerKeyName(o.ID))
			if err != nil {
				return err
			}
			if k != nil {
				out = append(out, *k)
			}
		}
		return nil
	})
	return out, err
}

// RevokeKey revokes an officer's signing key: from now on the register
// refuses to sign with it, and verifiers show what it signed as revoked.
func (s *Store) RevokeKey(officer, motif string) (*KeyRecord, error) {
	if p := civil.TextProblem("motif", motif); p != nil {
		return nil, &civil.RefusedError{Problems: []civil.Problem{*p}}
	}
	var k *KeyRecord
	err := s.db.Update(func(tx *bolt.Tx) (err error) {
		if tx.Bucket(bucketOfficers).Get([]byte(officer)) == nil {
			return civil.Refuse("officier", "officier « "+officer+" » inconnu", "choisissez un officier du registre", civil.Then(civil.SeeOfficers))
		}
		k, err = getKey(tx, officerKeyName(officer))
		if err != nil {
			return err
		}
		if k == nil {
			return civil.Refuse("officier", "l'officier « "+officer+" » n'a pas de clé de signature", "rien à révoquer")
		}
		if at, ok := k.Revoked(); ok {
			return civil.Refuse("officier", fmt.Sprintf("la clé de l'officier « %s » est déjà révoquée depuis le %s", officer, at.Format("02/01/2006 à 15:04")), "rien à faire")
		}
		k.RevoqueeLe = s.Now().Format(time.RFC3339)
		k.Motif = motif
		return s.putKey(tx, officerKeyName(officer), k, "clé révoquée")
	})
	return k, err
}

// addKey stores a new key, dated now.
func (s *Store) addKey(tx *bolt.Tx, name []byte, k *KeyRecord, action string) error {
	k.CreeLe = s.Now().Format(time.RFC3339)
	return s.putKey(tx, name, k, action)
}

// checkSigner refuses a copy certified by an officer whose key is revoked.
func checkSigner(tx *bolt.Tx, o civil.Officer) error {
	k, err := getKey(tx, officerKeyName(o.ID))
	if err != nil || k == nil {
		return err
	}
	return k.CheckSigner(o)
}

// CheckSigner refuses to sign with the key when it is revoked, naming the
// officer o whose key it is.
func (k *KeyRecord) CheckSigner(o civil.Officer) error {
	if at, ok := k.Revoked(); ok {
		return civil.Refuse("officier", fmt.Sprintf("la clé de signature de %s (%s) est révoquée depuis le %s", o.FullName(), o.ID, at.Format("02/01/2006")),
			"faites signer un autre officier", civil.Then(civil.SeeOfficers))
	}
	return nil
}

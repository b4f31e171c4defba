package registry

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/civil"
	"etatcivil/internal/seal"
)

// bucketKeys holds the commune's seal and the officers' signing keys.
// Registers made before it existed get it at their first key.
var bucketKeys = []byte("cles")

var keySeal = []byte("sceau")

func officerKeyName(id string) []byte { return []byte("officier/" + id) }

// KeyRecord is a signing key kept in the register: its certificate, and
// its private key encrypted with a passphrase. The register never sees a
// private key in clear; the cryptography is the caller's (internal/seal).
type KeyRecord struct {
	ID          string `json:"id"`                 // short key id printed in signed codes
	Officier    string `json:"officier,omitempty"` // empty for the commune's seal
	Certificat  []byte `json:"certificat"`         // X.509, DER
	CleChiffree []byte `json:"cle_chiffree"`       // private key, age-encrypted
	CreeLe      string `json:"cree_le"`
	RevoqueeLe  string `json:"revoquee_le,omitempty"`
	Motif       string `json:"motif,omitempty"` // why it was revoked, in words
	// Raison is why it was revoked: RaisonFinDeMandat, RaisonCompromission
	// or RaisonRemplacee; empty for a key revoked by an earlier version,
	// which recorded no reason (every signature of the key is then
	// suspect).
	Raison string `json:"raison,omitempty"`
	// Depuis is when its signatures stop counting (RFC 3339): the end of
	// the mandate, the start of a compromise; empty for a compromise of
	// unknown start (every signature suspect).
	Depuis string `json:"depuis,omitempty"`
	// PhrasePropre is true when an officer's private key is locked with the
	// officer's own passphrase; false for the keys of registers made by
	// earlier versions, locked with the seal's (they keep working until
	// the officer chooses a phrase: SetKeyLock).
	PhrasePropre bool `json:"phrase_propre,omitempty"`
}

// Reasons for revoking a key (KeyRecord.Raison).
const (
	// RaisonFinDeMandat: the officer left office (end of mandate, of
	// delegation); what the key signed before stays valid.
	RaisonFinDeMandat = "fin-de-mandat"
	// RaisonCompromission: the key may have been used by someone else
	// from Depuis on (from its creation when Depuis is empty).
	RaisonCompromission = "compromission"
	// RaisonRemplacee: the officer was given a new key; what the old one
	// signed before stays valid.
	RaisonRemplacee = "remplacee"
)

// Revoked returns when the key was revoked, and whether it was.
func (k *KeyRecord) Revoked() (time.Time, bool) {
	if k.RevoqueeLe == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, k.RevoqueeLe)
	return t, err == nil
}

// Revocation returns the key's revocation as the verifiers judge it
// (seal.Revocation), and whether it is revoked. A date or reason that does
// not decode is an integrity error.
func (k *KeyRecord) Revocation() (seal.Revocation, bool, error) {
	bad := func(what string) error {
		return &IntegrityError{[]string{"clé de l'officier " + k.Officier + " : " + what}}
	}
	if k.RevoqueeLe == "" {
		return seal.Revocation{}, false, nil
	}
	at, err := time.Parse(time.RFC3339, k.RevoqueeLe)
	if err != nil {
		return seal.Revocation{}, false, bad("date de révocation illisible")
	}
	r := seal.Revocation{At: at}
	switch k.Raison {
	case RaisonFinDeMandat:
		r.Reason = seal.ReasonEndOfMandate
	case RaisonCompromission:
		r.Reason = seal.ReasonCompromise
	case RaisonRemplacee:
		r.Reason = seal.ReasonSuperseded
	case "":
		r.Reason = seal.ReasonUnspecified
	default:
		return r, true, bad("motif de révocation « " + k.Raison + " » inconnu")
	}
	if k.Depuis != "" {
		if r.Since, err = time.Parse(time.RFC3339, k.Depuis); err != nil {
			return r, true, bad("date « depuis » illisible")
		}
	}
	return r, true, nil
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

// Revocation is what RevokeKey records.
type Revocation struct {
	Raison string // RaisonFinDeMandat or RaisonCompromission
	Motif  string // the reason in words, for the register and the journal
	// Depuis is the first instant at which the key's signatures no longer
	// count. Zero: the revocation's own time for an end of mandate; the
	// key's creation (every signature suspect) for a compromise.
	Depuis time.Time
}

// RevokeKey revokes an officer's signing key: from now on the register
// refuses to sign with it, and verifiers judge what it signed by the
// reason (see Revocation). A key revoked by an earlier version, without
// a reason, gets the reason given and keeps its time of revocation.
//
// Refusals (*civil.RefusedError): "officier" (unknown, no key, already
// revoked with a reason), "motif" (not one of the reasons), "depuis"
// (after now, or before the key was made).
func (s *Store) RevokeKey(officer string, r Revocation) (*KeyRecord, error) {
	if p := civil.TextProblem("motif", r.Motif); p != nil {
		return nil, &civil.RefusedError{Problems: []civil.Problem{*p}}
	}
	var k *KeyRecord
	err := s.db.Update(func(tx *bolt.Tx) (err error) {
		if tx.Bucket(bucketOfficers).Get([]byte(officer)) == nil {
			return UnknownOfficer(officer)
		}
		if r.Raison != RaisonFinDeMandat && r.Raison != RaisonCompromission {
			return civil.Refuse("motif", "motif de révocation « "+r.Raison+" » inconnu", "fin-de-mandat (l'officier quitte ses fonctions) ou compromission (la clé a pu être utilisée par un autre)")
		}
		k, err = getKey(tx, officerKeyName(officer))
		if err != nil {
			return err
		}
		if k == nil {
			return civil.Refuse("officier", "l'officier « "+officer+" » n'a pas de clé de signature", "rien à révoquer")
		}
		now := s.Now()
		at, revoked := k.Revoked()
		if revoked && k.Raison != "" {
			return civil.Refuse("officier", fmt.Sprintf("la clé de l'officier « %s » est déjà révoquée depuis le %s (%s)", officer, at.Local().Format("02/01/2006 à 15:04"), k.Motif), "rien à faire")
		}
		action := "clé révoquée"
		if revoked {
			action, now = "motif de révocation précisé", at
		}
		created, _ := time.Parse(time.RFC3339, k.CreeLe)
		switch {
		case r.Depuis.After(now):
			return civil.Refuse("depuis", "date à venir ("+r.Depuis.Local().Format("02/01/2006")+")", "une révocation vaut au plus tard au moment où elle est faite : omettez la date, ou donnez une date passée")
		case !r.Depuis.IsZero() && r.Depuis.Before(created):
			return civil.Refuse("depuis", "date antérieure à la création de la clé (le "+created.Local().Format("02/01/2006")+")",
				"si l'on ignore depuis quand la clé est compromise, omettez la date : toutes ses signatures seront tenues pour suspectes")
		}
		depuis := r.Depuis
		if depuis.IsZero() && r.Raison == RaisonFinDeMandat {
			depuis = now
		}
		k.RevoqueeLe = now.Format(time.RFC3339)
		k.Raison, k.Motif, k.Depuis = r.Raison, r.Motif, ""
		if !depuis.IsZero() {
			k.Depuis = depuis.Format(time.RFC3339)
		}
		return s.putKey(tx, officerKeyName(officer), k, action)
	})
	return k, err
}

// SetKeyLock replaces the encrypted private key of the seal (officer
// "") or of an officer's key with locked, the same key locked with a new
// passphrase; an officer's key is then marked as locked with the
// officer's own passphrase (PhrasePropre). The certificate is unchanged.
// Journaled « phrase changée ».
func (s *Store) SetKeyLock(officer string, locked []byte) error {
	name := keySeal
	if officer != "" {
		name = officerKeyName(officer)
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		k, err := getKey(tx, name)
		if err != nil {
			return err
		}
		if k == nil {
			return civil.Refuse("officier", "aucune clé à changer", "l'officier n'a pas de clé de signature", civil.Then(civil.SeeOfficers))
		}
		k.CleChiffree = locked
		k.PhrasePropre = officer != ""
		return s.putKey(tx, name, k, "phrase changée")
	})
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
		return civil.Refuse("officier", fmt.Sprintf("la clé de signature %s (%s) est révoquée depuis le %s", civil.Of(o.FullName()), o.ID, at.Format("02/01/2006")),
			"faites signer un autre officier", civil.Then(civil.SeeOfficers))
	}
	return nil
}

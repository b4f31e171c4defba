package registry

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"etatcivil/internal/seal"
)

// Signer is a signing key opened for one use (a backup, the anchor of a
// closing, the recovery key): an officer's key with the commune's seal
// certificate above it, or the seal itself. The register never stores it
// in clear; the command line opens it with the officer's passphrase, the
// counter's page keeps the one it opened (forms.Seal gives Key and Chain).
type Signer struct {
	Officer string              // the officer's id; "" for the commune's seal
	Key     *seal.Key           // the private key and its certificate
	Chain   []*x509.Certificate // the seal's certificate, for an officer's key
}

// sign returns a CMS detached signature of content.
func (sg Signer) sign(content []byte) ([]byte, error) {
	if sg.Key == nil {
		return nil, errors.New("aucune clé de signature ouverte")
	}
	return seal.SignDetached(content, sg.Key, sg.Chain...)
}

// SignedBy describes who signed a statement, once verified.
type SignedBy struct {
	Cert    *x509.Certificate
	Name    string // the certificate's common name
	IsSeal  bool   // signed by the commune's seal itself
	Revoked string // when the key was revoked (RFC 3339), "" when it was not
}

// verifySigned checks a CMS detached signature of content and that the
// key that made it is the commune's seal of trust, or an officer's key that
// the seal certified. Every certificate the signature carries must be the
// seal's or certified by it. A key that trust knows revoked at or before
// at is refused (its signature after its revocation proves nothing). The
// errors are in French, for the clerk.
func verifySigned(trust *seal.Trust, content, sig []byte, at time.Time) (SignedBy, error) {
	var by SignedBy
	if trust == nil || trust.Authority == nil {
		return by, errors.New("aucun certificat de la commune pour vérifier la signature")
	}
	v, err := seal.VerifyDetached(sig, content)
	if err != nil {
		return by, errors.New("la signature ne correspond pas au contenu (contenu modifié, ou signature fabriquée)")
	}
	auth := trust.Authority
	by.Cert, by.Name = v.Signer, v.Signer.Subject.CommonName
	if bytes.Equal(v.Signer.Raw, auth.Raw) {
		by.IsSeal = true
	} else if err := v.Signer.CheckSignatureFrom(auth); err != nil {
		return by, fmt.Errorf("signée par %s, une clé que le sceau de la commune n'a pas certifiée (autre commune, ou clé fabriquée)", by.Name)
	}
	for _, c := range v.Certificates {
		if !bytes.Equal(c.Raw, auth.Raw) && c.CheckSignatureFrom(auth) != nil {
			return by, errors.New("la signature porte un certificat que le sceau de la commune n'a pas délivré")
		}
	}
	if by.IsSeal {
		return by, nil
	}
	if known, ok := trust.Officers[seal.ID(v.Signer)]; ok && !bytes.Equal(known.Raw, v.Signer.Raw) {
		return by, fmt.Errorf("signée par %s, dont le certificat diffère de celui que la commune a délivré", by.Name)
	}
	if r, ok := trust.Revoked[seal.ID(v.Signer)]; ok {
		by.Revoked = r.At.Format(time.RFC3339)
		if _, err := trust.Standing(v.Signer, at, at); !at.IsZero() && err != nil {
			return by, fmt.Errorf("signée par %s le %s, quand sa clé ne valait plus (%s, révoquée le %s)", by.Name, at.Local().Format("02/01/2006 à 15:04"), r.Reason.Label(), r.At.Local().Format("02/01/2006 à 15:04"))
		}
	}
	return by, nil
}

// readTrust returns what the register trusts, inside tx: its seal's
// certificate, the officers' certificates it signed and their
// revocations. It returns nil when the register has no seal.
func readTrust(tx *bolt.Tx) (*seal.Trust, error) {
	auth, err := getKey(tx, keySeal)
	if err != nil || auth == nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(auth.Certificat)
	if err != nil {
		return nil, &IntegrityError{[]string{"certificat du sceau de la commune illisible"}}
	}
	t := seal.NewTrust(cert)
	officers, err := readOfficers(tx)
	if err != nil {
		return nil, err
	}
	for _, o := range officers {
		k, err := getKey(tx, officerKeyName(o.ID))
		if err != nil {
			return nil, err
		}
		if k == nil {
			continue
		}
		c, err := x509.ParseCertificate(k.Certificat)
		if err != nil {
			return nil, &IntegrityError{[]string{"certificat de l'officier " + o.ID + " illisible"}}
		}
		if t.Add(c) != nil {
			// Reported by the control of the keys; such a key signs nothing here.
			continue
		}
		r, revoked, err := k.Revocation()
		if err != nil {
			return nil, err
		}
		if revoked {
			t.Revoked[seal.ID(c)] = r
		}
	}
	return t, nil
}

// Trust returns what the register trusts (see readTrust), or nil when the
// register has no seal.
func (s *Store) Trust() (*seal.Trust, error) {
	var t *seal.Trust
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		t, err = readTrust(tx)
		return err
	})
	return t, err
}

package seal

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"time"

	"etatcivil/internal/words"
)

// Trust is what a verifier relies on: the commune's seal certificate, the
// officers' certificates it signed, and the revoked ones. It is read from
// the register (Live), or from the bundle that `cles exporter` writes and
// the revocation lists signed by the seal.
type Trust struct {
	Authority *x509.Certificate
	// Officers are the officers' certificates by key ID.
	Officers map[string]*x509.Certificate
	// Revoked gives the revocation of revoked officers' keys, by key ID.
	Revoked map[string]Revocation
	// Live is true when Revoked is the register's own, current record:
	// no revocation list is needed.
	Live bool
	// ListDate is the date of the newest revocation list signed by the
	// seal that was read (its thisUpdate); zero when none was. Revoked
	// is what the seal knew then: a key revoked later is not in it.
	ListDate time.Time
	// lists are the revocation lists read, to merge a newer one.
	lists []*x509.RevocationList
}

// NewTrust starts a Trust anchored on the commune's certificate.
func NewTrust(authority *x509.Certificate) *Trust {
	return &Trust{Authority: authority, Officers: map[string]*x509.Certificate{}, Revoked: map[string]Revocation{}}
}

// Add adds an officer's certificate, after checking that the commune's
// seal signed it.
func (t *Trust) Add(cert *x509.Certificate) error {
	if err := cert.CheckSignatureFrom(t.Authority); err != nil {
		return fmt.Errorf("le certificat de %s n'est pas signé par le sceau de la commune", cert.Subject.CommonName)
	}
	t.Officers[ID(cert)] = cert
	return nil
}

// Verdicts of Trust.Check and Trust.Standing.
var (
	// ErrUnknownKey: the key is not one of this commune's officers.
	ErrUnknownKey = errors.New("clé inconnue : elle n'appartient à aucun officier de cette commune")
	// ErrRevokedKey: the key was revoked before the signature (see RevokedError).
	ErrRevokedKey = errors.New("clé révoquée")
)

// RevokedError says that a signature was made when its key no longer
// counted: after the end of the officer's mandate, or when the key may
// have been in other hands.
type RevokedError struct {
	Cert *x509.Certificate
	Revocation
}

func (e *RevokedError) Error() string {
	return fmt.Sprintf("clé de %s révoquée le %s (%s)", e.Cert.Subject.CommonName, e.At.Local().Format("02/01/2006 à 15:04"), e.Reason.Label())
}

// Unwrap makes errors.Is(err, ErrRevokedKey) true.
func (e *RevokedError) Unwrap() error { return ErrRevokedKey }

// Officer returns the certificate of a known officer's key, revoked or
// not (see Standing), or ErrUnknownKey.
func (t *Trust) Officer(id string) (*x509.Certificate, error) {
	cert, ok := t.Officers[id]
	if !ok {
		return nil, ErrUnknownKey
	}
	return cert, nil
}

// Check tells whether a certificate found in a signature is one of the
// commune's officers' (revoked or not: see Standing).
func (t *Trust) Check(cert *x509.Certificate) error {
	known, err := t.Officer(ID(cert))
	if err != nil || !bytes.Equal(known.Raw, cert.Raw) {
		return ErrUnknownKey
	}
	return nil
}

// CheckSignature tells whether a CMS signature was made by one of the
// commune's officers (revoked or not: see Standing). Every certificate it
// carries must be one the commune issued, byte for byte: the certificates
// are not covered by the signature itself, and nothing in a signed file
// may change unnoticed.
func (t *Trust) CheckSignature(sig *Signature) error {
	for _, c := range sig.Certificates {
		if known, ok := t.Officers[ID(c)]; (!ok || !bytes.Equal(known.Raw, c.Raw)) && !bytes.Equal(c.Raw, t.Authority.Raw) {
			return ErrUnknownKey
		}
	}
	return t.Check(sig.Signer)
}

// Standing says whether a signature by cert, made between from and until
// (the bounds of its claimed time: a day of issue, or an instant), still
// counts. It returns the key's revocation when there is one (nil
// otherwise), and a *RevokedError when the signature may have been made
// at or after the revocation's cutoff (see Revocation.Cutoff): a
// signature made wholly before it counts, and the revocation is returned
// so that it can be said.
func (t *Trust) Standing(cert *x509.Certificate, from, until time.Time) (*Revocation, error) {
	r, ok := t.Revoked[ID(cert)]
	if !ok {
		return nil, nil
	}
	if cut, ok := r.Cutoff(); ok && until.Before(cut) {
		return &r, nil
	}
	return &r, &RevokedError{cert, r}
}

// Fresh tells whether the revocations known cover a signature made until
// then: they are the register's, or the newest list was signed after it
// (strictly: a list and a signature of the same second cannot be told
// apart, their times being written to the second).
func (t *Trust) Fresh(until time.Time) bool {
	return t.Live || t.ListDate.After(until)
}

// Fingerprint returns the fingerprint of a certificate in six groups of
// five digits (about 100 bits of its SHA-256), to read over the phone.
func Fingerprint(cert *x509.Certificate) string {
	sum := sha256.Sum256(cert.Raw)
	groups := make([]string, 6)
	for i := range groups {
		var n uint64
		for _, b := range sum[i*5 : i*5+5] {
			n = n<<8 | uint64(b)
		}
		groups[i] = fmt.Sprintf("%05d", n%100000)
	}
	return strings.Join(groups, " ")
}

// FingerprintWords writes each group of a fingerprint in French words,
// one group per line, digit by digit so that nothing is misheard.
func FingerprintWords(fp string) []string {
	var lines []string
	for _, g := range strings.Fields(fp) {
		var ws []string
		for _, d := range g {
			ws = append(ws, words.Number(int(d-'0')))
		}
		lines = append(lines, g+" : "+strings.Join(ws, " "))
	}
	return lines
}

package seal

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/big"
	"time"

	"filippo.io/age"
)

// ErrWrongPhrase is returned when a private key cannot be opened with the
// passphrase given.
var ErrWrongPhrase = errors.New("phrase secrète incorrecte")

// MinPhraseLength is the shortest passphrase accepted for a new seal.
const MinPhraseLength = 12

// workFactor is the scrypt cost (log2 N) of the private keys at rest:
// about 0.2 s to open one here, which a clerk does not notice and which
// slows down guessing.
const workFactor = 16

// Key is a signing key with its certificate: the commune's seal authority
// or an officer.
type Key struct {
	Cert    *x509.Certificate
	Private *ecdsa.PrivateKey
}

// ID returns the short identifier of a certificate's key, printed in the
// signed codes: the first 6 bytes of the SHA-256 of its public key, in hex.
func ID(cert *x509.Certificate) string {
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	return hex.EncodeToString(sum[:6])
}

func serial() (*big.Int, error) {
	return rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
}

// NewAuthority makes the commune's seal: a P-256 key and a self-signed
// certificate naming the commune, valid 30 years, which signs the officers'
// certificates and the revocation list.
func NewAuthority(commune, insee string, now time.Time) (*Key, error) {
	name := pkix.Name{
		CommonName:         "Sceau de l'état civil de " + commune,
		Organization:       []string{"Commune de " + commune},
		OrganizationalUnit: []string{"État civil"},
		SerialNumber:       "INSEE " + insee,
		Country:            []string{"FR"},
	}
	tmpl := &x509.Certificate{
		Subject:               name,
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(30, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	return newKey(tmpl, nil)
}

// IssueOfficer makes an officer's key and a certificate signed by the
// authority, valid 10 years, naming the officer and the quality.
func (a *Key) IssueOfficer(fullName, quality string, now time.Time) (*Key, error) {
	tmpl := &x509.Certificate{
		Subject: pkix.Name{
			CommonName:         fullName,
			Organization:       a.Cert.Subject.Organization,
			OrganizationalUnit: []string{"Officier de l'état civil — " + quality},
			Country:            []string{"FR"},
		},
		NotBefore:   now.Add(-time.Hour),
		NotAfter:    now.AddDate(10, 0, 0),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
	}
	return newKey(tmpl, a)
}

// newKey makes a P-256 key and its certificate from tmpl, with a random
// serial number, signed by the issuer (self-signed when issuer is nil).
func newKey(tmpl *x509.Certificate, issuer *Key) (*Key, error) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	if tmpl.SerialNumber, err = serial(); err != nil {
		return nil, err
	}
	parent, parentKey := tmpl, priv
	if issuer != nil {
		parent, parentKey = issuer.Cert, issuer.Private
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &priv.PublicKey, parentKey)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &Key{cert, priv}, nil
}

// Lock encrypts the private key with the passphrase (age, scrypt): only
// this form is ever stored.
func (k *Key) Lock(phrase string) ([]byte, error) {
	r, err := age.NewScryptRecipient(phrase)
	if err != nil {
		return nil, err
	}
	r.SetWorkFactor(workFactor)
	der, err := x509.MarshalPKCS8PrivateKey(k.Private)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(der); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Unlock opens a private key stored by Lock, for the certificate given
// in DER. It returns ErrWrongPhrase when the passphrase does not open it.
func Unlock(certDER, locked []byte, phrase string) (*Key, error) {
	cert, err := x509.ParseCertificate(certDER)
	if err != nil {
		return nil, fmt.Errorf("certificat illisible : %w", err)
	}
	id, err := age.NewScryptIdentity(phrase)
	if err != nil {
		return nil, ErrWrongPhrase
	}
	id.SetMaxWorkFactor(22)
	r, err := age.Decrypt(bytes.NewReader(locked), id)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			return nil, ErrWrongPhrase
		}
		return nil, fmt.Errorf("clé privée illisible : %w", err)
	}
	der, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("clé privée illisible : %w", err)
	}
	parsed, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("clé privée illisible : %w", err)
	}
	priv, ok := parsed.(*ecdsa.PrivateKey)
	if !ok || !priv.PublicKey.Equal(cert.PublicKey) {
		return nil, errors.New("la clé privée ne correspond pas à son certificat")
	}
	return &Key{cert, priv}, nil
}

package seal

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
	"time"

	"etatcivil/internal/words"
)

// Trust is what a verifier relies on: the commune's seal certificate, the
// officers' certificates it signed, and the revoked ones. It is read from
// the register, or from the bundle that `cles exporter` writes.
type Trust struct {
	Authority *x509.Certificate
	// Officers are the officers' certificates by key ID.
	Officers map[string]*x509.Certificate
	// Revoked gives the revocation time of revoked officers' keys, by key ID.
	Revoked map[string]time.Time
}

// NewTrust starts a Trust anchored on the commune's certificate.
func NewTrust(authority *x509.Certificate) *Trust {
	return &Trust{Authority: authority, Officers: map[string]*x509.Certificate{}, Revoked: map[string]time.Time{}}
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

// Verdicts of Trust.Check.
var (
	// ErrUnknownKey: the key is not one of this commune's officers.
	ErrUnknownKey = errors.New("clé inconnue : elle n'appartient à aucun officier de cette commune")
	// ErrRevokedKey: the key was revoked (see RevokedError).
	ErrRevokedKey = errors.New("clé révoquée")
)

// RevokedError says when a key was revoked.
type RevokedError struct {
	Cert *x509.Certificate
	At   time.Time
}

func (e *RevokedError) Error() string {
	return fmt.Sprintf("clé de %s révoquée le %s", e.Cert.Subject.CommonName, e.At.Format("02/01/2006 à 15:04"))
}

// Unwrap makes errors.Is(err, ErrRevokedKey) true.
func (e *RevokedError) Unwrap() error { return ErrRevokedKey }

// Officer returns the certificate of a known, unrevoked officer's key.
func (t *Trust) Officer(id string) (*x509.Certificate, error) {
	cert, ok := t.Officers[id]
	if !ok {
		return nil, ErrUnknownKey
	}
	if at, ok := t.Revoked[id]; ok {
		return cert, &RevokedError{cert, at}
	}
	return cert, nil
}

// Check tells whether a certificate found in a signature is one of the
// commune's officers, unrevoked.
func (t *Trust) Check(cert *x509.Certificate) error {
	known, err := t.Officer(ID(cert))
	if known == nil || !bytes.Equal(known.Raw, cert.Raw) {
		return ErrUnknownKey
	}
	return err
}

// CheckSignature tells whether a CMS signature was made by one of the
// commune's officers, unrevoked. Every certificate it carries must be one
// the commune issued, byte for byte: the certificates are not covered by
// the signature itself, and nothing in a signed file may change unnoticed.
func (t *Trust) CheckSignature(sig *Signature) error {
	for _, c := range sig.Certificates {
		if known, ok := t.Officers[ID(c)]; (!ok || !bytes.Equal(known.Raw, c.Raw)) && !bytes.Equal(c.Raw, t.Authority.Raw) {
			return ErrUnknownKey
		}
	}
	return t.Check(sig.Signer)
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

// WriteBundle writes the PEM bundle given to third parties: a commented
// header with the fingerprint, the commune's certificate, the officers'
// certificates, and a revocation list signed by the commune's seal.
func WriteBundle(w io.Writer, authority *Key, header []string, officers []*x509.Certificate, revoked map[string]time.Time, now time.Time) error {
	var buf bytes.Buffer
	for _, h := range header {
		fmt.Fprintln(&buf, "# "+h)
	}
	pem.Encode(&buf, &pem.Block{Type: "CERTIFICATE", Bytes: authority.Cert.Raw})
	var entries []x509.RevocationListEntry
	for _, c := range officers {
		pem.Encode(&buf, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
		if at, ok := revoked[ID(c)]; ok {
			entries = append(entries, x509.RevocationListEntry{SerialNumber: c.SerialNumber, RevocationTime: at})
		}
	}
	number, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		return err
	}
	crl, err := x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number: number, ThisUpdate: now, NextUpdate: now.AddDate(1, 0, 0), RevokedCertificateEntries: entries,
	}, authority.Cert, authority.Private)
	if err != nil {
		return err
	}
	pem.Encode(&buf, &pem.Block{Type: "X509 CRL", Bytes: crl})
	_, err = w.Write(buf.Bytes())
	return err
}

// ReadBundle reads a bundle written by WriteBundle (or a lone commune
// certificate). The first certificate must be the commune's seal, self-
// signed; every other one must be signed by it, and so must the
// revocation list.
func ReadBundle(data []byte) (*Trust, error) {
	var t *Trust
	var crls [][]byte
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		switch b.Type {
		case "CERTIFICATE":
			cert, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("certificat illisible : %w", err)
			}
			if t == nil {
				if !cert.IsCA || cert.CheckSignatureFrom(cert) != nil {
					return nil, errors.New("le premier certificat du fichier doit être celui du sceau de la commune")
				}
				t = NewTrust(cert)
				continue
			}
			if err := t.Add(cert); err != nil {
				return nil, err
			}
		case "X509 CRL":
			crls = append(crls, b.Bytes)
		}
	}
	if t == nil {
		return nil, errors.New("aucun certificat dans ce fichier")
	}
	for _, der := range crls {
		crl, err := x509.ParseRevocationList(der)
		if err != nil {
			return nil, fmt.Errorf("liste de révocation illisible : %w", err)
		}
		if err := crl.CheckSignatureFrom(t.Authority); err != nil {
			return nil, errors.New("la liste de révocation n'est pas signée par le sceau de la commune")
		}
		for _, e := range crl.RevokedCertificateEntries {
			for id, c := range t.Officers {
				if c.SerialNumber.Cmp(e.SerialNumber) == 0 {
					t.Revoked[id] = e.RevocationTime
				}
			}
		}
	}
	return t, nil
}

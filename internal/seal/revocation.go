package seal

import (
	"bytes"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"sort"
	"time"
)

// Reason says why a key was revoked, as the reason code of a revocation
// list entry (RFC 5280 §5.3.1).
type Reason int

// The reasons this program writes. Any other code read from a list is
// taken as ReasonUnspecified: every signature of the key is suspect.
const (
	// ReasonUnspecified: no reason recorded (a revocation made by an
	// earlier version of the program): every signature is suspect.
	ReasonUnspecified Reason = 0
	// ReasonCompromise (keyCompromise): the key may have been used by
	// someone else from Revocation.Since on (from its creation when Since
	// is zero); signatures made before stay valid.
	ReasonCompromise Reason = 1
	// ReasonSuperseded (superseded): the officer was given a new key;
	// signatures made before stay valid.
	ReasonSuperseded Reason = 4
	// ReasonEndOfMandate (cessationOfOperation): the officer left office
	// (end of mandate or of delegation, art. R. 2122-10 of the CGCT);
	// signatures made before stay valid, as the acts and copies made in
	// office do.
	ReasonEndOfMandate Reason = 5
)

// Label names the reason in French: « fin de mandat ».
func (r Reason) Label() string {
	switch r {
	case ReasonCompromise:
		return "compromission"
	case ReasonSuperseded:
		return "clé remplacée"
	case ReasonEndOfMandate:
		return "fin de mandat"
	}
	return "motif non précisé"
}

// Revocation is the revocation of an officer's key.
type Revocation struct {
	At     time.Time // when the seal revoked the key
	Reason Reason
	// Since is the first instant at which the key's signatures no longer
	// count: the end of the mandate, the start of the compromise (the
	// invalidity date of the list entry). Zero: At for an end of mandate
	// or a new key, the key's creation for a compromise.
	Since time.Time
}

// Cutoff returns the first instant at which the key's signatures no
// longer count; ok is false when none ever counts (a compromise of
// unknown start, a revocation without reason).
func (r Revocation) Cutoff() (cut time.Time, ok bool) {
	switch r.Reason {
	case ReasonEndOfMandate, ReasonSuperseded:
		if r.Since.IsZero() {
			return r.At, true
		}
		return r.Since, true
	case ReasonCompromise:
		return r.Since, !r.Since.IsZero()
	}
	return time.Time{}, false
}

// oidInvalidityDate is the invalidity date extension of a revocation list
// entry (RFC 5280 §5.3.2): when the key stopped being trustworthy.
var oidInvalidityDate = asn1.ObjectIdentifier{2, 5, 29, 24}

// revocationList returns a revocation list (DER) signed by the authority:
// each revoked officer's certificate with its reason and, when known, the
// instant its signatures stop counting. Its number is the time of issue
// in milliseconds, so that a later list has a greater number.
func revocationList(authority *Key, officers []*x509.Certificate, revoked map[string]Revocation, now time.Time) ([]byte, error) {
	var entries []x509.RevocationListEntry
	for _, c := range officers {
		r, ok := revoked[ID(c)]
		if !ok {
			continue
		}
		e := x509.RevocationListEntry{SerialNumber: c.SerialNumber, RevocationTime: r.At.UTC(), ReasonCode: int(r.Reason)}
		if !r.Since.IsZero() {
			v, err := asn1.MarshalWithParams(r.Since.UTC().Truncate(time.Second), "generalized")
			if err != nil {
				return nil, err
			}
			e.ExtraExtensions = []pkix.Extension{{Id: oidInvalidityDate, Value: v}}
		}
		entries = append(entries, e)
	}
	return x509.CreateRevocationList(rand.Reader, &x509.RevocationList{
		Number: big.NewInt(now.UnixMilli()), ThisUpdate: now.UTC(), NextUpdate: now.UTC().AddDate(1, 0, 0), RevokedCertificateEntries: entries,
	}, authority.Cert, authority.Private)
}

func writeHeader(buf *bytes.Buffer, header []string) {
	for _, h := range header {
		fmt.Fprintln(buf, "# "+h)
	}
}

// WriteBundle writes the PEM bundle given to third parties: a commented
// header with the fingerprint, the commune's certificate, the officers'
// certificates, and a revocation list signed by the commune's seal, dated
// now (see revocationList).
func WriteBundle(w io.Writer, authority *Key, header []string, officers []*x509.Certificate, revoked map[string]Revocation, now time.Time) error {
	crl, err := revocationList(authority, officers, revoked, now)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	writeHeader(&buf, header)
	pem.Encode(&buf, &pem.Block{Type: "CERTIFICATE", Bytes: authority.Cert.Raw})
	for _, c := range officers {
		pem.Encode(&buf, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	}
	pem.Encode(&buf, &pem.Block{Type: "X509 CRL", Bytes: crl})
	_, err = w.Write(buf.Bytes())
	return err
}

// WriteRevocationList writes a revocation list alone, signed by the
// commune's seal and dated now, after a commented header: the small file
// a town hall sends to update the list of a bundle given earlier (see
// Trust.AddRevocationLists).
func WriteRevocationList(w io.Writer, authority *Key, header []string, officers []*x509.Certificate, revoked map[string]Revocation, now time.Time) error {
	crl, err := revocationList(authority, officers, revoked, now)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	writeHeader(&buf, header)
	pem.Encode(&buf, &pem.Block{Type: "X509 CRL", Bytes: crl})
	_, err = w.Write(buf.Bytes())
	return err
}

// ReadBundle reads a bundle written by WriteBundle (or a lone commune
// certificate). The first certificate must be the commune's seal, self-
// signed; every other one must be signed by it, and so must the
// revocation lists. A bundle without a revocation list is read (its
// Trust has a zero ListDate): the verifier then says that revocations
// are unknown.
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
		if err := t.addList(der); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// ErrNoRevocationList is returned by AddRevocationLists for a file that
// holds no revocation list.
var ErrNoRevocationList = errors.New("aucune liste de révocation dans ce fichier")

// AddRevocationLists reads the revocation lists of a PEM file (written by
// WriteRevocationList, or a whole bundle) and merges them: each must be
// signed by the commune's seal. A key revoked in any list is revoked;
// its reason and dates are those of the newest list that names it; the
// newest list's date becomes ListDate when it is newer.
func (t *Trust) AddRevocationLists(data []byte) error {
	n := 0
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type != "X509 CRL" {
			continue
		}
		if err := t.addList(b.Bytes); err != nil {
			return err
		}
		n++
	}
	if n == 0 {
		return ErrNoRevocationList
	}
	return nil
}

// addList checks a revocation list (DER) against the seal and merges it.
func (t *Trust) addList(der []byte) error {
	crl, err := x509.ParseRevocationList(der)
	if err != nil {
		return fmt.Errorf("liste de révocation illisible : %w", err)
	}
	if !bytes.Equal(crl.RawIssuer, t.Authority.RawSubject) || crl.CheckSignatureFrom(t.Authority) != nil {
		return errors.New("la liste de révocation n'est pas signée par le sceau de la commune")
	}
	t.lists = append(t.lists, crl)
	sort.SliceStable(t.lists, func(i, j int) bool { return t.lists[i].ThisUpdate.Before(t.lists[j].ThisUpdate) })
	bySerial := map[string]string{}
	for id, c := range t.Officers {
		bySerial[c.SerialNumber.String()] = id
	}
	t.Revoked = map[string]Revocation{}
	for _, l := range t.lists {
		for _, e := range l.RevokedCertificateEntries {
			id, ok := bySerial[e.SerialNumber.String()]
			if !ok {
				continue
			}
			r := Revocation{At: e.RevocationTime, Reason: Reason(e.ReasonCode)}
			switch r.Reason {
			case ReasonCompromise, ReasonSuperseded, ReasonEndOfMandate:
			default:
				r.Reason = ReasonUnspecified
			}
			for _, x := range e.Extensions {
				if x.Id.Equal(oidInvalidityDate) {
					var since time.Time
					if rest, err := asn1.UnmarshalWithParams(x.Value, &since, "generalized"); err != nil || len(rest) > 0 {
						return errors.New("liste de révocation illisible : date d'invalidité mal formée")
					}
					r.Since = since
				}
			}
			t.Revoked[id] = r
		}
		t.ListDate = l.ThisUpdate
	}
	return nil
}

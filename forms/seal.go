package forms

import (
	"crypto/ecdsa"
	"crypto/x509"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/seal"
)

// Seal signs what forms writes, with an officer's key: the code printed on
// each document (a QR code), and the PDF file itself. A nil *Seal writes
// unsigned documents (the tests of the layout).
type Seal struct {
	Key     *seal.Key
	Chain   []*x509.Certificate // the commune's certificate, above the officer's
	Officer civil.Officer       // whose key it is
	Commune civil.Commune
	// Now gives the signing time of the PDF; time.Now when nil.
	Now func() time.Time
}

// KeyID returns the id of the signing key, printed in the codes.
func (s *Seal) KeyID() string { return seal.ID(s.Key.Cert) }

// CodeData is the signed code a template prints.
type CodeData struct {
	Texte      string // the QR code's text
	Cle        string // the signing key's id
	Signataire string // the officer whose key signed
}

// code signs the content of a document's code.
func (s *Seal) code(c *civil.CodeContent) (*CodeData, error) {
	content, err := c.Marshal()
	if err != nil {
		return nil, err
	}
	text, err := seal.SignCode(content, s.Key.Private)
	if err != nil {
		return nil, err
	}
	return &CodeData{Texte: text, Cle: c.Cle, Signataire: s.Officer.FullName()}, nil
}

func (s *Seal) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// sign adds the PDF signature to a rendered document.
func (s *Seal) sign(pdf []byte, reason string) ([]byte, error) {
	location := s.Commune.Nom
	if s.Commune.CommuneAssociee != "" {
		location = s.Commune.CommuneAssociee + " (" + s.Commune.Nom + ")"
	}
	info := sigInfo{name: s.Officer.FullName() + ", " + s.Officer.QualiteLabel(), reason: reason, location: location, when: s.now()}
	return signPDF(pdf, info, func(signed []byte) ([]byte, error) {
		return seal.SignDetached(signed, s.Key, s.Chain...)
	})
}

// ecdsaKey returns the P-256 public key of an officer's certificate.
func ecdsaKey(cert *x509.Certificate) *ecdsa.PublicKey {
	k, _ := cert.PublicKey.(*ecdsa.PublicKey)
	return k
}

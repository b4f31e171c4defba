package forms

import (
	"crypto/x509"
	"errors"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/seal"
)

// VerifiedCode is a signed code whose signature holds.
type VerifiedCode struct {
	Content *civil.CodeContent
	Signer  *x509.Certificate
}

// VerifyCode checks the text of a signed code against the commune's
// trust: the key must be a known officer's, unrevoked, and the signature
// must match. A revoked key gives a *seal.RevokedError, with the content
// still returned so that it can be shown.
func VerifyCode(text string, t *seal.Trust) (*VerifiedCode, error) {
	c, err := seal.ParseCode(text)
	if err != nil {
		return nil, err
	}
	content, err := civil.UnmarshalCode(c.Content)
	if err != nil {
		// The content is signed: unreadable content is either damage or
		// forgery; the signature cannot be checked without the key id.
		return nil, seal.ErrBadSignature
	}
	cert, trustErr := t.Officer(content.Cle)
	if cert == nil {
		return nil, trustErr
	}
	pub := ecdsaKey(cert)
	if pub == nil {
		return nil, seal.ErrUnknownKey
	}
	if err := c.Verify(pub); err != nil {
		return nil, err
	}
	return &VerifiedCode{Content: content, Signer: cert}, trustErr
}

// VerifiedPDF is a PDF whose signature holds.
type VerifiedPDF struct {
	Signer   *x509.Certificate
	SignedAt time.Time
	// Codes are the signed codes of its documents, each verified.
	Codes []*VerifiedCode
}

// VerifyPDF checks a PDF written by this program: its signature covers
// every byte, matches, and was made by a known, unrevoked officer; and
// the signed codes it carries each verify. A revoked key gives a
// *seal.RevokedError with the result.
func VerifyPDF(pdf []byte, t *seal.Trust) (*VerifiedPDF, error) {
	sp, err := ReadSignature(pdf)
	if err != nil {
		return nil, err
	}
	sig, err := seal.VerifyDetached(sp.CMS, sp.Signed)
	if err != nil {
		return nil, err
	}
	trustErr := t.CheckSignature(sig)
	if trustErr != nil && !errors.Is(trustErr, seal.ErrRevokedKey) {
		return nil, trustErr
	}
	v := &VerifiedPDF{Signer: sig.Signer, SignedAt: sig.Time}
	codes := Codes(pdf)
	if len(codes) == 0 {
		return nil, errors.New("ce PDF ne porte pas de code signé")
	}
	for _, text := range codes {
		vc, err := VerifyCode(text, t)
		if err != nil && !errors.Is(err, seal.ErrRevokedKey) {
			return nil, err
		}
		v.Codes = append(v.Codes, vc)
	}
	return v, trustErr
}

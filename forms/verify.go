package forms

import (
	"bytes"
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
	// From and Until bound when it was signed, as far as is known: its
	// day of issue (local time), narrowed to an instant by Narrow.
	From, Until time.Time
	// Revocation is the signer's key's revocation, when the key was
	// revoked after this signature: the code stays authentic, and the
	// revocation is said beside it. Nil otherwise. Set by Judge.
	Revocation *seal.Revocation
}

// Narrow narrows when the code was signed to the instant at (the PDF's
// signing time, the copy log's time), when at falls within its day of
// issue; otherwise it changes nothing: the day of issue is signed with
// the code, the other times are claims of their own.
func (vc *VerifiedCode) Narrow(at time.Time) {
	if !at.IsZero() && !at.Before(vc.From) && !at.After(vc.Until) {
		vc.From, vc.Until = at, at
	}
}

// Judge sets Revocation from the trust and returns a *seal.RevokedError
// when the signer's key was revoked before the code may have been signed
// (see seal.Trust.Standing).
func (vc *VerifiedCode) Judge(t *seal.Trust) error {
	rev, err := t.Standing(vc.Signer, vc.From, vc.Until)
	vc.Revocation = rev
	return err
}

// VerifyCode checks the text of a signed code against the commune's
// trust: the key must be a known officer's and the signature must match;
// then the key must not have been revoked before the code was signed
// (Judge). A revoked key gives a *seal.RevokedError, with the code still
// returned so that it can be shown.
func VerifyCode(text string, t *seal.Trust) (*VerifiedCode, error) {
	vc, err := verifyCode(text, t)
	if err != nil {
		return nil, err
	}
	return vc, vc.Judge(t)
}

// verifyCode checks a code's signature and key, not its revocation.
func verifyCode(text string, t *seal.Trust) (*VerifiedCode, error) {
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
	cert, err := t.Officer(content.Cle)
	if err != nil {
		return nil, err
	}
	pub := ecdsaKey(cert)
	if pub == nil {
		return nil, seal.ErrUnknownKey
	}
	if err := c.Verify(pub); err != nil {
		return nil, err
	}
	day := time.Date(content.Emis.Year(), content.Emis.Month(), content.Emis.Day(), 0, 0, 0, 0, time.Local)
	return &VerifiedCode{Content: content, Signer: cert, From: day, Until: day.AddDate(0, 0, 1).Add(-time.Nanosecond)}, nil
}

// VerifiedPDF is a PDF whose signature holds.
type VerifiedPDF struct {
	Signer   *x509.Certificate
	SignedAt time.Time
	// Codes are the signed codes of its documents, each verified.
	Codes []*VerifiedCode
}

// VerifyPDF checks a PDF written by this program: its signature covers
// every byte, matches, and was made by a known officer; the signed codes
// it carries each verify; and the key was not revoked before they were
// signed (their day of issue, narrowed to the PDF's signing time). A
// revoked key gives a *seal.RevokedError with the result.
func VerifyPDF(pdf []byte, t *seal.Trust) (*VerifiedPDF, error) {
	sp, err := ReadSignature(pdf)
	if err != nil {
		return nil, err
	}
	sig, err := seal.VerifyDetached(sp.CMS, sp.Signed)
	if err != nil {
		return nil, err
	}
	if err := t.CheckSignature(sig); err != nil {
		return nil, err
	}
	v := &VerifiedPDF{Signer: sig.Signer, SignedAt: sig.Time}
	codes := Codes(pdf)
	if len(codes) == 0 {
		return nil, errors.New("ce PDF ne porte pas de code signé")
	}
	for _, text := range codes {
		vc, err := verifyCode(text, t)
		if err != nil {
			return nil, err
		}
		if bytes.Equal(vc.Signer.Raw, sig.Signer.Raw) {
			vc.Narrow(sig.Time)
		}
		v.Codes = append(v.Codes, vc)
	}
	return v, v.Judge(t)
}

// Judge judges each code again (see VerifiedCode.Judge), and the PDF's
// own signature at its signing time when no code narrows it: the first
// revocation that makes a signature void is returned.
func (v *VerifiedPDF) Judge(t *seal.Trust) error {
	var first error
	signerJudged := false
	for _, vc := range v.Codes {
		if err := vc.Judge(t); err != nil && first == nil {
			first = err
		}
		signerJudged = signerJudged || bytes.Equal(vc.Signer.Raw, v.Signer.Raw)
	}
	if first == nil && !signerJudged {
		_, first = t.Standing(v.Signer, v.SignedAt, v.SignedAt)
	}
	return first
}

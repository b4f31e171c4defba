package seal

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"time"

	"github.com/digitorus/pkcs7"
)

// oidSigningCertificateV2 is the ESS signing-certificate-v2 attribute
// (RFC 5035) that PAdES requires in the signed attributes.
var oidSigningCertificateV2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}

type essCertIDv2 struct {
	CertHash []byte // SHA-256, the default algorithm, left implicit
}

type signingCertificateV2 struct {
	Certs []essCertIDv2
}

// SignDetached returns a CMS detached signature (SHA-256, ECDSA) of content
// by the key, carrying its certificate and the chain above it, with the
// signed attributes PAdES asks for: content type, message digest and
// signing certificate.
func SignDetached(content []byte, k *Key, chain ...*x509.Certificate) ([]byte, error) {
	sd, err := pkcs7.NewSignedData(content)
	if err != nil {
		return nil, err
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	certHash := sha256.Sum256(k.Cert.Raw)
	attr := pkcs7.Attribute{Type: oidSigningCertificateV2, Value: signingCertificateV2{[]essCertIDv2{{certHash[:]}}}}
	if err := sd.AddSignerChain(k.Cert, k.Private, chain, pkcs7.SignerInfoConfig{ExtraSignedAttributes: []pkcs7.Attribute{attr}}); err != nil {
		return nil, err
	}
	sd.Detach()
	return sd.Finish()
}

// Signature is a verified CMS signature.
type Signature struct {
	Signer *x509.Certificate
	Time   time.Time // the signing time the signer claims
}

// VerifyDetached checks a CMS detached signature of content and returns
// its signer. It does not judge whether the signer is trusted: see
// Trust.Check.
func VerifyDetached(der, content []byte) (*Signature, error) {
	p7, err := pkcs7.Parse(der)
	if err != nil {
		return nil, fmt.Errorf("signature illisible : %w", err)
	}
	p7.Content = content
	if len(p7.Signers) != 1 {
		return nil, errors.New("la signature doit avoir exactement un signataire")
	}
	if err := p7.Verify(); err != nil {
		return nil, ErrBadSignature
	}
	signer := p7.GetOnlySigner()
	if signer == nil {
		return nil, errors.New("certificat du signataire absent de la signature")
	}
	sig := &Signature{Signer: signer}
	var t time.Time
	if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &t); err == nil {
		sig.Time = t
	}
	return sig, nil
}

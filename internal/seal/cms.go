package seal

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
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
	// Certificates are all the certificates the signature carries.
	Certificates []*x509.Certificate
}

// VerifyDetached checks a CMS detached signature of content and returns
// its signer. It does not judge whether the signer is trusted: see
// Trust.CheckSignature.
func VerifyDetached(der, content []byte) (*Signature, error) {
	if !canonicalCMS(der) {
		return nil, ErrBadSignature
	}
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
	sig := &Signature{Signer: signer, Certificates: p7.Certificates}
	var t time.Time
	if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &t); err == nil {
		sig.Time = t
	}
	return sig, nil
}

// The CMS structures, read with encoding/asn1 to check that a signature
// is written exactly as SignDetached writes it. Parts of a CMS signature
// are not covered by the signature itself (the list of digest algorithms,
// the certificates…); requiring this one form means that no byte of a
// signed file can change unnoticed.
type cmsContentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue
}

type cmsSignedData struct {
	Version          int
	DigestAlgorithms []pkix.AlgorithmIdentifier `asn1:"set"`
	EncapContentInfo struct{ ContentType asn1.ObjectIdentifier }
	Certificates     asn1.RawValue   `asn1:"optional,tag:0"`
	SignerInfos      []cmsSignerInfo `asn1:"set"`
}

type cmsSignerInfo struct {
	Version            int
	SID                asn1.RawValue
	DigestAlgorithm    pkix.AlgorithmIdentifier
	SignedAttrs        asn1.RawValue `asn1:"tag:0"`
	SignatureAlgorithm pkix.AlgorithmIdentifier
	Signature          []byte
}

// canonicalCMS tells whether der is a detached SHA-256 ECDSA signature
// with one signer, in the one form SignDetached writes.
func canonicalCMS(der []byte) bool {
	var ci cmsContentInfo
	if rest, err := asn1.Unmarshal(der, &ci); err != nil || len(rest) > 0 || !ci.ContentType.Equal(pkcs7.OIDSignedData) ||
		ci.Content.Class != asn1.ClassContextSpecific || ci.Content.Tag != 0 || !ci.Content.IsCompound {
		return false
	}
	var sd cmsSignedData
	if rest, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil || len(rest) > 0 {
		return false
	}
	plain := func(a pkix.AlgorithmIdentifier, oid asn1.ObjectIdentifier) bool {
		return a.Algorithm.Equal(oid) && len(a.Parameters.FullBytes) == 0
	}
	if sd.Version != 1 || len(sd.DigestAlgorithms) != 1 || !plain(sd.DigestAlgorithms[0], pkcs7.OIDDigestAlgorithmSHA256) ||
		!sd.EncapContentInfo.ContentType.Equal(pkcs7.OIDData) || len(sd.SignerInfos) != 1 {
		return false
	}
	si := sd.SignerInfos[0]
	if si.Version != 1 || !plain(si.DigestAlgorithm, pkcs7.OIDDigestAlgorithmSHA256) ||
		!plain(si.SignatureAlgorithm, pkcs7.OIDDigestAlgorithmECDSASHA256) {
		return false
	}
	again, err := asn1.Marshal(sd)
	if err != nil || !bytes.Equal(again, ci.Content.Bytes) {
		return false
	}
	again, err = asn1.Marshal(cmsContentInfo{ci.ContentType, asn1.RawValue{FullBytes: ci.Content.FullBytes}})
	return err == nil && bytes.Equal(again, der)
}

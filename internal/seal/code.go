package seal

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"math/big"
	"strings"
)

// CodePrefix starts the text of every signed code: "EC" for état civil,
// then the version of the format. A phone's camera shows the whole text.
const CodePrefix = "EC1:"

// sigSize is the size of a P-256 signature written as r‖s.
const sigSize = 64

// ErrNotCode is returned for a text that is not a signed code of this format.
var ErrNotCode = errors.New("ce texte n'est pas un code d'état civil signé (il doit commencer par " + CodePrefix + ")")

// ErrBadSignature is returned when a code's signature does not match its
// content and key.
var ErrBadSignature = errors.New("la signature ne correspond pas au contenu")

// SignCode signs content and returns the text to put in a QR code:
// CodePrefix, then base45 of content followed by the 64-byte signature.
// Every character is in the QR alphanumeric set, the densest mode after
// numeric.
func SignCode(content []byte, key *ecdsa.PrivateKey) (string, error) {
	digest := sha256.Sum256(content)
	r, s, err := ecdsa.Sign(rand.Reader, key, digest[:])
	if err != nil {
		return "", err
	}
	out := make([]byte, 0, len(content)+sigSize)
	out = append(out, content...)
	out = append(out, r.FillBytes(make([]byte, 32))...)
	out = append(out, s.FillBytes(make([]byte, 32))...)
	return CodePrefix + Base45Encode(out), nil
}

// Code is a signed code read back from its text, not yet verified.
type Code struct {
	Content []byte
	sig     []byte
}

// ParseCode reads the text of a signed code. Line breaks and tabs that a
// scanner adds at either end are ignored (a space belongs to base45).
func ParseCode(text string) (*Code, error) {
	text = strings.Trim(text, "\r\n\t")
	if !strings.HasPrefix(text, CodePrefix) {
		return nil, ErrNotCode
	}
	raw, err := Base45Decode(text[len(CodePrefix):])
	if err != nil || len(raw) <= sigSize {
		return nil, errors.New("code illisible : le texte a été tronqué ou modifié")
	}
	n := len(raw) - sigSize
	return &Code{Content: raw[:n], sig: raw[n:]}, nil
}

// Verify checks the code's signature with a public key.
func (c *Code) Verify(pub *ecdsa.PublicKey) error {
	digest := sha256.Sum256(c.Content)
	r := new(big.Int).SetBytes(c.sig[:32])
	s := new(big.Int).SetBytes(c.sig[32:])
	if !ecdsa.Verify(pub, digest[:], r, s) {
		return ErrBadSignature
	}
	return nil
}

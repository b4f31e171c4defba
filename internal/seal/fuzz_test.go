package seal

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"testing"
)

// FuzzParseCode reads any text a phone's QR reader could give: it never
// panics, base45 reads back what it writes, and no text but the signed
// one verifies.
func FuzzParseCode(f *testing.F) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	signed, err := SignCode([]byte("contenu d'un extrait"), key)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(signed)
	f.Add(signed[:len(signed)-3])
	f.Add(CodePrefix + "::::")
	f.Add("EC1:" + Base45Encode(make([]byte, 70)))
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		if raw, err := Base45Decode(text); err == nil {
			again, err := Base45Decode(Base45Encode(raw))
			if err != nil || !bytes.Equal(again, raw) {
				t.Fatalf("base45 round trip of %q: %x then %x (%v)", text, raw, again, err)
			}
		}
		c, err := ParseCode(text)
		if err != nil {
			return
		}
		if c.Verify(&key.PublicKey) == nil && !bytes.Equal(c.Content, []byte("contenu d'un extrait")) {
			t.Fatalf("%q verifies with content %q", text, c.Content)
		}
	})
}

package seal

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

func testKeys(t *testing.T) (auth, officer *Key) {
	t.Helper()
	auth, err := NewAuthority("Lille", "59350", now)
	if err != nil {
		t.Fatal(err)
	}
	officer, err = auth.IssueOfficer("Martine AUBRY", "maire", now)
	if err != nil {
		t.Fatal(err)
	}
	return auth, officer
}

func TestLockUnlock(t *testing.T) {
	_, k := testKeys(t)
	locked, err := k.Lock("une phrase de passe assez longue")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(locked, k.Private.D.Bytes()) {
		t.Fatal("the locked key contains the private scalar in clear")
	}
	got, err := Unlock(k.Cert.Raw, locked, "une phrase de passe assez longue")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Private.Equal(k.Private) {
		t.Fatal("unlocked key differs")
	}
	if _, err := Unlock(k.Cert.Raw, locked, "une autre phrase de passe"); !errors.Is(err, ErrWrongPhrase) {
		t.Fatalf("wrong phrase: %v, want ErrWrongPhrase", err)
	}
	_, other := testKeys(t)
	if _, err := Unlock(other.Cert.Raw, locked, "une phrase de passe assez longue"); err == nil {
		t.Fatal("a key opened for another certificate")
	}
}

func TestCode(t *testing.T) {
	_, k := testKeys(t)
	content := []byte("contenu d'un extrait : DUPONT Jean, né le 12/03/2026 à Lille")
	text, err := SignCode(content, k.Private)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Trim(text, base45Alphabet+":") != "" {
		t.Fatalf("code %q has characters outside the QR alphanumeric set", text)
	}
	c, err := ParseCode(text + "\n")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(c.Content, content) {
		t.Fatalf("content %q", c.Content)
	}
	if err := c.Verify(&k.Private.PublicKey); err != nil {
		t.Fatal(err)
	}
	_, other := testKeys(t)
	if err := c.Verify(&other.Private.PublicKey); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("verified with another key: %v", err)
	}
	// Every single changed character is caught: either the text no longer
	// decodes, or the signature fails.
	for i := len(CodePrefix); i < len(text); i++ {
		for _, r := range []byte{'0', 'A', ' ', ':'} {
			if text[i] == r {
				continue
			}
			changed := text[:i] + string(r) + text[i+1:]
			c, err := ParseCode(changed)
			if err == nil {
				err = c.Verify(&k.Private.PublicKey)
			}
			if err == nil {
				t.Fatalf("changing character %d to %q went unnoticed", i, r)
			}
		}
	}
	if _, err := ParseCode("HC1:ABC"); !errors.Is(err, ErrNotCode) {
		t.Fatalf("foreign code: %v", err)
	}
	for _, cut := range []int{1, 3, 10, len(text) / 2} {
		c, err := ParseCode(text[:len(text)-cut])
		if err == nil {
			err = c.Verify(&k.Private.PublicKey)
		}
		if err == nil {
			t.Fatalf("a code cut by %d characters verified", cut)
		}
	}
}

func TestDetached(t *testing.T) {
	auth, k := testKeys(t)
	content := []byte("%PDF-1.3 le fichier entier sauf la signature")
	der, err := SignDetached(content, k, auth.Cert)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := VerifyDetached(der, content)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(sig.Signer.Raw, k.Cert.Raw) || sig.Time.IsZero() {
		t.Fatalf("signer %v, time %v", sig.Signer.Subject, sig.Time)
	}
	changed := bytes.Replace(content, []byte("entier"), []byte("ENTIER"), 1)
	if _, err := VerifyDetached(der, changed); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("changed content: %v", err)
	}
}

func TestTrustAndBundle(t *testing.T) {
	auth, k := testKeys(t)
	revoked, err := auth.IssueOfficer("Jean DUPONT", "adjoint", now)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	at := now.Add(time.Hour).Truncate(time.Second)
	header := []string{"Sceau de Lille", "Empreinte : " + Fingerprint(auth.Cert)}
	if err := WriteBundle(&buf, auth, header, []*x509Cert{k.Cert, revoked.Cert}, map[string]time.Time{ID(revoked.Cert): at}, now); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "# Sceau de Lille\n# Empreinte : ") {
		t.Fatalf("bundle header:\n%s", buf.String())
	}
	tr, err := ReadBundle(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if Fingerprint(tr.Authority) != Fingerprint(auth.Cert) {
		t.Fatal("authority changed on the way")
	}
	if err := tr.Check(k.Cert); err != nil {
		t.Fatalf("officer: %v", err)
	}
	var rev *RevokedError
	if err := tr.Check(revoked.Cert); !errors.As(err, &rev) || !rev.At.Equal(at) {
		t.Fatalf("revoked officer: %v", err)
	}
	// An officer certificate made by another commune's seal is refused,
	// whether slipped into the bundle or met in a signature.
	_, stranger := testKeys(t)
	if err := tr.Check(stranger.Cert); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("stranger: %v", err)
	}
	forged := append(buf.Bytes(), pemOf(stranger.Cert)...)
	if _, err := ReadBundle(forged); err == nil {
		t.Fatal("a bundle with a foreign officer certificate was accepted")
	}
}

func TestFingerprint(t *testing.T) {
	auth, _ := testKeys(t)
	fp := Fingerprint(auth.Cert)
	if len(fp) != 35 || strings.Trim(fp, "0123456789 ") != "" {
		t.Fatalf("fingerprint %q", fp)
	}
	lines := FingerprintWords("01234 56789")
	if lines[0] != "01234 : zéro un deux trois quatre" || lines[1] != "56789 : cinq six sept huit neuf" {
		t.Fatalf("words %q", lines)
	}
}

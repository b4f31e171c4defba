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
	rev := Revocation{At: at, Reason: ReasonCompromise}
	if err := WriteBundle(&buf, auth, header, []*x509Cert{k.Cert, revoked.Cert}, map[string]Revocation{ID(revoked.Cert): rev}, at.Add(time.Minute)); err != nil {
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
	if !tr.ListDate.Equal(at.Add(time.Minute)) || tr.Live {
		t.Fatalf("list date %v, live %v", tr.ListDate, tr.Live)
	}
	if err := tr.Check(k.Cert); err != nil {
		t.Fatalf("officer: %v", err)
	}
	if r, err := tr.Standing(k.Cert, now, now); r != nil || err != nil {
		t.Fatalf("officer standing: %v, %v", r, err)
	}
	var re *RevokedError
	if _, err := tr.Standing(revoked.Cert, now, now); !errors.As(err, &re) || !re.At.Equal(at) || re.Reason != ReasonCompromise {
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

// bundle writes a bundle of auth's officers with their revocations,
// dated when.
func bundle(t *testing.T, auth *Key, officers []*x509Cert, revoked map[string]Revocation, when time.Time) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteBundle(&buf, auth, nil, officers, revoked, when); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Removing the revocation list from a bundle (its certificates, and so
// the fingerprint, unchanged) does not hide a revocation: the trust read
// has no list date, and no signature is fresh (issue 19 §2).
func TestStrippedRevocationListLeavesNoListDate(t *testing.T) {
	auth, k := testKeys(t)
	data := bundle(t, auth, []*x509Cert{k.Cert}, map[string]Revocation{ID(k.Cert): {At: now, Reason: ReasonCompromise}}, now)
	stripped := data[:bytes.Index(data, []byte("-----BEGIN X509 CRL"))]
	tr, err := ReadBundle(stripped)
	if err != nil {
		t.Fatal(err)
	}
	if Fingerprint(tr.Authority) != Fingerprint(auth.Cert) {
		t.Fatal("fingerprint changed")
	}
	if !tr.ListDate.IsZero() || tr.Fresh(now.AddDate(-1, 0, 0)) {
		t.Fatalf("a bundle without list has list date %v and is fresh", tr.ListDate)
	}
	full, err := ReadBundle(data)
	if err != nil {
		t.Fatal(err)
	}
	if !full.Fresh(now.Add(-time.Second)) || full.Fresh(now) {
		t.Fatal("a list is fresh for signatures up to its date, and only those")
	}
}

// What each reason leaves valid: an end of mandate or a new key, the
// signatures made before the cutoff; a compromise, those made before the
// start given (none when unknown); a revocation without reason, none.
func TestRevocationReasons(t *testing.T) {
	auth, k := testKeys(t)
	at := now.Add(48 * time.Hour)
	since := now.Add(24 * time.Hour)
	for _, c := range []struct {
		name       string
		r          Revocation
		from, till time.Time
		valid      bool
	}{
		{"fin de mandat, signé avant", Revocation{At: at, Reason: ReasonEndOfMandate}, now, now, true},
		{"fin de mandat, signé après", Revocation{At: at, Reason: ReasonEndOfMandate}, at.Add(time.Minute), at.Add(time.Minute), false},
		{"fin de mandat, jour de la révocation", Revocation{At: at, Reason: ReasonEndOfMandate}, at.Add(-time.Hour), at.Add(time.Hour), false},
		{"fin de mandat à compter d'une date", Revocation{At: at, Reason: ReasonEndOfMandate, Since: since}, since.Add(time.Hour), since.Add(time.Hour), false},
		{"clé remplacée, signé avant", Revocation{At: at, Reason: ReasonSuperseded}, now, now, true},
		{"compromission depuis, signé avant", Revocation{At: at, Reason: ReasonCompromise, Since: since}, now, now, true},
		{"compromission depuis, signé après", Revocation{At: at, Reason: ReasonCompromise, Since: since}, since, since, false},
		{"compromission sans date", Revocation{At: at, Reason: ReasonCompromise}, now.AddDate(-1, 0, 0), now.AddDate(-1, 0, 0), false},
		{"sans motif", Revocation{At: at}, now, now, false},
	} {
		from, till := c.from, c.till
		data := bundle(t, auth, []*x509Cert{k.Cert}, map[string]Revocation{ID(k.Cert): c.r}, at.Add(time.Hour))
		tr, err := ReadBundle(data)
		if err != nil {
			t.Fatal(err)
		}
		r, err := tr.Standing(k.Cert, from, till)
		if r == nil || r.Reason != c.r.Reason || !r.At.Equal(c.r.At) || !r.Since.Equal(c.r.Since) {
			t.Fatalf("%s: revocation read back as %+v, written %+v", c.name, r, c.r)
		}
		if (err == nil) != c.valid {
			t.Fatalf("%s: valid %v, want %v (%v)", c.name, err == nil, c.valid, err)
		}
		if err != nil && !errors.Is(err, ErrRevokedKey) {
			t.Fatalf("%s: %v", c.name, err)
		}
	}
}

// A bundle exported before a revocation, with the newer list given
// beside it: the revocation is known, whichever comes first; a list
// signed by another seal is refused.
func TestNewerListUpdatesAnOldBundle(t *testing.T) {
	auth, k := testKeys(t)
	old := bundle(t, auth, []*x509Cert{k.Cert}, nil, now)
	later := now.AddDate(0, 1, 0)
	var list bytes.Buffer
	if err := WriteRevocationList(&list, auth, []string{"Liste"}, []*x509Cert{k.Cert}, map[string]Revocation{ID(k.Cert): {At: later, Reason: ReasonEndOfMandate}}, later); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(list.Bytes(), []byte("CERTIFICATE")) {
		t.Fatal("the list alone carries certificates")
	}
	tr, err := ReadBundle(old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Standing(k.Cert, later, later); err != nil || !tr.ListDate.Equal(now) || tr.Fresh(later) {
		t.Fatalf("old bundle: %v, list date %v", err, tr.ListDate)
	}
	if err := tr.AddRevocationLists(list.Bytes()); err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Standing(k.Cert, later, later); !errors.Is(err, ErrRevokedKey) || !tr.ListDate.Equal(later) || !tr.Fresh(later.Add(-time.Second)) {
		t.Fatalf("with the newer list: %v, list date %v", err, tr.ListDate)
	}
	// The old list again (an attacker's choice): the revocation stays.
	if err := tr.AddRevocationLists(old); err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Standing(k.Cert, later, later); !errors.Is(err, ErrRevokedKey) || !tr.ListDate.Equal(later) {
		t.Fatalf("after the old list again: %v, list date %v", err, tr.ListDate)
	}
	other, _ := testKeys(t)
	var foreign bytes.Buffer
	if err := WriteRevocationList(&foreign, other, nil, nil, nil, later.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := tr.AddRevocationLists(foreign.Bytes()); err == nil || !tr.ListDate.Equal(later) {
		t.Fatalf("a list of another seal: %v, list date %v", err, tr.ListDate)
	}
	if err := tr.AddRevocationLists(pemOf(k.Cert)); !errors.Is(err, ErrNoRevocationList) {
		t.Fatalf("a file without list: %v", err)
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

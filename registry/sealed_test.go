package registry

import (
	"crypto/x509"
	"os"
	"path/filepath"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/seal"
)

// sealed is a register with the commune's seal, an officer's key and a
// recovery key signed by the seal: what a backup needs.
type sealed struct {
	*Store
	seal     Signer           // the commune's seal
	officer  Signer           // officer o1's key
	recovery seal.RecoveryKey // the private recovery key, as printed
	trust    *seal.Trust      // the commune's certificate alone, as given to restaurer
}

// newSealed makes a sealed register in a temporary folder. The keys are
// stored without a passphrase (the register never opens them itself).
func newSealed(t testing.TB) *sealed {
	t.Helper()
	return newSealedIn(t, filepath.Join(t.TempDir(), "registre"), lomme)
}

func newSealedIn(t testing.TB, dir string, c civil.Commune) *sealed {
	t.Helper()
	auth, err := seal.NewAuthority(c.Nom, c.Insee, testNow)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Create(dir, c, &KeyRecord{ID: seal.ID(auth.Cert), Certificat: auth.Cert.Raw, CleChiffree: []byte("-")}, Options{Agent: "test", Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	o := civil.Officer{ID: "o1", Prenoms: []string{"Martine"}, Nom: "AUBRY", Qualite: "maire"}
	key, err := auth.IssueOfficer(o.FullName(), "maire", testNow)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddOfficer(o, &KeyRecord{ID: seal.ID(key.Cert), Certificat: key.Cert.Raw, CleChiffree: []byte("-")}); err != nil {
		t.Fatal(err)
	}
	pair, err := seal.NewRecovery()
	if err != nil {
		t.Fatal(err)
	}
	x := &sealed{Store: s, seal: Signer{Key: auth}, officer: Signer{Officer: "o1", Key: key, Chain: []*x509.Certificate{auth.Cert}}, trust: seal.NewTrust(auth.Cert)}
	if _, err := s.SetRecoveryKey(RecoveryKey{Destinataire: pair.Recipient}, false, x.seal); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "cle-secours.txt")
	if err := os.WriteFile(file, []byte(pair.Identity+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(file)
	defer f.Close()
	if x.recovery, err = seal.ParseRecovery(f); err != nil {
		t.Fatal(err)
	}
	return x
}

// backup writes a signed backup of x into path and records it.
func (x *sealed) backup(t testing.TB, path string) Backup {
	t.Helper()
	plan, err := x.PlanBackup(x.officer)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	b, a, err := x.WriteBackup(f, filepath.Base(path), plan, x.officer)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := x.RecordBackup(b, a); err != nil {
		t.Fatal(err)
	}
	return b
}

// restorePlain restores a register file given in clear: the checks of
// the register itself, without a signed backup around it.
func restorePlain(dir string, src interface{ Read([]byte) (int, error) }, source string, force bool, o Options) (Restored, error) {
	return restore(dir, src, nil, source, force, o, nil, nil, Restored{})
}

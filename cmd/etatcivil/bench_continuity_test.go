package main

import (
	"bytes"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/keyring"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

// bigRegister is a register of 100,000 signed births with its recovery
// key, built once per run of the continuity benchmarks (through import,
// in one transaction) in one fixed folder of the temporary directory,
// replaced at each run: it weighs about 500 MB.
var bigRegister struct {
	dir, key string
}

const bigActs = 100_000

func bigRegisterDir(b *testing.B) (dir, keyFile string) {
	b.Helper()
	if bigRegister.dir != "" {
		return bigRegister.dir, bigRegister.key
	}
	root := filepath.Join(os.TempDir(), "etatcivil-bench-100k")
	if err := os.RemoveAll(root); err != nil {
		b.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 11, 24, 15, 0, 0, 0, time.Local) }
	c := civil.Commune{Nom: "Lille", Departement: "Nord", Insee: "59350", CommuneAssociee: "Lomme", MentionPanne: civil.DefaultOutageStatement}
	dir = filepath.Join(root, "registre")
	phrase := os.Getenv(phraseEnv)
	auth, sealRec, err := keyring.NewSeal(c, phrase, now())
	if err != nil {
		b.Fatal(err)
	}
	s, err := registry.Create(dir, c, sealRec, registry.Options{Agent: "bench", Now: now})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	o1 := civil.Officer{ID: "o1", Prenoms: []string{"Martine"}, Nom: "AUBRY", Qualite: "maire"}
	_, o1Key, err := keyring.NewOfficerKey(auth, o1, phrase, now())
	if err != nil {
		b.Fatal(err)
	}
	if err := s.AddOfficer(o1, o1Key); err != nil {
		b.Fatal(err)
	}
	if err := s.SetNumbering(civil.Naissance, 2026, 0); err != nil {
		b.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "naissance.json"))
	if err != nil {
		b.Fatal(err)
	}
	names := []string{"MÜLLER", "LEFÈVRE", "DURAND", "N'DIAYE", "DA SILVA", "MARTIN", "BERNARD", "PETIT", "OUALI", "CŒUR"}
	lines := make([]registry.ImportLine, bigActs)
	for i := range lines {
		var x registry.Exported
		if err := json.Unmarshal(raw, &x.Act); err != nil {
			b.Fatal(err)
		}
		x.Enfant.Nom = names[i%len(names)] + " " + letters(i/len(names))
		x.Numero, x.Annee, x.Statut = i+1, 2026, civil.StatutSigne
		lines[i] = registry.ImportLine{Line: i + 1, Act: &x}
	}
	if _, err := s.Import(lines); err != nil {
		b.Fatal(err)
	}
	pair, err := seal.NewRecovery()
	if err != nil {
		b.Fatal(err)
	}
	keyFile = filepath.Join(root, "cle-secours.txt")
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: auth.Cert.Raw})
	if err := os.WriteFile(keyFile, append([]byte(pair.Identity+"\n"), certPEM...), 0o600); err != nil {
		b.Fatal(err)
	}
	if _, err := s.SetRecoveryKey(registry.RecoveryKey{Destinataire: pair.Recipient}, false, registry.Signer{Key: auth}); err != nil {
		b.Fatal(err)
	}
	bigRegister.dir, bigRegister.key = dir, keyFile
	return dir, keyFile
}

// benchRun runs one command as the clerk would, and fails on a non-zero exit.
func benchRun(b *testing.B, args ...string) {
	b.Helper()
	var out, errOut bytes.Buffer
	e := &env{in: bytes.NewReader(nil), out: &out, errOut: &errOut}
	if code := e.run(args); code != 0 {
		b.Fatalf("%v: exit %d: %s", args, code, errOut.String())
	}
}

// BenchmarkBackup100k runs etatcivil sauvegarde on a register of 100,000
// acts: snapshot, encryption, copy to the destination, journal entry.
func BenchmarkBackup100k(b *testing.B) {
	dir, _ := bigRegisterDir(b)
	out := b.TempDir()
	st, _ := os.Stat(filepath.Join(dir, registry.FileName))
	b.ReportMetric(float64(st.Size())/(1<<20), "Mo_registre")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		benchRun(b, "--dossier", dir, "sauvegarde", "--meme-disque", "-o", filepath.Join(out, fmt.Sprintf("b%d.age", i)))
	}
}

// BenchmarkRestore100k runs etatcivil restaurer of a backup of 100,000
// acts into an empty folder: decryption, full check (bbolt, journal
// chain, every act against its journal entry, numbering), replacement.
func BenchmarkRestore100k(b *testing.B) {
	dir, key := bigRegisterDir(b)
	backup := filepath.Join(b.TempDir(), "b.age")
	benchRun(b, "--dossier", dir, "sauvegarde", "--meme-disque", "-o", backup)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		benchRun(b, "--dossier", filepath.Join(b.TempDir(), "r"), "restaurer", backup, "--identite", key)
	}
}

// letters writes n with syllables, one per decimal digit: names may not
// hold digits, nor look like "NC" (non communiqué).
func letters(n int) string {
	syllables := []string{"LA", "RO", "MI", "SE", "TU", "NA", "PO", "VE", "DI", "KA"}
	s := ""
	for {
		s = syllables[n%10] + s
		n /= 10
		if n == 0 {
			return s
		}
	}
}

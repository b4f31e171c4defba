package main

import (
	"crypto/x509"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/forms"
	"etatcivil/internal/keyring"
	"etatcivil/registry"
)

// benchRegister makes a register holding one signed birth act with two
// parents, and returns it with the act's reference and its officer's
// unlocked seal.
func benchRegister(b *testing.B) (*registry.Store, civil.Ref, *forms.Seal) {
	b.Helper()
	now := func() time.Time { return time.Date(2026, 11, 24, 15, 0, 0, 0, time.Local) }
	c := civil.Commune{Nom: "Lille", Departement: "Nord", Insee: "59350", CommuneAssociee: "Lomme", MentionPanne: civil.DefaultOutageStatement}
	const phrase = "phrase du banc d'essai"
	auth, sealRec, err := keyring.NewSeal(c, phrase, now())
	if err != nil {
		b.Fatal(err)
	}
	s, err := registry.Create(filepath.Join(b.TempDir(), "registre"), c, sealRec, registry.Options{Agent: "bench", Now: now})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	o := civil.Officer{ID: "o1", Prenoms: []string{"Martine"}, Nom: "AUBRY", Qualite: "maire"}
	key, keyRec, err := keyring.NewOfficerKey(auth, o, phrase, now())
	if err != nil {
		b.Fatal(err)
	}
	if err := s.AddOfficer(o, keyRec); err != nil {
		b.Fatal(err)
	}
	sl := &forms.Seal{Key: key, Chain: []*x509.Certificate{auth.Cert}, Officer: o, Commune: c, Now: now}
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "naissance.json"))
	if err != nil {
		b.Fatal(err)
	}
	var a civil.Act
	if err := json.Unmarshal(raw, &a); err != nil {
		b.Fatal(err)
	}
	if err := s.SetNumbering(civil.Naissance, 2026, 37); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Register(&a); err != nil {
		b.Fatal(err)
	}
	if err := s.RecordPrints([]*civil.Act{&a}); err != nil {
		b.Fatal(err)
	}
	if _, _, err := s.Sign(a.Ref()); err != nil {
		b.Fatal(err)
	}
	return s, a.Ref(), sl
}

// BenchmarkCopies1000 delivers 1,000 certified copies one after the
// other, as a batch at the counter would: rights check, log line and
// journal entry (one committed transaction each), PDF rendered and
// written to its file.
func BenchmarkCopies1000(b *testing.B) {
	s, ref, sl := benchRegister(b)
	dir := b.TempDir()
	req := civil.CopyRequest{Ref: ref, Forme: civil.FormeIntegrale, Demandeur: "Anaïs MÜLLER", Qualite: civil.QualitePereMere,
		Parents: []string{"Anaïs MÜLLER", "Karim OUALI"}}
	e := &env{dossier: s.Dir(), replace: true} // each round writes the same files again
	start := cpuTime()
	for b.Loop() {
		for i := range 1000 {
			if _, err := e.deliverCopy(s, req, filepath.Join(dir, fmt.Sprintf("copie-%d.pdf", i)), sl); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e9, "cpu-s/op")
}

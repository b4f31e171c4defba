package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"etatcivil/registry"
)

// benchRegister makes a register holding one signed birth act with two
// parents, and returns it with the act's reference.
func benchRegister(b *testing.B) (*registry.Store, registry.Ref) {
	b.Helper()
	now := func() time.Time { return time.Date(2026, 11, 24, 15, 0, 0, 0, time.Local) }
	c := registry.Commune{Nom: "Lille", Departement: "Nord", Insee: "59350", CommuneAssociee: "Lomme", MentionPanne: registry.DefaultOutageStatement}
	s, err := registry.Create(filepath.Join(b.TempDir(), "registre"), c, registry.Options{Agent: "bench", Now: now})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.AddOfficer(registry.Officer{ID: "o1", Prenoms: []string{"Martine"}, Nom: "AUBRY", Qualite: "maire"}); err != nil {
		b.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "naissance.json"))
	if err != nil {
		b.Fatal(err)
	}
	var a registry.Act
	if err := json.Unmarshal(raw, &a); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Register(&a); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Sign(a.Ref()); err != nil {
		b.Fatal(err)
	}
	return s, a.Ref()
}

// BenchmarkCopies1000 delivers 1,000 certified copies one after the
// other, as a batch at the counter would: rights check, log line and
// journal entry (one committed transaction each), PDF rendered and
// written to its file.
func BenchmarkCopies1000(b *testing.B) {
	s, ref := benchRegister(b)
	dir := b.TempDir()
	req := registry.CopyRequest{Ref: ref, Forme: registry.FormeIntegrale, Demandeur: "Anaïs MÜLLER", Qualite: registry.QualitePereMere,
		Parents: []string{"Anaïs MÜLLER", "Karim OUALI"}}
	for b.Loop() {
		for i := range 1000 {
			if _, err := deliverCopy(s, req, filepath.Join(dir, fmt.Sprintf("copie-%d.pdf", i))); err != nil {
				b.Fatal(err)
			}
		}
	}
}

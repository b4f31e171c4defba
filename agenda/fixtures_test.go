package agenda

import (
	"path/filepath"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

// lomme is the commune of the test registers.
var lomme = civil.Commune{Nom: "Lille", Departement: "Nord", Insee: "59350", CommuneAssociee: "Lomme", MentionPanne: civil.DefaultOutageStatement}

// testNow is the clock of the tests: Tuesday 24 November 2026, 15:00.
var testNow = time.Date(2026, 11, 24, 15, 0, 0, 0, time.Local)

// newStore makes a register with one officer in a temporary folder, and
// returns its agenda; the control checks the agenda's records.
func newStore(t testing.TB) *Agenda {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "registre")
	s, err := registry.Create(dir, lomme, nil, registry.Options{Agent: "test", Now: func() time.Time { return testNow }, Parts: []registry.Part{Records}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddOfficer(civil.Officer{ID: "o1", Prenoms: []string{"Martine"}, Nom: "AUBRY", Qualite: "maire"}, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return New(s)
}

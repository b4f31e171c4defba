package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/registry"
)

// journalLength is the number of entries of the register's journal.
func journalLength(t *testing.T, dir string) int {
	t.Helper()
	s, err := registry.Open(dir, registry.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := 0
	if err := s.Journal(func(registry.Entry) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// A refused command writes nothing, not even the agenda's purge; and the
// purge does not trust a clock more than a day ahead of the newest
// journal entry (issue 19 §5: with the clock 40 days ahead, a refused
// annuler purged tomorrow's appointments and their slots for good).
func TestRefusedCommandPurgesNothing(t *testing.T) {
	dir := setupRegister(t)
	at := func(clock time.Time, want int, args ...string) string {
		t.Helper()
		e := newEnv(t, dir, "")
		e.now = func() time.Time { return clock }
		if code := e.run(args...); code != want {
			t.Fatalf("%v at %s: exit %d, want %d: %s", args, clock.Format(time.DateTime), code, want, e.errOut)
		}
		return e.errOut.String()
	}
	booked := func(clock time.Time, day, name string) bool {
		t.Helper()
		e := newEnv(t, dir, "")
		e.now = func() time.Time { return clock }
		if code := e.run("rdv", "jour", day); code != 0 {
			t.Fatalf("rdv jour %s: exit %d: %s", day, code, e.errOut)
		}
		return strings.Contains(e.out.String(), name)
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 16, 0, 0, 0, time.Local) }

	// Tomorrow's appointment, booked today (24 November).
	at(day(11, 24), 0, "rdv", "ouvrir", "--jour", "2026-11-25", "--de", "09:00", "--a", "10:00", "--duree", "15")
	at(day(11, 24), 0, "rdv", "prendre", "--jour", "2026-11-25", "--heure", "09:00", "--nom", "Marie DUPONT", "--telephone", "0612345678", "--objet", "naissance")

	// 25 December, the register unused for a month: a write goes through,
	// but its clock is trusted only a day after the newest entry.
	at(day(12, 25), 0, "rdv", "ouvrir", "--jour", "2026-12-28", "--de", "09:00", "--a", "10:00", "--duree", "15")
	if !booked(day(12, 25), "2026-11-25", "DUPONT") {
		t.Fatal("purged by a clock a month ahead of the register")
	}
	// 26 December, 31 days after: a refused command purges nothing and
	// writes nothing.
	before := journalLength(t, dir)
	out := at(day(12, 26), exitRefused, "annuler", "naissance/2026/99", "--motif", "erreur de saisie")
	if strings.Contains(out, "rendez-vous de plus de") || !booked(day(12, 26), "2026-11-25", "DUPONT") {
		t.Fatalf("a refused command purged the agenda: %s", out)
	}
	if after := journalLength(t, dir); after != before {
		t.Fatalf("a refused command wrote %d journal entries", after-before)
	}
	// The next write that goes through purges, and says so.
	out = at(day(12, 26), 0, "rdv", "prendre", "--jour", "2026-12-28", "--heure", "09:00", "--nom", "Paul MARTIN", "--telephone", "0611111111", "--objet", "copie")
	if !strings.Contains(out, "rendez-vous : 1 rendez-vous de plus de 30 jours effacé (nom et téléphone)") || booked(day(12, 26), "2026-11-25", "DUPONT") {
		t.Fatalf("not purged after 31 days: %s", out)
	}

	// The clock 40 days ahead: neither a refused command nor one that
	// goes through deletes the appointment of 28 December.
	ahead := day(12, 26).AddDate(0, 0, 40)
	at(ahead, exitRefused, "annuler", "naissance/2026/99", "--motif", "erreur de saisie")
	at(ahead, 0, "rdv", "ouvrir", "--jour", "2027-02-05", "--de", "09:00", "--a", "10:00", "--duree", "15")
	if !booked(ahead, "2026-12-28", "MARTIN") {
		t.Fatal("purged by a clock 40 days ahead")
	}
}

// fileState is what a refused command must leave as it found: the
// register file, its witness, and the names in its folder.
func fileState(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, de := range entries {
		b.WriteString(de.Name())
		if de.Type().IsRegular() {
			data, err := os.ReadFile(filepath.Join(dir, de.Name()))
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, " %x", sha256.Sum256(data))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Every refused command leaves the register folder byte for byte as it
// was (issue 19 §5), on a day the agenda's purge is due: the purge
// belongs to a write that goes through.
func TestRefusedCommandsWriteNothing(t *testing.T) {
	dir := setupRegister(t)
	work := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(work, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 16, 0, 0, 0, time.Local) }
	at := func(clock time.Time, args ...string) (int, string) {
		e := newEnv(t, dir, "")
		e.now = func() time.Time { return clock }
		code := e.run(args...)
		return code, e.errOut.String()
	}
	must := func(clock time.Time, args ...string) {
		t.Helper()
		if code, out := at(clock, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, out)
		}
	}
	must(day(11, 24), "naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json"))
	must(day(11, 24), "rdv", "ouvrir", "--jour", "2026-11-25", "--de", "09:00", "--a", "10:00", "--duree", "15")
	must(day(11, 24), "rdv", "prendre", "--jour", "2026-11-25", "--heure", "09:00", "--nom", "Marie DUPONT", "--telephone", "0612345678", "--objet", "naissance")
	must(day(12, 25), "rdv", "ouvrir", "--jour", "2026-12-28", "--de", "09:00", "--a", "10:00", "--duree", "15")
	must(day(12, 25), "rdv", "prendre", "--jour", "2026-12-28", "--heure", "09:00", "--nom", "Paul MARTIN", "--telephone", "0611111111", "--objet", "copie")
	// 26 December: the appointment of 25 November is due for the purge.
	now := day(12, 26)
	before := fileState(t, dir)
	for _, args := range [][]string{
		{"annuler", "naissance/2026/99", "--motif", "erreur de saisie"},
		{"naissance", "--fichier", file("incomplet.json", `{"type": "naissance"}`)},
		{"mention", "ajouter", "naissance/2026/99", "--texte", "Rectifié.", "--fondement", "art. 99-1 du Code civil"},
		{"corriger", "naissance/2026/7", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json")},
		{"numerotation", "--registre", "naissance", "--annee", "2026", "--dernier", "1000000"},
		{"import", file("futur.jsonl", `{"type":"naissance","registre":"naissance","annee":2026,"numero":2,"statut":"brouillon","cree_le":"2031-01-01T09:00:00+01:00"}`+"\n")},
		{"officier", "ajouter", "--id", "o1", "--prenoms", "Paul", "--nom", "DURAND", "--qualite", "adjoint", "--civilite", "M"},
		{"reglages", "--purge-rdv-jours", "0"},
		{"rdv", "prendre", "--jour", "2026-12-28", "--heure", "09:00", "--nom", "Jeanne PETIT", "--telephone", "0622222222", "--objet", "copie"},
		{"rdv", "annuler", "999"},
		{"rdv", "importer", file("agenda.csv", "pas un agenda\n")},
		{"cloturer", "--registre", "naissance", "--annee", "2026", "--officier", "zz", "-o", filepath.Join(work, "pv.pdf")},
	} {
		code, out := at(now, args...)
		if code != exitRefused && code != exitIntegrity {
			t.Errorf("%v: exit %d, want a refusal: %s", args, code, out)
		}
		if after := fileState(t, dir); after != before {
			t.Fatalf("%v, refused, changed the register's folder:\n%s\n%s\n%s", args, out, before, after)
		}
	}
	// The next write that goes through purges.
	code, out := at(now, "rdv", "ouvrir", "--jour", "2026-12-29", "--de", "09:00", "--a", "10:00", "--duree", "15")
	if code != 0 || !strings.Contains(out, "rendez-vous : 1 rendez-vous de plus de 30 jours effacé (nom et téléphone)") {
		t.Fatalf("exit %d: %s", code, out)
	}
}

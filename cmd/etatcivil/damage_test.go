package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"etatcivil/registry"
)

// TestTruncatedRegisterExits3 cuts the register file at 40 places among
// the pages it uses, as an interrupted copy or a failing disk would, and
// runs commands that read and write it: each must exit 3 with a French
// message, never a Go fault (exit 2, a stack trace) nor bbolt's English
// (exit 1).
func TestTruncatedRegisterExits3(t *testing.T) {
	bin, err := exec.LookPath("etatcivil")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	dir := filepath.Join(work, "registre")
	birth, err := filepath.Abs(filepath.Join("..", "..", "testdata", "naissance.json"))
	if err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string) {
		c := exec.Command(bin, append([]string{"--dossier", dir, "--agent", "disque"}, args...)...)
		c.Dir = work
		c.Env = append(os.Environ(), testPhrases()...)
		var out bytes.Buffer
		c.Stdout, c.Stderr = &out, &out
		c.Run()
		return c.ProcessState.ExitCode(), out.String()
	}
	for _, args := range [][]string{
		{"init", "--commune", "Lille", "--departement", "Nord", "--commune-associee", "Lomme"},
		{"officier", "ajouter", "--id", "o1", "--prenoms", "Anne-Sophie", "--nom", "DELCOURT", "--qualite", "maire-delegue"},
		{"numerotation", "--registre", "naissance", "--annee", "2026", "--dernier", "37"},
	} {
		if code, out := run(args...); code != 0 {
			t.Fatalf("%v: %d\n%s", args, code, out)
		}
	}
	for range 40 {
		if code, out := run("naissance", "--fichier", birth, "--doublon-confirme"); code != 0 {
			t.Fatalf("naissance: %d\n%s", code, out)
		}
	}
	path := filepath.Join(dir, registry.FileName)
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var inUse int64
	db.View(func(tx *bolt.Tx) error { inUse = tx.Size(); return nil })
	db.Close()
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	commands := [][]string{{"controle"}, {"lister"}, {"naissance", "--fichier", birth, "--doublon-confirme"}, {"afficher", "naissance/2026/40"}, {"journal"}}
	for i := range 40 {
		cut := inUse * int64(i) / 40
		if err := os.WriteFile(path, whole[:cut], 0o600); err != nil {
			t.Fatal(err)
		}
		args := commands[i%len(commands)]
		code, out := run(args...)
		if code != exitIntegrity || !strings.Contains(out, "etatcivil : intégrité rompue") || !strings.Contains(out, "tronqué") {
			t.Fatalf("cut at %d of %d bytes, %v: exit %d, want 3 with a French message:\n%s", cut, inUse, args, code, out)
		}
		for _, bad := range []string{"goroutine", "panic", "fault", "page", "file size", "invalid"} {
			if strings.Contains(out, bad) {
				t.Fatalf("cut at %d, %v: %q shown to the clerk:\n%s", cut, args, bad, out)
			}
		}
	}
}

// TestUndecodableAppointmentExits3: an appointment record that matches
// its journal entry but does not decode as the agenda reads it (its desk
// is not a number) is an integrity break of etatcivil controle (exit 3,
// named), never skipped; etatcivil compacter refuses to put in place a
// file that fails the same control, and the register stays as it was.
func TestUndecodableAppointmentExits3(t *testing.T) {
	dir := setupRegister(t)
	for _, args := range [][]string{
		{"rdv", "ouvrir", "--jour", "2026-11-25", "--de", "09:00", "--a", "10:00", "--duree", "15"},
		{"rdv", "prendre", "--jour", "2026-11-25", "--heure", "09:00", "--nom", "Marie DUPONT", "--telephone", "0612345678", "--objet", "naissance"},
	} {
		if e := newEnv(t, dir, ""); e.run(args...) != 0 {
			t.Fatalf("%v: %s", args, e.errOut)
		}
	}
	if e := newEnv(t, dir, ""); e.run("controle") != 0 {
		t.Fatalf("controle before: %s%s", e.out, e.errOut)
	}
	s, err := registry.Open(dir, registry.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *registry.Tx) error {
		b := tx.Bucket([]byte("rdv"))
		k, v := b.Cursor().First()
		bad := bytes.Replace(v, []byte(`"guichet":1`), []byte(`"guichet":"un"`), 1)
		if bytes.Equal(bad, v) {
			t.Fatalf("appointment record: %s", v)
		}
		if err := b.Put(k, bad); err != nil {
			return err
		}
		return tx.Journal("rdv-modifier", "rdv/1", bad) // as if the program had written it
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, registry.FileName))
	e := newEnv(t, dir, "")
	if code := e.run("controle"); code != exitIntegrity || !strings.Contains(e.errOut.String(), "rendez-vous n° 1 illisible") {
		t.Fatalf("controle: exit %d\n%s%s", code, e.out, e.errOut)
	}
	e = newEnv(t, dir, "")
	if code := e.run("compacter"); code != exitIntegrity || !strings.Contains(e.errOut.String(), "rendez-vous n° 1 illisible") {
		t.Fatalf("compacter: exit %d\n%s%s", code, e.out, e.errOut)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, registry.FileName)); !bytes.Equal(before, after) {
		t.Fatal("compacter replaced a register that fails the control")
	}
}

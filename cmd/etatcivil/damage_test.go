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

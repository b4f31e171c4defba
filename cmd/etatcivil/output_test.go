//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"etatcivil/internal/medium"
)

// A file given with -o is never written over, nor a named pipe replaced,
// unless --remplacer is given; a refused output writes nothing, not even
// the copy log's line or a closing.
func TestOutputNeverReplacesWithoutRemplacer(t *testing.T) {
	dir := setupRegister(t)
	work := t.TempDir()
	for _, args := range [][]string{
		{"naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json")},
		{"imprimer", "naissance/2026/1", "-o", filepath.Join(work, "feuille.pdf")},
		{"signer", "naissance/2026/1"},
	} {
		if e := newEnv(t, dir, ""); e.run(args...) != 0 {
			t.Fatalf("%v: %s", args, e.errOut)
		}
	}
	kept := filepath.Join(work, "garde.txt")
	if err := os.WriteFile(kept, []byte("à garder"), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(work, "tube")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	before := journalOf(t, dir)
	copyArgs := []string{"copie", "naissance/2026/1", "--forme", "integrale", "--demandeur", "Anaïs MÜLLER", "--qualite", "pere-mere", "--parents", "anais muller;KARIM OUALI"}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"export over a file", []string{"export", "-o", kept}, "existe déjà : il n'est remplacé que sur demande"},
		{"export into a pipe", []string{"export", "-o", fifo}, "c'est un tube nommé (FIFO)"},
		{"export over a folder", []string{"export", "-o", work, "--remplacer"}, "c'est un dossier"},
		{"copy over a file", append(copyArgs, "-o", filepath.Join(work, "feuille.pdf")), "existe déjà"},
		{"closing over a file", []string{"cloturer", "--registre", "naissance", "--annee", "2026", "--officier", "o1", "-o", filepath.Join(work, "feuille.pdf")}, "existe déjà"},
		{"agenda over a file", []string{"rdv", "exporter", "-o", kept}, "existe déjà"},
		{"certificate over a file", []string{"cles", "exporter", "-o", filepath.Join(work, "feuille.pem")}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.want == "" {
				os.WriteFile(filepath.Join(work, "feuille.pem"), []byte("x"), 0o600)
				c.want = "existe déjà"
			}
			e := newEnv(t, dir, "")
			if code := e.run(c.args...); code != exitRefused || !strings.Contains(e.errOut.String(), c.want) || !strings.Contains(e.errOut.String(), "--remplacer") && !strings.Contains(c.want, "dossier") {
				t.Fatalf("exit %d, want 2 saying %q and --remplacer:\n%s", code, c.want, e.errOut)
			}
		})
	}
	if got, _ := os.ReadFile(kept); string(got) != "à garder" {
		t.Fatalf("the file was written over: %q", got)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the named pipe was replaced: %v", err)
	}
	if after := journalOf(t, dir); after != before {
		t.Fatalf("a refused output wrote in the register:\n%s", after)
	}
	// With --remplacer: replaced, the pipe too.
	for _, target := range []string{kept, fifo} {
		e := newEnv(t, dir, "")
		if code := e.run("export", "-o", target, "--remplacer"); code != 0 {
			t.Fatalf("export --remplacer: %d %s", code, e.errOut)
		}
		if got, _ := os.ReadFile(target); !bytes.Contains(got, []byte(`"naissance"`)) {
			t.Fatalf("%s not replaced: %q", target, got)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(work, ".etatcivil-*")); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

// On a stick without files without a name nor hard links (FAT, exFAT),
// a document in clear is made in the register's folder and copied to the
// stick only once complete; an encrypted backup is written on the stick
// under a temporary name recorded in the register's folder. Nothing is
// left on the stick, and the records are gone.
func TestOutputsOnAStickWithoutUnnamedFiles(t *testing.T) {
	dir := setupRegister(t)
	usb := t.TempDir()
	unnamed, link := medium.OpenUnnamed, medium.LinkFile
	medium.OpenUnnamed = func(d string) (*os.File, error) {
		if sameFolder(d, usb) {
			return nil, syscall.EOPNOTSUPP
		}
		return unnamed(d)
	}
	medium.LinkFile = func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EPERM} }
	defer func() { medium.OpenUnnamed, medium.LinkFile = unnamed, link }()
	if e := newEnv(t, dir, ""); e.run("naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json")) != 0 {
		t.Fatal(e.errOut)
	}
	out := filepath.Join(usb, "export.jsonl")
	for range 2 {
		e := newEnv(t, dir, "")
		if code := e.run("export", "-o", out, "--remplacer"); code != 0 {
			t.Fatalf("export: %d %s", code, e.errOut)
		}
	}
	if got, _ := os.ReadFile(out); !bytes.Contains(got, []byte(`"MÜLLER"`)) {
		t.Fatalf("export: %q", got)
	}
	for _, d := range []string{usb, dir} {
		if left, _ := filepath.Glob(filepath.Join(d, ".etatcivil-*")); len(left) != 0 {
			t.Fatalf("temporary files or records left in %s: %v", d, left)
		}
	}
}

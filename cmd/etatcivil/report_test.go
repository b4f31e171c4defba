package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"etatcivil/internal/oserr"
	"etatcivil/registry"
)

// An unexpected error of the operating system reaches the clerk in
// French: the file operation and the system's error number are
// translated, never printed in English (issue 19 §4).
func TestSystemErrorsInFrench(t *testing.T) {
	for _, c := range []struct {
		err        error
		want, gone string
	}{
		{fmt.Errorf("ouverture du registre %s : %w", "/r/registre.db", &fs.PathError{Op: "open", Path: "/r/registre.db", Err: syscall.EIO}),
			"ouverture du registre /r/registre.db : ouverture de /r/registre.db : erreur d'entrée-sortie (disque ou clé USB défaillant)", "input/output"},
		{fmt.Errorf("mise en place : %w", &os.LinkError{Op: "rename", Old: "/r/a", New: "/media/b", Err: syscall.EXDEV}),
			"mise en place : renommage de /r/a en /media/b : impossible d'un support à un autre", "cross-device"},
		{fmt.Errorf("écriture du témoin : %w", os.NewSyscallError("fdatasync", syscall.EROFS)),
			"écriture du témoin : enregistrement sur le support de : support en lecture seule", "read-only"},
		{fmt.Errorf("copie : %w", syscall.ENXIO), "copie : périphérique absent (clé USB retirée ?)", "no such device"},
	} {
		if got := oserr.French(c.err); got != c.want || strings.Contains(got, c.gone) {
			t.Errorf("%v:\n got %q\nwant %q", c.err, got, c.want)
		}
		var out bytes.Buffer
		e := &env{errOut: &out}
		if code := e.report(nil, c.err); code != exitError || !strings.Contains(out.String(), c.want) || strings.Contains(out.String(), c.gone) {
			t.Errorf("report: exit %d:\n%s", code, out.String())
		}
	}
}

// TestRegisterNotWritable: a register this session may not write (its
// rights, a read-only medium; here chattr +i, which binds root too) is
// reported with what to do about it, exit 1, never with the hint of an
// unexpected error (« lancez etatcivil controle »).
func TestRegisterNotWritable(t *testing.T) {
	dir := setupRegister(t)
	path := filepath.Join(dir, registry.FileName)
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("chattr +i impossible ici : %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
	e := newEnv(t, dir, "")
	if code := e.run("numerotation", "--registre", "naissance", "--annee", "2027", "--dernier", "0"); code != exitError {
		t.Fatalf("exit %d: %s", code, e.errOut)
	}
	got := e.errOut.String()
	if !strings.Contains(got, "accès refusé") || !strings.Contains(got, registry.AccessHint) || strings.Contains(got, "controle") {
		t.Fatalf("%s", got)
	}
	e = newEnv(t, dir, "")
	if code := e.run("lister"); code != 0 {
		t.Fatalf("reading a register that cannot be written: exit %d: %s", code, e.errOut)
	}
}

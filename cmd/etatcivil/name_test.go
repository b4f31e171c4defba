package main

import (
	"etatcivil/internal/medium"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// FAT and exFAT USB sticks, the common ones, have no hard links: the
// backup is named there by a rename that refuses to replace a file.
func TestBackupOnAStickWithoutHardLinks(t *testing.T) {
	unnamed := medium.OpenUnnamed
	medium.OpenUnnamed = func(string) (*os.File, error) { return nil, syscall.EOPNOTSUPP }
	medium.LinkFile = func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EPERM} }
	defer func() { medium.OpenUnnamed, medium.LinkFile = unnamed, os.Link }()
	dir := setupRegister(t)
	usb := t.TempDir()
	e := newEnv(t, dir, "")
	if code := e.run("secours", "creer", "-o", filepath.Join(t.TempDir(), "cle.txt")); code != 0 {
		t.Fatalf("secours: %s", e.errOut)
	}
	backup := filepath.Join(usb, "lundi.age")
	e = newEnv(t, dir, "")
	if code := e.run("sauvegarde", "--meme-disque", "-o", backup); code != 0 {
		t.Fatalf("backup on a stick without hard links: %d %s", code, e.errOut)
	}
	if st, err := os.Stat(backup); err != nil || st.Size() == 0 {
		t.Fatalf("no backup written: %v", err)
	}
	e = newEnv(t, dir, "")
	if code := e.run("sauvegarde", "--meme-disque", "-o", backup); code != exitRefused || !strings.Contains(e.errOut.String(), "existe déjà") {
		t.Fatalf("a second backup of the same name: %d %s", code, e.errOut)
	}
	left, _ := filepath.Glob(filepath.Join(usb, ".etatcivil-*"))
	if len(left) != 0 {
		t.Fatalf("temporary files left on the stick: %v", left)
	}
}

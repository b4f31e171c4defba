package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// FAT and exFAT USB sticks, the common ones, have no hard links: the
// backup is named there by a rename that refuses to replace a file.
func TestBackupOnAStickWithoutHardLinks(t *testing.T) {
	linkFile = func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EPERM} }
	defer func() { linkFile = os.Link }()
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

// A backup of the same name that appeared meanwhile is never replaced.
func TestNameNoReplaceWithoutHardLinks(t *testing.T) {
	linkFile = func(string, string) error { return &os.LinkError{Op: "link", Err: syscall.EPERM} }
	defer func() { linkFile = os.Link }()
	d := t.TempDir()
	tmp, final := filepath.Join(d, ".etatcivil-1.tmp"), filepath.Join(d, "lundi.age")
	os.WriteFile(tmp, []byte("nouvelle"), 0o600)
	os.WriteFile(final, []byte("ancienne"), 0o600)
	if err := nameNoReplace(tmp, final); !os.IsExist(err) && !strings.Contains(err.Error(), "exist") {
		t.Fatalf("replacing an existing backup: %v", err)
	}
	if b, _ := os.ReadFile(final); string(b) != "ancienne" {
		t.Fatal("the existing backup was replaced")
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Fatal("the temporary file was left")
	}
}

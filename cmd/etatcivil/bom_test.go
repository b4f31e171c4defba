package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestActFileWithByteOrderMark: a file saved by an old editor starts with
// a byte-order mark (case naissance-avec-bom.json); it was « JSON mal
// formé, ligne 1 ». It is read, from a file and from standard input, for
// an act and for its correction.
func TestActFileWithByteOrderMark(t *testing.T) {
	dir := setupRegister(t)
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "naissance.json"))
	if err != nil {
		t.Fatal(err)
	}
	withBOM := append([]byte("\uFEFF"), raw...)
	file := filepath.Join(t.TempDir(), "naissance-avec-bom.json")
	if err := os.WriteFile(file, withBOM, 0o600); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, dir, "")
	if code := e.run("naissance", "--fichier", file); code != 0 || !strings.Contains(e.out.String(), "naissance/2026/1\n") {
		t.Fatalf("file with a BOM: exit %d: %s%s", code, e.out, e.errOut)
	}
	e = newEnv(t, dir, "")
	if code := e.run("corriger", "naissance/2026/1", "--fichier", file); code != 0 {
		t.Fatalf("correction with a BOM: exit %d: %s", code, e.errOut)
	}
	e = newEnv(t, dir, string(withBOM))
	if code := e.run("naissance", "--fichier", "-", "--doublon-confirme"); code != 0 || !strings.Contains(e.out.String(), "naissance/2026/2\n") {
		t.Fatalf("standard input with a BOM: exit %d: %s%s", code, e.out, e.errOut)
	}
}

package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"etatcivil/internal/guichet"
)

// Started on a folder without a register (a folder mistyped, another
// user's account), the program says which folder in its window, and not
// to create a second register there when the commune's is elsewhere.
func TestGuichetSaysItsFolderWithoutARegister(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "registre-mal-tape")
	srv, err := guichet.Start(guichet.Config{Dir: dir, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	got := strings.Join(noRegisterLines(srv), "\n")
	if !strings.Contains(got, "Aucun registre dans le dossier "+dir) || !strings.Contains(got, "--dossier") {
		t.Fatalf("%q", got)
	}
}

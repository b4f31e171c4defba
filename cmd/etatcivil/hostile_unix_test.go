//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe given as an input was opened, and the command waited
// forever for a writer: it is refused before it is opened, for every
// input (acts, mentions, banns, imports, agenda files, documents,
// certificates, revocation lists, backups, recovery keys).
func TestNamedPipeInputsAreRefused(t *testing.T) {
	dir := setupRegister(t)
	work := t.TempDir()
	fifo := filepath.Join(work, "tube")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	for _, args := range [][]string{
		{"naissance", "--fichier", fifo},
		{"mention", "ajouter", "naissance/2026/1", "--fichier", fifo},
		{"bans", "publier", "--fichier", fifo},
		{"import", fifo},
		{"rdv", "importer", fifo},
		{"verifier", fifo},
		{"verifier", "--certificat", fifo, "EC1:x"},
		{"restaurer", fifo, "--identite", fifo, "--dossier", filepath.Join(work, "autre")},
		{"restaurer", filepath.Join(work, "absente.age"), "--identite", fifo, "--dossier", filepath.Join(work, "autre")},
	} {
		e := newEnv(t, dir, "")
		done := make(chan int, 1)
		go func() { done <- e.run(args...) }()
		select {
		case code := <-done:
			if code != exitRefused || !strings.Contains(e.errOut.String(), "n'est pas un fichier ordinaire") {
				t.Errorf("%v: exit %d, want 2 saying it is not an ordinary file:\n%s", args, code, e.errOut)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%v waits for a writer on the named pipe", args)
		}
	}
}

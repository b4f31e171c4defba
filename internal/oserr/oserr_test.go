package oserr

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"
)

// The system's part of an error is said in French; other errors are not
// the system's (the command line's table of cases is in cmd/etatcivil).
func TestFrench(t *testing.T) {
	err := fmt.Errorf("écriture de /media/cle/b.age : %w", &fs.PathError{Op: "open", Path: "/media/cle/.tmp", Err: syscall.ENOENT})
	if got := French(err); !Is(err) || got != "écriture de /media/cle/b.age : ouverture de /media/cle/.tmp : fichier ou dossier introuvable" || strings.Contains(got, "no such") {
		t.Fatalf("%q", got)
	}
	if Is(errors.New("autre chose")) {
		t.Fatal("an error of ours is taken for the system's")
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withoutPhraseEnv removes $ETATCIVIL_PHRASE for one test, so that the
// passphrase is asked at the (simulated) terminal.
func withoutPhraseEnv(t *testing.T) {
	old, ok := os.LookupEnv(phraseEnv)
	os.Unsetenv(phraseEnv)
	t.Cleanup(func() {
		if ok {
			os.Setenv(phraseEnv, old)
		}
	})
}

// TestPassphraseAtTheTerminal: at init the passphrase is typed twice
// (never echoed to the output), must match and be long enough; later
// commands ask it once, and a wrong one is refused in French, exit 2.
func TestPassphraseAtTheTerminal(t *testing.T) {
	withoutPhraseEnv(t)
	dir := filepath.Join(t.TempDir(), "registre")
	initArgs := []string{"init", "--commune", "Lille", "--departement", "Nord"}

	for _, c := range []struct{ input, want string }{
		{"la bonne phrase du sceau\nune autre phrase du sceau\n", "les deux phrases secrètes diffèrent"},
		{"courte\ncourte\n", "trop courte (6 caractères, au moins 12)"},
	} {
		e := newEnv(t, dir, c.input)
		e.interactive = true
		if code := e.run(initArgs...); code != 2 || !strings.Contains(e.errOut.String(), c.want) {
			t.Fatalf("init with %q: exit %d, %s", c.input, code, e.errOut)
		}
		if _, err := os.Stat(filepath.Join(dir, "registre.db")); err == nil {
			t.Fatal("a refused init left a register behind")
		}
	}

	e := newEnv(t, dir, "la bonne phrase du sceau\nla bonne phrase du sceau\n")
	e.interactive = true
	if code := e.run(initArgs...); code != 0 {
		t.Fatalf("init: exit %d: %s", code, e.errOut)
	}
	if strings.Contains(e.out.String()+e.errOut.String(), "la bonne phrase") {
		t.Fatal("the passphrase was echoed")
	}
	if !strings.Contains(e.errOut.String(), "Phrase secrète du sceau de la commune : ") || !strings.Contains(e.errOut.String(), "Retapez-la pour confirmer") {
		t.Fatalf("prompts: %s", e.errOut)
	}

	add := []string{"officier", "ajouter", "--id", "o1", "--prenoms", "Anne-Sophie", "--nom", "DELCOURT", "--qualite", "maire-delegue"}
	e = newEnv(t, dir, "une mauvaise phrase\n")
	e.interactive = true
	if code := e.run(add...); code != 2 || !strings.Contains(e.errOut.String(), "phrase secrète incorrecte") {
		t.Fatalf("wrong phrase: exit %d, %s", code, e.errOut)
	}
	e = newEnv(t, dir, "la bonne phrase du sceau\n")
	e.interactive = true
	if code := e.run(add...); code != 0 {
		t.Fatalf("right phrase: exit %d, %s", code, e.errOut)
	}

	// Without a terminal and without the variable, a script is told what to do.
	e = newEnv(t, dir, "")
	if code := e.run("officier", "ajouter", "--id", "o2", "--prenoms", "Karim", "--nom", "BENALI", "--qualite", "adjoint"); code != 2 ||
		!strings.Contains(e.errOut.String(), "ETATCIVIL_PHRASE") {
		t.Fatalf("no terminal: exit %d, %s", code, e.errOut)
	}
}

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// bareRegister is a register with one officer and no numbering taken up.
func bareRegister(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "registre")
	for _, args := range [][]string{
		{"init", "--commune", "Lille", "--departement", "Nord", "--commune-associee", "Lomme"},
		{"officier", "ajouter", "--id", "o1", "--prenoms", "Anne-Sophie", "--nom", "DELCOURT", "--qualite", "maire-delegue"},
	} {
		e := newEnv(t, dir, "")
		if code := e.run(args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, e.errOut)
		}
	}
	return dir
}

// The guided entry refuses a register-year whose numbering is not taken
// up before its first question: the clerk types nothing for nothing.
func TestGuidedEntryRefusedBeforeItsFirstQuestion(t *testing.T) {
	dir := bareRegister(t)
	for _, kind := range []string{"naissance", "deces", "mariage"} {
		e := newEnv(t, dir, "MÜLLER\nZoé\nF\n")
		e.interactive = true
		if code := e.run(kind); code != exitRefused {
			t.Fatalf("%s: exit %d: %s", kind, code, e.errOut)
		}
		if e.out.Len() != 0 {
			t.Errorf("%s: questions asked before the refusal:\n%s", kind, e.out)
		}
		for _, want := range []string{"n'a pas été reprise", "etatcivil numerotation --registre " + kind + " --annee 2026 --dernier N", "--dernier 0 seulement si"} {
			if !strings.Contains(e.errOut.String(), want) {
				t.Errorf("%s: missing %q in %s", kind, want, e.errOut)
			}
		}
	}
}

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

// The guided entry asks about an act of the same event before recording:
// « non » records nothing, « oui » records it and the journal says so.
func TestGuidedEntryAsksAboutTheSameEvent(t *testing.T) {
	dir := setupRegister(t)
	e := newEnv(t, dir, "")
	if code := e.run("naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json")); code != 0 {
		t.Fatalf("naissance: %d %s", code, e.errOut)
	}
	// The same birth, typed at the counter (answers of run_test's guided birth).
	answers := strings.Join([]string{
		"MÜLLER", "Zoé, Chloë", "F", "20/11/2026", "14:30", "",
		"1", "MÜLLER", "Anaïs", "F", "1994-02-11", "Lille (Nord)", "infirmière", "12 rue de Lille, Lomme (Nord)",
		"la mère", "2026-11-23", "10:15", "", "oui",
	}, "\n") + "\n"
	for _, answer := range []string{"non", "oui"} {
		e := newEnv(t, dir, answers+answer+"\n")
		e.interactive = true
		if code := e.run("naissance"); code != 0 {
			t.Fatalf("%s: exit %d: %s\n%s", answer, code, e.errOut, e.out)
		}
		out := e.out.String()
		for _, want := range []string{"le registre contient déjà un acte du même événement", "naissance/2026/1  brouillon  20/11/2026  Zoé, Chloë MÜLLER",
			"S'agit-il bien d'un autre événement, à enregistrer quand même ? (oui/non) [non]"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: missing %q in\n%s", answer, want, out)
			}
		}
		recorded := strings.HasSuffix(strings.TrimSpace(out), "naissance/2026/2")
		if recorded != (answer == "oui") {
			t.Fatalf("answer %s: recorded %v:\n%s", answer, recorded, out)
		}
	}
	e = newEnv(t, dir, "")
	if code := e.run("journal"); code != 0 || !strings.Contains(e.out.String(), "doublon-confirme naissance/2026/2 ≈ naissance/2026/1") {
		t.Fatalf("journal: %s", e.out)
	}
}

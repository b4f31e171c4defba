package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/registry"
)

// signedBirthRef registers the sample birth, prints its sheet and records
// its signature.
func signedBirthRef(t *testing.T, dir string) string {
	t.Helper()
	for _, args := range [][]string{
		{"naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json")},
		{"imprimer", "naissance/2026/1", "-o", filepath.Join(t.TempDir(), "feuille.pdf")},
		{"signer", "naissance/2026/1"},
	} {
		e := newEnv(t, dir, "")
		if code := e.run(args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, e.errOut)
		}
	}
	return "naissance/2026/1"
}

// The guided entry of a mention asks its nature, then each datum, and
// checks every answer when it is given, with the rules the register
// applies (a wrong answer is asked again, nothing is lost); it shows the
// text the register will write, then writes it on « oui ».
func TestGuidedMention(t *testing.T) {
	dir := setupRegister(t)
	ref := signedBirthRef(t, dir)
	answers := strings.Join([]string{
		"adoption",     // unknown nature: asked again
		"mariage",      // does not go on... it does: a birth act takes a marriage
		"",             // date required: asked again
		"32/01/2026",   // not a date: asked again
		"14/02/2026",   // date
		"Lomme",        // place without département: asked again
		"Lomme (Nord)", // place
		"karim ouali",  // no NOM in capitals: asked again
		"Karim OUALI",  // conjoint
		"",             // acte: optional, none
		"",             // fondement: the proposed one
		"o9",           // unknown officer: asked again
		"o1",           // officer
		"oui",
	}, "\n") + "\n"
	e := newEnv(t, dir, answers)
	if code := e.run("mention", "ajouter", ref); code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, e.errOut, e.out)
	}
	out := e.out.String()
	for _, want := range []string{
		"« adoption » n'est pas une valeur reconnue",
		"réponse obligatoire",
		"32/01/2026",
		"n'est pas un lieu de la forme « Commune (Département) »",
		"impossible de distinguer les prénoms du NOM",
		"officier « o9 » inconnu du registre",
		"« Mariée à Lomme (Nord) le 14 février 2026 avec Karim OUALI. »",
		"Mention ajoutée en marge de l'acte naissance/2026/1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	s, err := registry.Open(dir, registry.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, err := s.Get(civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Mentions) != 1 || a.Mentions[0].Donnees == nil || a.Mentions[0].Donnees.Conjoint.Nom != "OUALI" || a.Mentions[0].Fondement != "art. 76 du Code civil" {
		t.Fatalf("mention %+v", a.Mentions)
	}
}

// « non » at the confirmation writes nothing; the same answers by options
// give the same mention.
func TestGuidedMentionDeclined(t *testing.T) {
	dir := setupRegister(t)
	ref := signedBirthRef(t, dir)
	e := newEnv(t, dir, strings.Join([]string{"rectification", "enfant.prenoms[2]", "Chloé", "", "", "", "peut-être", "non"}, "\n")+"\n")
	if code := e.run("mention", "ajouter", ref); code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, e.errOut, e.out)
	}
	if !strings.Contains(e.out.String(), "« L'acte est rectifié en ce sens que le second prénom de l'enfant doit se lire « Chloé » et non « Chloë ». »") ||
		!strings.Contains(e.out.String(), "rien n'a été enregistré") {
		t.Fatalf("output:\n%s", e.out)
	}
	e = newEnv(t, dir, "")
	if code := e.run("afficher", ref); code != 0 || strings.Contains(e.out.String(), "Mentions en marge") {
		t.Fatalf("a declined mention was written:\n%s", e.out)
	}
	e = newEnv(t, dir, "")
	if code := e.run("mention", "ajouter", ref, "--nature", "rectif", "--champ", "enfant.prenoms[2]", "--valeur", "Chloé"); code != 0 {
		t.Fatalf("by options: exit %d: %s", code, e.errOut)
	}
	if !strings.Contains(e.out.String(), "Les extraits portent désormais « Zoé, Chloé MÜLLER »") {
		t.Fatalf("output:\n%s", e.out)
	}
}

// A register written by version 1 is migrated by the first command that
// writes, which tells the clerk what it did and asks the officers'
// civilité; the control finds it sound.
func TestMigrationReported(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "registry", "testdata", "v1", registry.FileName))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "registre")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, registry.FileName), data, 0o600); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, dir, "")
	e.now = func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.Local) }
	if code := e.run("officier", "modifier", "o1", "--civilite", "Mme"); code != 0 {
		t.Fatalf("exit %d: %s", code, e.errOut)
	}
	for _, want := range []string{
		"Registre mis à jour de la version 1 à la version 2",
		"3 actes réécrits ; 3 mentions automatiques de mariage ou de décès structurées d'après l'acte qui les a causées ;",
		"1 mention sans nature devenue « autre » (jamais portée sur un extrait) ;",
		"naissance/2026/1, mention 2 (changement-prenoms) : « Par décision de l'officier de l'état civil du 29 novembre 2026, l'enfant se prénomme Zoé, Lou. »",
		"etatcivil officier modifier o2 --civilite",
	} {
		if !strings.Contains(e.errOut.String(), want) {
			t.Errorf("missing %q in:\n%s", want, e.errOut)
		}
	}
	if !strings.Contains(e.out.String(), "maire déléguée") {
		t.Errorf("output: %s", e.out)
	}
	e = newEnv(t, dir, "")
	e.now = func() time.Time { return time.Date(2026, 12, 1, 9, 5, 0, 0, time.Local) }
	if code := e.run("controle"); code != 0 || strings.Contains(e.errOut.String(), "version 2") {
		t.Fatalf("controle: exit %d: %s%s", code, e.out, e.errOut)
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/forms"
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
// « non » records nothing (the answers are kept: the next entry resumes
// them), « oui » records it and the journal says so.
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
		input := answers + answer + "\n"
		if answer == "oui" { // the answers kept at « non », resumed
			input = "oui\noui\noui\n"
		}
		e := newEnv(t, dir, input)
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
	if code := e.run("journal"); code != 0 || !strings.Contains(e.out.String(), "enregistré malgré un semblable naissance/2026/2 ≈ naissance/2026/1") {
		t.Fatalf("journal: %s", e.out)
	}
}

// A marriage prepared on 24 November for Saturday 12 December: planned
// without a number, then drawn up on its morning (dresser --du-jour), its
// sheet printed for the ceremony, signed after it.
func TestMarriageDrawnUpOnItsDay(t *testing.T) {
	dir := setupRegister(t)
	file := filepath.Join(t.TempDir(), "mariage.json")
	if err := os.WriteFile(file, []byte(`{"type": "mariage",
 "epoux": [
  {"nom": "MERLIN", "prenoms": ["Sarah"], "sexe": "F", "date_naissance": "2000-01-09", "lieu_naissance": "Lille (Nord)", "profession": "étudiante", "domicile": "4 quai Vauban, Lomme (Nord)",
   "parents": [{"nom": "MERLIN", "prenoms": ["Paul"]}]},
  {"nom": "BOUCHER", "prenoms": ["Inès"], "sexe": "F", "date_naissance": "1999-12-03", "lieu_naissance": "Casablanca (Maroc)", "profession": "infirmière", "domicile": "4 quai Vauban, Lomme (Nord)",
   "parents": [{"nom": "BOUCHER", "prenoms": ["Yves"]}]}],
 "date": "2026-12-12", "heure": "11:00", "lieu": "Lomme (Nord)",
 "bans": {"date_publication": "2026-11-20"}, "contrat": null,
 "temoins": [
  {"nom": "MERLIN", "prenoms": ["Lucas"], "date_naissance": "1997-05-05", "profession": "employé", "domicile": "1 rue Nationale, Lomme (Nord)"},
  {"nom": "HOUVENAGHEL", "prenoms": ["Elsa"], "date_naissance": "1998-08-08", "profession": "employé", "domicile": "9 rue de Calais, Lomme (Nord)"}],
 "officier": "o1"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	at := func(day, hour int, args ...string) testEnv {
		e := newEnv(t, dir, "")
		e.now = func() time.Time { return time.Date(2026, 12, day, hour, 0, 0, 0, time.Local) }
		if code := e.run(args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, e.errOut)
		}
		return e
	}
	e := newEnv(t, dir, "")
	if code := e.run("mariage", "--fichier", file); code != 0 || !strings.HasSuffix(strings.TrimSpace(e.out.String()), "mariage/prevu/1") {
		t.Fatalf("planned: %d %s %s", code, e.out, e.errOut)
	}
	e = at(12, 9, "dresser", "--du-jour")
	for _, want := range []string{"Mariage mariage/prevu/1 dressé : acte de mariage n° 1 de 2026, Sarah MERLIN et Inès BOUCHER, célébration le 12/12/2026 à 11:00.",
		"imprimez la feuille pour la cérémonie : etatcivil imprimer mariage/2026/1 -o mariage-2026-1.pdf"} {
		if !strings.Contains(e.out.String(), want) {
			t.Errorf("missing %q in %s", want, e.out)
		}
	}
	if !strings.HasSuffix(strings.TrimSpace(e.out.String()), "mariage/2026/1") {
		t.Fatalf("last line: %s", e.out)
	}
	at(12, 9, "imprimer", "mariage/2026/1", "-o", filepath.Join(t.TempDir(), "mariage.pdf"))
	e = newEnv(t, dir, "")
	e.now = func() time.Time { return time.Date(2026, 12, 12, 10, 0, 0, 0, time.Local) }
	if code := e.run("signer", "mariage/2026/1"); code != exitRefused || !strings.Contains(e.errOut.String(), "pas encore célébré") {
		t.Fatalf("signed before the ceremony: %d %s", code, e.errOut)
	}
	at(12, 12, "signer", "mariage/2026/1")
	e = at(12, 12, "lister", "--registre", "mariage")
	if strings.Contains(e.out.String(), "prevu") || !strings.Contains(e.out.String(), "mariage/2026/1") {
		t.Fatalf("lister: %s", e.out)
	}
}

// A copy request is decided before any passphrase is asked: a request the
// rights refuse is written to the register of copies without one, a
// malformed request is refused as typed and written nowhere (issue 18 §5).
func TestCopyRightsBeforeThePassphrase(t *testing.T) {
	dir := setupRegister(t)
	pdf := filepath.Join(t.TempDir(), "feuille.pdf")
	for _, args := range [][]string{
		{"naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json")},
		{"imprimer", "naissance/2026/1", "-o", pdf},
		{"signer", "naissance/2026/1"},
	} {
		if e := newEnv(t, dir, ""); e.run(args...) != 0 {
			t.Fatalf("%v: %s", args, e.errOut)
		}
	}
	// No passphrase anywhere from now on.
	t.Setenv(phraseEnv, "")
	t.Setenv(officerPhraseEnv("o1"), "")
	out := filepath.Join(t.TempDir(), "copie.pdf")
	copie := func(ref string, allowed bool, args ...string) testEnv {
		e := newEnv(t, dir, "")
		code := e.run(append([]string{"copie", ref, "--forme", "integrale", "-o", out}, args...)...)
		if asked := strings.Contains(e.errOut.String(), "phrase secrète"); code != exitRefused || asked != allowed {
			t.Fatalf("%v: exit %d, passphrase asked %v: %s", args, code, asked, e.errOut)
		}
		return e
	}
	// The rights refuse: logged, no passphrase asked.
	e := copie("naissance/2026/1", false, "--demandeur", "Paul DURAND", "--qualite", "tiers")
	if !strings.Contains(e.errOut.String(), "un tiers ne peut obtenir") || !strings.Contains(e.errOut.String(), "registre des copies") {
		t.Fatalf("third party: %s", e.errOut)
	}
	// Malformed: refused as typed, logged nowhere.
	for _, tc := range []struct {
		ref  string
		args []string
		want string
	}{
		{"naissance/2026/99", []string{"--demandeur", "Paul DURAND", "--qualite", "tiers"}, "aucun acte naissance/2026/99"},
		{"naissance/2026/1", []string{"--demandeur", "Anaïs MÜLLER", "--qualite", "pere-mere"}, "--parents : un demandeur autre que la personne concernée doit indiquer"},
		{"naissance/2026/1", []string{"--demandeur", "Anaïs MÜLLER", "--qualite", "pere-mere", "--parents", "Anaïs MÜLLER, Karim OUALI"}, "--parents : « Anaïs MÜLLER, Karim OUALI » : les parents se séparent par « ; »"},
	} {
		e := copie(tc.ref, false, tc.args...)
		if !strings.Contains(e.errOut.String(), tc.want) || strings.Contains(e.errOut.String(), "registre des copies") {
			t.Errorf("%v: %s", tc.args, e.errOut)
		}
	}
	// Allowed: only then the officer's passphrase is asked (none here).
	copie("naissance/2026/1", true, "--demandeur", "Anaïs MÜLLER", "--qualite", "pere-mere", "--parents", "Anaïs MÜLLER;Karim OUALI")
	e = newEnv(t, dir, "")
	if e.run("copies") != 0 || strings.Count(e.out.String(), "REFUSÉE") != 1 || strings.Count(e.out.String(), "naissance/2026/") != 1 {
		t.Fatalf("register of copies:\n%s", e.out)
	}
}

// A copy dated after today is refused (issue 19 §6): its day of issue,
// signed in its code, cannot be later than the day it is checked, with
// the register or with the commune's certificate alone, from the PDF or
// from the code's text.
func TestCopyFromTheFutureRefused(t *testing.T) {
	dir := setupRegister(t)
	folder := filepath.Dir(dir)
	runAt(t, dir, 24, 16, 0, "naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json"))
	runAt(t, dir, 24, 16, 0, "imprimer", "naissance/2026/1", "-o", filepath.Join(folder, "feuille.pdf"))
	runAt(t, dir, 24, 16, 0, "signer", "naissance/2026/1")
	pem := filepath.Join(folder, "commune.pem")
	runAt(t, dir, 24, 17, 0, "cles", "exporter", "-o", pem)
	pdf := copyOn(t, dir, 26)
	raw, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	codes := forms.Codes(raw)
	if len(codes) == 0 {
		t.Fatal("no code in the copy")
	}
	code := filepath.Join(folder, "code.txt")
	if err := os.WriteFile(code, []byte(codes[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, with := range [][]string{nil, {"--certificat", pem}} {
		for _, doc := range []string{pdf, code} {
			args := append(append([]string{"verifier"}, with...), doc)
			e := runAt(t, dir, 25, 18, 3, args...)
			if !strings.Contains(e.errOut.String(), "DATE IMPOSSIBLE — copie intégrale n° 59350-2026-000001 de l'acte naissance/2026/1 se dit délivré le 26/11/2026, après la date d'aujourd'hui (25/11/2026)") ||
				!strings.Contains(e.errOut.String(), "vérifiez la date de cet ordinateur") || strings.Contains(e.out.String(), "AUTHENTIQUE") {
				t.Fatalf("%v on the 25th:\n%s%s", args, e.out, e.errOut)
			}
			// The day it was delivered, it is not refused for its date.
			e = at(t, dir, 26, 18, "")
			e.run(args...)
			if strings.Contains(e.errOut.String(), "DATE IMPOSSIBLE") {
				t.Fatalf("%v on the 26th:\n%s%s", args, e.out, e.errOut)
			}
		}
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"etatcivil/civil"
)

// answers joins a clerk's answers, one per line.
func answers(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

// guidedRun runs a guided entry of args on dir with input typed.
func guidedRun(t *testing.T, dir, input string, args ...string) (int, string, string) {
	t.Helper()
	e := newEnv(t, dir, input)
	e.interactive = true
	code := e.run(args...)
	return code, e.out.String(), e.errOut.String()
}

// after tells whether want appears in out after mark, and before next
// when next is not empty: an answer refused at its own question.
func after(out, mark, want, next string) bool {
	i := strings.Index(out, mark)
	if i < 0 {
		return false
	}
	j := strings.Index(out[i:], want)
	if j < 0 {
		return false
	}
	if next == "" {
		return true
	}
	k := strings.Index(out[i:], next)
	return k < 0 || j < k
}

// recorded returns the act ref as afficher --json prints it.
func recorded(t *testing.T, dir, ref string) *civil.Act {
	t.Helper()
	e := newEnv(t, dir, "")
	if code := e.run("afficher", ref, "--json"); code != 0 {
		t.Fatalf("afficher %s: %d %s", ref, code, e.errOut)
	}
	var a civil.Act
	if err := json.Unmarshal(e.out.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	return &a
}

// TestGuidedBirthChecksEachAnswer replays naissance-guidee-perdue.txt:
// « Dunkerque » without its département and the unknown officer « o4 »
// are refused at their own question — with the official name proposed,
// taken by Enter — and the act is recorded; nothing is typed twice.
func TestGuidedBirthChecksEachAnswer(t *testing.T) {
	dir := setupRegister(t)
	code, out, errOut := guidedRun(t, dir, answers(
		"", "dupont", "Léa, Marie", "f", "28-11-26", "21/11/2026", "14h30", "",
		"", "DUPONT", "Camille", "F", "30-11-94", "30/11/1994", "Dunkerque", "", "infirmière", "12 rue de la Plage, Lomme (Nord)",
		"MARTIN", "Julien, Pierre", "M", "1992-03-15", "Calais (Pas-de-Calais)", "soudeur", "", "12 rue de la Plage, Lomme (Nord)",
		"le père", "", "09:10", "", "", "o4", "", "oui"), "naissance")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, c := range []struct{ mark, want, next string }{
		{"NOM de l'enfant : ", "→ réponse obligatoire", "Prénoms de l'enfant"},
		{"Date de naissance : ", "« 28-11-26 » n'est pas une date", "Heure de naissance"},
		{"Lieu de naissance du parent 1 — Commune (Département) : ", "« Dunkerque » n'est pas un lieu de la forme « Commune (Département) »", "Profession du parent 1"},
		{"« Dunkerque » n'est pas un lieu", "vouliez-vous dire « Dunkerque (Nord) » ?", "Profession du parent 1"},
		{"vouliez-vous dire « Dunkerque (Nord) » ?", "Lieu de naissance du parent 1 — Commune (Département) [Dunkerque (Nord)] : ", "Profession du parent 1"},
		{"Domicile du parent 2 : ", "→ réponse obligatoire", "Qui déclare"},
		{"Officier qui signe (identifiant) [o1] : ", "→ officier « o4 » inconnu du registre", "Enregistrer cet acte"},
	} {
		if !after(out, c.mark, c.want, c.next) {
			t.Errorf("%q not refused at its question (after %q, before %q):\n%s", c.want, c.mark, c.next, out)
		}
	}
	a := recorded(t, dir, "naissance/2026/1")
	if a.Parents[0].LieuNaissance != "Dunkerque (Nord)" || a.Declaration.Heure != "09:10" || a.Officier != "o1" || a.Enfant.Nom != "DUPONT" {
		t.Fatalf("recorded %+v %+v %s", a.Parents[0], a.Declaration, a.Officier)
	}
}

// TestGuidedDeathChecksEachAnswer replays deces-guide-perdu.txt: a date
// of birth 08/05/1940 is read as written, a place without département
// and « Centre hospitalier de Dunkerque » are refused when typed, and a
// death at 08:45 is recorded at 08:45 (no false alarm of a late
// declaration).
func TestGuidedDeathChecksEachAnswer(t *testing.T) {
	dir := setupRegister(t)
	code, out, errOut := guidedRun(t, dir, answers(
		"LEMAIRE", "Paul", "M", "08/05/1940", "Gravelines", "Gravelines (Nord)", "", "retraité", "3 rue de Lille, Lomme (Nord)",
		"23/11/2026", "08:45", "Centre hospitalier de Dunkerque", "",
		"oui", "LEMAIRE", "Marcel", "M", "oui", "non",
		"veuf", "DURAND", "Hélène",
		"LEMAIRE", "Jeanne", "F", "", "", "", "3 rue de Lille, Lomme (Nord)", "fille",
		"23/11/2026", "10:00", "CMD-2026-1", "", "oui"), "deces")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, c := range []struct{ mark, want, next string }{
		{"Lieu du décès [Lomme (Nord)] : ", "« Centre hospitalier de Dunkerque » n'est pas un lieu de la forme « Commune (Département) »", "NOM du défunt"},
		{"Lieu de naissance du défunt — Commune (Département ou Pays) (vide : inconnu) : ", "« Gravelines » n'est pas un lieu de la forme « Commune (Département) »", "Profession du défunt"},
	} {
		if !after(out, c.mark, c.want, c.next) {
			t.Errorf("%q not refused at its question:\n%s", c.want, out)
		}
	}
	if strings.Contains(out, "date invalide") || strings.Contains(out+errOut, "heures après le décès") {
		t.Fatalf("08/05/1940 or 08:45 misread:\n%s%s", out, errOut)
	}
	a := recorded(t, dir, "deces/2026/1")
	if a.Defunt.DateNaissance != "1940-05-08" || a.Heure != "08:45" || a.Defunt.Situation != civil.SituationVeuf || !a.Parents[0].Decede {
		t.Fatalf("recorded %+v %s", a.Defunt, a.Heure)
	}
}

// TestGuidedMarriageChecksEachAnswer: a minor witness and a fonctionnaire
// délégué as the officer are refused at their question, by the rules
// that refuse a marriage file.
func TestGuidedMarriageChecksEachAnswer(t *testing.T) {
	dir := setupRegister(t)
	if e := newEnv(t, dir, ""); e.run("officier", "ajouter", "--id", "o2", "--prenoms", "Karim", "--nom", "BENALI", "--qualite", "fonctionnaire-delegue") != 0 {
		t.Fatal(e.errOut)
	}
	spouse := func(nom, prenom, sexe, born string) []string {
		return []string{nom, prenom, sexe, born, "Lille (Nord)", "", "5 rue Nationale, Lomme (Nord)", "", "0", "non"}
	}
	in := []string{"21/11/2026", "11h", "", "01/11/2026", "non"}
	in = append(in, spouse("MARTIN", "Paul", "M", "12/03/1990")...)
	in = append(in, spouse("DUBOIS", "Sacha", "F", "04/07/1992")...)
	in = append(in, "non", "2",
		"PETIT", "Luc", "01/02/2010", "01/02/1980", "sans profession", "1 rue de Lille, Lomme (Nord)",
		"LEROY", "Zoé", "03/04/1985", "sans profession", "2 rue de Lille, Lomme (Nord)",
		"o2", "o1", "oui")
	code, out, errOut := guidedRun(t, dir, answers(in...), "mariage")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, c := range []struct{ mark, want, next string }{
		{"Date de naissance du témoin 1 : ", "Luc PETIT aura 16 ans le jour du mariage : un témoin doit être majeur", "Profession du témoin 1"},
		{"Officier qui signe (identifiant) [o1] : ", "un fonctionnaire délégué ne peut jamais célébrer un mariage", "Enregistrer cet acte"},
	} {
		if !after(out, c.mark, c.want, c.next) {
			t.Errorf("%q not refused at its question:\n%s", c.want, out)
		}
	}
	if a := recorded(t, dir, "mariage/2026/1"); a.Officier != "o1" || a.Temoins[0].DateNaissance != "1980-02-01" {
		t.Fatalf("recorded %s %+v", a.Officier, a.Temoins[0])
	}
}

// TestGuidedEntryLosesNothing: an entry interrupted (end of input, as
// Ctrl-D) keeps its answers in a draft beside the register (0600), which
// the next guided entry of that kind offers to resume; « non » at the
// confirmation goes back to the answer the clerk names; a refusal at the
// end names the field and asks it again; « < » goes back one question.
func TestGuidedEntryLosesNothing(t *testing.T) {
	dir := setupRegister(t)
	birth := []string{"MARTIN", "Léa", "F", "23/11/2026", "09:00", "",
		"1", "MARTIN", "Camille", "F", "08/09/1990", "Lille (Nord)", "", "12 rue de Lille, Lomme (Nord)",
		"la mère", "23/11/2026", "10:15", ""}

	// 1. Interrupted after eight answers.
	code, out, _ := guidedRun(t, dir, answers(birth[:8]...), "naissance")
	path := draftPath(dir, civil.Naissance, "", "guichet-1")
	if code != 0 || !strings.Contains(out, "Saisie interrompue : rien n'a été enregistré au registre ; vos 8 réponses sont gardées dans "+path) ||
		!strings.Contains(out, "relancez etatcivil naissance pour reprendre") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("draft %s: %v %v", path, fi, err)
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("drafts folder: %v %v", fi, err)
	}

	// 2. Resumed: the eight answers are not asked again. « < » at the
	// parent's sex goes back to the prénoms; « non » at the confirmation,
	// then answer 2 (the child's prénoms) changed; then the hour of birth
	// moved after the declaration: refused at the end, and the date of the
	// declaration is asked again.
	rest := append([]string{"oui"}, birth[8:9]...)
	rest = append(rest, "<", "Camille, Marie")
	rest = append(rest, birth[9:]...)
	rest = append(rest, "non", "2", "Léa, Rose", "non", "5", "11:00", "24/11/2026", "oui")
	code, out, errOut := guidedRun(t, dir, answers(rest...), "naissance")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"Une saisie interrompue d'un acte de naissance a été gardée (le ",
		", 8 réponses).",
		"Prénoms du parent 1 (séparés par des virgules) [Camille] : ",
		"   2. Prénoms de l'enfant (séparés par des virgules) : Léa",
		"Prénoms de l'enfant (séparés par des virgules) [Léa] : ",
		"L'acte ne peut pas être enregistré tel quel :",
		"Date de la déclaration : la déclaration (le 23/11/2026 à 10:15) précède l'événement (le 23/11/2026 à 11:00)",
		"Date de la déclaration [23/11/2026] : ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if first, _, _ := strings.Cut(out, "Réponses :"); strings.Contains(first, "NOM de l'enfant") {
		t.Errorf("an answer of the draft was asked again:\n%s", out)
	}
	a := recorded(t, dir, "naissance/2026/1")
	if strings.Join(a.Enfant.Prenoms, ",") != "Léa,Rose" || strings.Join(a.Parents[0].Prenoms, ",") != "Camille,Marie" || a.Heure != "11:00" || a.Declaration.Date != "2026-11-24" {
		t.Fatalf("recorded %+v %+v %s %+v", a.Enfant, a.Parents[0], a.Heure, a.Declaration)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("draft left after the act was registered: %v", err)
	}

	// 3. A draft the clerk does not want is erased.
	guidedRun(t, dir, answers(birth[:3]...), "naissance")
	code, out, _ = guidedRun(t, dir, answers("non"), "naissance")
	if code != 0 || !strings.Contains(out, "Saisie interrompue effacée ; nouvelle saisie.") || !strings.Contains(out, "Saisie abandonnée : rien n'a été enregistré.") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("declined draft kept: %v", err)
	}
}

// syncBuffer is a buffer written by a command running in a goroutine and
// read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor waits until the buffer holds want.
func waitFor(t *testing.T, b *syncBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(b.String(), want) {
			return
		}
	}
	t.Fatalf("%q never came:\n%s", want, b.String())
}

// typing starts a command whose input the test types as it goes; done
// receives its exit code.
func typing(t *testing.T, dir string, args ...string) (in *io.PipeWriter, out, errOut *syncBuffer, done chan int) {
	r, w := io.Pipe()
	out, errOut = &syncBuffer{}, &syncBuffer{}
	e := &env{in: r, out: out, errOut: errOut, interactive: true,
		now:     func() time.Time { return time.Date(2026, 11, 24, 15, 0, 0, 0, time.Local) },
		timeout: 300 * time.Millisecond}
	done = make(chan int, 1)
	go func() { done <- e.run(append([]string{"--dossier", dir, "--agent", "guichet-2"}, args...)) }()
	t.Cleanup(func() { w.Close() })
	return w, out, errOut, done
}

// TestWaitingForAPersonHoldsNothing: while a guided entry or a passphrase
// prompt waits for the clerk, the register is free — another command
// lists the acts, another clerk registers an act — and the entry goes on
// afterwards.
func TestWaitingForAPersonHoldsNothing(t *testing.T) {
	dir := setupRegister(t)
	in, out, errOut, done := typing(t, dir, "naissance")
	io.WriteString(in, answers("MARTIN", "Léa", "F", "23/11/2026"))
	waitFor(t, out, "Heure de naissance (HH:MM ; vide : inconnue) : ")
	other := func(args ...string) string {
		e := newEnv(t, dir, "")
		if code := e.run(args...); code != 0 {
			t.Fatalf("%v while a guided entry waits: exit %d: %s", args, code, e.errOut)
		}
		return e.out.String()
	}
	if got := other("lister"); !strings.Contains(got, "Aucun acte") {
		t.Fatalf("lister: %s", got)
	}
	if got := other("naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json")); !strings.Contains(got, "naissance/2026/1") {
		t.Fatalf("naissance: %s", got)
	}
	io.WriteString(in, answers("09:00", "", "0", "autre", "LEROY", "Claire", "sage-femme", "", "CHU, Lille (Nord)", "23/11/2026", "10:15", "", "oui"))
	if code := <-done; code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	if !strings.Contains(out.String(), "naissance/2026/2") {
		t.Fatalf("guided entry:\n%s", out)
	}

	// The seal's passphrase asked at the terminal: the register is free
	// meanwhile.
	phrase, had := os.LookupEnv(phraseEnv)
	os.Unsetenv(phraseEnv)
	t.Cleanup(func() {
		if had {
			os.Setenv(phraseEnv, phrase)
		}
	})
	in, out, errOut, done = typing(t, dir, "officier", "ajouter", "--id", "o3", "--prenoms", "Marc", "--nom", "LEFEBVRE", "--qualite", "adjoint")
	waitFor(t, errOut, "Phrase secrète du sceau de la commune : ")
	if got := other("lister"); !strings.Contains(got, "naissance/2026/2") {
		t.Fatalf("lister: %s", got)
	}
	io.WriteString(in, phrase+"\n")
	if code := <-done; code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	if !strings.Contains(out.String(), "Officier ajouté : o3") {
		t.Fatalf("officier ajouter:\n%s", out)
	}
}

// TestCtrlCKeepsTheAnswers types a guided entry at a real terminal (a
// pseudo-terminal) and presses Ctrl-C in the middle: the entry says its
// answers are kept, and the next entry resumes them.
func TestCtrlCKeepsTheAnswers(t *testing.T) {
	bin, err := exec.LookPath("etatcivil") // the test binary, put on PATH by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	dir := setupRegister(t)
	cmd := exec.Command(bin, "--dossier", dir, "--agent", "guichet-3", "naissance")
	cmd.Env = append(os.Environ(), "ETATCIVIL_PHRASE=phrase secrète des essais")
	tty, err := pty.Start(cmd)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer tty.Close()
	out := &syncBuffer{}
	go io.Copy(out, tty)
	for _, a := range []string{"MARTIN", "Léa", "F"} {
		waitFor(t, out, " : ")
		io.WriteString(tty, a+"\r")
	}
	waitFor(t, out, "Date de naissance : ")
	io.WriteString(tty, "\x03") // Ctrl-C
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Fatalf("exit %v:\n%s", err, out)
	}
	waitFor(t, out, "Saisie interrompue : rien n'a été enregistré au registre ; vos 3 réponses sont gardées dans ")
	code, got, _ := guidedRun(t, dir, answers("oui", "23/11/2026", "09:00", "", "0", "autre", "LEROY", "Claire", "sage-femme", "", "CHU, Lille (Nord)", "23/11/2026", "10:15", "", "oui"),
		"--agent", "guichet-3", "naissance")
	if code != 0 || !strings.Contains(got, "Une saisie interrompue d'un acte de naissance a été gardée") || !strings.Contains(got, "Léa MARTIN") {
		t.Fatalf("exit %d:\n%s", code, got)
	}
}

// TestCorrectTakesWhatAfficherPrints replays afficher-json-naissance-38:
// what afficher --json prints is taken back by corriger --fichier, the
// fields the register adds checked against the draft (its number, its
// hash: a file printed before another correction is refused).
func TestCorrectTakesWhatAfficherPrints(t *testing.T) {
	dir := setupRegister(t)
	birth := filepath.Join("..", "..", "testdata", "naissance.json")
	if e := newEnv(t, dir, ""); e.run("naissance", "--fichier", birth) != 0 {
		t.Fatal(e.errOut)
	}
	e := newEnv(t, dir, "")
	if e.run("afficher", "naissance/2026/1", "--json") != 0 {
		t.Fatal(e.errOut)
	}
	printed := e.out.String()
	file := func(name, content string) string {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	same := file("same.json", printed)
	changed := file("changed.json", strings.Replace(printed, `"Chloë"`, `"Chloé"`, 1))
	other := file("other.json", strings.Replace(printed, `"numero":1,`, `"numero":2,`, 1))
	for _, c := range []struct {
		file, want string
		code       int
	}{
		{other, "numero : le fichier est celui de l'acte naissance/2026/2, pas de naissance/2026/1", exitRefused},
		{changed, "Brouillon naissance/2026/1 corrigé", exitOK},
		{same, "empreinte : l'acte naissance/2026/1 a été modifié depuis que ce fichier a été affiché", exitRefused},
	} {
		e := newEnv(t, dir, "")
		if code := e.run("corriger", "naissance/2026/1", "--fichier", c.file); code != c.code || !strings.Contains(e.out.String()+e.errOut.String(), c.want) {
			t.Fatalf("%s: exit %d, want %d with %q:\n%s%s", filepath.Base(c.file), code, c.code, c.want, e.out, e.errOut)
		}
	}
	if !strings.Contains(strings.Join(recorded(t, dir, "naissance/2026/1").Enfant.Prenoms, ","), "Chloé") {
		t.Fatal("correction not recorded")
	}
	if !strings.Contains(printed, `"empreinte":"`) || !strings.Contains(printed, `"cree_le":"`) {
		t.Fatalf("afficher --json no longer prints the register's fields: %s", printed)
	}
}

// TestGuidedCorrection: corriger without a file lists the draft's answers;
// the clerk changes one, checked when given, reads the act and confirms.
func TestGuidedCorrection(t *testing.T) {
	dir := setupRegister(t)
	if e := newEnv(t, dir, ""); e.run("naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json")) != 0 {
		t.Fatal(e.errOut)
	}
	code, out, errOut := guidedRun(t, dir, answers("2", "Zoé, Chloé", "", "non", "12", "Dunkerque", "", "oui"), "corriger", "naissance/2026/1")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{
		"Correction du brouillon naissance/2026/1",
		"   2. Prénoms de l'enfant (séparés par des virgules) : Zoé, Chloë",
		"Prénoms de l'enfant (séparés par des virgules) [Zoé, Chloë] : ",
		"« Dunkerque » n'est pas un lieu de la forme « Commune (Département) »",
		"Enregistrer la correction ? (oui/non) [non] : ",
		"Brouillon naissance/2026/1 corrigé",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	a := recorded(t, dir, "naissance/2026/1")
	if strings.Join(a.Enfant.Prenoms, ",") != "Zoé,Chloé" || a.Parents[0].LieuNaissance != "Dunkerque (Nord)" || a.Numero != 1 {
		t.Fatalf("recorded %+v %+v", a.Enfant, a.Parents[0])
	}
}

// TestCorrectionKeepsARecognitionElsewhere: a guided correction takes
// the answers from the act; a recognition cited by its date, place and
// author (received in another commune) is answered « ailleurs », so its
// date, place and author are taken in turn instead of ending the list.
func TestCorrectionKeepsARecognitionElsewhere(t *testing.T) {
	src := map[string]any{"reconnaissances": []any{
		map[string]any{"acte": "reconnaissance/2026/1"},
		map[string]any{"date": "2026-10-01", "lieu": "Douai (Nord)", "auteur": map[string]any{"nom": "HOUZÉ", "prenoms": []any{"Clara"}}},
	}}
	for key, want := range map[string]string{
		"reconnaissances[1].acte":           "reconnaissance/2026/1",
		"reconnaissances[2].acte":           "ailleurs",
		"reconnaissances[2].date":           "2026-10-01",
		"reconnaissances[2].auteur.prenoms": "Clara",
		"reconnaissances[3].acte":           "",
		"declaration_conjointe_nom?":        "non",
	} {
		if got, ok := prefill(src, key); !ok || got != want {
			t.Errorf("prefill %s = %q, %v; want %q", key, got, ok, want)
		}
	}
}

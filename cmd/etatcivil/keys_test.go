package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/seal"
	"etatcivil/registry"
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

// at returns a test env on dir whose clock reads day/11/2026 at hour:00.
func at(t *testing.T, dir string, day, hour int, input string) testEnv {
	e := newEnv(t, dir, input)
	e.now = func() time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, time.Local) }
	return e
}

// runAt runs a command at a given day and hour of November 2026 and
// checks its exit code.
func runAt(t *testing.T, dir string, day, hour, want int, args ...string) testEnv {
	t.Helper()
	e := at(t, dir, day, hour, "")
	if code := e.run(args...); code != want {
		t.Fatalf("%v on %d/11 at %d:00: exit %d, want %d\n%s%s", args, day, hour, code, want, e.out, e.errOut)
	}
	return e
}

// copyOn delivers a copie intégrale of the test birth by o1 on a day of
// November 2026, into dir's parent folder, and returns the PDF's path.
func copyOn(t *testing.T, dir string, day int) string {
	t.Helper()
	out := filepath.Join(filepath.Dir(dir), fmt.Sprintf("copie-%d.pdf", day))
	runAt(t, dir, day, 10, 0, "copie", "naissance/2026/1", "--forme", "integrale", "--demandeur", "Anaïs MÜLLER", "--qualite", "pere-mere",
		"--parents", "Anaïs MÜLLER;Karim OUALI", "--officier", "o1", "-o", out)
	return out
}

// What a revocation leaves valid depends on its reason and its date
// (issue 18 §5): after an end of mandate from the 26th, a copy of the
// 25th stays AUTHENTIQUE (with a note) and one of the 27th is refused; a
// compromise from the 26th makes the copy of the 27th suspect and leaves
// the 25th's authentic; with the register and with the commune's
// certificate and its list alike.
func TestRevocationByReasonAndDate(t *testing.T) {
	for _, c := range []struct {
		motif, verdict string
	}{
		{"fin-de-mandat", "CLÉ RÉVOQUÉE"},
		{"compromission", "CLÉ COMPROMISE"},
	} {
		dir := setupRegister(t)
		runAt(t, dir, 24, 16, 0, "numerotation", "--registre", "naissance", "--annee", "2026", "--dernier", "0")
		runAt(t, dir, 24, 16, 0, "naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json"))
		runAt(t, dir, 24, 16, 0, "imprimer", "naissance/2026/1", "-o", filepath.Join(filepath.Dir(dir), "feuille.pdf"))
		runAt(t, dir, 24, 16, 0, "signer", "naissance/2026/1")
		before, after := copyOn(t, dir, 25), copyOn(t, dir, 27)
		e := runAt(t, dir, 28, 9, 0, "officier", "revoquer", "o1", "--motif", c.motif, "--depuis", "26/11/2026", "--confirme")
		if !strings.Contains(e.out.String(), "à compter du 26/11/2026") {
			t.Fatalf("%s: %s", c.motif, e.out)
		}
		pem := filepath.Join(filepath.Dir(dir), "commune.pem")
		runAt(t, dir, 28, 10, 0, "cles", "exporter", "-o", pem)
		for _, with := range [][]string{nil, {"--certificat", pem}} {
			e := runAt(t, dir, 29, 9, 0, append(append([]string{"verifier"}, with...), before)...)
			if o := e.out.String(); !strings.Contains(o, "AUTHENTIQUE — copie intégrale") || !strings.Contains(o, "Note : la clé d'Anne-Sophie DELCOURT a été révoquée") ||
				!strings.Contains(o, "à compter du 26/11/2026") {
				t.Fatalf("%s %v, copy of the 25th:\n%s", c.motif, with, o)
			}
			e = runAt(t, dir, 29, 9, 3, append(append([]string{"verifier"}, with...), after)...)
			if !strings.Contains(e.errOut.String(), c.verdict+" — ce document est signé par la clé d'Anne-Sophie DELCOURT") {
				t.Fatalf("%s %v, copy of the 27th:\n%s", c.motif, with, e.errOut)
			}
		}
	}
}

// A revocation is confirmed at the terminal by typing the officer's
// name: an input closed, or another name, revokes nothing (issue 18 §5).
func TestRevocationConfirmedByTheOfficersName(t *testing.T) {
	dir := setupRegister(t)
	for _, input := range []string{"", "\n", "AUBRY\n", "o1\n"} {
		e := newEnv(t, dir, input)
		e.interactive = true
		if code := e.run("officier", "revoquer", "o1", "--motif", "fin de mandat"); code != 2 ||
			!strings.Contains(e.errOut.String(), "Pour confirmer, tapez le nom de l'officier (DELCOURT)") ||
			!strings.Contains(e.errOut.String(), "révocation non confirmée") {
			t.Fatalf("answer %q: exit %d\n%s", input, code, e.errOut)
		}
	}
	e := newEnv(t, dir, "")
	if e.run("officier", "lister"); strings.Contains(e.out.String(), "RÉVOQUÉE") {
		t.Fatalf("revoked without confirmation:\n%s", e.out)
	}
	e = newEnv(t, dir, "delcourt\n")
	e.interactive = true
	if code := e.run("officier", "revoquer", "o1", "--motif", "fin de mandat"); code != 0 {
		t.Fatalf("confirmed: exit %d\n%s", code, e.errOut)
	}
	e = newEnv(t, dir, "")
	if e.run("officier", "lister"); !strings.Contains(e.out.String(), "RÉVOQUÉE") {
		t.Fatalf("not revoked:\n%s", e.out)
	}
}

// legacyRegister makes a register as earlier versions did: the seal and
// every officer's key locked with the one seal's passphrase.
func legacyRegister(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "registre")
	now := time.Date(2026, 11, 24, 15, 0, 0, 0, time.Local)
	c := civil.Commune{Nom: "Lille", Departement: "Nord", Insee: "59350", CommuneAssociee: "Lomme", MentionPanne: civil.DefaultOutageStatement}
	auth, err := seal.NewAuthority(c.Nom, c.Insee, now)
	if err != nil {
		t.Fatal(err)
	}
	lock := func(k *seal.Key) *registry.KeyRecord {
		data, err := k.Lock(testPhrase)
		if err != nil {
			t.Fatal(err)
		}
		return &registry.KeyRecord{ID: seal.ID(k.Cert), Certificat: k.Cert.Raw, CleChiffree: data}
	}
	s, err := registry.Create(dir, c, lock(auth), registry.Options{Agent: "ancienne-version", Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, o := range []civil.Officer{
		{ID: "o1", Prenoms: []string{"Anne-Sophie"}, Nom: "DELCOURT", Qualite: "maire-delegue"},
		{ID: "o2", Prenoms: []string{"Karim"}, Nom: "BENALI", Qualite: "adjoint"},
	} {
		k, err := auth.IssueOfficer(o.FullName(), o.QualiteLabel(), now)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.AddOfficer(o, lock(k)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A register made by an earlier version, where one passphrase opened
// every key (issue 19 §7): the officers' keys keep opening with the
// seal's phrase (with a reminder) until each officer chooses their own;
// the seal's phrase cannot change before; afterwards the old common
// phrase opens nothing but what it should not: nothing.
func TestOnePhraseRegisterMigrates(t *testing.T) {
	dir := legacyRegister(t)
	t.Setenv(officerPhraseEnv("o1"), "") // as a script written for the earlier version: only ETATCIVIL_PHRASE
	t.Setenv(officerPhraseEnv("o2"), "")
	pem := filepath.Join(filepath.Dir(dir), "commune.pem")
	sheet := func(officer string) testEnv {
		runAt(t, dir, 24, 16, 0, "numerotation", "--registre", "naissance", "--annee", "2026", "--dernier", "0")
		runAt(t, dir, 24, 16, 0, "naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json"))
		return runAt(t, dir, 24, 16, 0, "imprimer", "naissance/2026/1", "--officier", officer, "-o", filepath.Join(filepath.Dir(dir), "feuille.pdf"))
	}
	e := sheet("o1")
	if !strings.Contains(e.errOut.String(), "la clé d'Anne-Sophie DELCOURT (o1) s'ouvre encore avec la phrase du sceau") ||
		!strings.Contains(e.errOut.String(), "etatcivil officier phrase o1") {
		t.Fatalf("no reminder:\n%s", e.errOut)
	}
	e = runAt(t, dir, 24, 16, 0, "officier", "lister")
	if !strings.Contains(e.out.String(), "(s'ouvre encore avec la phrase du sceau)") {
		t.Fatalf("lister:\n%s", e.out)
	}
	e = runAt(t, dir, 24, 16, 2, "cles", "phrase")
	if !strings.Contains(e.errOut.String(), "la clé de o1, o2 s'ouvre encore avec la phrase du sceau") || !strings.Contains(e.errOut.String(), "etatcivil officier phrase o1") {
		t.Fatalf("seal phrase changed before the officers': %s", e.errOut)
	}
	// Each officer chooses their own phrase, the current one being the seal's.
	for _, id := range []string{"o1", "o2"} {
		t.Setenv(newPhraseEnv, testOfficerPhrase(id))
		e = runAt(t, dir, 24, 16, 0, "officier", "phrase", id)
		t.Setenv(newPhraseEnv, "")
	}
	if !strings.Contains(e.out.String(), "changez-la : etatcivil cles phrase") {
		t.Fatalf("last officer's phrase:\n%s", e.out)
	}
	// The seal's phrase no longer opens o1's key; o1's own does.
	t.Setenv(officerPhraseEnv("o1"), testPhrase)
	e = runAt(t, dir, 24, 16, 2, "imprimer", "naissance/2026/1", "--officier", "o1", "-o", filepath.Join(filepath.Dir(dir), "f2.pdf"))
	if !strings.Contains(e.errOut.String(), "phrase secrète incorrecte : la clé d'Anne-Sophie DELCOURT (o1)") {
		t.Fatalf("the seal's phrase after o1 chose one: %s", e.errOut)
	}
	t.Setenv(officerPhraseEnv("o1"), testOfficerPhrase("o1"))
	e = runAt(t, dir, 24, 16, 0, "imprimer", "naissance/2026/1", "--officier", "o1", "-o", filepath.Join(filepath.Dir(dir), "f2.pdf"))
	if strings.Contains(e.errOut.String(), "phrase du sceau") {
		t.Fatalf("reminder after the change:\n%s", e.errOut)
	}
	// The seal gets a new phrase: the common one opens nothing any more.
	const newSeal = "lanterne bleue du marin pêcheur"
	t.Setenv(newPhraseEnv, newSeal)
	runAt(t, dir, 24, 16, 0, "cles", "phrase")
	runAt(t, dir, 24, 16, 2, "cles", "exporter", "-o", pem)
	t.Setenv(phraseEnv, newSeal)
	runAt(t, dir, 24, 16, 0, "cles", "exporter", "-o", pem)
	runAt(t, dir, 24, 16, 0, "controle")
}

// The officer's statement that the clock is right takes the officer's own
// passphrase: a wrong one, or the seal's, states nothing.
func TestClockStatementNeedsTheOfficersPhrase(t *testing.T) {
	dir := setupRegister(t) // written at 15:00
	for _, wrong := range []string{testPhrase, testOfficerPhrase("o2")} {
		t.Setenv(officerPhraseEnv("o1"), wrong)
		e := runAt(t, dir, 24, 11, 2, "horloge", "--confirmer", "--officier", "o1")
		if !strings.Contains(e.errOut.String(), "phrase secrète incorrecte : la clé d'Anne-Sophie DELCOURT (o1) ne s'ouvre pas") {
			t.Fatalf("wrong phrase: %s", e.errOut)
		}
	}
	e := runAt(t, dir, 24, 11, 0, "horloge")
	if !strings.Contains(e.out.String(), "ATTENTION : l'horloge est en retard") {
		t.Fatalf("stated with a wrong phrase: %s", e.out)
	}
	t.Setenv(officerPhraseEnv("o1"), testOfficerPhrase("o1"))
	runAt(t, dir, 24, 11, 0, "horloge", "--confirmer", "--officier", "o1")
}

// A register made by a version without electronic seal has no key to
// open: the clock's statement names the officer, with a warning, rather
// than leaving the register unable to write again.
func TestClockStatementOnARegisterWithoutSeal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "registre")
	at15 := func() time.Time { return time.Date(2026, 11, 24, 15, 0, 0, 0, time.Local) }
	c := civil.Commune{Nom: "Lille", Departement: "Nord", Insee: "59350", MentionPanne: civil.DefaultOutageStatement}
	s, err := registry.Create(dir, c, nil, registry.Options{Agent: "ancienne-version", Now: at15})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddOfficer(civil.Officer{ID: "o1", Prenoms: []string{"Anne-Sophie"}, Nom: "DELCOURT", Qualite: "maire-delegue"}, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	runAt(t, dir, 24, 11, 2, "horloge", "--confirmer", "--officier", "o9")
	e := runAt(t, dir, 24, 11, 0, "horloge", "--confirmer", "--officier", "o1")
	if !strings.Contains(e.errOut.String(), "ne permet pas d'authentifier Anne-Sophie DELCOURT (o1) par sa phrase secrète") {
		t.Fatalf("no warning: %s", e.errOut)
	}
}

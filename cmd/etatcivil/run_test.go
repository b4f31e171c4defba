package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/civil"
	"etatcivil/internal/pdftest"
	"etatcivil/registry"
)

// testEnv is an env on one register folder, with its output captured.
type testEnv struct {
	*env
	dir         string
	out, errOut *bytes.Buffer
}

// run runs a command line on the test's register folder.
func (e testEnv) run(args ...string) int {
	return e.env.run(append([]string{"--dossier", e.dir, "--agent", "guichet-1"}, args...))
}

// newEnv returns an env on the register folder dir with the given input,
// the clock at Tuesday 24 November 2026, 15:00.
func newEnv(t *testing.T, dir, input string) testEnv {
	var out, errOut bytes.Buffer
	return testEnv{&env{
		in: strings.NewReader(input), out: &out, errOut: &errOut,
		now:     func() time.Time { return time.Date(2026, 11, 24, 15, 0, 0, 0, time.Local) },
		timeout: 300 * time.Millisecond,
	}, dir, &out, &errOut}
}

// setupRegister makes the register of the tests: Lomme, one officer,
// and the numbering of each register of 2026 taken up at 0 (as if the
// main system had drawn up no act this year: the tests' acts are n° 1 on).
func setupRegister(t *testing.T) string { return setupRegisterIn(t, t.TempDir()) }

// setupRegisterIn makes the test register in the folder parent.
func setupRegisterIn(t *testing.T, parent string) string {
	dir := filepath.Join(parent, "registre")
	for _, args := range [][]string{
		{"init", "--commune", "Lille", "--departement", "Nord", "--commune-associee", "Lomme"},
		{"officier", "ajouter", "--id", "o1", "--prenoms", "Anne-Sophie", "--nom", "DELCOURT", "--qualite", "maire-delegue"},
		{"numerotation", "--registre", "naissance", "--annee", "2026", "--dernier", "0"},
		{"numerotation", "--registre", "deces", "--annee", "2026", "--dernier", "0"},
		{"numerotation", "--registre", "mariage", "--annee", "2026", "--dernier", "0"},
	} {
		e := newEnv(t, dir, "")
		if code := e.run(args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, e.errOut)
		}
	}
	return dir
}

func TestBusyRegisterExits4(t *testing.T) {
	dir := setupRegister(t)
	held, err := registry.Open(dir, registry.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	e := newEnv(t, dir, "")
	errOut := e.errOut
	start := time.Now()
	code := e.run("naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json"))
	if code != exitBusy {
		t.Fatalf("exit %d, want 4: %s", code, errOut)
	}
	if time.Since(start) < 250*time.Millisecond {
		t.Fatal("did not wait for the register")
	}
	if !strings.Contains(errOut.String(), "le registre est ouvert par un autre programme etatcivil") ||
		!strings.Contains(errOut.String(), "attendez que l'autre commande se termine") {
		t.Fatalf("message: %s", errOut)
	}
}

// A clerk's guided entry: answers typed at the prompts, some mistyped.
func TestGuidedBirthEntry(t *testing.T) {
	dir := setupRegister(t)
	answers := strings.Join([]string{
		"müller",     // NOM, put in capitals
		"zoé, chloë", // prénoms, capitalised
		"x", "f",     // sex: mistyped, then right
		"31/11/2026", // an impossible date
		"20/11/2026", // French order accepted
		"14h30",      // hour with h
		"",           // place: default Lomme (Nord)
		"1",          // one parent
		"MÜLLER", "Anaïs", "F", "1994-02-11", "Lille (Nord)", "infirmière", "12 rue de Lille, Lomme (Nord)",
		"la mère",             // declarant
		"2026-11-23", "10:15", // declaration
		"",    // officer: the only one
		"oui", // confirm
	}, "\n") + "\n"
	e := newEnv(t, dir, answers)
	out, errOut := e.out, e.errOut
	e.interactive = true
	if code := e.run("naissance"); code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	o := out.String()
	for _, want := range []string{
		"nous sommes le vingt-quatre novembre deux mille vingt-six, à quinze heures",
		"  → « x » n'est pas une valeur reconnue ; choisissez parmi : F (féminin), M (masculin)",
		"  → « 31/11/2026 » n'est pas une date valide (le 31 novembre n'existe pas)",
		"Lieu de naissance [Lomme (Nord)]",
		"Officier qui signe (identifiant) [o1]",
		"est née à Lomme (Nord) : Zoé, Chloë MÜLLER",
		"acte n° (attribué à l'enregistrement)",
		"Enregistrer cet acte ? (oui/non)",
	} {
		if !strings.Contains(o, want) {
			t.Errorf("missing %q in:\n%s", want, o)
		}
	}
	lines := strings.Split(strings.TrimSpace(o), "\n")
	if last := lines[len(lines)-1]; last != "naissance/2026/1" {
		t.Fatalf("last line %q", last)
	}
}

func TestGuidedEntryAbandoned(t *testing.T) {
	dir := setupRegister(t)
	// the clerk stops after the child's names (end of input), then says no
	for _, input := range []string{"DUPONT\nJules\n", ""} {
		e := newEnv(t, dir, input)
		out := e.out
		e.interactive = true
		if code := e.run("deces"); code != 0 {
			t.Fatalf("exit %d", code)
		}
		if !strings.Contains(out.String(), "rien n'a été enregistré") {
			t.Fatalf("output: %s", out)
		}
	}
	s, err := registry.Open(dir, registry.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := 0
	s.List("", 0, func(*civil.Act) error { n++; return nil })
	if n != 0 {
		t.Fatalf("%d acts written", n)
	}
}

func TestHelpIsFrench(t *testing.T) {
	e := newEnv(t, t.TempDir(), "")
	out := e.out
	if code := e.run("--help"); code != 0 {
		t.Fatal(code)
	}
	for _, want := range []string{"Utilisation :", "Commandes :", "naissance", "numerotation", "affiche cette aide", "Options :"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in help:\n%s", want, out)
		}
	}
	for _, english := range []string{"Usage:", "Available Commands", "Flags:", "help for", "completion", "[flags]", " string "} {
		if strings.Contains(out.String(), english) {
			t.Errorf("English %q in help", english)
		}
	}
	e = newEnv(t, t.TempDir(), "")
	out = e.out
	if code := e.run("--version"); code != 0 || !strings.HasPrefix(out.String(), "etatcivil ") {
		t.Fatalf("version: %d %q", code, out)
	}
}

func TestDemo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	e := newEnv(t, dir, "")
	out, errOut := e.out, e.errOut
	e.now = nil // the demo dates its acts from the real clock
	if code := e.run("demo"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"7 actes enregistrés", "est refusée, rien n'est écrit", "non utilisé", "aucune anomalie", dir,
		"Bans publiés il y a 16 jours (bans/", "ne peut jamais célébrer un mariage", "Marié à Lomme (Nord)", "avis n° 3 avant le"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in demo output", want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, registry.FileName)); err != nil {
		t.Fatal(err)
	}
	// The sheet of every act (8 numbers taken) and one copy of each form,
	// every one a valid PDF listed in the output.
	pdfs, _ := filepath.Glob(filepath.Join(dir, "documents", "*.pdf"))
	var sheets, copies, others int
	for _, p := range pdfs {
		if !strings.Contains(out.String(), "   "+filepath.Base(p)+"\n") {
			t.Errorf("%s not listed in the demo output", filepath.Base(p))
		}
		if err := pdftest.Validate(p); err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
		}
		// Case documents/03: no signature alone on a second page; the
		// plurilingual extract is one page recto and its translations.
		if text, err := pdftest.Text(p); err == nil {
			want := 1
			if strings.HasPrefix(filepath.Base(p), "plurilingue-") {
				want = 2
			}
			if n := strings.Count(text, "\f"); n != want {
				t.Errorf("%s: %d pages, want %d", filepath.Base(p), n, want)
			}
		}
		switch name := filepath.Base(p); {
		case strings.HasPrefix(name, "feuille-"):
			sheets++
		case strings.HasPrefix(name, "affiche-bans-") || strings.HasPrefix(name, "avis-mention-"):
			others++
		default:
			copies++
		}
	}
	for _, f := range civil.Formes {
		if !strings.Contains(out.String(), civil.FormeLabel(f)+" ") {
			t.Errorf("no %s in the demo", civil.FormeLabel(f))
		}
	}
	// 12 sheets: 8 numbers taken, the recognition, the stillborn child and
	// the marriage, each printed before its signature, and one printed
	// again after it (a duplicate); the banns notice and the two notices
	// of the marriage.
	if sheets != 12 || copies != 7 || others != 3 {
		t.Fatalf("%d sheets, %d copies, %d others, want 12, 7, 3: %v", sheets, copies, others, pdfs)
	}
	for _, want := range []string{"reconnaissance prénatale : Julien BERTRAND (enfant à naître de Clara HOUZÉ)", "acte d'enfant sans vie (art. 79-1) : Lou ROUSSEL, au registre des décès"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in demo output", want)
		}
	}
	// A rectified prénom reaches the extracts: the act keeps « Chloe », the
	// extract and the plurilingual extract print « Chloë » / « CHLOË ».
	if !strings.Contains(out.String(), "les extraits impriment « Zoé, Chloë MÜLLER »") {
		t.Errorf("the demo does not say the extracts print the rectified prénom")
	}
	if _, err := exec.LookPath("pdftotext"); err == nil || os.Getenv(pdftest.RequiredEnv) != "" {
		for name, want := range map[string]string{"extrait-naissance-": "Zoé, Chloë", "plurilingue-naissance-": "ZOÉ, CHLOË", "integrale-naissance-": "Zoé, Chloe MÜLLER",
			// case documents/21: the midwife is « invitée », her box names her quality once
			"feuille-naissance-2026-41": "Bénédicte HAÜY, sage-femme, 47 ans, demeurant Hôpital Saint-Philibert, Lomme (Nord), qui, lecture faite et invitée à lire l'acte",
			// case documents/22: the spouses' parents with their professions and domiciles (art. 76 2°)
			"feuille-mariage-": "fille de Michel DURAND, cheminot retraité, et de Sylvie ROGER, secrétaire, demeurant ensemble 6 rue de la Gare, Roubaix (Nord) ; et Jean-Baptiste LEFÈVRE"} {
			files, _ := filepath.Glob(filepath.Join(dir, "documents", name+"*.pdf"))
			if len(files) != 1 {
				t.Fatalf("%s: %v", name, files)
			}
			text, err := pdftest.TextFlow(files[0])
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
				t.Errorf("%s does not print %q:\n%s", filepath.Base(files[0]), want, text)
			}
		}
	}
	// Continuity: a backup restored on "another laptop" that passes the
	// check, and the recovery summary listing every number.
	for _, want := range []string{"l'export des 11 actes est identique à l'original", "naissance 2026 : n° 38 à 43", "le système principal reprend au n° 44"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in demo output", want)
		}
	}
	// A morning's book at the counter: imported, booked, a desk closed,
	// the person moved, nothing double-booked; the slip and the book printed.
	for _, want := range []string{"5 rendez-vous repris", "créneau déjà pris à chacun des 2 guichets", "1 personne à rappeler (Thomas DELATTRE",
		": 6 rendez-vous, 13 créneaux libres, 3 fermés.", "  10:50  n° 5    Thomas DELATTRE", "  11:10  fermé (agent appelé au cimetière)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in demo output", want)
		}
	}
	agendaPDFs, _ := filepath.Glob(filepath.Join(dir, "rendez-vous", "*.pdf"))
	if len(agendaPDFs) != 2 {
		t.Fatalf("agenda documents: %v", agendaPDFs)
	}
	for _, p := range agendaPDFs {
		if err := pdftest.Validate(p); err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
		}
	}
	other, err := registry.Open(filepath.Join(dir, "autre-portable"), registry.Options{ReadOnly: true, Parts: parts})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if r, err := other.Check(); err != nil || r.Acts != 11 || len(r.Breaks) > 0 {
		t.Fatalf("restored register: %+v %v", r, err)
	}
	if err := pdftest.Validate(filepath.Join(dir, "rapprochement.pdf")); err != nil {
		t.Fatal(err)
	}
	text, err := pdftest.Text(filepath.Join(dir, "rapprochement.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for n := 38; n <= 43; n++ {
		if !strings.Contains(text, fmt.Sprintf("N° %d", n)) {
			t.Errorf("the recovery summary does not list number %d", n)
		}
	}
}

// TestPrintRegisterShowsProgressOnATerminal: a whole register shows a
// progress bar on a terminal, and nothing of it in a script.
func TestPrintRegisterShowsProgressOnATerminal(t *testing.T) {
	dir := setupRegister(t)
	for range 3 {
		e := newEnv(t, dir, "")
		if code := e.run("naissance", "--fichier", filepath.Join("..", "..", "testdata", "naissance.json"), "--doublon-confirme"); code != 0 {
			t.Fatalf("naissance: exit %d: %s", code, e.errOut)
		}
	}
	out := filepath.Join(t.TempDir(), "registre.pdf")
	for _, terminal := range []bool{true, false} {
		e := newEnv(t, dir, "")
		e.interactive = terminal
		if code := e.run("imprimer", "--registre", "naissance", "--annee", "2026", "-o", out, "--remplacer"); code != 0 {
			t.Fatalf("imprimer: exit %d: %s", code, e.errOut)
		}
		if !strings.Contains(e.out.String(), "3 feuilles du registre naissance 2026 écrites dans") || !strings.Contains(e.out.String(), "(3 brouillons à faire signer)") {
			t.Fatalf("output: %s", e.out)
		}
		shown := strings.Contains(e.errOut.String(), "Mise en page ████████████████████ 100 % (3 feuilles)")
		if shown != terminal {
			t.Fatalf("terminal %v: progress shown %v: %q", terminal, shown, e.errOut)
		}
	}
	if err := pdftest.Validate(out); err != nil {
		t.Fatal(err)
	}
}

// A laptop whose clock went back: the clerk is refused with the way out,
// the officer states the clock is right, writing resumes.
func TestClockBehindTheRegister(t *testing.T) {
	dir := setupRegister(t) // written at 15:00
	birth := filepath.Join("..", "..", "testdata", "naissance.json")
	e := newEnv(t, dir, "")
	e.now = func() time.Time { return time.Date(2026, 11, 24, 11, 0, 0, 0, time.Local) }
	if code := e.run("naissance", "--fichier", birth); code != exitRefused ||
		!strings.Contains(e.errOut.String(), "horloge : l'horloge de l'ordinateur indique le mardi 24 novembre 2026 à 11:00, avant la dernière écriture du registre") ||
		!strings.Contains(e.errOut.String(), "Rien n'a été enregistré") {
		t.Fatalf("exit %d: %s", code, e.errOut)
	}
	e = newEnv(t, dir, "")
	e.now = func() time.Time { return time.Date(2026, 11, 24, 11, 0, 0, 0, time.Local) }
	if code := e.run("horloge"); code != 0 || !strings.Contains(e.out.String(), "ATTENTION : l'horloge est en retard sur le registre") {
		t.Fatalf("exit %d: %s %s", code, e.out, e.errOut)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"horloge", "--confirmer"}, exitRefused, "--officier"},
		{[]string{"horloge", "--confirmer", "--officier", "o9"}, exitRefused, "officier « o9 » inconnu"},
		{[]string{"horloge", "--confirmer", "--officier", "o1"}, exitOK, "Constat de l'officier o1 inscrit au journal"},
		{[]string{"naissance", "--fichier", birth}, exitOK, "naissance/2026/1"},
		{[]string{"horloge"}, exitOK, "L'horloge est cohérente avec le registre."},
		{[]string{"controle"}, exitOK, "Aucune anomalie"},
	} {
		e := newEnv(t, dir, "")
		e.now = func() time.Time { return time.Date(2026, 11, 24, 11, 0, 0, 0, time.Local) }
		if code := e.run(c.args...); code != c.code || !strings.Contains(e.out.String()+e.errOut.String(), c.want) {
			t.Fatalf("%v: exit %d, want %d with %q: %s %s", c.args, code, c.code, c.want, e.out, e.errOut)
		}
	}
}

// The long operations of a big register (control, export, import) show a
// progress bar on a terminal, and nothing elsewhere.
func TestLongOperationsShowProgressOnATerminal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "registre")
	e := newEnv(t, dir, "")
	if code := e.run("demo", "--volume", "5000"); code != 0 {
		t.Fatalf("demo --volume: exit %d: %s", code, e.errOut)
	}
	export := filepath.Join(t.TempDir(), "export.jsonl")
	into := filepath.Join(t.TempDir(), "autre")
	for _, args := range [][]string{
		{"init", "--commune", "Lille", "--departement", "Nord", "--commune-associee", "Lomme"},
		{"officier", "ajouter", "--id", "o1", "--prenoms", "Anne-Sophie", "--nom", "DELCOURT", "--qualite", "maire-delegue"},
		{"officier", "ajouter", "--id", "o2", "--prenoms", "Karim", "--nom", "BENALI", "--qualite", "fonctionnaire-delegue"},
	} {
		if e := newEnv(t, into, ""); e.run(args...) != 0 {
			t.Fatalf("%v: %s", args, e.errOut)
		}
	}
	for _, r := range []string{"naissance", "deces", "mariage"} {
		for y := 2024; y <= 2026; y++ {
			if e := newEnv(t, into, ""); e.run("numerotation", "--registre", r, "--annee", fmt.Sprint(y), "--dernier", "0") != 0 {
				t.Fatalf("numerotation %s %d: %s", r, y, e.errOut)
			}
		}
	}
	for _, terminal := range []bool{false, true} {
		for _, c := range []struct {
			dir  string
			args []string
			bars []string
		}{
			{dir, []string{"controle"}, []string{"Contrôle ████████████████████ 100 % (15\u202f0"}}, // entries, then the acts twice (records, index)
			{dir, []string{"export", "-o", export, "--remplacer"}, []string{"Export ████████████████████ 100 % (5\u202f000 actes)"}},
			{into, []string{"import", export}, []string{"Import : vérification … (2\u202f048 actes)",
				"Import : vérification ████████████████████ 100 % (5\u202f000 actes)", "Import : écriture ████████████████████ 100 % (5\u202f000 actes)"}},
		} {
			if c.args[0] == "import" && !terminal {
				continue // imported once, with the bar
			}
			e := newEnv(t, c.dir, "")
			e.interactive = terminal
			if code := e.run(c.args...); code != 0 {
				t.Fatalf("%v: exit %d: %s", c.args, code, e.errOut)
			}
			for _, bar := range c.bars {
				if shown := strings.Contains(e.errOut.String(), bar); shown != terminal {
					t.Errorf("%v, terminal %v: %q shown %v:\n%q", c.args, terminal, bar, shown, e.errOut)
				}
			}
		}
	}
}

// An import file that changes between its two readings (a copy still
// running) is refused at the second, so that nothing unchecked is written.
func TestImportFileChangedBetweenReadings(t *testing.T) {
	name := filepath.Join(t.TempDir(), "actes.jsonl")
	line := `{"type":"naissance","registre":"naissance","annee":2026,"numero":1,"statut":"non_utilise","motif":"abandon"}` + "\n"
	if err := os.WriteFile(name, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	src := &importFile{f: f, name: name}
	n := 0
	count := func(registry.ImportLine) error { n++; return nil }
	if err := src.each(count); err != nil || n != 1 {
		t.Fatalf("first reading: %d acts, %v", n, err)
	}
	if err := src.each(count); err != nil || n != 2 {
		t.Fatalf("second reading of the same file: %d acts, %v", n, err)
	}
	if err := os.WriteFile(name, []byte(line+strings.Replace(line, `"numero":1`, `"numero":2`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := src.each(count); !civil.IsRefused(err) || !strings.Contains(err.Error(), "a changé pendant l'import") {
		t.Fatalf("file changed: %v", err)
	}
}

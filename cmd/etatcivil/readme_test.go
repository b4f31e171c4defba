package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"etatcivil/internal/medium"
)

// readmeCommands returns the etatcivil commands of the README's examples
// (its ```sh blocks), in order: a line continued by « \ » joined to the
// next, the comment after « # » left out.
func readmeCommands(t *testing.T, root string) []string {
	raw, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	in, cont := false, ""
	for _, line := range strings.Split(string(raw), "\n") {
		switch {
		case strings.HasPrefix(line, "```sh"):
			in = true
			continue
		case strings.HasPrefix(line, "```"):
			in = false
			continue
		case !in:
			continue
		}
		line = cont + strings.TrimSpace(line)
		if strings.HasSuffix(line, "\\") {
			cont = strings.TrimSuffix(line, "\\")
			continue
		}
		cont = ""
		line = strings.TrimSpace(withoutComment(line))
		if strings.HasPrefix(line, "etatcivil ") {
			out = append(out, line)
		}
	}
	return out
}

// withoutComment cuts a shell line at a « # » that starts a word outside
// quotes.
func withoutComment(line string) string {
	var quote rune
	for i, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == '#' && (i == 0 || line[i-1] == ' '):
			return line[:i]
		}
	}
	return line
}

// shellWords splits a command line as the shell does for the README's
// examples: words separated by spaces, '…' and "…" quoting.
func shellWords(line string) []string {
	var words []string
	var w strings.Builder
	var quote rune
	inWord := false
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				w.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

// readmeRun is the state of TestReadmeExamples: the register, the
// working folder, the USB stick and the clock.
type readmeRun struct {
	t     *testing.T
	root  string // the repository
	dir   string // the register's folder ($ETATCIVIL_DOSSIER)
	work  string // where the clerk types the commands
	media string // stands for /media: another filesystem than the register's
	now   time.Time
}

// exec runs a command line (without « etatcivil »), the stick's paths
// under r.media, the clock moved on a minute; it returns the exit code
// and the outputs.
func (r *readmeRun) exec(input string, args ...string) (int, string) {
	r.now = r.now.Add(time.Minute)
	for i, a := range args {
		if strings.HasPrefix(a, "/media/") {
			args[i] = r.media + a
		}
	}
	var out, errOut bytes.Buffer
	at := r.now
	e := &env{in: strings.NewReader(input), out: &out, errOut: &errOut, interactive: input != "",
		now: func() time.Time { return at }, timeout: 300 * time.Millisecond}
	code := e.run(args)
	return code, out.String() + errOut.String()
}

// prep runs a command the README does not show, that sets the scene for
// the next example (another act of the day, a file the clerk prepared);
// it must succeed.
func (r *readmeRun) prep(args ...string) {
	r.t.Helper()
	if code, out := r.exec("", args...); code != 0 {
		r.t.Fatalf("preparation %v: exit %d\n%s", args, code, out)
	}
}

// file writes a file of the working folder from the repository's
// testdata, with replacements (old, new, …).
func (r *readmeRun) file(name, from string, replace ...string) {
	r.t.Helper()
	raw, err := os.ReadFile(filepath.Join(r.root, "testdata", from))
	if err != nil {
		r.t.Fatal(err)
	}
	s := strings.NewReplacer(replace...).Replace(string(raw))
	if err := os.WriteFile(filepath.Join(r.work, name), []byte(s), 0o600); err != nil {
		r.t.Fatal(err)
	}
}

// aside puts the register aside and works on a copy of it, until back.
func (r *readmeRun) aside() {
	r.t.Helper()
	if err := os.Rename(r.dir, r.dir+".garde"); err != nil {
		r.t.Fatal(err)
	}
	if err := os.CopyFS(r.dir, os.DirFS(r.dir+".garde")); err != nil {
		r.t.Fatal(err)
	}
}

// back throws the copy away and takes the register back.
func (r *readmeRun) back() {
	r.t.Helper()
	if err := os.RemoveAll(r.dir); err != nil {
		r.t.Fatal(err)
	}
	if err := os.Rename(r.dir+".garde", r.dir); err != nil {
		r.t.Fatal(err)
	}
}

// doc returns the first ```json block of a page of docs/.
func (r *readmeRun) doc(page, lang string) string {
	r.t.Helper()
	raw, err := os.ReadFile(filepath.Join(r.root, "docs", page))
	if err != nil {
		r.t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(raw), "```"+lang+"\n")
	block, _, ok2 := strings.Cut(after, "```")
	if !ok || !ok2 {
		r.t.Fatalf("no %s example in docs/%s", lang, page)
	}
	return block
}

// write writes a file of the working folder.
func (r *readmeRun) write(name, content string) {
	r.t.Helper()
	if err := os.WriteFile(filepath.Join(r.work, name), []byte(content), 0o600); err != nil {
		r.t.Fatal(err)
	}
}

// readmeStep is what an example needs beyond its own line.
type readmeStep struct {
	before func(r *readmeRun) // the scene: clock, files, other acts
	input  string             // answers typed at the guided entry
	code   int                // the exit code the README gives for it (0 unless it says refused)
	alone  bool               // one of several alternatives: run on a copy of the register, thrown away after
	want   string             // a text its output must hold
}

// TestReadmeExamples runs every example of the README as written, in
// the order of the guide, on one register with the guide's two officers
// (issue 18 §7): what a clerk copies from the guide works. The few
// examples that stand for a value (« … ») or need what no test has (a
// scanned photo) are listed with the reason; every other line runs.
func TestReadmeExamples(t *testing.T) {
	if same, err := medium.SameDevice("/dev/shm", os.TempDir()); err != nil || same {
		t.Skip("no second filesystem (/dev/shm) to stand for the USB stick")
	}
	media, err := os.MkdirTemp("/dev/shm", "etatcivil-readme-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(media) })
	work := t.TempDir()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	r := &readmeRun{t: t, root: root, dir: filepath.Join(work, "registre"), work: work, media: media,
		now: time.Date(2026, 11, 10, 8, 0, 0, 0, time.Local)}
	t.Setenv("ETATCIVIL_DOSSIER", r.dir)
	t.Setenv("ETATCIVIL_AGENT", "guichet-1")
	t.Chdir(work)
	for _, d := range []string{"usb", "cle-usb"} {
		if err := os.MkdirAll(filepath.Join(media, "media", d), 0o700); err != nil {
			t.Fatal(err)
		}
	}

	skipped := map[string]string{}
	steps := readmeSteps(r, skipped)
	seen := map[string]bool{}
	for _, line := range readmeCommands(t, root) {
		seen[line] = true
		if why, ok := skipped[line]; ok {
			t.Logf("not run: %s (%s)", line, why)
			continue
		}
		st := steps[line]
		if st.before != nil {
			st.before(r)
		}
		if st.alone {
			r.aside()
		}
		code, out := r.exec(st.input, shellWords(line)[1:]...)
		if st.alone {
			r.back()
		}
		t.Logf("%s → %d\n%s", line, code, out)
		if code != st.code {
			t.Fatalf("%s\nexit %d, want %d:\n%s", line, code, st.code, out)
		}
		if st.want != "" && !strings.Contains(out, st.want) {
			t.Fatalf("%s\nwant %q in:\n%s", line, st.want, out)
		}
	}
	for line := range steps {
		if !seen[line] {
			t.Errorf("the test prepares %q, which the README no longer shows", line)
		}
	}
	for line := range skipped {
		if !seen[line] {
			t.Errorf("the test leaves out %q, which the README no longer shows", line)
		}
	}
}

// readmeSteps gives, for each README example that needs it, its scene and
// what it answers; skipped gets the examples not run, with the reason.
func readmeSteps(r *readmeRun, skipped map[string]string) map[string]readmeStep {
	for _, line := range []string{
		"etatcivil restaurer … --identite cle-ressaisie.txt --certificat commune.pem",
		"etatcivil verifier 'EC1:…'",
	} {
		skipped[line] = "« … » stands for a value"
	}
	skipped["etatcivil verifier scan.png"] = "a photograph of a code"
	skipped["etatcivil guichet"] = "serves the counter's page until Ctrl+C (internal/guichet's tests)"
	skipped["etatcivil guichet --sans-navigateur"] = "serves the counter's page until Ctrl+C (internal/guichet's tests)"
	day := func(d, h, m int) func(r *readmeRun) {
		if d == 0 { // the morning of the 12th of December
			return func(r *readmeRun) { r.now = time.Date(2026, 12, 12, 8, 0, 0, 0, time.Local) }
		}
		return func(r *readmeRun) { r.now = time.Date(2026, 11, d, h, m, 0, 0, time.Local) }
	}
	birth := strings.Join([]string{
		"MÜLLER", "Zoé, Chloé", "F", "20/11/2026", "14:30", "",
		"2", "MÜLLER", "Anaïs", "F", "11/02/1994", "Lille (Nord)", "infirmière", "12 rue de Lille, Lomme (Nord)",
		"OUALI", "Karim, Ahmed", "M", "01/07/1991", "Tournai (Belgique)", "électricien", "12 rue de Lille, Lomme (Nord)",
		"la mère", "23/11/2026", "10:15", "", "non", "o1", "oui",
	}, "\n") + "\n"
	return map[string]readmeStep{
		"etatcivil naissance": {before: day(23, 10, 30), input: birth, want: "naissance/2026/38"},
		"etatcivil mention ajouter naissance/2026/38 --nature rectification --champ enfant.prenoms[2] --valeur Chloë": {want: "Mention ajoutée"},
		"etatcivil deces --fichier deces.json": {before: func(r *readmeRun) {
			day(23, 16, 30)(r)
			r.file("deces.json", "deces.json")
		}, want: "deces/2026/13"},
		// The day's pile: two more births, and every sheet printed.
		"etatcivil signer naissance/2026/39 naissance/2026/40 deces/2026/13": {before: func(r *readmeRun) {
			for _, name := range []string{"Louise", "Jade"} {
				r.file("autre.json", "naissance.json", `["Zoé", "Chloë"]`, `["`+name+`"]`)
				r.prep("naissance", "--fichier", "autre.json")
			}
			for _, ref := range []string{"naissance/2026/39", "naissance/2026/40", "deces/2026/13"} {
				r.prep("imprimer", ref, "-o", strings.ReplaceAll(ref, "/", "-")+".pdf")
			}
		}, want: "deces/2026/13"},
		"etatcivil mention ajouter naissance/2026/38": {input: "autre\nActe transcrit à la demande de la mère.\nart. 49 du Code civil\n\noui\n", want: "Mention ajoutée en marge"},
		// Another death of the day, whose deceased was born elsewhere too:
		// notice n° 2.
		"etatcivil mentions a-envoyer": {before: func(r *readmeRun) {
			r.file("deces-2.json", "deces.json", `"LEFÈVRE", "prenoms": ["Jean-Pierre", "Marcel"]`, `"CARON", "prenoms": ["Odile"]`,
				`"sexe": "M"`, `"sexe": "F"`, `"Roubaix (Nord)"`, `"Arras (Pas-de-Calais)"`, `"ajusteur retraité"`, `"couturière retraitée"`,
				`"conjoint": {"nom": "DUPONT", "prenoms": ["Hélène"]}`, `"conjoint": {"nom": "CARON", "prenoms": ["Henri"]}`)
			r.prep("deces", "--fichier", "deces-2.json")
			r.prep("imprimer", "deces/2026/14", "-o", "deces-2026-14.pdf")
			r.prep("signer", "deces/2026/14")
			// An adjoint joins the guide's two officers (her key is revoked below).
			r.prep("officier", "ajouter", "--id", "o3", "--prenoms", "Claire", "--nom", "ROUSSEAU", "--qualite", "adjoint", "--civilite", "Mme")
		}, want: "n° 2"},
		// The banns of docs/format-bans.md, the marriage of testdata.
		"etatcivil bans publier --fichier bans.json -o affiche.pdf": {before: func(r *readmeRun) {
			r.write("bans.json", r.doc("format-bans.md", "json"))
		}, want: "bans/2026/1"},
		"etatcivil mariage --fichier mariage.json": {before: func(r *readmeRun) {
			r.file("mariage.json", "mariage.json")
		}, want: "mariage/2026/10"},
		// Another couple, whose banns are put up today for the 12th of December.
		"etatcivil mariage --fichier mariage-12-decembre.json": {before: func(r *readmeRun) {
			other := strings.NewReplacer(`"BERNARD", "prenoms": ["Camille", "Jeanne"]`, `"LEROUX", "prenoms": ["Manon"]`,
				`"N'DIAYE", "prenoms": ["Sacha"]`, `"GIRARD", "prenoms": ["Théo"]`)
			r.write("bans-2.json", other.Replace(strings.NewReplacer(`"2026-11-05"`, `"2026-11-23"`, `"2026-11-21"`, `"2026-12-12"`).Replace(r.doc("format-bans.md", "json"))))
			r.prep("bans", "publier", "--fichier", "bans-2.json")
			r.file("mariage-12-decembre.json", "mariage.json", `"BERNARD", "prenoms": ["Camille", "Jeanne"]`, `"LEROUX", "prenoms": ["Manon"]`,
				`"N'DIAYE", "prenoms": ["Sacha"]`, `"GIRARD", "prenoms": ["Théo"]`, `"2026-11-05"`, `"2026-11-23"`, `"date": "2026-11-21"`, `"date": "2026-12-12"`)
		}, want: "mariage/prevu/1"},
		"etatcivil dresser --du-jour": {before: day(0, 0, 0), want: "mariage/2026/11"},
		"etatcivil verifier --certificat commune.pem copie.pdf": {before: func(r *readmeRun) {
			r.prep("cles", "exporter", "-o", "commune.pem") // the partner's copy of the certificate
		}},
		"etatcivil verifier --certificat commune.pem --revocations revocations.pem copie.pdf": {before: func(r *readmeRun) {
			r.prep("cles", "revocations", "-o", "revocations.pem")
		}},
		"etatcivil officier revoquer o3 --motif fin-de-mandat": {before: func(r *readmeRun) {
			// (the adjoint o3 was added on the 23rd of November)
		}, input: "ROUSSEAU\n", alone: true},
		"etatcivil officier revoquer o3 --motif fin-de-mandat --depuis 30/11/2026": {input: "ROUSSEAU\n", alone: true},
		"etatcivil officier revoquer o2 --motif compromission --depuis 15/11/2026": {input: "BENALI\n", alone: true},
		"etatcivil sauvegarde -o /media/cle-usb --officier o1": {before: func(r *readmeRun) {
			r.now = time.Date(2026, 12, 12, 11, 59, 0, 0, time.Local)
		}, want: "registre-lille-20261212-1200.age"},
		// On another laptop, with the backup key's file typed from its sheet.
		"etatcivil restaurer /media/cle-usb/registre-lille-20261212-1200.age --identite cle-secours.txt": {before: func(r *readmeRun) {
			key, err := os.ReadFile(filepath.Join(r.media, "media", "cle-usb", "cle-secours.txt"))
			if err != nil {
				r.t.Fatal(err)
			}
			r.write("cle-secours.txt", string(key))
			r.dir = filepath.Join(r.work, "autre-portable", "registre")
			r.t.Setenv("ETATCIVIL_DOSSIER", r.dir)
		}},
		// The appointments: the evening before, the agenda exported by the
		// booking system (the example of docs/format-agenda.md and nine
		// appointments at desk 2) makes n° 1 to 11.
		"etatcivil rdv ouvrir --jour 2026-12-14 --de 08:30 --a 12:00 --duree 15 --guichet 1": {before: func(r *readmeRun) {
			r.now = time.Date(2026, 12, 13, 17, 0, 0, 0, time.Local)
			csv := strings.ReplaceAll(strings.ReplaceAll(r.doc("format-agenda.md", "csv"), "2026-11-25", "2026-12-14"), "25/11/2026", "14/12/2026")
			for i := range 9 {
				csv += fmt.Sprintf("B-%d;2026-12-14;%02d:%02d;15;2;Personne NUMERO%c;06 00 00 00 %02d;copie\n", i, 9+i/4, i%4*15, 'A'+i, i)
			}
			if err := os.WriteFile(filepath.Join(r.media, "media", "cle-usb", "agenda.csv"), []byte(csv), 0o600); err != nil {
				r.t.Fatal(err)
			}
		}},
		"etatcivil rdv prendre --jour 2026-12-14 --heure 09:15 --nom \"Marie DUPONT\" --telephone \"06 12 34 56 78\" --objet dossier-mariage -o recu.pdf": {want: "Rendez-vous n° 12 pris"},
		"etatcivil rdv deplacer 12 --jour 2026-12-15 --heure 10:30 -o recu-2.pdf": {before: func(r *readmeRun) {
			r.prep("rdv", "ouvrir", "--jour", "2026-12-15", "--de", "10:00", "--a", "12:00", "--duree", "15", "--guichet", "1")
		}},
		"etatcivil rdv rappels --jour 2026-12-14":              {want: "9 personnes à rappeler :"},
		"etatcivil officier revoquer o2 --motif compromission": {input: "BENALI\n", alone: true},
	}
}

// TestReadmeLinksExist: every page the README links to is in the
// repository (the JSON formats, the bans file, the agenda, the rules are
// documented in docs/, where the refusals' hints send the clerk).
func TestReadmeLinksExist(t *testing.T) {
	root := filepath.Join("..", "..")
	raw, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	links := regexp.MustCompile(`\]\(([^)#]+)(#[^)]*)?\)`).FindAllStringSubmatch(string(raw), -1)
	docs := map[string]bool{}
	for _, l := range links {
		if strings.Contains(l[1], "://") {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, l[1])); err != nil {
			t.Errorf("the README links to %s: %v", l[1], err)
		}
		docs[l[1]] = true
	}
	for _, page := range []string{"docs/format-actes.md", "docs/format-bans.md", "docs/format-export.md", "docs/format-agenda.md", "docs/format-mentions.md", "docs/regles.md"} {
		if !docs[page] {
			t.Errorf("the README does not link to %s", page)
		}
	}
}

package guichet

import (
	"errors"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"etatcivil/civil"
	"etatcivil/internal/keyring"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

// The counter's clerks do not type commands: a page (a refusal, a hint,
// a next step, a note) names the page or the button that does it, never
// « etatcivil » and a command; nor does it say JSON. Every answer the tests' browser receives
// (client.do: the pages' refusals and errors of every test of this
// package) is checked by noCommandLine; the commands are those
// docs/guichet.md maps to their pages.

var (
	commandsOnce sync.Once
	commandRE    *regexp.Regexp
	commandsErr  error
)

// noPageCommands may be named on a page: the command that opens the
// counter itself (to start it again, or on another folder).
var noPageCommands = map[string]bool{"guichet": true}

// commandLineRE matches « etatcivil » followed by a command of
// docs/guichet.md, in a page's text.
func commandLineRE() (*regexp.Regexp, error) {
	commandsOnce.Do(func() {
		doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "guichet.md"))
		if err != nil {
			commandsErr = err
			return
		}
		seen := map[string]bool{}
		for _, m := range regexp.MustCompile("`etatcivil ([a-z-]+)").FindAllStringSubmatch(string(doc), -1) {
			if !noPageCommands[m[1]] {
				seen[m[1]] = true
			}
		}
		var words []string
		for w := range seen {
			words = append(words, regexp.QuoteMeta(w))
		}
		sort.Strings(words)
		if len(words) < 40 {
			commandsErr = os.ErrNotExist
			return
		}
		commandRE = regexp.MustCompile(`(?i)etatcivil\s+(` + strings.Join(words, "|") + `)\b`)
	})
	return commandRE, commandsErr
}

var (
	tagRE = regexp.MustCompile(`<[^>]*>`)
	preRE = regexp.MustCompile(`(?s)<pre class="imprimable">.*?</pre>`)
	// jsonRE finds the word JSON in a page's text (.jsonl, a file's name,
	// is the clerk's).
	jsonRE = regexp.MustCompile(`.{0,50}\bJSON\b.{0,30}`)
	// optionRE finds an option (--insee) in a page's text.
	optionRE  = regexp.MustCompile(`.{0,50}(?:^|[\s(«])--[a-z][a-z-]*.{0,30}`)
	guichetRE = regexp.MustCompile(`etatcivil\s+guichet(?:\s+--[a-z-]+)*`)
)

// commandLines returns the commands a page's body names: its text (tags
// removed, entities decoded) or a JSON answer's. A document shown to be
// printed (<pre>: the recovery key's sheet, the same as the file of
// etatcivil secours creer, kept for years) is not the page's words.
func commandLines(body string) []string {
	re, err := commandLineRE()
	if err != nil {
		panic("docs/guichet.md: " + err.Error())
	}
	text := html.UnescapeString(tagRE.ReplaceAllString(preRE.ReplaceAllString(body, " "), " "))
	text = strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(text)
	var out []string
	for _, m := range re.FindAllStringIndex(text, -1) {
		from, to := max(m[0]-60, 0), min(m[1]+40, len(text))
		out = append(out, strings.Join(strings.Fields(text[from:to]), " "))
	}
	return out
}

// noCommandLine fails t when a page's answer names a command.
func noCommandLine(t testing.TB, path, body string) {
	t.Helper()
	for _, s := range commandLines(body) {
		t.Errorf("%s : la page nomme une commande au lieu de sa page : « … %s … »", path, s)
	}
	// Nor the format's technical name: the clerk knows the exchange file.
	text := html.UnescapeString(tagRE.ReplaceAllString(preRE.ReplaceAllString(body, " "), " "))
	for _, m := range jsonRE.FindAllString(text, -1) {
		t.Errorf("%s : la page dit JSON : « … %s … »", path, strings.Join(strings.Fields(m), " "))
	}
	// Nor an option of the command line, but those of the command that
	// opens the counter (etatcivil guichet --dossier …).
	for _, m := range optionRE.FindAllString(guichetRE.ReplaceAllString(text, ""), -1) {
		t.Errorf("%s : la page nomme une option de la ligne de commande : « … %s … »", path, strings.Join(strings.Fields(m), " "))
	}
}

// The checker itself finds a command however the page writes it.
func TestCommandLinesFound(t *testing.T) {
	for _, c := range []struct {
		body string
		n    int
	}{
		{"lancez etatcivil controle", 1},
		{"<code>etatcivil\ncompacter</code>", 1},
		{`{"conseil":"voir etatcivil officier lister"}`, 1},
		{"relancez etatcivil guichet --dossier …", 0},
		{"un document délivré par etatcivil porte un code", 0},
		{"etatcivil sauvegarde -o DOSSIER, puis etatcivil restaurer", 2},
	} {
		if got := commandLines(c.body); len(got) != c.n {
			t.Errorf("%q: %q", c.body, got)
		}
	}
}

// A shared text written for the command line reads, on a page, with the
// page that does it.
func TestPageWords(t *testing.T) {
	for in, want := range map[string]string{
		"choisissez un autre identifiant (voir etatcivil officier lister)":                                                        "choisissez un autre identifiant (voir « Officiers »)",
		"indiquez le fichier .age écrit par etatcivil sauvegarde":                                                                 "indiquez le fichier .age écrit par « Sauvegarde »",
		"indiquez-le avec --certificat commune.pem (fichier écrit par etatcivil cles exporter, remis à la":                        "indiquez-le dans « Certificat de la commune » (fichier écrit par « Clés et secours », remis à la",
		"  → remettez aux partenaires la liste de révocation signée par le sceau : etatcivil cles revocations -o revocations.pem": "  → remettez aux partenaires la liste de révocation signée par le sceau : « Clés et secours »",
		"imprimez la feuille de l'acte tel qu'il est : etatcivil imprimer naissance/2026/38 -o feuille.pdf":                       "imprimez la feuille de l'acte tel qu'il est : « Imprimer / signer »",
		"comparez-la avec l'acte (etatcivil afficher naissance/2026/38).":                                                         "comparez-la avec l'acte (« Registre »).",
		"lancez etatcivil controle.":                       "lancez « Contrôle ».",
		"(etatcivil cles exporter l'imprime)":              "(« Clés et secours » l'imprime)",
		"relancez etatcivil guichet --dossier …":           "relancez etatcivil guichet --dossier …",
		"etatcivil sauvegardes etatcivil":                  "etatcivil sauvegardes etatcivil",
		"le certificat donné (--certificat, empreinte AB)": "le certificat donné (empreinte AB)",
	} {
		if got := pageWords(in); got != want {
			t.Errorf("%q:\n got %q\nwant %q", in, got, want)
		}
		if len(commandLines(pageWords(in))) > 0 && !strings.Contains(in, "guichet") {
			t.Errorf("%q still names a command", pageWords(in))
		}
	}
}

// The error pages and the shared texts written for the command line that
// no other test of the package brings to a page (an integrity error, an
// unexpected one, keyring's refusals of a restore) are said with the
// pages that do what they advise: client.do checks each answer.
func TestSharedTextsSayThePage(t *testing.T) {
	srv, _ := start(t)
	_, missing := keyring.CheckBackupFile(filepath.Join(t.TempDir(), "absente.age"))
	_, noCert := keyring.RestoreTrust(nil, "certificat", seal.RecoveryKey{})
	_, badCert := keyring.RestoreTrust([]byte("pas un certificat"), "certificat commune.pem", seal.RecoveryKey{})
	refusal := func(err error) error {
		var r *keyring.Refusal
		if !errors.As(err, &r) {
			t.Fatalf("not a keyring refusal: %v", err)
		}
		return civil.Refuse("certificat", r.Msg, r.Hint)
	}
	cases := []struct {
		err  error
		want string
	}{
		{&registry.IntegrityError{Breaks: []string{"acte naissance/2026/38 : son contenu ne correspond plus à son empreinte au journal"}}, "« Contrôle »"},
		{errors.New("boom"), "« Contrôle »"},
		{refusal(missing), "« Sauvegarde »"},
		{refusal(noCert), "« Clés et secours »"},
		{refusal(badCert), "« Clés et secours »"},
	}
	p := &Page{Path: "/essai-erreur", Title: "Essai", Template: "essai-erreur.html", Get: func(c *Ctx) (any, error) {
		i, _ := strconv.Atoi(c.R.URL.Query().Get("cas"))
		return nil, cases[i].err
	}}
	if err := srv.addPage(p, `{{define "contenu"}}{{end}}`); err != nil {
		t.Fatal(err)
	}
	c := open(t, srv)
	for i, cs := range cases {
		rec := c.get("/essai-erreur?cas=" + strconv.Itoa(i))
		if body := html.UnescapeString(rec.Body.String()); !strings.Contains(body, cs.want) {
			t.Errorf("%v: the page does not say %s:\n%s", cs.err, cs.want, body)
		}
	}
}

package guichet

import (
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"etatcivil/civil"
	"etatcivil/registry"
)

// closeTabs closes the tabs that the page opened (a PDF to print), after
// checking that one of them shows path, and brings the counter's tab back
// to the front.
func closeTabs(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	c := chromedp.FromContext(ctx)
	var others []target.ID
	found := false
	for i := 0; i < 100 && !found; i++ {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		others = others[:0]
		for _, in := range infos {
			if in.Type == "page" && in.TargetID != c.Target.TargetID {
				found = found || strings.Contains(in.URL, path)
				others = append(others, in.TargetID)
			}
		}
		if !found {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if !found {
		t.Fatalf("aucun onglet ouvert sur %s", path)
	}
	for _, id := range others {
		cdp.Call(ctx, c.Browser, target.CloseTarget, target.CloseTargetParams{TargetID: id})
	}
	if _, err := cdp.Call(ctx, c.Browser, target.ActivateTarget, target.ActivateTargetParams{TargetID: c.Target.TargetID}); err != nil {
		t.Fatal(err)
	}
}

// strconvQuote writes s as a JavaScript string.
func strconvQuote(s string) string { return strconv.Quote(s) }

// evalAwait evaluates a script that returns a promise of a string.
func evalAwait(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(sctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s : %v", js, err)
	}
	return s
}

// captures is where TestClerkInABrowser writes a screenshot of each page,
// at 1366×768 (and one at 200 % zoom), for people to look at:
//
//	go test ./internal/guichet -run Browser -captures /tmp/captures
var captures = flag.String("captures", "", "dossier où écrire une capture d'écran de chaque page (1366×768)")

// navigatorEnv, when set (CI sets it), makes the browser tests fail rather
// than skip when Chromium is missing.
const navigatorEnv = "ETATCIVIL_NAVIGATEUR"

// chromium returns the browser to drive: $ETATCIVIL_CHROMIUM, else
// Debian's chromium (or Chrome) on the PATH.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("ETATCIVIL_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv(navigatorEnv) != "" {
		t.Fatal("Chromium est introuvable alors que " + navigatorEnv + " est défini : installez le paquet chromium (bash .ci/run le fait)")
	}
	t.Skip("Chromium absent : test du navigateur sauté (définissez " + navigatorEnv + "=1 pour l'exiger)")
	return ""
}

// browse starts headless Chromium with a new empty profile, flags that keep
// it off the network (the machine has none), and a 1366×768 window.
func browse(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("lang", "fr-FR"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 768),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	tctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(1366, 768)); err != nil {
		t.Fatalf("Chromium ne démarre pas : %v", err)
	}
	return tctx
}

// TestClerkInABrowser drives the counter in a real browser as a clerk's
// day, keyboard first: open with the token, unlock the officer's key (a
// wrong passphrase first, shown beside its field), register a birth with
// a field refused as it is left and corrected in place, print its sheet,
// sign it, deliver an extract whose PDF signature pdfsig finds valid,
// book an appointment, back up to a folder, search with a misspelled name
// as one types, see the register and the journal, type in a form which
// survives leaving the page, read the page at 200 %, lock. It fails on any message in the browser's console (a script
// error, or anything the Content-Security-Policy blocked).
func TestClerkInABrowser(t *testing.T) {
	ctx := browse(t)
	srv, _ := start(t)
	withRecoveryKey(t, srv)
	addTestForm(t, srv)
	go srv.Serve()

	var mu sync.Mutex
	var console []string
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if strings.Contains(m.Text, "status of 422") {
				continue // a refused form answers 422 on purpose
			}
			mu.Lock()
			console = append(console, fmt.Sprintf("%s: %s (%s)", m.Type, m.Text, m.URL))
			mu.Unlock()
		}
	}()

	step := 0
	shot := func(name string) {
		t.Helper()
		step++
		if *captures == "" {
			return
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(*captures, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*captures, fmt.Sprintf("%02d-%s.png", step, name)), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, steps...); err != nil {
			if *captures != "" {
				if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
					os.WriteFile(filepath.Join(*captures, "echec.png"), png, 0o644)
				}
			}
			t.Fatalf("%s : %v", what, err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s : %v", js, err)
		}
		return s
	}
	wait := func(what, js string) {
		t.Helper()
		do(what, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(10*time.Second)))
	}
	// alt presses Alt+key as a keyboard does: Blink matches an access key
	// on the key's unmodified text, which chromedp's KeyEvent leaves out.
	alt := func(key string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			for _, k := range kb.Encode([]rune(key)[0]) {
				if k.Type == input.DispatchKeyEventTypeChar {
					continue
				}
				k.Modifiers |= int64(chromedp.ModifierAlt)
				if k.Type == input.DispatchKeyEventTypeKeyDown {
					k.UnmodifiedText = key
				}
				if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, *k); err != nil {
					return err
				}
			}
			return nil
		})
	}
	// after waits for a page that a form's submission loads to show text
	// in sel (polling survives the navigation, which chromedp.Poll does not).
	after := func(what, sel, text string) {
		t.Helper()
		js := `(document.querySelector(` + strconvQuote(sel) + `) || {textContent: ""}).textContent.includes(` + strconvQuote(text) + `)`
		for i := 0; i < 100; i++ {
			if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("%s : « %s » n'apparaît pas dans %s", what, text, sel)
	}
	has := func(sel string, want ...string) {
		t.Helper()
		pageHas(t, ctx, sel, want...)
	}

	// etatcivil guichet opens the browser on its launch page, which sends it
	// on with the token; the token becomes the cookie, the address bar
	// keeps no token, the launch page is gone.
	launch, err := srv.LaunchPage()
	if err != nil {
		t.Fatal(err)
	}
	do("ouverture du lien", chromedp.Navigate("file://"+filepath.ToSlash(launch)), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if _, err := os.Stat(launch); !os.IsNotExist(err) {
		t.Fatalf("page de lancement laissée : %v", err)
	}
	has("h1", "Accueil")
	has("main", "Actes à signer (1)", "naissance/2026/38", "Rendez-vous du jour (2)", "Thomas MERCIER", "Sauvegarde à faire", "Non fixée pour : mariages")
	has(".entete", "Clé verrouillée")
	if loc := eval("location.href"); strings.Contains(loc, "jeton") {
		t.Fatalf("le jeton reste dans l'adresse : %s", loc)
	}
	if c := eval("document.cookie"); c != "" {
		t.Fatalf("cookie lisible par les scripts : %q", c)
	}
	shot("accueil-cle-verrouillee")

	// Ouverture with the access key; Tab order: officer, passphrase, button.
	do("Alt+K", alt("k"), chromedp.WaitVisible(chromedp.ID("champ-phrase")))
	has("h1", "Ouverture")
	do("choix de l'officier", chromedp.SetValue(chromedp.ID("champ-officier"), "o1"))
	do("phrase fausse, Entrée", chromedp.SendKeys(chromedp.ID("champ-phrase"), "mauvaise phrase"+kb.Enter),
		chromedp.WaitVisible(chromedp.ID("resume-erreurs")))
	has("#champ-phrase-erreur", "Erreur :", "phrase secrète incorrecte")
	if f := eval("document.activeElement.id"); f != "resume-erreurs" {
		t.Fatalf("le résumé des erreurs n'a pas le focus : %q", f)
	}
	shot("ouverture-phrase-incorrecte")
	do("Tab vers le champ", chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
	if f := eval("document.activeElement.id"); f != "champ-officier" && f != "champ-phrase" {
		t.Fatalf("Tab depuis le résumé mène à %q", f)
	}
	do("bonne phrase, Entrée", chromedp.SendKeys(chromedp.ID("champ-phrase"), phrase+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".message")))
	has(".entete", "Clé ouverte", "Anne-Sophie DELCOURT")
	has(".message", "Clé ouverte")
	shot("accueil-cle-ouverte")

	// A birth declared at the counter: the form of its kind, a field
	// refused as it is left and corrected in place, then saved with its
	// access key; the clerk is sent to print its sheet.
	do("Alt+N", alt("n"), chromedp.WaitVisible(chromedp.CSS(`a[href="/dresser/naissance"]`)))
	has("h1", "Dresser un acte")
	shot("dresser")
	do("naissance", chromedp.Click(chromedp.CSS(`a[href="/dresser/naissance"]`)), chromedp.WaitVisible(chromedp.ID("champ-enfant-nom")))
	for _, f := range [][2]string{
		{"champ-enfant-nom", "Ouali"}, {"champ-enfant-prenoms", "inès, nour"}, {"champ-enfant-sexe", "F"},
		{"champ-date", "22/11/2026"}, {"champ-lieu", "Lomme (Nord)"},
		{"champ-parents-1-nom", "OUALI"}, {"champ-parents-1-prenoms", "Karim"}, {"champ-parents-1-sexe", "M"},
		{"champ-parents-1-date_naissance", "03/04/1990"}, {"champ-parents-1-lieu_naissance", "Lille (Nord)"},
		{"champ-parents-1-profession", "électricien"}, {"champ-parents-1-domicile", "4 rue Faidherbe, Lomme (Nord)"},
		{"champ-declarant-qualite", "le père"}, {"champ-declaration-date", "24/11/2026"}, {"champ-declaration-heure", "08:00"},
		{"champ-officier", "o1"},
	} {
		do("champ "+f[0], chromedp.SetValue(chromedp.ID(f[0]), f[1]))
	}
	eval(`document.getElementById("champ-heure").value = ""`)
	do("heure fausse, Tab", chromedp.SendKeys(chromedp.ID("champ-heure"), "25:00"+kb.Tab))
	wait("heure refusée", `!document.getElementById("champ-heure-erreur").hidden`)
	has("#champ-heure-erreur", "Erreur :")
	shot("naissance-heure-refusee")
	eval(`document.getElementById("champ-heure").value = ""`)
	do("heure corrigée, Tab", chromedp.SendKeys(chromedp.ID("champ-heure"), "09:40"+kb.Tab))
	wait("heure acceptée", `document.getElementById("champ-heure-erreur").hidden`)
	wait("texte de l'acte", `document.getElementById("apercu").textContent.includes("OUALI")`)
	shot("naissance-remplie")
	do("Alt+L", alt("l"), chromedp.WaitVisible(chromedp.ID("signatures")))
	has("main", "naissance/2026/39", "l'acte enregistré")
	shot("imprimer")

	// Print the sheet (it opens in a new tab), then sign it.
	do("Alt+P", alt("p"))
	wait("feuille ouverte", `document.getElementById("etat-naissance-2026-39").textContent.includes("onglet")`)
	closeTabs(t, ctx, "/imprimer/feuille")
	born := civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 39}
	for i := 0; ; i++ {
		var printed bool
		srv.read(func(s *registry.Store) (err error) { printed, _, err = s.Printed(born); return err })
		if printed {
			break
		}
		if i == 100 {
			t.Fatal("la feuille n'a pas été imprimée")
		}
		time.Sleep(100 * time.Millisecond)
	}
	do("signée à l'encre", chromedp.Click(chromedp.ID("signe-naissance-2026-39")), alt("t"))
	after("signée", ".message", "Acte naissance/2026/39 signé")
	shot("imprimer-signe")
	// The other draft opened for correction: its form filled from the act.
	do("corriger", chromedp.Click(chromedp.CSS(`a[href="/dresser/naissance?corriger=naissance%2F2026%2F38"]`)), chromedp.WaitVisible(chromedp.ID("champ-enfant-nom")))
	if v := eval(`document.getElementById("champ-enfant-nom").value + "|" + document.getElementById("champ-heure").value`); v != "MÜLLER|14:30" {
		t.Fatalf("brouillon à corriger : %q", v)
	}
	has("main", "Correction du brouillon naissance/2026/38", "Enregistrer la correction")
	wait("texte du brouillon", `document.getElementById("apercu").textContent.includes("acte n° 38")`)
	shot("corriger-brouillon")

	// An extract for a third party: the right shown as the fields are
	// left, before anything is signed; the copy signed, its PDF valid.
	do("Alt+C", alt("c"), chromedp.WaitVisible(chromedp.ID("champ-acte")))
	do("copie", chromedp.SendKeys(chromedp.ID("champ-acte"), "naissance/2026/39"+kb.Tab),
		chromedp.SetValue(chromedp.ID("champ-forme"), "extrait"),
		chromedp.SendKeys(chromedp.ID("champ-demandeur"), "Thomas MERCIER"+kb.Tab),
		chromedp.SetValue(chromedp.ID("champ-qualite"), "tiers"), chromedp.Focus(chromedp.ID("champ-qualite")), chromedp.KeyEvent(kb.Tab))
	after("droit vérifié", "#apercu", "Droit vérifié")
	shot("copie-droit-verifie")
	do("Alt+L", alt("l"), chromedp.WaitVisible(chromedp.CSS(".reussite")))
	has(".reussite", "Copie délivrée", "naissance/2026/39", "Thomas MERCIER")
	shot("copie-delivree")
	b64 := evalAwait(t, ctx, `fetch(document.querySelector(".reussite a.bouton").href).then(r => {
		if (r.status !== 200 || r.headers.get("Content-Type") !== "application/pdf" || r.headers.get("Cache-Control") !== "no-store") throw new Error(r.status + " " + r.headers.get("Content-Type"));
		return r.arrayBuffer();
	}).then(b => { let s = ""; for (const c of new Uint8Array(b)) s += String.fromCharCode(c); return btoa(s); })`)
	pdf, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	pdfsigValid(t, pdf)
	if text := pdfText(t, pdf); !strings.Contains(text, "OUALI") {
		t.Fatalf("copie :\n%s", text)
	}

	// The copy brought back to the counter: « Vérifier » with its access
	// key, the PDF chosen, the verdict and the facts to compare.
	copyFile := filepath.Join(t.TempDir(), "extrait.pdf")
	if err := os.WriteFile(copyFile, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	do("Alt+F", alt("f"), chromedp.WaitVisible(chromedp.ID("champ-document")))
	has("h1", "Vérifier")
	do("PDF choisi, Alt+L", chromedp.SetUploadFiles(chromedp.ID("champ-document"), []string{copyFile}), alt("l"))
	after("verdict", ".verdict", "AUTHENTIQUE")
	has(".verdict", "✔ AUTHENTIQUE — extrait", "naissance/2026/39", "Faits certifiés", "OUALI", "Signature du PDF : valide")
	shot("verifier-authentique")

	// The year's end: the deaths' register closed by the officer whose key
	// is open, after seeing what it does; the statement to print.
	do("Alt+D", alt("d"), chromedp.WaitVisible(chromedp.ID("t-registres")))
	has("main", "décès 2026", "Rapprochement de reprise", "Tables alphabétiques")
	shot("fin-d-annee")
	do("clore…", chromedp.Click(chromedp.CSS(`a[href="/annee?clore=deces&annee=2026#t-confirmer"]`)), chromedp.WaitVisible(chromedp.ID("t-confirmer")))
	has("#t-confirmer", "Clore le registre des décès 2026 ?")
	shot("cloture-confirmer")
	do("Alt+L", alt("l"))
	after("clos", ".message", "Registre des décès 2026 clos")
	has(".reussite", "Ouvrir le procès-verbal (PDF)")
	shot("cloture-faite")
	// The clock and the witness, from « Contrôle ».
	do("Alt+O", alt("o"), chromedp.WaitVisible(chromedp.CSS(`a[href="/horloge"]`)))
	do("horloge", chromedp.Click(chromedp.CSS(`a[href="/horloge"]`)), chromedp.WaitVisible(chromedp.ID("t-temoin")))
	has("main", "L'horloge est cohérente avec le registre.", "Le registre est à jour de son témoin")
	shot("horloge-temoin")

	// An appointment booked for a free slot of the day.
	do("Alt+Z", alt("z"), chromedp.WaitVisible(chromedp.ID("champ-prendre-nom")))
	do("créneau libre", chromedp.Click(chromedp.CSS(`a[href*="heure=08%3a30"]`)), chromedp.WaitVisible(chromedp.ID("champ-prendre-nom")))
	do("rendez-vous", chromedp.SendKeys(chromedp.ID("champ-prendre-nom"), "Léa ROUSSEL"), chromedp.SendKeys(chromedp.ID("champ-prendre-telephone"), "0612345678"),
		chromedp.SetValue(chromedp.ID("champ-prendre-objet"), "naissance"), alt("l"))
	after("rendez-vous pris", ".message", "Rendez-vous n° 3 pris")
	has(".message", "08:30", "Léa ROUSSEL")
	shot("rendez-vous-pris")

	// A backup to a folder (here on the register's own disk: a rescue copy).
	stick := t.TempDir()
	do("Alt+S", alt("s"), chromedp.WaitVisible(chromedp.ID("champ-dossier")))
	has("h1", "Sauvegarde")
	do("dossier", chromedp.SendKeys(chromedp.ID("champ-dossier"), stick), chromedp.Click(chromedp.ID("champ-meme_disque")), alt("l"))
	after("sauvegarde écrite", ".message", "Sauvegarde écrite et relue")
	has(".message", stick)
	shot("sauvegarde-faite")

	// Search as one types, with a misspelled name.
	do("Alt+R", alt("r"), chromedp.WaitVisible(chromedp.ID("champ-recherche")))
	if f := eval("document.activeElement.id"); f != "champ-recherche" {
		t.Fatalf("le champ de recherche n'a pas le focus : %q", f)
	}
	do("frappe", chromedp.SendKeys(chromedp.ID("champ-recherche"), "lefebvre"))
	wait("résultats", `document.querySelector("#resultats table") !== null`)
	has("#resultats", "Jean-Pierre, Marcel LEFÈVRE", "deces/2026/1", "≈ le son")
	if loc := eval("location.search"); loc != "?recherche=lefebvre" {
		t.Fatalf("adresse après la recherche : %q", loc)
	}
	shot("recherche-lefebvre")

	do("Alt+E", alt("e"), chromedp.WaitVisible(chromedp.ID("champ-registre")))
	do("acte du registre", chromedp.Click(chromedp.CSS(`a[href*="acte=naissance%2f2026%2f39"]`)), chromedp.WaitVisible(chromedp.CSS("pre.texte-acte")))
	has("pre.texte-acte", "OUALI")
	shot("registre-acte")

	do("Alt+J", alt("j"), chromedp.WaitVisible(chromedp.CSS("table.liste")))
	has("h1", "Journal")
	has("table.liste", "registre créé", "avis/1")
	shot("journal")

	// A form of the framework: a field checked as it is left, what is typed
	// kept across leaving the page.
	do("formulaire", chromedp.Navigate(srv.Address()+"essai"), chromedp.WaitVisible(chromedp.ID("champ-enfant-nom")))
	do("nom en minuscules, Tab", chromedp.SendKeys(chromedp.ID("champ-enfant-nom"), "Müller"+kb.Tab))
	wait("contrôle du champ", `!document.getElementById("champ-enfant-nom-erreur").hidden`)
	has("#champ-enfant-nom-erreur", "Erreur :", "NOM en minuscules")
	do("prénoms", chromedp.SendKeys(chromedp.ID("champ-enfant-prenoms"), "Zoé"))
	wait("sauvegarde", `document.querySelector(".etat-brouillon").textContent.includes("gardée")`)
	shot("formulaire-champ-verifie")
	do("départ", chromedp.Navigate(srv.Address()), chromedp.WaitVisible(chromedp.CSS("#t-saisies")))
	has("main", "Saisies en cours (1)", "Essai — Müller Zoé")
	do("reprise", chromedp.Click(chromedp.CSS(`a[href^="/essai?brouillon="]`)), chromedp.WaitVisible(chromedp.ID("champ-enfant-prenoms")))
	if v := eval(`document.getElementById("champ-enfant-nom").value + "|" + document.getElementById("champ-enfant-prenoms").value`); v != "Müller|Zoé" {
		t.Fatalf("saisie reprise : %q", v)
	}

	// Readable at 200 % zoom: the same page on half the width, twice the scale.
	do("zoom", chromedp.Navigate(srv.Address()), chromedp.WaitVisible(chromedp.CSS("h1")),
		chromedp.EmulateViewport(683, 384, chromedp.EmulateScale(2)))
	if w := eval(`String(document.documentElement.scrollWidth <= window.innerWidth)`); w != "true" {
		t.Fatal("la page déborde en largeur à 200 %")
	}
	shot("accueil-zoom-200")
	do("retour", chromedp.EmulateViewport(1366, 768))

	// Lock with its access key.
	do("Alt+X", alt("x"), chromedp.WaitVisible(chromedp.CSS(".message")))
	has(".entete", "Clé verrouillée")
	has(".message", "n'est plus en mémoire")
	if srv.keys.get() != nil {
		t.Fatal("la clé est encore en mémoire")
	}
	shot("accueil-verrouille")

	mu.Lock()
	defer mu.Unlock()
	if len(console) > 0 {
		t.Fatalf("console du navigateur :\n%s", strings.Join(console, "\n"))
	}
}

// pageHas fails the test unless the text of the first element sel finds
// holds each of want.
func pageHas(t *testing.T, ctx context.Context, sel string, want ...string) {
	t.Helper()
	got, err := pageText(ctx, sel)
	if err != nil {
		t.Fatalf("texte de %s : %v", sel, err)
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Fatalf("%s sans « %s » :\n%s", sel, w, got)
		}
	}
}

// pageText returns the text of the first element sel finds. The page may
// be replaced between finding the element and reading it (a redirection
// after a form, a page that refreshes itself): chromedp then says « No
// node with given id found »; the text is read again from the new page,
// for at most 3 s.
func pageText(ctx context.Context, sel string) (string, error) {
	for tries := 0; ; tries++ {
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err == nil || tries == 30 || !strings.Contains(err.Error(), "No node with given id") {
			return s, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

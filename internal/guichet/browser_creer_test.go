package guichet

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestNewRegisterInABrowser: a clerk on a fresh laptop runs etatcivil
// guichet on a folder without a register, creates the commune's register
// and its first officer from the page (one mistake refused beside its
// field first), then has the usual counter and opens the officer's key.
// Screenshots with -captures, as TestClerkInABrowser's.
func TestNewRegisterInABrowser(t *testing.T) {
	ctx := browse(t)
	srv, dir := startEmpty(t)
	go srv.Serve()
	shot := func(name string) {
		t.Helper()
		if *captures == "" {
			return
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err == nil {
			os.MkdirAll(*captures, 0o755)
			err = os.WriteFile(filepath.Join(*captures, "creer-"+name+".png"), png, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, steps...); err != nil {
			t.Fatalf("%s : %v", what, err)
		}
	}
	has := func(sel string, want ...string) {
		t.Helper()
		pageHas(t, ctx, sel, want...)
	}

	launch, err := srv.LaunchPage()
	if err != nil {
		t.Fatal(err)
	}
	do("ouverture du lien", chromedp.Navigate("file://"+filepath.ToSlash(launch)), chromedp.WaitVisible(chromedp.ID("champ-commune")))
	has("h1", "Créer le registre de la commune")
	has(".entete", "aucun registre dans le dossier")
	has("nav", "Créer le registre", "Restaurer")
	shot("vide")
	do("Alt+R", chromedp.Navigate(srv.Address()+"restaurer"), chromedp.WaitVisible(chromedp.ID("champ-sauvegarde")))
	has("h1", "Restaurer une sauvegarde")
	shot("restaurer")
	do("retour", chromedp.Navigate(srv.Address()), chromedp.WaitVisible(chromedp.ID("champ-commune")))
	for _, f := range [][2]string{
		{"champ-commune", "Lille"}, {"champ-departement", "Nord"}, {"champ-commune_associee", "Lomme"},
		{"champ-id", "o1"}, {"champ-prenoms", "Anne-Sophie"}, {"champ-nom", "DELCOURT"},
		{"champ-qualite", "maire-delegue"}, {"champ-civilite", "Mme"},
	} {
		do("champ "+f[0], chromedp.SetValue(chromedp.ID(f[0]), f[1]))
	}
	// The officer types the seal's passphrase as their own: refused beside
	// the field, and the passphrases are not sent back to the page.
	do("phrases", chromedp.SendKeys(chromedp.ID("champ-phrase"), sealPhrase), chromedp.SendKeys(chromedp.ID("champ-confirmation"), sealPhrase),
		chromedp.SendKeys(chromedp.ID("champ-phrase_officier"), sealPhrase), chromedp.SendKeys(chromedp.ID("champ-confirmation_officier"), sealPhrase+kb.Enter),
		chromedp.WaitVisible(chromedp.ID("resume-erreurs")))
	has("#champ-phrase_officier-erreur", "Erreur :", "c'est la phrase du sceau de la commune")
	shot("refus")
	do("phrases corrigées", chromedp.SendKeys(chromedp.ID("champ-phrase"), sealPhrase), chromedp.SendKeys(chromedp.ID("champ-confirmation"), sealPhrase),
		chromedp.SendKeys(chromedp.ID("champ-phrase_officier"), phrase), chromedp.SendKeys(chromedp.ID("champ-confirmation_officier"), phrase+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".message")))
	has("h1", "Accueil")
	has(".message", "Registre créé pour Lomme, commune associée de Lille (Nord)", "Officier ajouté : o1")
	has(".entete", "État civil de Lomme (Lille)", "Clé verrouillée")
	shot("cree")
	if _, err := os.Stat(filepath.Join(dir, "registre.db")); err != nil {
		t.Fatal(err)
	}
	do("ouverture de la clé", chromedp.Navigate(srv.Address()+"ouverture"), chromedp.WaitVisible(chromedp.ID("champ-phrase")),
		chromedp.SendKeys(chromedp.ID("champ-phrase"), phrase+kb.Enter), chromedp.WaitVisible(chromedp.CSS(".message")))
	has(".entete", "Clé ouverte", "Anne-Sophie DELCOURT")

	// The register's upkeep: the recovery key's sheet, shown once.
	do("clés", chromedp.Navigate(srv.Address()+"cles"), chromedp.WaitVisible(chromedp.ID("champ-phrase")))
	has("main", "Pas de clé de secours")
	shot("cles")
	do("clé de secours", chromedp.Navigate(srv.Address()+"secours"), chromedp.WaitVisible(chromedp.ID("champ-phrase")),
		chromedp.SendKeys(chromedp.ID("champ-phrase"), sealPhrase+kb.Enter), chromedp.WaitVisible(chromedp.CSS("pre.imprimable")))
	has("pre.imprimable", "AGE-SECRET-KEY-1", "BEGIN CERTIFICATE")
	shot("secours")
	for _, p := range []string{"cles/phrase", "export", "import", "compacter"} {
		do(p, chromedp.Navigate(srv.Address()+p), chromedp.WaitVisible(chromedp.CSS("main form")))
		shot(strings.ReplaceAll(p, "/", "-"))
	}
}

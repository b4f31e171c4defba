package guichet

import (
	"encoding/pem"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"etatcivil/internal/keyring"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

// startEmpty starts a counter on a folder without a register.
func startEmpty(t testing.TB) (*Server, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "registre")
	srv, err := Start(Config{Dir: dir, Agent: "agent-test", Now: (&testClock{t: morning}).Now, Log: io.Discard, Timeout: 200 * time.Millisecond, Parts: parts})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, dir
}

// newRegister is a valid « Créer le registre » form.
func newRegister() url.Values {
	return url.Values{"commune": {"Lille"}, "departement": {"Nord"}, "commune_associee": {"lomme"},
		"phrase": {sealPhrase}, "confirmation": {sealPhrase},
		"id": {"o1"}, "prenoms": {"Anne-Sophie"}, "nom": {"DELCOURT"}, "qualite": {"maire-delegue"}, "civilite": {"Mme"},
		"phrase_officier": {phrase}, "confirmation_officier": {phrase}}
}

// On a folder without a register, the counter serves only « Créer » and
// « Restaurer »; init's refusals are the command's, and write nothing; once
// created, the usual counter, and the officer's key opens with the
// officer's own passphrase.
func TestCreateTheRegisterFromThePage(t *testing.T) {
	srv, dir := startEmpty(t)
	c := open(t, srv)
	for _, path := range []string{"/", "/registre", "/sauvegarde"} {
		if rec := c.get(path); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/creer" {
			t.Fatalf("GET %s without a register: %d %s", path, rec.Code, rec.Header())
		}
	}
	body := must(t, c.get("/creer"), http.StatusOK, "Créer le registre de la commune", "aucun registre dans le dossier", `href="/restaurer"`, `<option value="maire-delegue">`, "Ce dossier ne contient pas encore de registre")
	if strings.Contains(body, "Ouvrir la clé") || strings.Contains(body, `href="/registre"`) {
		t.Fatal("the usual sections are offered without a register")
	}
	bad := newRegister()
	bad.Set("commune", "Lile")
	bad.Set("phrase", "lille123")
	bad.Set("confirmation", "lille123")
	bad.Set("confirmation_officier", "autre chose")
	must(t, c.post("/creer", bad), http.StatusUnprocessableEntity,
		"commune « Lile » introuvable dans le département Nord", "phrase secrète", "les deux phrases secrètes diffèrent", `id="champ-confirmation_officier-erreur"`)
	same := newRegister()
	same.Set("phrase_officier", sealPhrase)
	same.Set("confirmation_officier", sealPhrase)
	must(t, c.post("/creer", same), http.StatusUnprocessableEntity, "c&#39;est la phrase du sceau de la commune")
	// A wrong INSEE code: correct it or leave the field empty (no option
	// to remove on a page: client.do fails on « --insee »).
	insee := newRegister()
	insee.Set("insee", "59999")
	must(t, c.post("/creer", insee), http.StatusUnprocessableEntity, "le code INSEE de Lille est 59350, pas 59999", "ne le donnez pas")
	if entries, _ := os.ReadDir(dir); registry.Exists(dir) || len(entries) > 1 {
		t.Fatalf("a refused creation wrote in the folder: %v", entries)
	}
	rec := c.post("/creer", newRegister())
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/" {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/"), http.StatusOK, "Registre créé pour Lomme, commune associée de Lille (Nord), code INSEE 59350.",
		"Officier ajouté : o1 — Anne-Sophie DELCOURT", "État civil de Lomme (Lille)", "Ouvrir la clé")
	if rec := c.get("/creer"); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/" {
		t.Fatalf("« Créer » once the register exists: %d", rec.Code)
	}
	unlock(t, c)
	err := srv.read(func(s *registry.Store) error {
		_, err := keyring.OpenSeal(s, sealPhrase)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A folder whose register was lost beside its witness is not offered a
// new register (its numbering would start again): the counter refuses to
// start, in the register's words.
func TestLostRegisterIsNotOfferedANewOne(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, registry.WitnessName), []byte("témoin"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := Start(Config{Dir: dir, Log: io.Discard})
	if err == nil {
		srv.Close()
		t.Fatal("a counter started on a lost register")
	}
	if !strings.Contains(err.Error(), "garde son témoin") {
		t.Fatalf("refused with: %v", err)
	}
}

// backupOfFixture writes a backup of the fixture register from its
// counter, and returns it with the recovery key's text as printed (the
// key and the commune's certificate) and its line alone.
func backupOfFixture(t *testing.T) (file, printed, line string) {
	t.Helper()
	srv, _ := start(t)
	pair, err := seal.NewRecovery()
	if err != nil {
		t.Fatal(err)
	}
	err = srv.write(func(s *registry.Store) error {
		auth, err := keyring.OpenSeal(s, sealPhrase)
		if err != nil {
			return err
		}
		printed = "# Clé de secours\n" + pair.Identity + "\n" + string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: auth.Cert.Raw}))
		_, err = s.SetRecoveryKey(registry.RecoveryKey{Destinataire: pair.Recipient}, false, registry.Signer{Key: auth})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c := open(t, srv)
	unlock(t, c)
	file = filepath.Join(t.TempDir(), "lundi.age")
	if rec := c.post("/sauvegarde", url.Values{"dossier": {file}, "meme_disque": {"oui"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("backup: %d %s", rec.Code, rec.Body)
	}
	srv.Close()
	return file, printed, pair.Identity
}

// « Restaurer » on a folder without a register: restaurer's refusals in
// its words (a key without the commune's certificate, another key, a
// damaged file), nothing written; then the register is put back and the
// usual counter serves it.
func TestRestoreFromThePage(t *testing.T) {
	backup, printed, line := backupOfFixture(t)
	srv, dir := startEmpty(t)
	c := open(t, srv)
	must(t, c.get("/restaurer"), http.StatusOK, "Restaurer une sauvegarde", `id="champ-identite"`)
	must(t, c.post("/restaurer", url.Values{"sauvegarde": {backup}, "identite": {line}}), http.StatusUnprocessableEntity,
		"certificat de la commune requis : la clé de secours donnée n&#39;est pas imprimée avec lui")
	other, _ := seal.NewRecovery()
	must(t, c.post("/restaurer", url.Values{"sauvegarde": {backup}, "identite": {other.Identity}, "certificat": {filepath.Join(t.TempDir(), "absent.pem")}}),
		http.StatusUnprocessableEntity, "absent.pem", "fichier introuvable")
	keyFile := filepath.Join(t.TempDir(), "cle-secours.txt")
	os.WriteFile(keyFile, []byte(printed), 0o600)
	damaged := filepath.Join(t.TempDir(), "abime.age")
	os.WriteFile(damaged, []byte("pas une sauvegarde"), 0o600)
	must(t, c.post("/restaurer", url.Values{"sauvegarde": {damaged}, "identite": {keyFile}}), http.StatusUnprocessableEntity,
		"sauvegarde "+damaged+" refusée")
	// A key mistyped, or a file that holds none: beside the key's field, in
	// the page's words (not the command line's « identite »).
	for _, key := range []string{"AGE-SECRET-KEY-1XYZ", damaged} {
		body := must(t, c.post("/restaurer", url.Values{"sauvegarde": {backup}, "identite": {key}}), http.StatusUnprocessableEntity,
			`<p class="erreur" id="champ-identite-erreur"><span><strong>Erreur :</strong> clé de secours`, "aucune clé de secours lisible")
		if strings.Contains(body, "identite (") || strings.Contains(body, "identite "+damaged) {
			t.Fatalf("the command line's word on the page:\n%s", body)
		}
	}
	if registry.Exists(dir) {
		t.Fatal("a refused restore wrote the register")
	}
	rec := c.post("/restaurer", url.Values{"sauvegarde": {backup}, "identite": {keyFile}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("restore: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/"), http.StatusOK, "Registre de Lille (Nord) restauré dans "+dir, "contrôle d&#39;intégrité sans anomalie", "État civil de Lomme (Lille)")
	must(t, c.get("/registre"), http.StatusOK)
}

// BenchmarkSetupPages renders « Créer le registre » and « Restaurer » on a
// folder without a register, as BenchmarkPages the other pages.
func BenchmarkSetupPages(b *testing.B) {
	srv, _ := startEmpty(b)
	c := open(b, srv)
	for _, path := range []string{"/creer", "/restaurer"} {
		b.Run(strings.TrimPrefix(path, "/"), func(b *testing.B) {
			for b.Loop() {
				if rec := c.get(path); rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", path, rec.Code)
				}
			}
		})
	}
}

// A clerk who mistyped the folder is shown which folder holds no register,
// and told not to create a second register beside the commune's: its
// numbering would start again. The program says it too, in its window.
func TestSetupNamesItsFolder(t *testing.T) {
	srv, dir := startEmpty(t)
	if !srv.NoRegister() {
		t.Fatal("a folder without a register is not reported as such")
	}
	c := open(t, srv)
	for _, path := range []string{"/creer", "/restaurer"} {
		must(t, c.get(path), http.StatusOK, "aucun registre dans le dossier "+dir)
	}
	must(t, c.get("/creer"), http.StatusOK, "ne créez pas un second registre")
}

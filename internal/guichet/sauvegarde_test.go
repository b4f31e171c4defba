package guichet

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"etatcivil/internal/keyring"
	"etatcivil/internal/seal"
	"etatcivil/registry"
)

// withRecoveryKey gives the test register the commune's recovery key,
// which backups are encrypted for.
func withRecoveryKey(t *testing.T, srv *Server) {
	t.Helper()
	err := srv.write(func(s *registry.Store) error {
		auth, err := keyring.OpenSeal(s, sealPhrase)
		if err != nil {
			return err
		}
		pair, err := seal.NewRecovery()
		if err != nil {
			return err
		}
		_, err = s.SetRecoveryKey(registry.RecoveryKey{Destinataire: pair.Recipient}, false, registry.Signer{Key: auth})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// « Sauvegarde » applies etatcivil sauvegarde's rules (internal/medium):
// the key must be open, the folder must exist, a folder on the register's
// disk only as a rescue copy, a backup never replaces another; the backup
// is written, read back, and the reminder is then satisfied.
func TestBackupFromThePage(t *testing.T) {
	srv, _ := start(t)
	withRecoveryKey(t, srv)
	c := open(t, srv)
	must(t, c.get("/sauvegarde"), http.StatusOK, "Sauvegarde à faire", "La clé de l'officier est verrouillée", `id="champ-dossier"`, "Aucune sauvegarde depuis la création du registre")
	stick := t.TempDir() // on the register's disk, as every folder of the tests
	if rec := c.post("/sauvegarde", url.Values{"dossier": {stick}}); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/ouverture") {
		t.Fatalf("backup without the key: %d %s", rec.Code, rec.Header())
	}
	unlock(t, c)
	must(t, c.post("/sauvegarde", url.Values{"dossier": {filepath.Join(stick, "absente")}}), http.StatusUnprocessableEntity,
		"ce dossier n&#39;existe pas (la clé USB n&#39;est pas branchée ?)", "branchez la clé USB")
	must(t, c.post("/sauvegarde", url.Values{"dossier": {stick}}), http.StatusUnprocessableEntity,
		"ce dossier est sur le même disque que le registre")
	if rec := c.post("/sauvegarde", url.Values{"dossier": {filepath.Join(stick, "lundi.age")}, "meme_disque": {"oui"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("backup: %d %s", rec.Code, rec.Body)
	}
	backup := filepath.Join(stick, "lundi.age")
	if st, err := os.Stat(backup); err != nil || st.Size() == 0 {
		t.Fatalf("no backup on the medium: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(stick, ".etatcivil-*")); len(left) != 0 {
		t.Fatalf("temporary files left on the medium: %v", left)
	}
	must(t, c.get("/sauvegarde"), http.StatusOK, "Sauvegarde écrite et relue : "+backup, "signée par Anne-Sophie DELCOURT", "À jour", backup+" (2 actes")
	must(t, c.get("/"), http.StatusOK, "À jour : dernière sauvegarde")
	must(t, c.post("/sauvegarde", url.Values{"dossier": {backup}, "meme_disque": {"oui"}}), http.StatusUnprocessableEntity,
		"existe déjà", "une sauvegarde n&#39;en remplace jamais une autre")
	must(t, c.get("/journal"), http.StatusOK, "<td>sauvegarde faite</td>")
}

package guichet

import (
	"net/http"
	"net/url"
	"testing"

	"etatcivil/internal/keyring"
	"etatcivil/registry"
)

// « Ajouter un officier »: officier ajouter's refusals (an id taken, the
// seal's passphrase wrong, the officer's too easy or the seal's), nothing
// written; then the officer added, whose key opens with their own phrase.
func TestAddOfficerFromThePage(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/officiers"), http.StatusOK, `href="/officiers/ajouter"`)
	must(t, c.get("/officiers/ajouter"), http.StatusOK, `id="champ-phrase_officier"`, "Le sceau de la commune")
	nw := "renard violet sous la lune froide"
	v := url.Values{"id": {"o3"}, "prenoms": {"Paul"}, "nom": {"MARTIN"}, "qualite": {"adjoint"}, "civilite": {"M"},
		"phrase": {sealPhrase}, "phrase_officier": {nw}, "confirmation_officier": {nw}}
	bad := cloneValues(v)
	bad.Set("id", "o1")
	must(t, c.post("/officiers/ajouter", bad), http.StatusUnprocessableEntity, "l&#39;identifiant « o1 » est déjà pris")
	bad = cloneValues(v)
	bad.Set("phrase", "pas la bonne")
	must(t, c.post("/officiers/ajouter", bad), http.StatusUnprocessableEntity, "phrase secrète incorrecte")
	bad = cloneValues(v)
	bad.Set("phrase_officier", sealPhrase)
	bad.Set("confirmation_officier", sealPhrase)
	must(t, c.post("/officiers/ajouter", bad), http.StatusUnprocessableEntity, "c&#39;est la phrase du sceau de la commune", `id="champ-phrase_officier-erreur">`)
	bad.Set("phrase_officier", "martin")
	bad.Set("confirmation_officier", "martin")
	must(t, c.post("/officiers/ajouter", bad), http.StatusUnprocessableEntity, `id="champ-phrase_officier-erreur">`)
	if hasOfficer(srv, "o3") {
		t.Fatal("a refused officer was added")
	}
	if rec := c.post("/officiers/ajouter", v); rec.Code != http.StatusSeeOther {
		t.Fatalf("add: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/officiers"), http.StatusOK, "Officier ajouté : o3 — Paul MARTIN")
	if err := srv.read(func(s *registry.Store) error { _, err := keyring.OpenOfficer(s, "o3", nw); return err }); err != nil {
		t.Fatal(err)
	}
}

// hasOfficer tells whether the register knows the officer id.
func hasOfficer(srv *Server, id string) (found bool) {
	srv.read(func(s *registry.Store) error { _, found = s.Officer(id); return nil })
	return found
}

// « Révoquer la clé d'un officier »: officier revoquer's refusals, what the
// revocation means shown first, the NOM typed again and the seal's
// passphrase; nothing revoked until both are right.
func TestRevokeFromThePage(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/officiers"), http.StatusOK, `href="/officiers/revoquer"`)
	must(t, c.post("/officiers/revoquer", url.Values{"officier": {"o2"}, "motif": {"fin-de-mandat"}}), http.StatusUnprocessableEntity, "n&#39;a pas de clé de signature")
	must(t, c.post("/officiers/revoquer", url.Values{"officier": {"o1"}, "motif": {"lassitude"}}), http.StatusUnprocessableEntity, `id="champ-motif-erreur">`)
	v := url.Values{"officier": {"o1"}, "motif": {"fin-de-mandat"}}
	must(t, c.post("/officiers/revoquer", v), http.StatusOK, "Révocation de la clé de signature d&#39;Anne-Sophie DELCOURT (o1)", "Motif : fin de mandat.", "C&#39;est irréversible.", "Pour confirmer, tapez le nom de l&#39;officier (DELCOURT)")
	revoked := func() bool {
		var r bool
		srv.read(func(s *registry.Store) error {
			k, err := s.OfficerKey("o1")
			if k != nil {
				_, r = k.Revoked()
			}
			return err
		})
		return r
	}
	v.Set("nom", "MARTIN")
	v.Set("phrase", sealPhrase)
	must(t, c.post("/officiers/revoquer", v), http.StatusUnprocessableEntity, "révocation non confirmée : « MARTIN » n&#39;est pas le nom de l&#39;officier o1")
	v.Set("nom", "delcourt")
	v.Set("phrase", "pas la bonne")
	must(t, c.post("/officiers/revoquer", v), http.StatusUnprocessableEntity, "phrase secrète incorrecte")
	if revoked() {
		t.Fatal("revoked before it was confirmed")
	}
	v.Set("phrase", sealPhrase)
	if rec := c.post("/officiers/revoquer", v); rec.Code != http.StatusSeeOther {
		t.Fatalf("revoke: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/officiers"), http.StatusOK, "de l&#39;officier o1 révoquée : ")
	if !revoked() {
		t.Fatal("not revoked")
	}
	must(t, c.post("/officiers/revoquer", v), http.StatusUnprocessableEntity, "est déjà révoquée")
}

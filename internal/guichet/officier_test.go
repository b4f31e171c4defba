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

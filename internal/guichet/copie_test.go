package guichet

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"etatcivil/civil"
	"etatcivil/registry"
)

// signBirth prints and signs the fixture's birth naissance/2026/38.
func signBirth(t testing.TB, srv *Server) {
	t.Helper()
	err := srv.write(func(s *registry.Store) error {
		ref := civil.Ref{Registre: civil.Naissance, Annee: 2026, Numero: 38}
		a, err := s.Get(ref)
		if err != nil {
			return err
		}
		if err := s.RecordPrints([]*civil.Act{a}); err != nil {
			return err
		}
		_, _, err = s.Sign(ref)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// pdfsigValid runs pdfsig on a PDF and tells whether it reads a valid
// signature: pdfsig exits 0 even when the signature is invalid, so its
// words are read.
func pdfsigValid(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdfsig"); err != nil {
		t.Skip("pdfsig absent")
	}
	f := filepath.Join(t.TempDir(), "copie.pdf")
	os.WriteFile(f, pdf, 0o600)
	out, err := exec.Command("pdfsig", f).CombinedOutput()
	text := string(out)
	if err != nil || !strings.Contains(text, "Signature Validation: Signature is Valid.") {
		t.Fatalf("pdfsig: %v\n%s", err, text)
	}
	return text
}

func TestCopyRightsShownThenDelivered(t *testing.T) {
	srv, _ := start(t)
	signBirth(t, srv)
	c := open(t, srv)
	must(t, c.get("/copie?acte=naissance/2026/38"), http.StatusOK, "Acte <strong>naissance/2026/38</strong> — Zoé, Chloë MÜLLER — signé",
		"La décision s'affiche ici", "Aucune demande de copie depuis", `<option value="plurilingue">extrait plurilingue</option>`)
	// As the fields are left: a death act has no extract without parents.
	v := url.Values{"acte": {"deces/2026/1"}, "forme": {"extrait"}, "demandeur": {"Thomas MERCIER"}, "qualite": {"tiers"}, "champ_quitte": {"forme"}}
	rec := c.post("/copie/verifier", v)
	var out struct {
		Problemes []fieldProblem
		Apercu    string
	}
	json.Unmarshal(rec.Body.Bytes(), &out)
	if len(out.Problemes) != 1 || !strings.Contains(out.Apercu, "Refusée") {
		t.Fatalf("death extract: %s", rec.Body)
	}
	// A third party asking for the full copy of a birth: refused, before anything is signed or logged.
	v = url.Values{"acte": {"naissance/2026/38"}, "forme": {"integrale"}, "demandeur": {"Thomas MERCIER"}, "qualite": {"tiers"}, "etape": {"verifier"}}
	must(t, c.post("/copie", v), http.StatusUnprocessableEntity, "Refusée", "procureur", `value="Thomas MERCIER"`)
	// The mother, with the parents she names: allowed.
	v = url.Values{"acte": {"naissance/2026/38"}, "forme": {"integrale"}, "demandeur": {"Anaïs Müller"}, "qualite": {"pere-mere"}, "parents": {"anais muller"}, "etape": {"verifier"}}
	must(t, c.post("/copie", v), http.StatusOK, "Droit vérifié</strong> — copie intégrale à délivrer à Anaïs Müller (père ou mère)")
	// Delivered without the key: refused, nothing logged.
	v.Set("etape", "delivrer")
	must(t, c.post("/copie", v), http.StatusUnprocessableEntity, "la clé de l&#39;officier est verrouillée")
	unlock(t, c)
	rec = c.post("/copie", v)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/copie?copie=1" {
		t.Fatalf("deliver: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/copie?copie=1"), http.StatusOK, "Copie intégrale n° 59350-2026-000001 de l&#39;acte naissance/2026/38 délivrée à Anaïs Müller (père ou mère), inscrite au registre des copies (ligne n° 1)",
		`<a class="bouton" href="/copie/document?n=1" target="_blank" data-focus>`, "délivrée, n° 59350-2026-000001")
	rec = c.get("/copie/document?n=1")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("document: %d %v", rec.Code, rec.Header())
	}
	pdfsigValid(t, rec.Body.Bytes())
	if text := pdfText(t, rec.Body.Bytes()); !strings.Contains(text, "MÜLLER") {
		t.Fatalf("copy:\n%s", text)
	}
	// Delivered although refused: the refusal is logged, as the law wants.
	v = url.Values{"acte": {"naissance/2026/38"}, "forme": {"integrale"}, "demandeur": {"Thomas MERCIER"}, "qualite": {"tiers"}, "etape": {"delivrer"}}
	must(t, c.post("/copie", v), http.StatusUnprocessableEntity, "inscrite au registre des copies (ligne n° 2)")
	must(t, c.get("/copie"), http.StatusOK, "<strong>REFUSÉE</strong>")
	// Locked: the copies kept for the screen go with the key.
	c.post("/verrouiller", nil)
	must(t, c.get("/copie/document?n=1"), http.StatusUnprocessableEntity, "n&#39;est plus disponible")
}

package guichet

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestMentionAsked(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	// A draft takes no mention.
	must(t, c.get("/mentions?acte=naissance/2026/38&nature=deces"), http.StatusOK, "Acte naissance/2026/38 — Zoé, Chloë MÜLLER — brouillon")
	signBirth(t, srv)
	must(t, c.get("/mentions?acte=naissance/2026/38"), http.StatusOK, "Acte naissance/2026/38 — Zoé, Chloë MÜLLER — signé", "Aucune mention en marge.",
		`<option value="rectification">`, "Choisissez la nature de la mention")
	body := must(t, c.get("/mentions?acte=naissance/2026/38&nature=Rectification"), http.StatusOK, `<input type="hidden" name="nature" value="rectification">`,
		`<label for="champ-donnees-champ">`, `<label for="champ-donnees-decision-autorite">`, "Le texte s'écrira ici")
	if strings.Contains(body, `<label for="champ-donnees-conjoint">`) {
		t.Fatal("a question of another nature")
	}
	v := url.Values{"acte": {"naissance/2026/38"}, "nature": {"rectification"}, "donnees.champ": {"enfant.prenoms"}, "donnees.valeur": {"Zoë, Chloë"},
		"donnees.decision.autorite": {"procureur de la République près le tribunal judiciaire de Lille"}, "donnees.decision.date": {"32/11/2026"}, "donnees.decision.reference": {"PR-2026-118"}}
	// Each answer checked when left: a date that does not exist.
	w := url.Values{}
	for k, x := range v {
		w[k] = x
	}
	w.Set("champ_quitte", "donnees.decision.date")
	rec := c.post("/mentions/verifier", w)
	var out struct {
		Problemes []fieldProblem
		Apercu    string
	}
	json.Unmarshal(rec.Body.Bytes(), &out)
	if len(out.Problemes) != 1 || !strings.Contains(out.Problemes[0].Regle, "32/11/2026") {
		t.Fatalf("decision.date: %s", rec.Body)
	}
	// Refused when sent, beside the field, the values kept.
	must(t, c.post("/mentions", v), http.StatusUnprocessableEntity, `value="PR-2026-118"`, "32/11/2026")
	v.Set("donnees.decision.date", "23/11/2026")
	w.Set("donnees.decision.date", "23/11/2026")
	rec = c.post("/mentions/verifier", w)
	json.Unmarshal(rec.Body.Bytes(), &out)
	if len(out.Problemes) != 0 || !strings.Contains(out.Apercu, "Zoë") {
		t.Fatalf("aperçu: %s", rec.Body)
	}
	rec = c.post("/mentions", v)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("add: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get(rec.Header().Get("Location")), http.StatusOK, "Mention ajoutée en marge de l&#39;acte naissance/2026/38", "Les extraits portent désormais « Zoë, Chloë MÜLLER »",
		"Mentions déjà portées en marge")
}

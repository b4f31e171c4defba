package guichet

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestNoticeOpenedThenMarkedSent(t *testing.T) {
	srv, clock := start(t)
	c := open(t, srv)
	clock.Advance(72 * time.Hour)
	must(t, c.get("/avis"), http.StatusOK, "À envoyer : 1, dont 1 en retard", `<strong class="retard">EN RETARD</strong> 26/11/2026`,
		"Mairie de Roubaix (Nord)", "Jean-Pierre, Marcel LEFÈVRE, né le 02/03/1941 à Roubaix (Nord)", `href="/avis/pdf?numero=1"`)
	rec := c.get("/avis/pdf?numero=1")
	if rec.Code != http.StatusOK || !strings.Contains(pdfText(t, rec.Body.Bytes()), "LEFÈVRE") {
		t.Fatalf("notice: %d", rec.Code)
	}
	must(t, c.get("/avis/pdf?numero=9"), http.StatusUnprocessableEntity)
	if rec := c.post("/avis", url.Values{"numero": {"1"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("sent: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/avis"), http.StatusOK, "Avis de mention n° 1 marqué envoyé (Mairie de Roubaix (Nord)).", "Aucun avis de mention à envoyer.", "Derniers envoyés")
	must(t, c.post("/avis", url.Values{"numero": {"1"}}), http.StatusUnprocessableEntity, "déjà marqué envoyé")
}

func TestBannsPublished(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/bans"), http.StatusOK, "Aucune publication de bans en 2026.", "Futur époux 1", `<label for="champ-epoux-1-nom">`)
	v := url.Values{
		"epoux[1].nom": {"Bernard"}, "epoux[1].prenoms": {"Camille, Jeanne"}, "epoux[1].sexe": {"F"}, "epoux[1].date_naissance": {"02/04/1996"},
		"epoux[1].lieu_naissance": {"Lomme (Nord)"}, "epoux[1].domicile": {"7 rue du Bourg, Lomme (Nord)"},
		"epoux[2].nom": {"N'DIAYE"}, "epoux[2].prenoms": {"Sacha"}, "epoux[2].sexe": {"M"}, "epoux[2].date_naissance": {"18/09/1995"},
		"epoux[2].lieu_naissance": {"Roubaix (Nord)"}, "epoux[2].domicile": {"7 rue du Bourg, Lomme (Nord)"},
		"date_publication": {"30/11/2026"}, "officier": {"o1"},
	}
	must(t, c.post("/bans", v), http.StatusUnprocessableEntity, `value="Bernard"`, `id="champ-date_publication-bloc"`)
	v.Set("date_publication", "24/11/2026")
	rec := c.post("/bans", v)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get(rec.Header().Get("Location")), http.StatusOK, "Publication des bans enregistrée (bans/2026/1) : Camille, Jeanne BERNARD et Sacha N&#39;DIAYE, affichée le 24/11/2026",
		"du 04/12/2026 au", `href="/bans/affiche?ref=bans%2f2026%2f1" target="_blank" data-focus`)
	rec = c.get("/bans/affiche?ref=bans/2026/1")
	if rec.Code != http.StatusOK || !strings.Contains(pdfText(t, rec.Body.Bytes()), "BERNARD") {
		t.Fatalf("affiche: %d", rec.Code)
	}
}

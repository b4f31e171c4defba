package guichet

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestControleRuns(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/controle"), http.StatusOK, "Lancer le contrôle")
	must(t, c.post("/controle", nil), http.StatusOK, "✔ Aucune anomalie", "2 actes, ")
}

func TestReglagesSetTheIdleLock(t *testing.T) {
	srv, clock := start(t)
	srv.cfg.Idle = 0 // the register's setting, as etatcivil guichet runs
	c := open(t, srv)
	must(t, c.get("/reglages"), http.StatusOK, `name="verrou_guichet_minutes" type="text" value="15"`, `value="4"`, "Aucune sauvegarde depuis la création du registre")
	unlock(t, c)
	must(t, c.get("/"), http.StatusOK, "se verrouille à 08:15")
	must(t, c.post("/reglages", url.Values{"rappel_sauvegarde_heures": {"4"}, "rappel_sauvegarde_actes": {"20"}, "purge_rdv_jours": {"30"}, "verrou_guichet_minutes": {"0"}}),
		http.StatusUnprocessableEntity, "0 minute : hors des limites (1 à 240)")
	must(t, c.post("/reglages", url.Values{"rappel_sauvegarde_heures": {"4"}, "rappel_sauvegarde_actes": {"vingt"}, "purge_rdv_jours": {"30"}, "verrou_guichet_minutes": {"5"}}),
		http.StatusUnprocessableEntity, `id="champ-rappel_sauvegarde_actes-bloc"`)
	if rec := c.post("/reglages", url.Values{"rappel_sauvegarde_heures": {"2"}, "rappel_sauvegarde_actes": {"10"}, "purge_rdv_jours": {"30"}, "verrou_guichet_minutes": {"5"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("settings: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/reglages"), http.StatusOK, "Réglages enregistrés.", `value="5"`, `value="2"`)
	// The open key now locks after five minutes.
	clock.Advance(6 * time.Minute)
	if !srv.keys.expire() {
		t.Fatal("the key outlived the new idle time")
	}
	// Opened again: the setting, not the default.
	unlock(t, c)
	must(t, c.get("/"), http.StatusOK, "se verrouille à 08:11")
}

func TestNumerotationSetAndCorrected(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/numerotation"), http.StatusOK, "<caption>Registres de 2026</caption>", "non fixée</strong> : aucun acte ne peut y être enregistré",
		"<td>naissances</td>", "n° 39")
	if rec := c.post("/numerotation", url.Values{"registre": {"mariage"}, "annee": {"2026"}, "dernier": {"12"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("set: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/numerotation"), http.StatusOK, "Registre des mariages 2026 : le prochain acte portera le numéro 13.")
	// The births have given a number: a correction needs its reason and an officer's passphrase.
	v := url.Values{"registre": {"naissance"}, "annee": {"2026"}, "dernier": {"40"}}
	must(t, c.post("/numerotation", v), http.StatusUnprocessableEntity, "motif")
	v.Set("motif", "le système principal en était au n° 40")
	must(t, c.post("/numerotation", v), http.StatusUnprocessableEntity, "demande l&#39;autorisation d&#39;un officier")
	v.Set("officier", "o1")
	v.Set("phrase", "pas la bonne phrase")
	must(t, c.post("/numerotation", v), http.StatusUnprocessableEntity, "phrase secrète incorrecte")
	v.Set("phrase", phrase)
	if rec := c.post("/numerotation", v); rec.Code != http.StatusSeeOther {
		t.Fatalf("correct: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/numerotation"), http.StatusOK, "corrigée (motif : le système principal en était au n° 40)", "naissance/2026/38 devient naissance/2026/41", "autorisée par o1")
}

func TestOfficiersListedAndChanged(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/officiers"), http.StatusOK, "<td>o1</td>", "Anne-Sophie DELCOURT", "<td>clé ", "sans clé de signature",
		`id="champ-civilite-officier"`, `id="champ-phrase-officier"`)
	if rec := c.post("/officiers/civilite", url.Values{"officier": {"o1"}, "civilite": {"Mme"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("civilité: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/officiers"), http.StatusOK, "Civilité de l&#39;officier o1 enregistrée : Mme — Anne-Sophie DELCOURT, maire déléguée")
	must(t, c.post("/officiers/phrase", url.Values{"officier": {"o1"}, "ancienne": {phrase}, "nouvelle": {"abc"}, "confirmation": {"abd"}}), http.StatusUnprocessableEntity, "diffèrent")
	must(t, c.post("/officiers/phrase", url.Values{"officier": {"o1"}, "ancienne": {phrase}, "nouvelle": {"abc"}, "confirmation": {"abc"}}), http.StatusUnprocessableEntity, `id="champ-phrase-nouvelle-bloc"`)
	strong := "girafe lampadaire cornichon tempête"
	if rec := c.post("/officiers/phrase", url.Values{"officier": {"o1"}, "ancienne": {phrase}, "nouvelle": {strong}, "confirmation": {strong}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("phrase: %d %s", rec.Code, rec.Body)
	}
	if rec := c.post("/ouverture", url.Values{"officier": {"o1"}, "phrase": {strong}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("the new phrase does not open the key: %d", rec.Code)
	}
}

package guichet

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestRendezVousDay(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/rdv"), http.StatusOK, "mardi 24 novembre 2026 : 2 rendez-vous, 12 créneaux libres</h2>", "<caption>Guichet 1</caption>",
		"<td>09:15</td><td>n° 2 — Thomas MERCIER</td><td>03 20 00 00 00</td>", `href="/rdv?jour=2026-11-24&amp;heure=08%3a30&amp;guichet=1#prendre"`,
		`id="champ-prendre-jour" name="jour" type="text" value="24/11/2026"`, `id="champ-ouvrir-duree" name="duree" type="text" value="15"`)
	must(t, c.get("/rdv?jour=25/11/2026"), http.StatusOK, "mercredi 25 novembre 2026 : 0 rendez-vous", "Aucun créneau ouvert ce jour-là")
	// A free slot's link fills the form.
	must(t, c.get("/rdv?jour=2026-11-24&heure=08:45&guichet=1"), http.StatusOK, `id="champ-prendre-heure" name="heure" type="text" value="08:45"`)

	// Book: the slip is offered.
	rec := c.post("/rdv/prendre", url.Values{"jour": {"24/11/2026"}, "heure": {"8h45"}, "nom": {"Léa ROUSSEL"}, "telephone": {"0612345678"}, "objet": {"naissance"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/rdv?jour=2026-11-24&recu=3" {
		t.Fatalf("book: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	must(t, c.get("/rdv?jour=2026-11-24&recu=3"), http.StatusOK, "Rendez-vous n° 3 pris : mardi 24 novembre 2026 à 08:45, guichet 1 — Léa ROUSSEL (06 12 34 56 78)",
		`href="/rdv/recu?n=3" target="_blank" data-focus`)
	rec = c.get("/rdv/recu?n=3")
	if rec.Code != http.StatusOK || !strings.Contains(pdfText(t, rec.Body.Bytes()), "ROUSSEL") {
		t.Fatalf("slip: %d", rec.Code)
	}
	// A slot already taken: refused beside the booking's hour, the values kept.
	body := must(t, c.post("/rdv/prendre", url.Values{"jour": {"24/11/2026"}, "heure": {"09:15"}, "nom": {"Paul DURAND"}, "telephone": {"0600000000"}, "objet": {"copie"}}),
		http.StatusUnprocessableEntity, `value="Paul DURAND"`, "À corriger")
	if !strings.Contains(between(body, `id="champ-prendre-heure-bloc"`, "</div>"), "Erreur :") {
		t.Fatalf("taken slot:\n%s", between(body, `id="resume-erreurs"`, "</div>"))
	}
	// Moved, then cancelled.
	if rec := c.post("/rdv/deplacer", url.Values{"numero": {"3"}, "jour": {"24/11/2026"}, "heure": {"11:00"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("move: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/rdv"), http.StatusOK, "Rendez-vous n° 3 déplacé : mardi 24 novembre 2026 à 11:00, guichet 1 (au lieu du 24/11/2026 à 08:45)")
	must(t, c.post("/rdv/annuler", url.Values{"numero": {"douze"}}), http.StatusUnprocessableEntity, "« douze » n&#39;est pas un numéro de rendez-vous")
	if rec := c.post("/rdv/annuler", url.Values{"numero": {"n° 3"}, "motif": {"annulé par téléphone"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("cancel: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/rdv"), http.StatusOK, "Rendez-vous n° 3 annulé (Léa ROUSSEL", "<h3>Annulés</h3>")
	// Open another desk, then close the first: its appointments are to phone back.
	if rec := c.post("/rdv/ouvrir", url.Values{"jour": {"25/11/2026"}, "de": {"14:00"}, "a": {"15:00"}, "duree": {"20"}, "guichet": {"2"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("open: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/rdv?jour=2026-11-25"), http.StatusOK, "3 créneaux de 20 minutes ouverts le mercredi 25 novembre 2026 au guichet 2, de 14:00 à 15:00.", "<caption>Guichet 2</caption>")
	// One slot, then the same again: the singular.
	for _, want := range []string{"1 créneau de 20 minutes ouvert le mercredi 25 novembre 2026 au guichet 3, de 15:00 à 15:20.", "1 créneau déjà ouvert, laissé tel quel."} {
		if rec := c.post("/rdv/ouvrir", url.Values{"jour": {"25/11/2026"}, "de": {"15:00"}, "a": {"15:20"}, "duree": {"20"}, "guichet": {"3"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("open: %d %s", rec.Code, rec.Body)
		}
		must(t, c.get("/rdv?jour=2026-11-25"), http.StatusOK, want)
	}
	must(t, c.post("/rdv/ouvrir", url.Values{"jour": {"25/11/2026"}, "de": {"14:00"}, "a": {"15:00"}, "duree": {"vingt"}, "guichet": {"2"}}), http.StatusUnprocessableEntity, `id="champ-ouvrir-duree-bloc"`)
	if rec := c.post("/rdv/fermer", url.Values{"jour": {"24/11/2026"}, "guichet": {"1"}, "motif": {"agent absent"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("close: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/rdv"), http.StatusOK, "2 personnes à rappeler : voir « À rappeler ».", "Personnes à rappeler : 2", "Marie DUPONT, 06 12 34 56 78", "<strong>fermé</strong> (agent absent)")
	// The day's book in PDF, the agenda in CSV.
	rec = c.get("/rdv/carnet?jour=2026-11-24")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("book: %d", rec.Code)
	}
	rec = c.get("/rdv/exporter")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Thomas MERCIER") || !strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment;") {
		t.Fatalf("export: %d %v", rec.Code, rec.Header())
	}
	// Import: the export of the main system, as a file sent by the page.
	csv := "jour;heure;guichet;nom;telephone;objet;reference\n2026-11-25;14:20;2;Hugo MOREAU;06 11 22 33 44;copie;EXT-1\n"
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.csrf)
	fw, _ := mw.CreateFormFile("fichier", "agenda.csv")
	fw.Write([]byte(csv))
	mw.Close()
	r := httptest.NewRequest("POST", "/rdv/importer", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Origin", "http://"+c.host)
	if rec := c.do(r); rec.Code != http.StatusSeeOther {
		t.Fatalf("import: %d %s", rec.Code, rec.Body)
	}
	must(t, c.get("/rdv?jour=2026-11-25"), http.StatusOK, "1 rendez-vous importé de agenda.csv.", "Hugo MOREAU")
}

package guichet

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"etatcivil/civil"
	"etatcivil/registry"
)

// pdfOf checks an answer is a PDF never kept by the browser and returns
// its text.
func pdfOf(t *testing.T, c *client, path string) string {
	t.Helper()
	rec := c.get(path)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("%s: %d %v\n%s", path, rec.Code, rec.Header(), rec.Body)
	}
	return pdfText(t, rec.Body.Bytes())
}

func TestTablesAndSummaryPages(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	must(t, c.get("/annee"), http.StatusOK, "Registres tenus sur cet ordinateur", "naissances 2026", "n° 38", "décès 2026",
		"Copies délivrées : 0 ; mentions : 0 ; avis de mention à envoyer : 1.", "⚠ attention : 1 acte encore en brouillon,",
		`<label for="tables-annee">`, `<option value="2023">2023-2032</option>`, `<label for="rapprochement-officier">`, `accesskey="d"`)

	if text := pdfOf(t, c, "/tables?annee=2026"); !strings.Contains(text, "TABLE ANNUELLE 2026") || !strings.Contains(text, "LEFÈVRE") {
		t.Fatalf("annual table:\n%s", text)
	}
	if text := pdfOf(t, c, "/tables?decennale=2023"); !strings.Contains(text, "TABLE DÉCENNALE 2023-2032") {
		t.Fatalf("decennial table:\n%s", text)
	}
	// The command's rule and words (civil.TablesPeriod).
	must(t, c.get("/tables?decennale=2026"), http.StatusUnprocessableEntity, "2026 ne commence pas une période décennale", "rien n&#39;a été enregistré")
	must(t, c.get("/tables?annee=3000"), http.StatusUnprocessableEntity, "année 3000 invalide")

	if text := pdfOf(t, c, "/rapprochement?officier=o1"); !strings.Contains(text, "DELCOURT") || !strings.Contains(text, "38") {
		t.Fatalf("summary:\n%s", text)
	}
	must(t, c.get("/rapprochement?officier=zz"), http.StatusUnprocessableEntity, "officier « zz » inconnu")
}

func TestClosingPage(t *testing.T) {
	srv, _ := start(t)
	c := open(t, srv)
	closed := func(kind civil.Kind) bool {
		var ok bool
		if err := srv.read(func(s *registry.Store) (err error) { ok, err = s.IsClosed(kind, 2026); return err }); err != nil {
			t.Fatal(err)
		}
		return ok
	}
	// What will happen, shown before; the key is needed.
	must(t, c.get("/annee?clore=deces&annee=2026"), http.StatusOK, "Clore le registre des décès 2026 ?", "n° 1 — 1 acte signé, 0 non utilisé, 0 brouillon.",
		"La clé de l'officier est verrouillée", `href="/ouverture?suite=%2Fannee%3Fclore%3Ddeces%26annee%3D2026"`)
	rec := c.post("/cloture", url.Values{"registre": {"deces"}, "annee": {"2026"}})
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/ouverture?suite=") || closed(civil.Deces) {
		t.Fatalf("closing without the key: %d %v", rec.Code, rec.Header())
	}
	unlock(t, c)
	must(t, c.get("/annee?clore=deces&annee=2026"), http.StatusOK, "Clôture au nom de Anne-Sophie DELCOURT", `<button type="submit" accesskey="l"`)

	// A register with a draft: refused with the command's words, nothing written.
	before := journalLength(t, srv)
	must(t, c.post("/cloture", url.Values{"registre": {"naissance"}, "annee": {"2026"}}), http.StatusUnprocessableEntity,
		"des actes sont encore en brouillon : naissance/2026/38", "faites-les signer ou annulez-les")
	if closed(civil.Naissance) || journalLength(t, srv) != before {
		t.Fatal("a refused closing wrote")
	}
	must(t, c.post("/cloture", url.Values{"registre": {"naissance"}, "annee": {"deux mille"}}), http.StatusUnprocessableEntity, "n&#39;est pas une année")

	// Closed, the journal anchored by the officer's key; the statement to print.
	rec = c.post("/cloture", url.Values{"registre": {"deces"}, "annee": {"2026"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/annee?pv=deces&annee=2026" || !closed(civil.Deces) {
		t.Fatalf("closing: %d %v\n%s", rec.Code, rec.Header(), rec.Body)
	}
	if n := journalLength(t, srv); n != before+2 {
		t.Fatalf("journal: %d entries after the closing, want %d (closing and anchor)", n, before+2)
	}
	must(t, c.get("/annee?pv=deces&annee=2026"), http.StatusOK,
		"Registre des décès 2026 clos : n° 1, 1 acte signé, 0 non utilisé. Procès-verbal : à faire signer par l&#39;officier.",
		`<a class="bouton" href="/cloture?registre=deces&amp;annee=2026" target="_blank" data-focus>`)
	if text := pdfOf(t, c, "/cloture?registre=deces&annee=2026"); !strings.Contains(text, "CLÔTURE") && !strings.Contains(text, "clôture") {
		t.Fatalf("statement:\n%s", text)
	}
	// Closed before: said so, nothing written.
	before = journalLength(t, srv)
	c.post("/cloture", url.Values{"registre": {"deces"}, "annee": {"2026"}})
	must(t, c.get("/annee"), http.StatusOK, "Le registre des décès 2026 était déjà clos le ")
	if journalLength(t, srv) != before {
		t.Fatal("closing again wrote")
	}
	must(t, c.get("/cloture?registre=naissance&annee=2026"), http.StatusUnprocessableEntity, "n&#39;est pas clos")
}
